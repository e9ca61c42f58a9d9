import { reminderPrefsSchema } from '@lamina/pathway';
import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

/** GET and PUT /api/patients/:patientId/language */
export const patientLanguageDto = dto('PatientLanguage', {
  patientId: id,
  language: z.enum(['en', 'es']),
});
export type PatientLanguage = z.output<typeof patientLanguageDto>;

/** GET and PUT /api/patients/:patientId/time-zone; `timeZone` null: the clinic's. */
export const patientTimeZoneDto = dto('PatientTimeZone', {
  patientId: id,
  timeZone: z.string().nullable(),
  clinicTimeZone: z.string(),
});
export type PatientTimeZone = z.output<typeof patientTimeZoneDto>;

/** One reminder sent (or skipped) recently. */
export const reminderSendDto = z.strictObject({
  localDate: z.string(),
  channel: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'gone', 'skipped']),
  at: timestamp,
});
export type ReminderSend = z.output<typeof reminderSendDto>;

/** GET /api/patients/:patientId/reminders */
export const reminderStateDto = dto('ReminderState', {
  prefs: reminderPrefsSchema,
  pushDevices: z.number().int(),
  vapidPublicKey: z.string(),
  recentSends: z.array(reminderSendDto),
});
export type ReminderState = z.output<typeof reminderStateDto>;

/** PUT /api/patients/:patientId/reminders */
export const reminderPrefsAnswerDto = z.strictObject({ prefs: reminderPrefsSchema });
export type ReminderPrefsAnswer = z.output<typeof reminderPrefsAnswerDto>;

/** POST /api/patients/:patientId/calendar-feed (201): the private feed URL (shown once). */
export const calendarFeedDto = dto('CalendarFeed', { url: z.string() });
export type CalendarFeed = z.output<typeof calendarFeedDto>;
/** DELETE /api/patients/:patientId/calendar-feed */
export const calendarFeedRevokedDto = z.strictObject({ revoked: z.literal(true) });

/** POST (201) and DELETE /api/patients/:patientId/push-subscriptions */
export const pushSubscriptionDto = z.strictObject({ subscribed: z.boolean() });
export type PushSubscriptionState = z.output<typeof pushSubscriptionDto>;
