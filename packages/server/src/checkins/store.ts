import { randomUUID } from 'node:crypto';
import type { Checkin, HistoryEntry, IsoDate, TriageDecision } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { ackDeadline, alertPriority } from '../alerts/deadlines.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';

/** All SQL about check-ins. The check-in and its alert are written in one transaction. */

export interface StoredCheckin {
  id: string;
  idempotencyKey: string;
  date: IsoDate;
  answers: Checkin;
  decision: TriageDecision;
  level: string;
  submittedAt: Date;
  alertId: string | null;
}

export async function findByIdempotencyKey(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  key: string,
) {
  return db
    .selectFrom('checkins as c')
    .leftJoin('alerts as a', (join) =>
      join.onRef('a.clinic_id', '=', 'c.clinic_id').onRef('a.checkin_id', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.answers',
      'c.triage',
      'c.level',
      'c.submitted_at',
      'a.id as alert_id',
      'a.deadline_at',
    ])
    .where('c.clinic_id', '=', clinicId)
    .where('c.patient_id', '=', patientId)
    .where('c.idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Earlier check-ins for the trajectory rules, as pathway's history entries (date = the clinic's local date). */
export async function recentHistory(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  toLocalDate: (at: Date) => IsoDate,
  limit = 120,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('checkins')
    .select(['answers', 'submitted_at'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...(row.answers as Checkin), date: toLocalDate(row.submitted_at) }));
}

export interface NewCheckin {
  clinicId: string;
  patientId: string;
  surgeryId: string;
  idempotencyKey: string;
  answers: Checkin;
  decision: TriageDecision;
  submittedAt: Date;
  receivedAt: Date;
  timeZone: string;
  actor: Actor;
  ip: string | null;
}

/**
 * Stores the check-in, and an alert when triage asks the care team to act, atomically. Returns
 * undefined when another request with the same idempotency key won the race (nothing is written).
 */
export async function storeCheckin(db: Kysely<Database>, input: NewCheckin) {
  return db.transaction().execute(async (trx) => {
    const checkinId = randomUUID();
    const inserted = await trx
      .insertInto('checkins')
      .values({
        clinic_id: input.clinicId,
        id: checkinId,
        patient_id: input.patientId,
        surgery_id: input.surgeryId,
        idempotency_key: input.idempotencyKey,
        answers: JSON.stringify(input.answers),
        triage: JSON.stringify(input.decision),
        level: input.decision.level,
        submitted_at: input.submittedAt,
        received_at: input.receivedAt,
      })
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return undefined;

    let alert: { id: string; level: string; deadlineAt: Date; repeated: boolean } | null = null;
    const level = input.decision.level;
    const repeatOf = level === 'contact' ? await openContactAlertCovering(trx, input) : undefined;
    if (repeatOf) {
      // Alert fatigue: a contact-level finding already waiting for the team is not raised again;
      // the new check-in is added to that alert's history instead. Urgent and emergency always alert.
      await trx
        .insertInto('alert_events')
        .values({
          clinic_id: input.clinicId,
          alert_id: repeatOf.id,
          actor_id: null,
          kind: 'note',
          note: `Reported again in check-in ${checkinId}`,
          at: input.receivedAt,
        })
        .execute();
      alert = {
        id: repeatOf.id,
        level,
        deadlineAt: repeatOf.deadline_at ?? input.receivedAt,
        repeated: true,
      };
    } else if (level !== 'routine') {
      const alertId = randomUUID();
      const deadlineAt = ackDeadline(level, input.receivedAt, input.timeZone);
      await trx
        .insertInto('alerts')
        .values({
          clinic_id: input.clinicId,
          id: alertId,
          patient_id: input.patientId,
          checkin_id: checkinId,
          level,
          priority: alertPriority[level],
          findings: JSON.stringify(input.decision.findings),
          created_at: input.receivedAt,
          deadline_at: deadlineAt,
          acknowledged_by: null,
          acknowledged_at: null,
          resolved_by: null,
          resolved_at: null,
          notes: null,
        })
        .execute();
      await trx
        .insertInto('alert_events')
        .values({
          clinic_id: input.clinicId,
          alert_id: alertId,
          actor_id: null,
          kind: 'created',
          note: null,
          at: input.receivedAt,
        })
        .execute();
      alert = { id: alertId, level, deadlineAt, repeated: false };
    }
    await recordAudit(trx, {
      clinicId: input.clinicId,
      actor: input.actor,
      action: 'checkin.create',
      subjectType: 'checkin',
      subjectId: checkinId,
      patientId: input.patientId,
      ip: input.ip,
      details: { level, alertId: alert?.id ?? null },
    });
    return { checkinId, alert };
  });
}

/** An unresolved contact alert of this patient whose findings already include every finding of this check-in. */
async function openContactAlertCovering(db: Kysely<Database>, input: NewCheckin) {
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'findings', 'deadline_at'])
    .where('clinic_id', '=', input.clinicId)
    .where('patient_id', '=', input.patientId)
    .where('level', '=', 'contact')
    .where('status', 'in', ['open', 'acknowledged'])
    .orderBy('created_at', 'desc')
    .execute();
  const wanted = input.decision.findings.map((f) => f.ruleId);
  return open.find((row) => {
    const have = new Set((row.findings as { ruleId: string }[]).map((f) => f.ruleId));
    return wanted.every((id) => have.has(id));
  });
}

export async function listCheckins(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  limit = 200,
) {
  return db
    .selectFrom('checkins')
    .select(['id', 'level', 'answers', 'triage', 'submitted_at', 'received_at'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
}
