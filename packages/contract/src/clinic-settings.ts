import { clinicHoursSchema, reminderSettingsSchema } from '@lamina/pathway';
import { z } from 'zod';
import { dto } from './common.ts';

/** The clinic's settings in the console (admins), and a staff member's own alert emails. */

/** How patients reach the clinic and emergency services (shown on the urgent screen). */
const contact = { phone: z.string().nullable(), emergencyNumber: z.string() };

/** GET and PUT /api/clinic/settings: PROM licences, the phone line, the emergency number. */
export const clinicSettingsDto = dto('ClinicSettings', {
  licensedInstruments: z.array(z.string()),
  ...contact,
});
export type ClinicSettings = z.output<typeof clinicSettingsDto>;

/** GET and PUT /api/clinic/profile, PUT /api/clinic/logo */
export const clinicProfileDto = dto('ClinicProfile', {
  ...contact,
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  defaultLanguage: z.enum(['en', 'es']),
  /** Where the logo is served (public), or null when the clinic has none. */
  logoUrl: z.string().nullable(),
});
export type ClinicProfile = z.output<typeof clinicProfileDto>;

/** GET and PUT /api/clinic/hours: opening hours per weekday (null: closed), in the clinic's zone. */
export const clinicHoursDto = dto('ClinicHours', {
  hours: clinicHoursSchema,
  timeZone: z.string(),
});
export type ClinicHoursDto = z.output<typeof clinicHoursDto>;

/** GET and PUT /api/clinic/imaging-storage */
export const imagingStorageDto = dto('ImagingStorage', {
  quotaGigabytes: z.number(),
  usedBytes: z.number(),
});
export type ImagingStorageDto = z.output<typeof imagingStorageDto>;

/** GET and PUT /api/clinic/mfa-policy: roles that must use an authenticator app. */
export const mfaPolicyDto = dto('MfaPolicy', {
  /** The clinic's choice; null: the server's default applies. */
  requiredRoles: z.array(z.string()).nullable(),
  serverDefault: z.array(z.string()),
  inForce: z.array(z.string()),
});
export type MfaPolicyDto = z.output<typeof mfaPolicyDto>;

/** GET /api/clinic/reminder-settings: the clinic's settings and Lamina's defaults. */
export const reminderSettingsDto = z.strictObject({
  settings: reminderSettingsSchema,
  defaults: reminderSettingsSchema,
});
export type ReminderSettingsDto = z.output<typeof reminderSettingsDto>;
/** PUT /api/clinic/reminder-settings */
export const reminderSettingsSavedDto = z.strictObject({ settings: reminderSettingsSchema });
export type ReminderSettingsSaved = z.output<typeof reminderSettingsSavedDto>;

/** GET and PUT /api/staff/me/alert-emails: the signed-in staff member's own choice. */
export const alertEmailsDto = dto('AlertEmails', {
  newUrgent: z.boolean(),
  escalations: z.boolean(),
});
export type AlertEmails = z.output<typeof alertEmailsDto>;
