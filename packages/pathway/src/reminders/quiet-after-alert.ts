/**
 * Issue 16: silence after a serious alert is itself a signal. An urgent or emergency alert that is
 * still open (or acknowledged) with no check-in from the patient in the day since is raised: the
 * queue card shows "no check-in since" and the patient is listed on the "not heard from" worklist
 * (reminders/worklist.ts applies the same rule in SQL). ⚠️ The one-day wait is the team's choice;
 * no source gives it.
 */
export const quietAfterAlertMs = 24 * 3600_000;

export function noCheckinSinceAlert(
  alert: { readonly level: string; readonly createdAt: Date | string },
  lastCheckinAt: Date | string | null,
  now: Date | number,
): boolean {
  if (alert.level !== 'urgent' && alert.level !== 'emergency') return false;
  const raised = new Date(alert.createdAt).getTime();
  if (lastCheckinAt !== null && new Date(lastCheckinAt).getTime() > raised) return false;
  return new Date(now).getTime() - raised >= quietAfterAlertMs;
}
