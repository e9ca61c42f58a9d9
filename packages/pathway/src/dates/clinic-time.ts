import { addDays, type IsoDate } from './dates.ts';

/**
 * Clinic time: what a moment is on the clinic's (or patient's) calendar and clock. The one place
 * Lamina turns instants into local dates, weekdays and business days. Pure: the moment is always
 * passed in (pathway reads no clock); `Intl` supplies the time-zone rules.
 */

// Building an Intl.DateTimeFormat costs far more than using one: one memo per zone and shape
// (derived data, no state another process would need).
const shapes = {
  date: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  'weekday-time': [
    'en-US',
    { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  ],
  full: [
    'en-US',
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    },
  ],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;
const formats = new Map<string, Intl.DateTimeFormat>();
function format(shape: keyof typeof shapes, timeZone: string): Intl.DateTimeFormat {
  const key = `${shape} ${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    const [locale, options] = shapes[shape];
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formats.set(key, found);
  }
  return found;
}

const quarterHourMs = 15 * 60_000;
/** Per zone: the local date of each quarter hour (UTC, counted from 1970) that lies wholly within one date. */
const datesByQuarter = new Map<string, Map<number, IsoDate>>();
const quartersKept = 20_000;
const zonesKept = 64;

/**
 * The calendar date at a moment in a time zone: plans and triage count days in the clinic's zone.
 * Triage asks it for every earlier check-in of every check-in (issue 19), so the answer is
 * remembered per quarter hour when that quarter hour's first and last moments fall on the same
 * date: zone offsets change at most a few times a year, on whole minutes, so a quarter hour whose
 * ends agree lies wholly on that date. Quarter hours across midnight are not remembered.
 * `at` is a Date or milliseconds since 1970 (UTC).
 */
export function localDate(timeZone: string, at: Date | number): IsoDate {
  const quarter = Math.floor((typeof at === 'number' ? at : at.getTime()) / quarterHourMs);
  let byQuarter = datesByQuarter.get(timeZone);
  const known = byQuarter?.get(quarter);
  if (known !== undefined) return known;
  const dates = format('date', timeZone);
  const start = quarter * quarterHourMs;
  const first = dates.format(start) as IsoDate;
  // Across a local midnight: the moment itself decides, and nothing is remembered.
  if (dates.format(start + quarterHourMs - 1) !== first) return dates.format(at) as IsoDate;
  if (!byQuarter || byQuarter.size >= quartersKept) {
    // Bounded in all: at most `zonesKept` zones of at most `quartersKept` quarter hours.
    if (!byQuarter && datesByQuarter.size >= zonesKept) datesByQuarter.clear();
    byQuarter = new Map();
    datesByQuarter.set(timeZone, byQuarter);
  }
  byQuarter.set(quarter, first);
  return first;
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** The weekday and wall-clock time (HH:MM, 24 h) at an instant in a time zone. */
export function localWeekdayAndTime(
  timeZone: string,
  at: Date,
): { weekday: Weekday; time: string } {
  const parts = Object.fromEntries(
    format('weekday-time', timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = String(parts.weekday).slice(0, 3).toLowerCase() as Weekday;
  return { weekday, time: `${parts.hour}:${parts.minute}` };
}

/** The moment a calendar date starts in a time zone (daylight-saving days: offset read at that moment). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const parts = format('full', timeZone);
  const offsetAt = (at: number) => {
    const found = parts.formatToParts(new Date(at));
    const part = (type: string) => Number(found.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    return asUtc - at;
  };
  // Two passes: the offset at the guess, then at the corrected moment (they differ across a DST change).
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** 0 = Sunday … 6 = Saturday, for a calendar date (no time zone: a date is a date). */
function weekdayOfDate(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The date `days` business days after `date`, skipping Saturdays and Sundays (holidays are not modelled). */
export function addBusinessDaysToDate(date: IsoDate, days: number): IsoDate {
  let result = date;
  let added = 0;
  while (added < days) {
    result = addDays(result, 1);
    const day = weekdayOfDate(result);
    if (day !== 0 && day !== 6) added++;
  }
  return result;
}

/**
 * A moment `days` business days (Monday–Friday) after another, stepping a day at a time; the
 * weekday is the one in the given zone (an alert raised on Friday evening is due on Monday evening).
 */
export function addBusinessDays(from: Date, days: number, timeZone: string): Date {
  let result = new Date(from.getTime());
  let added = 0;
  while (added < days) {
    result = new Date(result.getTime() + 86_400_000);
    const { weekday } = localWeekdayAndTime(timeZone, result);
    if (weekday !== 'sat' && weekday !== 'sun') added++;
  }
  return result;
}
