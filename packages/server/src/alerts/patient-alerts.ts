import { type OwnAlert, type PatientAlert, patientAlertListDto } from '@lamina/contract';
import type { Statement } from '@lamina/pathway';
import { audit } from '../audit/audit.ts';
import { onClinicRef } from '../db/joins.ts';
import type { AppContext } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { iso } from '../http/iso.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { alertEventView } from './routes.ts';

/**
 * What a patient sees of their own alert: its level, when it was raised, the instructions they were
 * shown, and whether the care team has seen it. Never staff notes, staff names, clinician summaries
 * or escalation steps (those are the care team's working record).
 */
export type PatientAlertView = OwnAlert;
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
    level: alert.level as OwnAlert['level'],
    createdAt: new Date(alert.created_at).toISOString(),
    deadlineAt: iso(alert.deadline_at),
    instructions: findings.flatMap((f) => (f.instruction ? [f.instruction] : [])),
    acknowledged: alert.acknowledged_at !== null || alert.status !== 'open',
    resolved: alert.resolved_at !== null,
  };
}

/**
 * GET /api/patients/:patientId/alerts: every alert of one patient, newest first. Staff get each
 * alert with its history; the patient gets their own view (patientAlertView).
 */
async function list(c: AppContext) {
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
  await audit(c, {
    action: 'alert.list',
    subjectType: 'alert',
    patientId,
    details: { count: alerts.length },
  });
  if (actor.role === 'patient') {
    return c.json({ alerts: alerts.map(patientAlertView) });
  }
  const events = alerts.length
    ? await db
        .selectFrom('alert_events as e')
        .leftJoin('users as u', (join) => onClinicRef(join, 'u.id', 'e.actor_id'))
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
    alerts: alerts.map(
      (alert): PatientAlert => ({
        id: alert.id,
        level: alert.level as PatientAlert['level'],
        status: alert.status,
        offTrack: alert.off_track,
        findings: alert.findings as PatientAlert['findings'],
        createdAt: new Date(alert.created_at).toISOString(),
        deadlineAt: iso(alert.deadline_at),
        acknowledgedAt: iso(alert.acknowledged_at),
        resolvedAt: iso(alert.resolved_at),
        escalationStep: Number(alert.escalation_step),
        notes: alert.notes,
        events: events.filter((e) => e.alert_id === alert.id).map(alertEventView),
      }),
    ),
  });
}

export const patientAlerts = documentedRoutes([
  {
    method: 'get',
    path: '/api/patients/:patientId/alerts',
    summary:
      "A patient's alerts, newest first: staff get each with its history (created, acknowledged, notes, escalated, resolved); the patient gets level, time, the instructions shown and whether the team has seen it",
    access: 'the patient themself, staff of their clinic, an assigned reviewer',
    response: patientAlertListDto,
    audit: { actions: ['alert.list'] },
    handler: list,
  },
]);
