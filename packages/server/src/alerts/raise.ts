import { randomUUID } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { logFor } from '../http/context.ts';
import { countAlert } from '../log/metrics.ts';
import { type AckDeadlines, type AlertLevel, ackDeadline, alertPriority } from './deadlines.ts';

/**
 * The one place that raises an alert (issue 14): check-ins, second opinions and anything later
 * that asks the care team to act build the alert here, store it here (a query, or a CTE for a
 * caller that must stay one statement) and schedule its escalation here after the commit.
 */

/** A finding as stored in alerts.findings (pathway's Finding, or one built the same way). */
export interface AlertFinding {
  readonly ruleId: string;
  readonly offTrack?: boolean;
}

export interface NewAlert {
  readonly id: string;
  readonly clinicId: string;
  readonly patientId: string;
  readonly level: AlertLevel;
  readonly findings: readonly AlertFinding[];
  readonly createdAt: Date;
  readonly deadlineAt: Date;
  /** Only trajectory rules fired: off the expected course, not in danger today (the calmer list). */
  readonly offTrack: boolean;
}

/** What the caller answers and schedules: the alert's id and when it must be acknowledged. */
export interface RaisedAlert {
  readonly id: string;
  readonly deadlineAt: Date;
  /** For the metrics (lamina_alerts_raised_total). */
  readonly level?: string;
}

/** Builds the alert: its id, its acknowledgement deadline (clinic time) and which list it goes on. */
export function newAlert(input: {
  clinicId: string;
  patientId: string;
  level: AlertLevel;
  findings: readonly AlertFinding[];
  at: Date;
  timeZone: string;
  ackDeadlines?: AckDeadlines;
}): NewAlert {
  return {
    id: randomUUID(),
    clinicId: input.clinicId,
    patientId: input.patientId,
    level: input.level,
    findings: input.findings,
    createdAt: input.at,
    deadlineAt: ackDeadline(input.level, input.at, input.timeZone, input.ackDeadlines),
    offTrack: input.level === 'contact' && input.findings.every((f) => f.offTrack === true),
  };
}

/**
 * The alert and its 'created' event as data-modifying CTEs (`, new_alert as (...), alert_created
 * as (...)`) for a statement whose CTE `source` returns one row with the id of the row the alert
 * belongs to (`checkin_id`): nothing is raised when `source` returns no row (an idempotent replay).
 */
export function raiseAlertCtes(alert: NewAlert, source: { cte: string }): RawBuilder<unknown> {
  const from = sql.ref(source.cte);
  const checkinId = sql.ref(`${source.cte}.id`);
  const at = alert.createdAt.toISOString();
  return sql`, new_alert as (
      insert into alerts (clinic_id, id, patient_id, checkin_id, level, priority, findings, created_at, deadline_at, off_track)
      select ${alert.clinicId}::uuid, ${alert.id}::uuid, ${alert.patientId}::uuid, ${checkinId}, ${alert.level}, ${alertPriority[alert.level]}::smallint,
             ${JSON.stringify(alert.findings)}::jsonb, ${at}::timestamptz, ${alert.deadlineAt.toISOString()}::timestamptz, ${alert.offTrack}::boolean
      from ${from} returning id),
    alert_created as (
      insert into alert_events (clinic_id, alert_id, kind, at)
      select ${alert.clinicId}::uuid, new_alert.id, 'created', ${at}::timestamptz from new_alert)`;
}

/** Stores the alert and its 'created' event (run it inside the caller's transaction). */
export async function raiseAlert(
  db: Kysely<Database>,
  alert: NewAlert,
  created: { actorId?: string | null; note?: string | null } = {},
): Promise<RaisedAlert> {
  await db
    .insertInto('alerts')
    .values({
      clinic_id: alert.clinicId,
      id: alert.id,
      patient_id: alert.patientId,
      checkin_id: null,
      level: alert.level,
      priority: alertPriority[alert.level],
      findings: JSON.stringify(alert.findings),
      created_at: alert.createdAt,
      deadline_at: alert.deadlineAt,
      off_track: alert.offTrack,
      acknowledged_by: null,
      acknowledged_at: null,
      resolved_by: null,
      resolved_at: null,
      notes: null,
      escalated_at: null,
      escalated_to: null,
    })
    .execute();
  await db
    .insertInto('alert_events')
    .values({
      clinic_id: alert.clinicId,
      alert_id: alert.id,
      actor_id: created.actorId ?? null,
      kind: 'created',
      note: created.note ?? null,
      at: alert.createdAt,
    })
    .execute();
  return { id: alert.id, deadlineAt: alert.deadlineAt, level: alert.level };
}

/**
 * Schedules the escalation check at the alert's deadline. Call it AFTER the commit (a job for an
 * alert that was rolled back would be harmless but misleading); if it fails, the minute sweep
 * still escalates the alert, so the failure is logged and the request goes on.
 */
export async function scheduleEscalationAfterCommit(
  c: AppContext,
  alert: RaisedAlert | null | undefined,
): Promise<void> {
  if (!alert) return;
  countAlert(alert.level ?? 'other');
  const { escalation } = c.get('deps');
  await escalation
    ?.scheduleCheck(alert.id, alert.deadlineAt)
    .catch((error: Error) => logFor(c).warn({ err: error }, 'could not schedule escalation'));
}
