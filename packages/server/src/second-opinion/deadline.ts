import {
  addBusinessDaysToDate,
  addDays,
  type IsoDate,
  localDate,
  startOfLocalDay,
} from '@lamina/pathway';

/** Business days a reviewer has for the report unless the clinic says otherwise (issue 8). */
export const defaultReportBusinessDays = 5;

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
  const assignedOn = localDate(timeZone, assignedAt);
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
