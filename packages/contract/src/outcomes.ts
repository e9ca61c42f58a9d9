import { z } from 'zod';
import { dto } from './common.ts';

const perLevel = z.strictObject({
  emergency: z.number().nullable(),
  urgent: z.number().nullable(),
  contact: z.number().nullable(),
});

/** One row per PROM time point (baseline, 6 weeks, …). */
const perTimepoint = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.array(z.strictObject({ timepoint: z.string(), ...shape }));

/** GET /api/outcomes: one region + procedure group of the clinic's outcome report. */
export const outcomeGroupDto = dto('OutcomeGroup', {
  region: z.string(),
  procedure: z.string(),
  patients: z.number().int(),
  /** Per time point: windows that have opened, and how many of those were completed. */
  promCompletion: perTimepoint({
    opened: z.number().int(),
    completed: z.number().int(),
    rate: z.number().nullable(),
  }),
  /** Share of patients with a baseline and a follow-up whose leg/arm pain improved by at least the MCID. */
  mcid: perTimepoint({
    measured: z.number().int(),
    improved: z.number().int(),
    share: z.number().nullable(),
    instrument: z.string(),
    scale: z.string(),
  }),
  patientWeeks: z.number(),
  alertsPer100PatientWeeks: perLevel,
  medianMinutesToAcknowledge: perLevel,
  overdue: z.number().int(),
});
export type OutcomeGroup = z.output<typeof outcomeGroupDto>;
export const outcomeReportDto = z.strictObject({ groups: z.array(outcomeGroupDto) });
