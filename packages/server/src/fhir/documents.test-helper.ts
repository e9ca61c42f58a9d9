import assert from 'node:assert/strict';
import { isoDateSchema } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { demoStaffPassword, seedDemo } from '../demo/seed.ts';
import { TestClient, testFiles } from '../http/test-client.ts';

/** The demo clinic on 2026-11-20 with its second opinion reported (below). */
export async function seedFhirDemo(db: Kysely<Database>, now: Date) {
  await seedDemo(db, isoDateSchema.parse('2026-11-20'), now, testFiles);
  return reportDemoSecondOpinion(db, now);
}

/** A demo staff member signed in to the console. */
export async function signInDemo(db: Kysely<Database>, now: Date, email: string) {
  const client = new TestClient(db, now);
  const signedIn = await client.post('/api/auth/sign-in', {
    clinic: 'demo',
    email,
    password: demoStaffPassword,
  });
  assert.equal(signedIn.status, 200, signedIn.text);
  return client;
}

/**
 * The demo's second opinion (Aisha's, waiting for a reviewer) reported by the demo reviewer half an
 * hour before `now`, with an addendum at `now`: a DocumentReference to read and validate.
 */
export async function reportDemoSecondOpinion(db: Kysely<Database>, now: Date) {
  const reviewer = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'reviewer@demo.example')
    .executeTakeFirstOrThrow();
  const reported = new Date(now.getTime() - 1_800_000);
  const row = await db
    .updateTable('second_opinions')
    .set({
      status: 'reported',
      reviewer_id: reviewer.id,
      assigned_at: reported,
      due_on: '2026-11-27',
      due_at: new Date(now.getTime() + 7 * 86_400_000),
      report: JSON.stringify({
        decompressionAdequate: 'yes',
        fusionForming: 'not_applicable',
        concerns: '',
        recommendation: 'continue_plan',
        patientSummary: 'Your nerve is recovering slowly, which is common; keep to your plan.',
      }),
      reported_at: reported,
      addenda: JSON.stringify([
        { text: 'The scan from October was also reviewed: no change.', at: now.toISOString() },
      ]),
    })
    .returning(['id', 'patient_id'])
    .executeTakeFirstOrThrow();
  return { caseId: row.id, patientId: row.patient_id };
}
