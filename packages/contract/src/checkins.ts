import type { CheckinInput, TriageDecision } from '@lamina/pathway';
import { z } from 'zod';
import { computed, dto, id, timestamp } from './common.ts';

export const triageLevel = z.enum(['routine', 'contact', 'urgent', 'emergency']);

/** GET /api/patients/:patientId/checkins: one stored check-in, newest first. */
export const storedCheckinDto = dto('StoredCheckin', {
  id,
  level: triageLevel,
  /** The answers as the patient gave them (the region's check-in schema, pathway). */
  answers: computed<CheckinInput>('CheckinAnswers'),
  /** The triage decision stored with it (pathway's TriageDecision). */
  triage: computed<TriageDecision>('TriageDecision').nullable(),
  submittedAt: timestamp,
  receivedAt: timestamp,
});
export type StoredCheckin = z.output<typeof storedCheckinDto>;
export const checkinListDto = z.strictObject({ checkins: z.array(storedCheckinDto) });

/** POST /api/patients/:patientId/checkins (201 stored, 200 replayed by the same idempotency key). */
export const checkinSubmittedDto = z.strictObject({
  checkinId: id,
  stored: z.literal(true),
  replayed: z.boolean(),
  decision: computed<TriageDecision>('TriageDecision').nullable(),
  /** The alert the check-in raised or joined (null: none). */
  alert: z
    .strictObject({
      id,
      level: z.string().optional(),
      deadlineAt: timestamp.nullable(),
      /** A repeated contact finding joined an open alert. */
      repeated: z.boolean().optional(),
    })
    .nullable(),
});
export type CheckinSubmitted = z.output<typeof checkinSubmittedDto>;
export type CheckinList = z.output<typeof checkinListDto>;
