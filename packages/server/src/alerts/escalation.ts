import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import { onClinicRef } from '../db/joins.ts';
import type { Database } from '../db/schema.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { type AlertLevel, ackDeadline, resolveAckDeadlines } from './deadlines.ts';

export interface Escalation {
  clinicId: string;
  alertId: string;
  step: number;
  toUserId: string;
  nextDeadline: Date;
}

/**
 * Escalates every open alert whose acknowledgement deadline has passed to the next person on its
 * clinic's on-call list, and gives that person a fresh deadline. Safe to run in several processes
 * at once: each step is claimed with a conditional update, so an alert escalates once per step.
 * An alert with nobody left on the list stays open and shows as overdue.
 */
export async function escalateOverdueAlerts(
  db: Kysely<Database>,
  now: Date,
): Promise<Escalation[]> {
  const overdue = await db
    .selectFrom('alerts as a')
    .innerJoin('clinics as k', 'k.id', 'a.clinic_id')
    .innerJoin('on_call as o', (join) =>
      join
        .onRef('o.clinic_id', '=', 'a.clinic_id')
        .on('o.position', '=', sql<number>`a.escalation_step + 1`),
    )
    .innerJoin('users as u', (join) => onClinicRef(join, 'u.id', 'o.user_id'))
    // The person's choice of alert emails (alerts/notify.ts); no row: escalations are emailed.
    .leftJoin('staff_notification_prefs as n', (join) =>
      onClinicRef(join, 'n.user_id', 'o.user_id'),
    )
    .select([
      'a.clinic_id',
      'a.id',
      'a.level',
      'a.escalation_step',
      'a.patient_id',
      'o.user_id',
      'o.position',
      'u.email',
      'u.display_name',
      'k.timezone',
      'k.ack_deadlines',
      'n.email_escalations',
    ])
    .where('a.status', '=', 'open')
    .where('a.deadline_at', '<=', now)
    .orderBy('a.priority')
    .orderBy('a.created_at')
    .limit(500)
    .execute();
  const done: Escalation[] = [];
  for (const row of overdue) {
    const level = row.level as AlertLevel;
    const nextDeadline = ackDeadline(
      level,
      now,
      row.timezone,
      resolveAckDeadlines(row.ack_deadlines),
    );
    const claimed = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('alerts')
        .set({
          escalation_step: row.escalation_step + 1,
          escalated_at: now,
          escalated_to: row.user_id,
          deadline_at: nextDeadline,
        })
        .where('clinic_id', '=', row.clinic_id)
        .where('id', '=', row.id)
        .where('status', '=', 'open')
        .where('escalation_step', '=', row.escalation_step)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      const note = `Not acknowledged in time: escalated to ${row.display_name} (on call #${row.position}).`;
      await trx
        .insertInto('alert_events')
        .values({
          clinic_id: row.clinic_id,
          alert_id: row.id,
          actor_id: null,
          kind: 'escalated',
          note,
          at: now,
        })
        .execute();
      if (row.email_escalations !== false)
        await queueEmail(trx, {
          clinicId: row.clinic_id,
          to: row.email,
          subject: `Lamina: ${level} alert waiting for you`,
          body: `A ${level} alert has not been acknowledged in time and is now yours. Open the Lamina triage queue now.`,
          kind: 'alert_escalation',
        });
      await recordAudit(trx, {
        clinicId: row.clinic_id,
        actor: null,
        action: 'alert.escalate',
        subjectType: 'alert',
        subjectId: row.id,
        patientId: row.patient_id,
        details: { step: row.escalation_step + 1, to: row.user_id },
      });
      return true;
    });
    if (claimed) {
      done.push({
        clinicId: row.clinic_id,
        alertId: row.id,
        step: row.escalation_step + 1,
        toUserId: row.user_id,
        nextDeadline,
      });
    }
  }
  return done;
}
