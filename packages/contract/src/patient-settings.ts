import { reminderPrefsSchema } from '@lamina/pathway';
import { z } from 'zod';
import { id, timestamp } from './common.ts';

/** GET and PUT /api/patients/:patientId/language */
export const patientLanguageDto = z
  .strictObject({ patientId: id, language: z.enum(['en', 'es']) })
  .meta({ title: 'PatientLanguage' });
export type PatientLanguage = z.output<typeof patientLanguageDto>;

/** GET and PUT /api/patients/:patientId/time-zone; `timeZone` null: the clinic's. */
export const patientTimeZoneDto = z
  .strictObject({ patientId: id, timeZone: z.string().nullable(), clinicTimeZone: z.string() })
  .meta({ title: 'PatientTimeZone' });
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
export const reminderStateDto = z
  .strictObject({
    prefs: reminderPrefsSchema,
    pushDevices: z.number().int(),
    vapidPublicKey: z.string(),
    recentSends: z.array(reminderSendDto),
  })
  .meta({ title: 'ReminderState' });
export type ReminderState = z.output<typeof reminderStateDto>;

/** PUT /api/patients/:patientId/reminders */
export const reminderPrefsAnswerDto = z.strictObject({ prefs: reminderPrefsSchema });
export type ReminderPrefsAnswer = z.output<typeof reminderPrefsAnswerDto>;

/** POST /api/patients/:patientId/calendar-feed (201): the private feed URL (shown once). */
export const calendarFeedDto = z.strictObject({ url: z.string() }).meta({ title: 'CalendarFeed' });
export type CalendarFeed = z.output<typeof calendarFeedDto>;
/** DELETE /api/patients/:patientId/calendar-feed */
export const calendarFeedRevokedDto = z.strictObject({ revoked: z.literal(true) });

/** POST (201) and DELETE /api/patients/:patientId/push-subscriptions */
export const pushSubscriptionDto = z.strictObject({ subscribed: z.boolean() });
export type PushSubscriptionState = z.output<typeof pushSubscriptionDto>;
