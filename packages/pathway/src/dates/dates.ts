import { z } from 'zod';

/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Lamina reasons in whole days: a date has no time
 * zone, so daylight-saving changes cannot shift a plan. All arithmetic goes through UTC midnight.
 */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

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

// Plans do dozens of date steps each, so dates go through integer day numbers (Hinnant's
// civil-from-days algorithm) instead of Date objects and toISOString.
function toEpochDay(date: IsoDate): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}` as IsoDate;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const monthIndex = y * 12 + (m - 1) + months;
  const ty = Math.floor(monthIndex / 12);
  const tm = monthIndex - ty * 12 + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${tm < 10 ? '0' : ''}${tm}-${td < 10 ? '0' : ''}${td}` as IsoDate;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
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
