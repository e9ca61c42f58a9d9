import { z } from 'zod';
import { dto, id } from './common.ts';

/** POST /api/patients (201): the enrolled patient, their app account (if any) and surgery. */
export const enrolledDto = dto('Enrolled', { patientId: id, userId: id.nullable(), surgeryId: id });
export type Enrolled = z.output<typeof enrolledDto>;

/** One row of a CSV import's report. */
export const importRowDto = dto('ImportRow', {
  /** The row's line in a spreadsheet: the header is row 1, the first patient row 2. */
  row: z.number().int(),
  name: z.string(),
  status: z.enum(['new', 'already-enrolled', 'error']),
  errors: z.array(z.string()),
  /** The existing patient (already-enrolled) or the new one (after a real run). */
  patientId: id.optional(),
});
export type ImportRow = z.output<typeof importRowDto>;

/** POST /api/patients/import: what a dry run found, or what a real run enrolled. */
export const importReportDto = dto('ImportReport', {
  dryRun: z.boolean(),
  /** True when the rows were enrolled (a real run without errors). */
  enrolled: z.boolean(),
  counts: z.strictObject({
    rows: z.number().int(),
    new: z.number().int(),
    alreadyEnrolled: z.number().int(),
    errors: z.number().int(),
  }),
  rows: z.array(importRowDto),
});
export type ImportReport = z.output<typeof importReportDto>;

/** The fields of a surgery a correction can change, as the audit keeps them. */
export const correctedSurgeryDto = z.strictObject({
  region: z.string(),
  procedure: z.string(),
  approach: z.string(),
  fusion: z.boolean(),
  levels: z.number().int(),
  surgeryDate: z.string(),
  surgeonId: id.nullable(),
  cancelled: z.boolean(),
});

/** POST /api/patients/:patientId/surgery/corrections */
export const surgeryCorrectedDto = dto('SurgeryCorrected', {
  surgeryId: id,
  /** The names of the fields that changed (empty: nothing did). */
  changed: z.array(correctedSurgeryDto.keyof()),
  surgery: correctedSurgeryDto,
  cancelReason: z.string().nullable(),
});
export type SurgeryCorrected = z.output<typeof surgeryCorrectedDto>;
