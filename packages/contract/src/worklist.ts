import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

export const worklistReasons = ['missed-checkins', 'after-alert'] as const;

/** GET /api/worklist: one patient not heard from (issue 16), until acknowledged. */
export const worklistEntryDto = dto('WorklistEntry', {
  patientId: id,
  name: z.string(),
  phone: z.string().nullable(),
  /** A tel: link for the phone, or null without one. */
  callLink: z.string().nullable(),
  surgeryDate: z.string(),
  reason: z.enum(worklistReasons),
  /** Expected check-in days missed in a row (missed-checkins), or days since the alert (after-alert). */
  days: z.number().int(),
  lastCheckinAt: timestamp.nullable(),
  /** The open urgent/emergency alert with no check-in since (after-alert). */
  alertId: id.nullable(),
  /** Check-in days missed in a row, also beside an after-alert entry; null: not missing them. */
  missedDays: z.number().int().nullable(),
});
export type WorklistEntryDto = z.output<typeof worklistEntryDto>;
export const worklistDto = z.strictObject({ entries: z.array(worklistEntryDto) });
export type Worklist = z.output<typeof worklistDto>;

/** POST /api/worklist/:patientId/acknowledge */
export const worklistAcknowledgedDto = z.strictObject({ acknowledged: z.literal(true) });
