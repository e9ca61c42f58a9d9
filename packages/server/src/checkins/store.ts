import { randomUUID } from 'node:crypto';
import {
  type Checkin,
  type HistoryEntry,
  historyAnswerKeys,
  type IsoDate,
  localDate,
  surgerySchema,
  type TriageDecision,
  triageHistoryNeeded,
} from '@lamina/pathway';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type AckDeadlines, resolveAckDeadlines } from '../alerts/deadlines.ts';
import { newAlertEmailsCte } from '../alerts/notify.ts';
import { newAlert, raiseAlertCtes } from '../alerts/raise.ts';
import type { Actor } from '../auth/access.ts';
import { type SessionRow, sessionRowSql } from '../auth/session.ts';
import { groupedPerDatabase } from '../db/grouped.ts';
import { onClinicRef } from '../db/joins.ts';
import { preparedMarker } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import { type SurgeryRecord, type SurgeryRow, surgeryFieldsOf } from '../patients/store.ts';

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
    .leftJoin('alerts as a', (join) => onClinicRef(join, 'a.checkin_id', 'c.id'))
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

/** What a check-in needs of the patient's current surgery (a part of patients/store.ts's SurgeryRecord). */
export type CheckinSurgery = Pick<SurgeryRecord, 'id' | 'timeZone' | 'ackDeadlines' | 'surgery'>;

/** The read's one column: the session's row and, when it is this patient's own, the surgery and history. */
interface SessionSurgeryJson {
  session: Omit<SessionRow, 'expires_at' | 'revoked_at' | 'disabled_at'> & {
    expires_at: string;
    revoked_at: string | null;
    disabled_at: string | null;
  };
  surgery:
    | (Pick<
        SurgeryRow,
        | 'id'
        | 'region'
        | 'procedure'
        | 'approach'
        | 'fusion'
        | 'levels'
        | 'surgery_date'
        | 'timezone'
      > & {
        ack_deadlines: SurgeryRow['ack_deadlines'];
        /** Each earlier check-in: its answers in `historyAnswerKeys` order (null: not answered), then when it was sent (ms). */
        history: unknown[][];
      })
    | null;
}

const asDate = (text: string | null) => (text === null ? null : new Date(text));

/**
 * The session behind the cookie, the patient's current surgery (as `currentSurgery`) and the
 * history triage needs, in ONE round trip: the check-in hot path needs all three before it can
 * triage (issue 19). The surgery and history are read only when the session is this patient's
 * own; the session rules themselves stay in auth/session.ts (`actorFromSessionRow`). Only the
 * windows triage reads (`triageHistoryNeeded`), with a day's margin for time zones; the early
 * window is counted from the surgery date at UTC midnight. Of each earlier check-in only the
 * answers triage reads (`historyAnswerKeys`, decision 033), dated in the patient's time zone. The
 * answer is one JSON value, not thirty columns: the driver sets up a parser per column of every
 * result (decision 030). The check-ins arriving together share that round trip
 * (`readSessionSurgeries`, decision 032).
 */
export async function sessionSurgeryWithHistory(
  db: Kysely<Database>,
  input: SurgeryLookup,
): Promise<{
  session: SessionRow | undefined;
  found: { record: CheckinSurgery; history: HistoryEntry[] } | undefined;
}> {
  const row = await readSessionSurgery(db, input);
  if (!row) return { session: undefined, found: undefined };
  // Both engines' drivers parse json columns.
  const { session: raw, surgery } = row;
  const session: SessionRow = {
    ...raw,
    expires_at: new Date(raw.expires_at),
    revoked_at: asDate(raw.revoked_at),
    disabled_at: asDate(raw.disabled_at),
  };
  if (!surgery) return { session, found: undefined };
  return {
    session,
    found: {
      record: {
        id: surgery.id,
        timeZone: surgery.timezone,
        ackDeadlines: resolveAckDeadlines(surgery.ack_deadlines),
        surgery: surgerySchema.parse(surgeryFieldsOf(surgery)),
      },
      history: surgery.history.map((row) => historyEntry(row, surgery.timezone)),
    },
  };
}

/**
 * One history row of the read as triage reads it (pathway's HistoryEntry): the answers by position
 * (`historyAnswerKeys`, null where not answered), dated in the patient's time zone by when it was
 * sent (ms, the row's last value).
 */
function historyEntry(row: unknown[], timeZone: string): HistoryEntry {
  const entry: Record<string, unknown> = {};
  for (const [i, key] of historyAnswerKeys.entries()) {
    const value = row[i];
    if (value !== null && value !== undefined) entry[key] = value;
  }
  entry.date = localDate(timeZone, Number(row[historyAnswerKeys.length]));
  return entry as HistoryEntry;
}

// The answers of each earlier check-in that triage reads, as SQL (constant keys; checked to be plain names).
const historyColumns = sql.raw(
  historyAnswerKeys
    .map((key) => {
      if (!/^[a-zA-Z]+$/.test(key)) throw new Error(`not a plain answer key: ${key}`);
      return `h.answers->'${key}'`;
    })
    .join(', '),
);

/** Whose session, surgery and history a check-in reads. */
export interface SurgeryLookup {
  clinicId: string;
  tokenHash: string;
  patientId: string;
  now: Date;
}

/** The most earlier check-ins one read returns (the windows triage reads hold far fewer). */
const historyLimit = 400;

/**
 * The reads of several check-ins arriving together, in one statement (db/grouped.ts, decision
 * 032): one row per lookup whose session exists, numbered like the lookups.
 */
async function readSessionSurgeries(
  db: Kysely<Database>,
  lookups: readonly SurgeryLookup[],
): Promise<(SessionSurgeryJson | undefined)[]> {
  const result = await sessionSurgeriesStatement(lookups).execute(db);
  const found: (SessionSurgeryJson | undefined)[] = lookups.map(() => undefined);
  for (const row of result.rows) found[Number(row.n) - 1] = row.r;
  return found;
}

/** The statement of `readSessionSurgeries` (exported for the test of its plan). */
export function sessionSurgeriesStatement(lookups: readonly SurgeryLookup[]) {
  const day = 86_400_000;
  const earlyDays = triageHistoryNeeded.earlyDaysAfterSurgery + 2;
  const rows = lookups.map((lookup) => ({
    clinic_id: lookup.clinicId,
    token_hash: lookup.tokenHash,
    patient_id: lookup.patientId,
    recent_from: new Date(
      lookup.now.getTime() - (triageHistoryNeeded.recentDays + 2) * day,
    ).toISOString(),
  }));
  return sql<{ n: string; r: SessionSurgeryJson }>`${sql.raw(preparedMarker)}
    select q.n, json_build_object('session', row_to_json(sess), 'surgery', row_to_json(x)) as r
    from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (
        clinic_id uuid, token_hash text, patient_id uuid, recent_from timestamptz))
      with ordinality as q(clinic_id, token_hash, patient_id, recent_from, n)
    -- "limit 1" (the key is unique): a subquery with a limit is not merged into the join, so each
    -- lookup is one index probe; merged, the planner hashes the clinic's every session (seen).
    join lateral (${sql.raw(sessionRowSql)}
      where s.clinic_id = q.clinic_id and s.token_hash = q.token_hash limit 1) sess on true
    left join lateral (
      select s.id, s.region, s.procedure, s.approach, s.fusion, s.levels, s.surgery_date,
        cl.timezone, cl.ack_deadlines,
        (select coalesce(json_agg(json_build_array(${historyColumns}, extract(epoch from h.submitted_at) * 1000)
                                  order by h.submitted_at desc), '[]'::json)
         from (select answers, submitted_at from checkins
               where clinic_id = s.clinic_id and patient_id = s.patient_id
                 and (submitted_at >= q.recent_from
                      or (submitted_at >= (s.surgery_date - 2)::timestamp at time zone 'UTC'
                          and submitted_at <= (s.surgery_date + ${earlyDays}::int)::timestamp at time zone 'UTC'))
               order by submitted_at desc
               limit ${historyLimit}) h) as history
      from surgeries s
      join clinics cl on cl.id = s.clinic_id
      where s.clinic_id = sess.clinic_id and s.patient_id = q.patient_id
        and sess.patient_id = q.patient_id
      -- "+ 0": the patient's few surgeries come from surgeries_patient and are sorted here; the
      -- date order must not tempt the planner into walking the clinic's surgeries_by_date index
      -- (seen with fresh statistics; a generic plan would keep it for the connection's life).
      order by s.surgery_date + 0 desc, s.created_at desc
      limit 1) x on true`;
}

/** Check-ins arriving together read in one statement; two at a time, as reads hold no locks (decision 032). */
const readSessionSurgery = groupedPerDatabase(readSessionSurgeries, {
  maxInFlight: 2,
  maxGroup: 64,
});

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
  ackDeadlines?: AckDeadlines;
  /** The language the patient's screen showed the instructions in (issue 17); null: not said. */
  toldLang?: 'en' | 'es' | null;
  actor: Actor;
  ip: string | null;
}

/**
 * Stores the check-in, its alert (when triage asks the care team to act), the patient's
 * last_checkin_at and its audit entry in ONE statement: data-modifying CTEs are atomic, so all of it lands or none of it does, and the
 * embedded engine does one write instead of a transaction of five. Returns undefined when the
 * idempotency key was already used (nothing is written).
 */
export async function storeCheckin(db: Kysely<Database>, input: NewCheckin) {
  const checkinId = randomUUID();
  const level = input.decision.level;
  const repeatOf = level === 'contact' ? await openContactAlertCovering(db, input) : undefined;
  const at = input.receivedAt.toISOString();
  let alert: { id: string; level: string; deadlineAt: Date; repeated: boolean } | null = null;
  let alertStatements: RawBuilder<unknown> = sql``;
  if (repeatOf) {
    // Alert fatigue: a contact-level finding already waiting for the team is not raised again;
    // the new check-in is added to that alert's history instead. Urgent and emergency always alert.
    alert = {
      id: repeatOf.id,
      level,
      deadlineAt: repeatOf.deadline_at ?? input.receivedAt,
      repeated: true,
    };
    alertStatements = sql`, repeat_event as (
      insert into alert_events (clinic_id, alert_id, kind, note, at)
      select ${input.clinicId}::uuid, ${repeatOf.id}::uuid, 'note', 'Reported again in check-in ' || c.id, ${at}::timestamptz from c)`;
  } else if (level !== 'routine') {
    const raised = newAlert({
      clinicId: input.clinicId,
      patientId: input.patientId,
      level,
      findings: input.decision.findings,
      at: input.receivedAt,
      timeZone: input.timeZone,
      ackDeadlines: input.ackDeadlines,
    });
    alert = { id: raised.id, level, deadlineAt: raised.deadlineAt, repeated: false };
    alertStatements = sql`${raiseAlertCtes(raised, { cte: 'c' })}${newAlertEmailsCte(input.clinicId, level)}`;
  }
  if (alert === null) {
    // A routine check-in (most of them): written with the others arriving at the same time.
    const row = routineRow(input, checkinId);
    return (await writeRoutine(db, row)) ? { checkinId, alert } : undefined;
  }
  const audit = JSON.stringify({ level, alertId: alert.id });
  const result = await sql<{ id: string }>`
    with c as (
      insert into checkins (clinic_id, id, patient_id, surgery_id, idempotency_key, answers, triage, level, submitted_at, received_at, told_lang)
      values (${input.clinicId}::uuid, ${checkinId}::uuid, ${input.patientId}::uuid, ${input.surgeryId}::uuid, ${input.idempotencyKey},
              ${JSON.stringify(input.answers)}::jsonb, ${JSON.stringify(input.decision)}::jsonb, ${level},
              ${input.submittedAt.toISOString()}::timestamptz, ${at}::timestamptz, ${input.toldLang ?? null})
      on conflict (clinic_id, patient_id, idempotency_key) do nothing
      returning id)
    ${alertStatements},
    -- The patient's last check-in, kept on their row for the worklist and the queue (migration 019).
    -- greatest(): a check-in filled offline and sent late must not move it back.
    last_checkin as (
      update patients set last_checkin_at = greatest(last_checkin_at, ${input.submittedAt.toISOString()}::timestamptz)
      where clinic_id = ${input.clinicId}::uuid and id = ${input.patientId}::uuid and exists (select from c)),
    audit as (
      insert into audit_log (clinic_id, actor_id, actor_role, action, subject_type, subject_id, patient_id, ip, details, at)
      select ${input.clinicId}::uuid, ${input.actor.userId}::uuid, ${input.actor.role}, 'checkin.create', 'checkin', c.id::text,
             ${input.patientId}::uuid, ${input.ip}, ${audit}::jsonb, ${at}::timestamptz
      from c)
    select id from c`.execute(db);
  if (result.rows.length === 0) return undefined;
  return { checkinId, alert };
}

/** One routine check-in as a row of the grouped statement (the columns of its recordset). */
interface RoutineRow {
  clinic_id: string;
  id: string;
  patient_id: string;
  surgery_id: string;
  idempotency_key: string;
  answers: Checkin;
  triage: TriageDecision;
  level: string;
  submitted_at: string;
  received_at: string;
  told_lang: string | null;
  actor_id: string;
  actor_role: string;
  ip: string | null;
}

function routineRow(input: NewCheckin, id: string): RoutineRow {
  return {
    clinic_id: input.clinicId,
    id,
    patient_id: input.patientId,
    surgery_id: input.surgeryId,
    idempotency_key: input.idempotencyKey,
    answers: input.answers,
    triage: input.decision,
    level: input.decision.level,
    submitted_at: input.submittedAt.toISOString(),
    received_at: input.receivedAt.toISOString(),
    told_lang: input.toldLang ?? null,
    actor_id: input.actor.userId,
    actor_role: input.actor.role,
    ip: input.ip,
  };
}

/**
 * Routine check-ins, each with its patient's last_checkin_at and its audit entry, in ONE statement
 * (one fixed text, prepared once per connection). Answers, per row, whether it was stored (false:
 * its idempotency key was used before, nothing written for it). Two rows with the same key in one
 * group: the first is stored, the second is not (ON CONFLICT DO NOTHING sees the first).
 */
async function writeRoutineCheckins(
  db: Kysely<Database>,
  rows: readonly RoutineRow[],
): Promise<boolean[]> {
  const [one] = rows;
  // One row (a quiet moment) comes as typed values: cheaper than a JSON array to unpack.
  const source =
    rows.length === 1 && one
      ? sql`(values (${one.clinic_id}::uuid, ${one.id}::uuid, ${one.patient_id}::uuid, ${one.surgery_id}::uuid,
          ${one.idempotency_key}, ${JSON.stringify(one.answers)}::jsonb, ${JSON.stringify(one.triage)}::jsonb,
          ${one.level}, ${one.submitted_at}::timestamptz, ${one.received_at}::timestamptz, ${one.told_lang}::text,
          ${one.actor_id}::uuid, ${one.actor_role}, ${one.ip}::text, 1::bigint))`
      : sql`rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (
          clinic_id uuid, id uuid, patient_id uuid, surgery_id uuid, idempotency_key text, answers jsonb,
          triage jsonb, level text, submitted_at timestamptz, received_at timestamptz, told_lang text,
          actor_id uuid, actor_role text, ip text)) with ordinality`;
  const result = await sql<{ id: string }>`${sql.raw(preparedMarker)}
    with x as (
      select * from ${source} as x(
        clinic_id, id, patient_id, surgery_id, idempotency_key, answers, triage, level, submitted_at,
        received_at, told_lang, actor_id, actor_role, ip, n)),
    c as (
      insert into checkins (clinic_id, id, patient_id, surgery_id, idempotency_key, answers, triage, level, submitted_at, received_at, told_lang)
      select clinic_id, id, patient_id, surgery_id, idempotency_key, answers, triage, level, submitted_at, received_at, told_lang
      from x order by n
      on conflict (clinic_id, patient_id, idempotency_key) do nothing
      returning clinic_id, id, patient_id, submitted_at),
    -- The patients' last check-in (migration 019); greatest(): a late offline check-in must not move it back.
    last_checkin as (
      update patients p set last_checkin_at = greatest(p.last_checkin_at, latest.at)
      from (select clinic_id, patient_id, max(submitted_at) as at from c group by clinic_id, patient_id) latest
      where p.clinic_id = latest.clinic_id and p.id = latest.patient_id),
    audit as (
      insert into audit_log (clinic_id, actor_id, actor_role, action, subject_type, subject_id, patient_id, ip, details, at)
      select x.clinic_id, x.actor_id, x.actor_role, 'checkin.create', 'checkin', c.id::text, x.patient_id, x.ip,
             jsonb_build_object('level', x.level, 'alertId', null), x.received_at
      from c join x on x.clinic_id = c.clinic_id and x.id = c.id
      order by x.n)
    select id from c`.execute(db);
  const stored = new Set(result.rows.map((row) => row.id));
  return rows.map((row) => stored.has(row.id));
}

/**
 * Routine check-ins go through one group-commit queue per database (db/grouped.ts): one statement
 * at a time, the check-ins that arrive meanwhile in the next one, so a busy clinic's writes share
 * commits (decision 032).
 */
const writeRoutine = groupedPerDatabase(writeRoutineCheckins, { maxInFlight: 1, maxGroup: 64 });

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
