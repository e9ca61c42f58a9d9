import { type IsoDate, localDate, plan } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { listCheckins } from '../checkins/store.ts';
import type { Database } from '../db/schema.ts';
import { currentSurgery, getPatient } from '../patients/store.ts';
import { withChangeFromBaseline } from '../proms/change.ts';
import { listPromResponses } from '../proms/store.ts';
import { surgeonName } from './store.ts';
import { buildSummary, type CaseSummary } from './summary.ts';

/** Reads what the summary needs through the feature stores (patients, check-ins, PROMs) and builds it; undefined without a patient. */
export async function snapshotSummary(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  today: IsoDate,
  timeZone: string,
): Promise<CaseSummary | undefined> {
  const patient = await getPatient(db, clinicId, patientId);
  if (!patient) return undefined;
  const record = await currentSurgery(db, clinicId, patientId);
  const checkins = await listCheckins(db, clinicId, patientId, 400);
  const proms = await listPromResponses(db, clinicId, patientId);
  return buildSummary({
    today,
    patient,
    surgery: record?.surgery ?? null,
    surgeonName: record ? await surgeonName(db, clinicId, record.id) : null,
    plan: record ? plan(record.surgery, record.factors, today, record.overrides) : null,
    checkins: checkins
      .map((row) => ({
        date: localDate(timeZone, row.submitted_at) as IsoDate,
        level: row.level,
        answers: row.answers,
      }))
      .reverse(),
    proms: withChangeFromBaseline(
      proms.map((row) => ({
        ...row,
        completedOn: localDate(timeZone, row.completedAt) as IsoDate,
      })),
      record?.surgery.surgeryDate,
    ).map(({ response, change }) => ({
      instrument: response.instrument,
      completedOn: response.completedOn,
      scales: (response.score?.scales ?? []).map((s) => ({ scale: s.scale, value: s.value })),
      change,
    })),
  });
}
