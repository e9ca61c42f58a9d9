import type { Statement } from '@lamina/pathway';
import { Hono } from 'hono';
import { recordAudit } from '../audit/audit.ts';
import type { AppEnv } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';

/**
 * What a patient sees of their own alert: its level, when it was raised, the instructions they were
 * shown, and whether the care team has seen it. Never staff notes, staff names, clinician summaries
 * or escalation steps (those are the care team's working record).
 */
export interface PatientAlertView {
  id: string;
  level: string;
  createdAt: Date;
  /** When the care team should have seen it (the acknowledgement deadline): "will contact you by …". */
  deadlineAt: Date | null;
  instructions: Statement[];
  acknowledged: boolean;
  resolved: boolean;
}

export function patientAlertView(alert: {
  id: string;
  level: string;
  created_at: Date;
  deadline_at: Date | null;
  findings: unknown;
  acknowledged_at: Date | string | null;
  resolved_at: Date | string | null;
  status: string;
}): PatientAlertView {
  const findings = Array.isArray(alert.findings)
    ? (alert.findings as { instruction?: Statement }[])
    : [];
  return {
    id: alert.id,
    level: alert.level,
    createdAt: alert.created_at,
    deadlineAt: alert.deadline_at,
    instructions: findings.flatMap((f) => (f.instruction ? [f.instruction] : [])),
    acknowledged: alert.acknowledged_at !== null || alert.status !== 'open',
    resolved: alert.resolved_at !== null,
  };
}

/**
 * GET /api/patients/:patientId/alerts: every alert of one patient, newest first. Staff get each
 * alert with its history; the patient gets their own view (patientAlertView).
 */
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
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'alert.list',
      subjectType: 'alert',
      patientId,
      ip: c.get('ip'),
      details: { count: alerts.length },
    });
    if (actor.role === 'patient') {
      return c.json({ alerts: alerts.map(patientAlertView) });
    }
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
    return c.json({
      alerts: alerts.map((alert) => ({
        ...alert,
        events: events.filter((e) => e.alert_id === alert.id),
      })),
    });
  });
  return routes;
}
