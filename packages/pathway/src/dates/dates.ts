import { z } from 'zod';

/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Lamina reasons in whole days: a date has no time
 * zone, so daylight-saving changes cannot shift a plan. All arithmetic goes through UTC midnight.
 */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

export function parseIsoDate(value: string): IsoDate | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return value as IsoDate;
}

export const isoDateSchema = z
  .string()
  .refine((value) => parseIsoDate(value) !== undefined, {
    message: 'must be a real calendar date written YYYY-MM-DD',
  })
  .transform((value) => value as IsoDate);

function toUtcMs(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10) as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * msPerDay);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const targetMonthIndex = y * 12 + (m - 1) + months;
  const ty = Math.floor(targetMonthIndex / 12);
  const tm = targetMonthIndex - ty * 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(ty, tm, Math.min(d, lastDay)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / msPerDay);
}

/** A distance from the day of surgery, in the unit the sources use. */
export type Offset =
  | { readonly days: number }
  | { readonly weeks: number }
  | { readonly months: number };

export const offsetSchema = z.union([
  z.strictObject({ days: z.number().int().min(0).max(3650) }),
  z.strictObject({ weeks: z.number().int().min(0).max(520) }),
  z.strictObject({ months: z.number().int().min(0).max(120) }),
]);

export function addOffset(date: IsoDate, offset: Offset): IsoDate {
  if ('days' in offset) return addDays(date, offset.days);
  if ('weeks' in offset) return addDays(date, offset.weeks * 7);
  return addMonths(date, offset.months);
}

export function describeOffset(offset: Offset): string {
  if ('days' in offset) return offset.days === 1 ? '1 day' : `${offset.days} days`;
  if ('weeks' in offset) return offset.weeks === 1 ? '1 week' : `${offset.weeks} weeks`;
  return offset.months === 1 ? '1 month' : `${offset.months} months`;
}
