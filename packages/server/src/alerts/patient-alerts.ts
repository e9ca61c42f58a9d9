import { Hono } from 'hono';
import { recordAudit } from '../audit/audit.ts';
import type { AppEnv } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';

/** GET /api/patients/:patientId/alerts: every alert of one patient with its history, newest first. */
export function patientAlertRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/:patientId/alerts', async (c) => {
    const patientId = pathId(c, 'patientId');
    const actor = await authorizePatient(c, patientId, 'read');
    const { db } = c.get('deps');
    const alerts = await db
      .selectFrom('alerts')
      .select([
        'id',
        'level',
        'status',
        'off_track',
        'findings',
        'created_at',
        'deadline_at',
        'acknowledged_at',
        'resolved_at',
        'escalation_step',
        'notes',
      ])
      .where('clinic_id', '=', actor.clinicId)
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
    const events = alerts.length
      ? await db
          .selectFrom('alert_events as e')
          .leftJoin('users as u', (join) =>
            join.onRef('u.clinic_id', '=', 'e.clinic_id').onRef('u.id', '=', 'e.actor_id'),
          )
          .select(['e.alert_id', 'e.kind', 'e.note', 'e.at', 'u.display_name as actor'])
          .where('e.clinic_id', '=', actor.clinicId)
          .where(
            'e.alert_id',
            'in',
            alerts.map((a) => a.id),
          )
          .orderBy('e.at')
          .execute()
      : [];
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'alert.list',
      subjectType: 'alert',
      patientId,
      ip: c.get('ip'),
      details: { count: alerts.length },
    });
    return c.json({
      alerts: alerts.map((alert) => ({
        ...alert,
        events: events.filter((e) => e.alert_id === alert.id),
      })),
    });
  });
  return routes;
}
