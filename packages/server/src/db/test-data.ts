import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from './schema.ts';

/** A clinic with one clinician and one patient: the least data most tests need. */
export async function aClinicWithPatient(db: Kysely<Database>) {
  const clinicId = randomUUID();
  const clinicianId = randomUUID();
  const patientId = randomUUID();
  await db
    .insertInto('clinics')
    .values({ id: clinicId, slug: `clinic-${clinicId.slice(0, 8)}`, name: 'Test Spine Clinic' })
    .execute();
  await insertUser(db, clinicId, {
    id: clinicianId,
    role: 'clinician',
    email: `surgeon-${clinicianId.slice(0, 8)}@example.org`,
    displayName: 'Dr Test',
  });
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

/** Writes a user row of a clinic (enabled; no password or TOTP unless given); returns its id. */
export async function insertUser(
  db: Kysely<Database>,
  clinicId: string,
  user: {
    role: Role;
    email: string;
    id?: string;
    displayName?: string;
    passwordHash?: string | null;
    totpSecret?: string | null;
  },
): Promise<string> {
  const id = user.id ?? randomUUID();
  await db
    .insertInto('users')
    .values({
      clinic_id: clinicId,
      id,
      role: user.role,
      email: user.email,
      display_name: user.displayName ?? user.email,
      password_hash: user.passwordHash ?? null,
      totp_secret: user.totpSecret ?? null,
      disabled_at: null,
    })
    .execute();
  return id;
}

/**
 * The audit rows of a clinic, of one action (`like` when it ends in %, `in` for a list) or all;
 * select and execute on the answer.
 */
export function auditOf(db: Kysely<Database>, clinicId: string, action?: string | string[]) {
  const rows = db.selectFrom('audit_log').where('clinic_id', '=', clinicId);
  if (action === undefined) return rows;
  if (Array.isArray(action)) return rows.where('action', 'in', action);
  return rows.where('action', action.endsWith('%') ? 'like' : '=', action);
}
