import {
  type AlertDto,
  type AlertEvent,
  type AlertHistoryEvent,
  alertAnswerDto,
  alertDetailDto,
  alertListDto,
  type QueueAlert,
} from '@lamina/contract';
import { noCheckinSinceAlert, safeText } from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { mayActOnPatient } from '../auth/access.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson, requireActor } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { iso } from '../http/iso.ts';
import { conflict, forbidden, notFound } from '../http/problem.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { type AlertAction, actOnAlert, alertEvents, getAlert, openAlertQueue } from './store.ts';

export const noteSchema = z.strictObject({ note: safeText().trim().min(1).max(2000).optional() });
export const requiredNoteSchema = z.strictObject({
  note: safeText().trim().min(1, 'is required').max(2000),
});

/** An alert row to the contract's DTO (@lamina/contract alerts.ts). */
export function alertView(row: NonNullable<Awaited<ReturnType<typeof getAlert>>>): AlertDto {
  return {
    id: row.id,
    patientId: row.patient_id,
    checkinId: row.checkin_id,
    level: row.level as AlertDto['level'],
    priority: Number(row.priority),
    status: row.status,
    offTrack: row.off_track,
    findings: row.findings as AlertDto['findings'],
    createdAt: new Date(row.created_at).toISOString(),
    deadlineAt: iso(row.deadline_at),
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedBy: row.resolved_by,
    resolvedAt: iso(row.resolved_at),
    notes: row.notes,
    escalationStep: Number(row.escalation_step),
    escalatedAt: iso(row.escalated_at),
    escalatedTo: row.escalated_to,
  };
}

export function alertEventView(row: {
  kind: string;
  note: string | null;
  at: Date | string;
  actor: string | null;
}): AlertEvent {
  return { kind: row.kind, note: row.note, at: new Date(row.at).toISOString(), actor: row.actor };
}

async function list(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const { db, now } = c.get('deps');
  const offTrack = c.req.query('list') === 'off-track';
  const rows = await openAlertQueue(db, actor.clinicId, offTrack);
  const at = now();
  await audit(c, { action: 'alert.queue', subjectType: 'alert', details: { count: rows.length } });
  return c.json({
    now: at.toISOString(),
    alerts: rows.map(
      (row): QueueAlert => ({
        id: row.id,
        level: row.level as QueueAlert['level'],
        status: row.status as QueueAlert['status'],
        findings: row.findings as QueueAlert['findings'],
        createdAt: new Date(row.created_at).toISOString(),
        deadlineAt: iso(row.deadline_at),
        acknowledgedAt: iso(row.acknowledged_at),
        acknowledgedBy: row.acknowledged_by,
        notes: row.notes,
        patientId: row.patient_id,
        offTrack: row.off_track,
        escalationStep: Number(row.escalation_step),
        escalatedAt: iso(row.escalated_at),
        // An urgent or emergency alert and no check-in in the day since: raise it (issue 16).
        noCheckinSince: noCheckinSinceAlert(
          { level: row.level, createdAt: row.created_at },
          row.last_checkin_at,
          at,
        ),
        givenName: row.given_name,
        familyName: row.family_name,
        triage: (row.triage ?? null) as QueueAlert['triage'],
        answers: (row.answers ?? null) as QueueAlert['answers'],
        overdue: row.status === 'open' && row.deadline_at !== null && row.deadline_at <= at,
      }),
    ),
  });
}

/** The alert the path names, if the actor may act on its patient (404 / 403 otherwise). */
async function permittedAlert(c: AppContext) {
  const actor = requireActor(c);
  const alertId = pathId(c, 'alertId');
  const alert = await getAlert(c.get('deps').db, actor.clinicId, alertId);
  if (!alert) throw notFound('This alert');
  const patient = { clinicId: actor.clinicId, patientId: alert.patient_id };
  if (!mayActOnPatient(actor, 'act-on-alert', patient)) throw forbidden();
  return { actor, alertId, alert };
}

async function read(c: AppContext) {
  const { actor, alertId, alert } = await permittedAlert(c);
  const { db } = c.get('deps');
  await audit(c, {
    action: 'alert.read',
    subjectType: 'alert',
    subjectId: alertId,
    patientId: alert.patient_id,
  });
  const events = await alertEvents(db, actor.clinicId, alertId);
  return c.json({
    alert: alertView(alert),
    events: events.map(
      (e): AlertHistoryEvent => ({
        kind: e.kind,
        actorId: e.actor_id,
        note: e.note,
        at: new Date(e.at).toISOString(),
      }),
    ),
  });
}

const act = (action: AlertAction) => async (c: AppContext) => {
  // Who may act comes first: someone without access learns nothing, not even what input is valid.
  const { actor, alertId, alert } = await permittedAlert(c);
  const { db, now } = c.get('deps');
  const { note } = await readJson(c, action === 'note' ? requiredNoteSchema : noteSchema);
  const done = await db.transaction().execute(async (trx) => {
    const changed = await actOnAlert(trx, {
      clinicId: actor.clinicId,
      alertId,
      actorId: actor.userId,
      action,
      note: note ?? null,
      at: now(),
    });
    if (changed) {
      const event = {
        action: `alert.${action}`,
        subjectType: 'alert',
        subjectId: alertId,
        patientId: alert.patient_id,
        ...(note ? { details: { note } } : {}),
      };
      await audit(c, event, trx);
    }
    return changed;
  });
  if (!done) throw conflict(`This alert is already ${alert.status}.`);
  const after = await getAlert(db, actor.clinicId, alertId);
  if (!after) throw notFound('This alert');
  return c.json({ alert: alertView(after) });
};

/** Mounted after the live queue's routes: '/api/alerts/queue' is not an alert id. */
export const alerts = documentedRoutes([
  {
    method: 'get',
    path: '/api/alerts',
    summary: 'The triage queue: unresolved alerts, most urgent first',
    access: callers.staff,
    response: alertListDto,
    audit: { actions: ['alert.queue'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/alerts/:alertId',
    summary: 'An alert and its history',
    access: callers.staff,
    response: alertDetailDto,
    audit: { actions: ['alert.read'] },
    handler: read,
  },
  {
    method: 'post',
    path: '/api/alerts/:alertId/acknowledge',
    summary: 'Acknowledge an open alert',
    access: callers.staff,
    body: noteSchema,
    response: alertAnswerDto,
    audit: { actions: ['alert.acknowledge'] },
    handler: act('acknowledge'),
  },
  {
    method: 'post',
    path: '/api/alerts/:alertId/resolve',
    summary: 'Resolve an alert',
    access: callers.staff,
    body: noteSchema,
    response: alertAnswerDto,
    audit: { actions: ['alert.resolve'] },
    handler: act('resolve'),
  },
  {
    method: 'post',
    path: '/api/alerts/:alertId/notes',
    summary: 'Add a note to an alert',
    access: callers.staff,
    body: requiredNoteSchema,
    response: alertAnswerDto,
    audit: { actions: ['alert.note'] },
    handler: act('note'),
  },
]);
