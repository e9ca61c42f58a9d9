import { z } from 'zod';
import { localWeekdayAndTime } from '../dates/clinic-time.ts';

/**
 * When a clinic's care managers are at their desks, in the clinic's own time zone. Outside these
 * hours a callback request goes to the on-call care manager. Pure: the instant is passed in.
 */

const timeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time like 08:00');

export const openingSchema = z
  .strictObject({ open: timeOfDay, close: timeOfDay })
  .refine((o) => o.open < o.close, { message: 'must close after it opens', path: ['close'] });

/** One entry per weekday; null: closed all day. */
export const clinicHoursSchema = z.strictObject({
  mon: openingSchema.nullable(),
  tue: openingSchema.nullable(),
  wed: openingSchema.nullable(),
  thu: openingSchema.nullable(),
  fri: openingSchema.nullable(),
  sat: openingSchema.nullable(),
  sun: openingSchema.nullable(),
});
export type ClinicHours = z.output<typeof clinicHoursSchema>;

const weekdayHours = { open: '08:00', close: '17:00' } as const;
export const defaultClinicHours: ClinicHours = {
  mon: weekdayHours,
  tue: weekdayHours,
  wed: weekdayHours,
  thu: weekdayHours,
  fri: weekdayHours,
  sat: null,
  sun: null,
};

/** Whether the clinic is open at this instant: opening time included, closing time excluded. */
export function isClinicOpen(hours: ClinicHours, timeZone: string, at: Date): boolean {
  const { weekday, time } = localWeekdayAndTime(timeZone, at);
  const today = hours[weekday];
  return today !== null && time >= today.open && time < today.close;
}
