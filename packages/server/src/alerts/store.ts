import { type Kysely, sql } from 'kysely';
import { onClinicRef } from '../db/joins.ts';
import type { Database } from '../db/schema.ts';

/** All SQL about alerts. */

/**
 * A clinic's open and acknowledged alerts with their patient and check-in: what the queue and its
 * cards read from. `a`, `p` and `c` are the alert, the patient and the check-in (none for some).
 */
function openAlerts(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('patients as p', (join) => onClinicRef(join, 'p.id', 'a.patient_id'))
    .leftJoin('checkins as c', (join) => onClinicRef(join, 'c.id', 'a.checkin_id'))
    .where('a.clinic_id', '=', clinicId)
    .where('a.status', 'in', ['open', 'acknowledged']);
}

/** The alert and patient columns both the queue and its cards show. */
const queueAlertColumns = [
  'a.id',
  'a.level',
  'a.status',
  'a.findings',
  'a.created_at',
  'a.deadline_at',
  'a.acknowledged_at',
  'a.acknowledged_by',
  'a.notes',
  'a.patient_id',
  'a.off_track',
  'a.escalation_step',
  'a.escalated_at',
  'p.given_name',
  'p.family_name',
  // Issue 16: the patient's latest check-in ("no check-in since" this alert), kept on the
  // patient row by the check-in's own statement (migration 019).
  'p.last_checkin_at',
] as const;

/** The red-flag queue (`offTrack: false`) or the calmer off-track list (`offTrack: true`). */
export async function openAlertQueue(
  db: Kysely<Database>,
  clinicId: string,
  offTrack = false,
  limit = 200,
) {
  return openAlerts(db, clinicId)
    .select([...queueAlertColumns, 'c.triage', 'c.answers'])
    .where('a.off_track', '=', offTrack)
    .orderBy('a.priority')
    .orderBy('a.created_at')
    .limit(limit)
    .execute();
}

export async function getAlert(db: Kysely<Database>, clinicId: string, alertId: string) {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', alertId)
    .executeTakeFirst();
}

export async function alertEvents(db: Kysely<Database>, clinicId: string, alertId: string) {
  return db
    .selectFrom('alert_events')
    .select(['kind', 'actor_id', 'note', 'at'])
    .where('clinic_id', '=', clinicId)
    .where('alert_id', '=', alertId)
    .orderBy('at')
    .execute();
}

export type AlertAction = 'acknowledge' | 'resolve' | 'note';

/** Moves an alert along open → acknowledged → resolved; returns false when it was not in a state that allows it. */
export async function actOnAlert(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    alertId: string;
    actorId: string;
    action: AlertAction;
    note: string | null;
    at: Date;
  },
): Promise<boolean> {
  const { clinicId, alertId, actorId, action, note, at } = input;
  const alert = db
    .updateTable('alerts')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', alertId);
  const update =
    action === 'acknowledge'
      ? alert
          .set({ status: 'acknowledged', acknowledged_by: actorId, acknowledged_at: at })
          .where('status', '=', 'open')
      : action === 'resolve'
        ? // Resolving an open alert acknowledges it too: someone acted on it.
          alert
            .set((eb) => ({
              status: 'resolved',
              resolved_by: actorId,
              resolved_at: at,
              acknowledged_by: eb.fn.coalesce('acknowledged_by', eb.val(actorId)),
              acknowledged_at: eb.fn.coalesce('acknowledged_at', eb.val(at)),
            }))
            .where('status', 'in', ['open', 'acknowledged'])
        : alert.set({ notes: note });
  const { numUpdatedRows: updated } = await update.executeTakeFirst();
  if (Number(updated) !== 1) return false;
  const kind =
    action === 'acknowledge' ? 'acknowledged' : action === 'resolve' ? 'resolved' : 'note';
  await db
    .insertInto('alert_events')
    .values({ clinic_id: clinicId, alert_id: alertId, actor_id: actorId, kind, note, at })
    .execute();
  return true;
}

/**
 * What one queue card needs, and nothing more: the alert's findings once (not the check-in's
 * whole triage and answers), the instruction the patient was shown, the patient's name and latest
 * surgery date. Open and acknowledged alerts only; `alertId` reads one card (undefined when that
 * alert is resolved or not in this clinic).
 */
export async function queueCards(
  db: Kysely<Database>,
  clinicId: string,
  filter: { offTrack: boolean; limit?: number } | { alertId: string },
) {
  let query = openAlerts(db, clinicId).select((eb) => [
    ...queueAlertColumns,
    'a.priority',
    // Issue 17: how to reach the patient, in which language, and their age, on the card itself.
    'p.phone',
    'p.language',
    'p.date_of_birth',
    'c.told_lang',
    sql<unknown>`c.triage -> 'instruction'`.as('instruction'),
    sql<number | null>`(c.triage ->> 'daysSinceSurgery')::integer`.as('days_since_surgery'),
    eb
      .selectFrom('surgeries as s')
      .select('s.surgery_date')
      .whereRef('s.clinic_id', '=', 'a.clinic_id')
      .whereRef('s.patient_id', '=', 'a.patient_id')
      .orderBy('s.surgery_date', 'desc')
      .limit(1)
      .as('surgery_date'),
  ]);
  if ('alertId' in filter) {
    query = query.where('a.id', '=', filter.alertId);
  } else {
    query = query.where('a.off_track', '=', filter.offTrack).limit(filter.limit ?? 200);
  }
  return query.orderBy('a.priority').orderBy('a.created_at').orderBy('a.id').execute();
}

export type QueueCardRow = Awaited<ReturnType<typeof queueCards>>[number];
