import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A clinic with one clinician and one patient: the least data most tests need. */
export async function aClinicWithPatient(db: Kysely<Database>) {
  const clinicId = randomUUID();
  const clinicianId = randomUUID();
  const patientId = randomUUID();
  await db
    .insertInto('clinics')
    .values({ id: clinicId, slug: `clinic-${clinicId.slice(0, 8)}`, name: 'Test Spine Clinic' })
    .execute();
  await db
    .insertInto('users')
    .values({
      clinic_id: clinicId,
      id: clinicianId,
      role: 'clinician',
      email: `surgeon-${clinicianId.slice(0, 8)}@example.org`,
      display_name: 'Dr Test',
      password_hash: null,
      totp_secret: null,
      disabled_at: null,
    })
    .execute();
  await db
    .insertInto('patients')
    .values({
      clinic_id: clinicId,
      id: patientId,
      user_id: null,
      given_name: 'Ada',
      family_name: 'Patient',
      date_of_birth: '1961-04-02',
      email: null,
      phone: null,
      created_by: clinicianId,
    })
    .execute();
  return { clinicId, clinicianId, patientId };
}
