import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The few queries that authorization needs (which patient exists, who reviews whom): shared, below the features. */

export async function patientExists(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('patients')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isAssignedReviewer(
  db: Kysely<Database>,
  clinicId: string,
  reviewerId: string,
  patientId: string,
) {
  const row = await db
    .selectFrom('reviewer_assignments')
    .select('patient_id')
    .where('clinic_id', '=', clinicId)
    .where('reviewer_id', '=', reviewerId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}
