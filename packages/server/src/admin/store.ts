import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Updateable } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { queueEmail } from '../jobs/outbox.ts';

/** All SQL behind the admin and account-security routes. */

export async function userByEmail(db: Kysely<Database>, clinicId: string, email: string) {
  return db
    .selectFrom('users')
    .select(['id'])
    .where('clinic_id', '=', clinicId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function getUser(db: Kysely<Database>, clinicId: string, userId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'role',
      'email',
      'display_name',
      'disabled_at',
      'totp_secret',
      'totp_pending_secret',
    ])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function clinicName(db: Kysely<Database>, clinicId: string): Promise<string> {
  const row = await db
    .selectFrom('clinics')
    .select('name')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/** A staff account with no password yet, its one-time invitation token and the email carrying it. */
export async function createInvitation(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    role: Exclude<Role, 'patient'>;
    email: string;
    name: string;
    tokenHash: string;
    at: Date;
    expiresAt: Date;
    mail: { subject: string; body: string };
  },
) {
  const userId = randomUUID();
  await db
    .insertInto('users')
    .values({
      clinic_id: input.clinicId,
      id: userId,
      role: input.role,
      email: input.email,
      display_name: input.name,
      password_hash: null,
      totp_secret: null,
      disabled_at: null,
    })
    .execute();
  await db
    .insertInto('sign_in_tokens')
    .values({
      clinic_id: input.clinicId,
      token_hash: input.tokenHash,
      user_id: userId,
      purpose: 'staff_invite',
      created_at: input.at,
      expires_at: input.expiresAt,
    })
    .execute();
  await queueEmail(db, {
    clinicId: input.clinicId,
    to: input.email,
    subject: input.mail.subject,
    body: input.mail.body,
    kind: 'staff_invite',
  });
  return userId;
}

/** Uses an invitation once: the user it belongs to, or undefined when unknown, used or expired. */
export async function consumeInvitation(
  db: Kysely<Database>,
  clinicId: string,
  tokenHash: string,
  at: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable('sign_in_tokens')
    .set({ used_at: at })
    .where('clinic_id', '=', clinicId)
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', 'staff_invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** An update of one account of the clinic; the callers add their own conditions and run it. */
function updateUser(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
  values: Updateable<Database['users']>,
) {
  return db
    .updateTable('users')
    .set(values)
    .where('clinic_id', '=', clinicId)
    .where('id', '=', userId);
}

export async function setPassword(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
  passwordHash: string,
) {
  const result = await updateUser(db, clinicId, userId, { password_hash: passwordHash })
    .where('disabled_at', 'is', null)
    .where('role', '!=', 'patient')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function disableUser(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
  at: Date,
) {
  await updateUser(db, clinicId, userId, { disabled_at: at })
    .where('disabled_at', 'is', null)
    .execute();
}

export async function setPendingTotp(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
  secret: string,
) {
  await updateUser(db, clinicId, userId, { totp_pending_secret: secret }).execute();
}

/** Moves the confirmed pending secret into use; false when it changed meanwhile (a second setup). */
export async function enableTotp(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
  confirmedSecret: string,
) {
  const result = await updateUser(db, clinicId, userId, {
    totp_secret: confirmedSecret,
    totp_pending_secret: null,
  })
    .where('totp_pending_secret', '=', confirmedSecret)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Returns false when the reviewer was already assigned. */
export async function assignReviewer(
  db: Kysely<Database>,
  input: { clinicId: string; reviewerId: string; patientId: string; by: string; at: Date },
) {
  const row = await db
    .insertInto('reviewer_assignments')
    .values({
      clinic_id: input.clinicId,
      reviewer_id: input.reviewerId,
      patient_id: input.patientId,
      assigned_by: input.by,
      assigned_at: input.at,
    })
    .onConflict((oc) => oc.columns(['clinic_id', 'reviewer_id', 'patient_id']).doNothing())
    .returning('patient_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function clinicSettings(db: Kysely<Database>, clinicId: string) {
  const row = await db
    .selectFrom('clinics')
    .select(['licensed_instruments', 'phone', 'emergency_number'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return {
    licensedInstruments: row.licensed_instruments,
    phone: row.phone,
    emergencyNumber: row.emergency_number,
  };
}

/** Sets what is given; undefined leaves a value as it is. */
export async function setClinicContact(
  db: Kysely<Database>,
  clinicId: string,
  contact: { phone?: string | null | undefined; emergencyNumber?: string | undefined },
) {
  if (contact.phone === undefined && contact.emergencyNumber === undefined) return;
  await db
    .updateTable('clinics')
    .set({
      ...(contact.phone === undefined ? {} : { phone: contact.phone }),
      ...(contact.emergencyNumber === undefined
        ? {}
        : { emergency_number: contact.emergencyNumber }),
    })
    .where('id', '=', clinicId)
    .execute();
}

export async function setLicensedInstruments(
  db: Kysely<Database>,
  clinicId: string,
  instruments: readonly string[],
) {
  await db
    .updateTable('clinics')
    .set({ licensed_instruments: sql<string[]>`${sql.val([...instruments])}::text[]` })
    .where('id', '=', clinicId)
    .execute();
}

export interface AuditFilters {
  patientId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

/** What an audit-log row says (its id aside): the columns of the log page and of the CSV export. */
export const auditLogColumns = [
  'at',
  'actor_id',
  'actor_role',
  'action',
  'subject_type',
  'subject_id',
  'patient_id',
  'ip',
  'details',
] as const;

/** A clinic's audit entries matching the filters, newest first. */
export async function queryAudit(
  db: Kysely<Database>,
  clinicId: string,
  filters: AuditFilters,
  page: { limit: number; after?: string | undefined },
) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', ...auditLogColumns])
    .where('clinic_id', '=', clinicId);
  if (filters.patientId) query = query.where('patient_id', '=', filters.patientId);
  if (filters.actorId) query = query.where('actor_id', '=', filters.actorId);
  if (filters.action) query = query.where('action', '=', filters.action);
  if (filters.from) query = query.where('at', '>=', filters.from);
  if (filters.to) query = query.where('at', '<', filters.to);
  // Keyset paging: the log grows at the top while someone pages, so offsets would shift.
  // The cursor's own row supplies (at, id) at full database precision.
  if (page.after)
    query = query.where(
      sql<boolean>`(at, id) < (select c.at, c.id from audit_log c where c.clinic_id = ${clinicId} and c.id = ${page.after})`,
    );
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** Roles that work the inbox and the on-call list: the care team, not reviewers or patients. */
export const careTeamRoles = ['care_manager', 'clinician', 'admin'] as const;

/** The clinic's care team, disabled accounts included (flagged), by name. */
export async function listCareTeam(db: Kysely<Database>, clinicId: string) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'disabled_at'])
    .where('clinic_id', '=', clinicId)
    .where('role', 'in', careTeamRoles)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
  }));
}

/** An active care-team member of the clinic, or undefined. */
export async function activeCareTeamMember(db: Kysely<Database>, clinicId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name as name'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', userId)
    .where('role', 'in', careTeamRoles)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}
