import { addDays, type IsoDate } from '@lamina/pathway';
import { localDate } from '../http/guard.ts';

/** Business days a reviewer has for the report unless the clinic says otherwise (issue 8). */
export const defaultReportBusinessDays = 5;

/** 0 = Sunday … 6 = Saturday, for a calendar date (no time zone: a date is a date). */
function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The date `days` business days after `date`, skipping Saturdays and Sundays (holidays are not modelled). */
export function addBusinessDaysToDate(date: IsoDate, days: number): IsoDate {
  let result = date;
  let added = 0;
  while (added < days) {
    result = addDays(result, 1);
    const day = weekday(result);
    if (day !== 0 && day !== 6) added++;
  }
  return result;
}

/** The moment a calendar date starts in a time zone (handles daylight-saving days: offset read at that moment). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
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

export interface ReportDeadline {
  /** The clinic-local date the report is due (by the end of it). */
  readonly dueOn: IsoDate;
  /** The end of that day in the clinic's time zone. */
  readonly dueAt: Date;
}

/** Due by the end of the Nth business day after the day of assignment, counted in the clinic's time zone. */
export function reportDeadline(
  assignedAt: Date,
  timeZone: string,
  businessDays = defaultReportBusinessDays,
): ReportDeadline {
  const assignedOn = localDate(timeZone, assignedAt) as IsoDate;
  const dueOn = addBusinessDaysToDate(assignedOn, businessDays);
  return { dueOn, dueAt: startOfLocalDay(addDays(dueOn, 1), timeZone) };
}

export interface DeadlineStatus {
  readonly overdue: boolean;
  /** Milliseconds until the due moment (negative when overdue). */
  readonly msLeft: number;
}

export function deadlineStatus(dueAt: Date, now: Date): DeadlineStatus {
  const msLeft = dueAt.getTime() - now.getTime();
  return { overdue: msLeft < 0, msLeft };
}
