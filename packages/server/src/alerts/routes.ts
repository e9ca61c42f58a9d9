import { noCheckinSinceAlert, safeText } from '@lamina/pathway';
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import { mayActOnPatient } from '../auth/access.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { pathId, readJson, requireActor } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { conflict, forbidden, notFound } from '../http/problem.ts';
import { type AlertAction, actOnAlert, alertEvents, getAlert, openAlertQueue } from './store.ts';

export const noteSchema = z.strictObject({ note: safeText().trim().min(1).max(2000).optional() });
export const requiredNoteSchema = z.strictObject({
  note: safeText().trim().min(1, 'is required').max(2000),
});

export function alertRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const actor = authorizeClinic(c, 'view-triage-queue');
    const { db, now } = c.get('deps');
    const offTrack = c.req.query('list') === 'off-track';
    const rows = await openAlertQueue(db, actor.clinicId, offTrack);
    const at = now();
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'alert.queue',
      subjectType: 'alert',
      ip: c.get('ip'),
      details: { count: rows.length },
    });
    return c.json({
      now: at,
      alerts: rows.map((row) => ({
        ...row,
        overdue: row.status === 'open' && row.deadline_at !== null && row.deadline_at <= at,
        // An urgent or emergency alert and no check-in in the day since: raise it (issue 16).
        no_checkin_since: noCheckinSinceAlert(
          { level: row.level, createdAt: row.created_at },
          row.last_checkin_at,
          at,
        ),
      })),
    });
  });

  routes.get('/:alertId', async (c) => {
    const actor = requireActor(c);
    const alertId = pathId(c, 'alertId');
    const { db } = c.get('deps');
    const alert = await getAlert(db, actor.clinicId, alertId);
    if (!alert) throw notFound('This alert');
    if (
      !mayActOnPatient(actor, 'act-on-alert', {
        clinicId: actor.clinicId,
        patientId: alert.patient_id,
      })
    )
      throw forbidden();
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'alert.read',
      subjectType: 'alert',
      subjectId: alertId,
      patientId: alert.patient_id,
      ip: c.get('ip'),
    });
    return c.json({ alert, events: await alertEvents(db, actor.clinicId, alertId) });
  });

  const act = (action: AlertAction) => async (c: AppContext) => {
    const actor = requireActor(c);
    const alertId = pathId(c, 'alertId');
    const { db, now } = c.get('deps');
    // Who may act comes first: someone without access learns nothing, not even what input is valid.
    const alert = await getAlert(db, actor.clinicId, alertId);
    if (!alert) throw notFound('This alert');
    if (
      !mayActOnPatient(actor, 'act-on-alert', {
        clinicId: actor.clinicId,
        patientId: alert.patient_id,
      })
    )
      throw forbidden();
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
        await recordAudit(trx, {
          clinicId: actor.clinicId,
          actor,
          action: `alert.${action}`,
          subjectType: 'alert',
          subjectId: alertId,
          patientId: alert.patient_id,
          ip: c.get('ip'),
          details: note ? { note } : undefined,
        });
      }
      return changed;
    });
    if (!done) throw conflict(`This alert is already ${alert.status}.`);
    return c.json({ alert: await getAlert(db, actor.clinicId, alertId) });
  };

  routes.post('/:alertId/acknowledge', act('acknowledge'));
  routes.post('/:alertId/resolve', act('resolve'));
  routes.post('/:alertId/notes', act('note'));
  return routes;
}
