import type { IsoDate } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { snapshotSummary } from './snapshot.ts';
import { createCase } from './store.ts';

/** Demo only: one patient (Aisha, 100 days after surgery) has asked for a second opinion that waits for a reviewer. */
export async function seedDemoSecondOpinion(
  db: Kysely<Database>,
  clinicId: string,
  today: IsoDate,
  now: Date,
) {
  const patient = await db
    .selectFrom('patients as p')
    .innerJoin('clinics as c', 'c.id', 'p.clinic_id')
    .select(['p.id', 'c.timezone'])
    .where('p.clinic_id', '=', clinicId)
    .where('p.email', '=', 'aisha@demo.example')
    .executeTakeFirst();
  if (!patient) return;
  const summary = await snapshotSummary(db, clinicId, patient.id, today, patient.timezone);
  if (!summary) return;
  await createCase(db, {
    clinicId,
    patientId: patient.id,
    question:
      'The numbness in my left foot has not changed since surgery, three months ago. Should I worry?',
    shareIdentity: false,
    summary,
    at: new Date(now.getTime() - 3_600_000),
  });
}
