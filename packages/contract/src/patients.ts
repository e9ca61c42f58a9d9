import type { RecoveryPlan } from '@lamina/pathway';
import { patientFactorsSchema, planOverridesSchema, surgerySchema } from '@lamina/pathway';
import { z } from 'zod';
import { computed, dto, id, timestamp } from './common.ts';

/**
 * GET /api/patients: one row of the clinic's patient list. Written out without dto(): the web
 * build's contract test (packages/web/src/contract.test.ts) renames its indented openAlerts line.
 */
export const patientListItemDto = z
  .strictObject({
    id,
    givenName: z.string(),
    familyName: z.string(),
    surgeryDate: z.string().nullable(),
    openAlerts: z.number().int(),
  })
  .meta({ title: 'PatientListItem' });
export type PatientListItem = z.output<typeof patientListItemDto>;
export const patientListDto = z.strictObject({ patients: z.array(patientListItemDto) });

export const patientDto = dto('Patient', {
  id,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.enum(['en', 'es']),
  mrn: z.string().nullable(),
  createdAt: timestamp,
});
export type PatientDto = z.output<typeof patientDto>;

export const ackDeadlineDto = z.union([
  z.strictObject({ seconds: z.number() }),
  z.strictObject({ businessDays: z.number() }),
]);
export type Deadline = z.output<typeof ackDeadlineDto>;

export const surgeryRecordDto = dto('SurgeryRecord', {
  id,
  timeZone: z.string(),
  ackDeadlines: z.record(z.string(), ackDeadlineDto),
  surgery: surgerySchema,
  factors: patientFactorsSchema,
  overrides: planOverridesSchema,
  surgeonId: id.nullable(),
  /** Set when the surgery was cancelled (issue 15): there is no plan for it. */
  cancelledAt: timestamp.nullable(),
  cancelReason: z.string().nullable(),
});

/** GET /api/patients/:patientId */
export const patientDetailDto = z.strictObject({
  patient: patientDto,
  surgery: surgeryRecordDto.nullable(),
});
export type PatientDetail = z.output<typeof patientDetailDto>;

/** GET /api/patients/:patientId/plan: the clinical core's recovery plan for that day. */
export const recoveryPlanDto = computed<RecoveryPlan>('RecoveryPlan');

/** PUT /api/patients/:patientId/overrides */
export const overridesAnswerDto = z.strictObject({ overrides: planOverridesSchema });
