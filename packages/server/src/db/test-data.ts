import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Updateable } from 'kysely';
import { disableUser as disableAccount } from '../admin/store.ts';
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

/** Disables a user's account now, as an admin does (admin/store's disableUser). */
export async function disableUser(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
): Promise<void> {
  await disableAccount(db, clinicId, userId, new Date());
}

/** How many audit rows of one action (matched as `auditOf` does) a clinic has. */
export async function auditCount(
  db: Kysely<Database>,
  clinicId: string,
  action: string | string[],
): Promise<number> {
  const { n } = await auditOf(db, clinicId, action)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Asserts that each action stands in the clinic's audit log (of one patient or subject when given). */
export async function assertAudited(
  db: Kysely<Database>,
  clinicId: string,
  actions: string[],
  of: { patientId?: string; subjectId?: string } = {},
): Promise<void> {
  let rows = auditOf(db, clinicId).select('action');
  if (of.patientId) rows = rows.where('patient_id', '=', of.patientId);
  if (of.subjectId) rows = rows.where('subject_id', '=', of.subjectId);
  const found = new Set((await rows.execute()).map((r) => r.action));
  for (const action of actions) assert.ok(found.has(action), action);
}

/** Assigns the patient to a reviewer of the clinic, as an admin would (no assigner recorded). */
export async function assignReviewer(
  db: Kysely<Database>,
  clinicId: string,
  reviewerId: string,
  patientId: string,
): Promise<void> {
  await db
    .insertInto('reviewer_assignments')
    .values({
      clinic_id: clinicId,
      reviewer_id: reviewerId,
      patient_id: patientId,
      assigned_by: null,
    })
    .execute();
}

/** The outbox rows of a clinic, of one kind; select and execute on the answer. */
export function outboxOf(db: Kysely<Database>, clinicId: string, kind: string) {
  return db.selectFrom('outbox').where('clinic_id', '=', clinicId).where('kind', '=', kind);
}

/** Changes columns of a clinic's row, as a test sets up what the API does not let it set. */
export async function updateClinic(
  db: Kysely<Database>,
  clinicId: string,
  values: Updateable<Database['clinics']>,
): Promise<void> {
  await db.updateTable('clinics').set(values).where('id', '=', clinicId).execute();
}

/** Changes columns of one patient row, as a test sets up what the API does not let it set. */
export async function updatePatient(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  values: Updateable<Database['patients']>,
): Promise<void> {
  await db
    .updateTable('patients')
    .set(values)
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .execute();
}

/** Writes an open alert (not acknowledged, resolved or escalated) as the tests need it to stand. */
export async function insertAlert(
  db: Kysely<Database>,
  alert: {
    clinicId: string;
    patientId: string;
    checkinId?: string | null;
    level: string;
    priority: number;
    findings?: string;
    createdAt?: Date;
  },
): Promise<void> {
  await db
    .insertInto('alerts')
    .values({
      clinic_id: alert.clinicId,
      patient_id: alert.patientId,
      checkin_id: alert.checkinId ?? null,
      level: alert.level,
      priority: alert.priority,
      findings: alert.findings ?? '[]',
      ...(alert.createdAt ? { created_at: alert.createdAt } : {}),
      // No deadline, acknowledgement, resolution, notes or escalation: those columns stay NULL.
    })
    .execute();
}

/** Writes a patient (no account, no date of birth) and their surgery, open, one level; returns the id. */
export async function insertPatientWithSurgery(
  db: Kysely<Database>,
  clinicId: string,
  patient: {
    email: string;
    region: 'lumbar' | 'cervical';
    surgeryDate: string;
    givenName?: string;
    familyName?: string;
    language?: 'en' | 'es';
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('patients')
    .values({
      clinic_id: clinicId,
      id,
      user_id: null,
      given_name: patient.givenName ?? 'A',
      family_name: patient.familyName ?? 'B',
      date_of_birth: null,
      email: patient.email,
      phone: null,
      created_by: null,
      ...(patient.language ? { language: patient.language } : {}),
    })
    .execute();
  await db
    .insertInto('surgeries')
    .values({
      clinic_id: clinicId,
      patient_id: id,
      surgeon_id: null,
      region: patient.region,
      procedure: 'laminectomy',
      approach: 'open',
      levels: 1,
      surgery_date: patient.surgeryDate,
    })
    .execute();
  return id;
}

/** The tables whose rows belong to one clinic (they have a clinic_id). */
type ClinicTable = {
  [T in keyof Database]: Database[T] extends { clinic_id: unknown } ? T : never;
}[keyof Database];

/** How many rows a table holds: of one clinic when given, else all. */
export async function countRows(
  db: Kysely<Database>,
  table: ClinicTable,
  clinicId?: string,
): Promise<number> {
  const ofClinic = clinicId === undefined ? sql`` : sql`where clinic_id = ${clinicId}`;
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from ${sql.table(table)} ${ofClinic}`.execute(db);
  return Number(rows[0]?.n);
}
