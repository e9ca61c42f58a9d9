import type { TriageLevel } from '@lamina/pathway';

/** How long the care team has to acknowledge an alert, per level (issue 7 defaults; clinics may shorten). */
export type AckDeadlines = {
  readonly [L in Exclude<TriageLevel, 'routine'>]: { minutes?: number; businessDays?: number };
};

export const defaultAckDeadlines: AckDeadlines = {
  emergency: { minutes: 5 },
  urgent: { minutes: 60 },
  contact: { businessDays: 2 },
};

/** The queue sorts on priority: 0 is the most urgent. */
export const alertPriority: Readonly<Record<Exclude<TriageLevel, 'routine'>, number>> = {
  emergency: 0,
  urgent: 1,
  contact: 2,
};

/** Adds business days (Monday–Friday) to a moment; the weekday is the clinic's local one. */
export function addBusinessDays(from: Date, days: number, timeZone: string): Date {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
  const weekday = (date: Date) => format.format(date);
  let result = new Date(from.getTime());
  let added = 0;
  while (added < days) {
    result = new Date(result.getTime() + 86_400_000);
    const day = weekday(result);
    if (day !== 'Sat' && day !== 'Sun') added++;
  }
  return result;
}

export function ackDeadline(
  level: Exclude<TriageLevel, 'routine'>,
  raisedAt: Date,
  timeZone: string,
  deadlines = defaultAckDeadlines,
): Date {
  const rule = deadlines[level];
  if (rule.businessDays !== undefined)
    return addBusinessDays(raisedAt, rule.businessDays, timeZone);
  return new Date(raisedAt.getTime() + (rule.minutes ?? 60) * 60_000);
}
