import { randomUUID } from 'node:crypto';
import type { PromInstrumentId, PromScore } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** All SQL about PROM responses and which instruments a clinic holds a licence for. */

/** The clinic's time zone (PROM dates are its local dates) and the instruments it holds a licence for. */
export async function clinicPromSettings(db: Kysely<Database>, clinicId: string) {
  const row = await db
    .selectFrom('clinics')
    .select(['timezone', 'licensed_instruments'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return { timeZone: row.timezone, licensedInstruments: row.licensed_instruments };
}

export async function insertPromResponse(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    patientId: string;
    instrument: PromInstrumentId;
    answers: unknown;
    score: PromScore;
    enteredBy: string;
    at: Date;
  },
) {
  const id = randomUUID();
  await db
    .insertInto('prom_responses')
    .values({
      clinic_id: input.clinicId,
      id,
      patient_id: input.patientId,
      instrument: input.instrument,
      answers: JSON.stringify(input.answers),
      // The first scale, for sorting and quick looks; `scores` holds every scale.
      score: input.score.scales[0]?.value ?? null,
      scores: JSON.stringify(input.score),
      due_on: null,
      completed_at: input.at,
      entered_by: input.enteredBy,
    })
    .execute();
  return id;
}

export async function listPromResponses(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  limit = 500,
) {
  const rows = await db
    .selectFrom('prom_responses')
    .select(['id', 'instrument', 'answers', 'scores', 'completed_at', 'entered_by'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('completed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    instrument: row.instrument as PromInstrumentId,
    answers: row.answers,
    score: row.scores as PromScore | null,
    completedAt: row.completed_at,
    enteredBy: row.entered_by,
  }));
}
