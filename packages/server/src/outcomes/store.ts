import type { IsoDate, PromInstrumentId, Region } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OutcomePatient } from './compute.ts';

/** Loads a clinic's patients with their latest surgery, PROM scores and alerts for the outcome report. */
export async function loadOutcomePatients(
  db: Kysely<Database>,
  clinicId: string,
  toLocalDate: (at: Date) => IsoDate,
  now: Date,
  filter: { region?: string | undefined; procedure?: string | undefined } = {},
): Promise<OutcomePatient[]> {
  let surgeries = db
    .selectFrom('surgeries')
    .select(['patient_id', 'region', 'procedure', 'surgery_date', 'created_at'])
    .where('clinic_id', '=', clinicId);
  if (filter.region) surgeries = surgeries.where('region', '=', filter.region);
  if (filter.procedure) surgeries = surgeries.where('procedure', '=', filter.procedure);
  const rows = await surgeries.orderBy('surgery_date', 'desc').execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.patient_id)) latest.set(row.patient_id, row);

  const responses = await db
    .selectFrom('prom_responses')
    .select(['patient_id', 'instrument', 'scores', 'completed_at'])
    .where('clinic_id', '=', clinicId)
    .execute();
  const alerts = await db
    .selectFrom('alerts')
    .select(['patient_id', 'level', 'status', 'created_at', 'acknowledged_at', 'deadline_at'])
    .where('clinic_id', '=', clinicId)
    .execute();

  const byPatient = new Map<string, OutcomePatient>();
  for (const [patientId, surgery] of latest) {
    byPatient.set(patientId, {
      region: surgery.region as Region,
      procedure: surgery.procedure,
      surgeryDate: surgery.surgery_date as IsoDate,
      responses: [],
      alerts: [],
    });
  }
  for (const response of responses) {
    const patient = byPatient.get(response.patient_id);
    if (!patient) continue;
    const scales: Record<string, number> = {};
    for (const scale of (response.scores as { scales?: { id: string; value: number }[] } | null)
      ?.scales ?? []) {
      scales[scale.id] = scale.value;
    }
    patient.responses.push({
      instrument: response.instrument as PromInstrumentId,
      completedOn: toLocalDate(response.completed_at),
      scales,
    });
  }
  for (const alert of alerts) {
    const patient = byPatient.get(alert.patient_id);
    if (!patient) continue;
    patient.alerts.push({
      level: alert.level,
      createdAt: alert.created_at,
      acknowledgedAt: alert.acknowledged_at,
      overdue: alert.status === 'open' && alert.deadline_at !== null && alert.deadline_at <= now,
    });
  }
  return [...byPatient.values()];
}
