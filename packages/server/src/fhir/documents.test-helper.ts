import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

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
