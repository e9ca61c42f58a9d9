import { type RawBuilder, sql } from 'kysely';

/**
 * Care-team alert emails (issue 16): the one place that decides who is emailed about an alert,
 * besides the live console. Each staff member chooses in staff_notification_prefs:
 * `email_new_urgent` (default off) — a new urgent or emergency alert; `email_escalations`
 * (default on, the behaviour before) — an overdue alert escalated to them (alerts/escalation.ts
 * consults it). No health details in the email: it says a level and "open the console".
 */
export const newAlertEmailSubject = (level: string) => `Lamina: new ${level} alert`;
export const newAlertEmailBody = (level: string) =>
  `A new ${level} alert is waiting in the Lamina triage queue. Open the console to see it.`;

/**
 * A CTE (to follow a `new_alert` CTE returning the alert's id) that queues the new-alert email to
 * every staff member who chose it, in the same statement as the alert: the email exists exactly when
 * the alert does. Empty for levels below urgent.
 */
export function newAlertEmailsCte(clinicId: string, level: string): RawBuilder<unknown> {
  if (level !== 'urgent' && level !== 'emergency') return sql``;
  return sql`, alert_emails as (
    insert into outbox (clinic_id, to_address, subject, body_text, kind)
    select u.clinic_id, u.email, ${newAlertEmailSubject(level)}, ${newAlertEmailBody(level)}, 'alert_new'
    from new_alert
    join staff_notification_prefs n on n.clinic_id = ${clinicId}::uuid and n.email_new_urgent
    join users u on u.clinic_id = n.clinic_id and u.id = n.user_id and u.disabled_at is null
      and u.role <> 'patient')`;
}
