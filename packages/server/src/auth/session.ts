import { type Kysely, sql } from 'kysely';
import { onClinicRef } from '../db/joins.ts';
import { preparedMarker } from '../db/open.ts';
import type { Database, Role } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { staffIdleMinutes } from './limits.ts';
import { hashToken, newSecretToken, parseClinicToken } from './tokens.ts';

/**
 * The session cookie's name. Behind TLS (LAMINA_SECURE_COOKIES=true) it carries the __Host- prefix:
 * the browser then only keeps it if it is Secure, Path=/ and has no Domain, so a sibling subdomain
 * or a plain-http page cannot plant or overwrite it (decision 012).
 */
export const sessionCookieName = (secureCookies: boolean) =>
  secureCookies ? '__Host-lamina_session' : 'lamina_session';

/** Staff sessions are short (a shared workstation); patients stay signed in on their own phone. */
export const sessionLifetimeHours: Readonly<Record<Role, number>> = {
  patient: 24 * 30,
  care_manager: 12,
  clinician: 12,
  reviewer: 12,
  admin: 8,
};

export interface NewSession {
  /** The cookie value: clinic id and secret, so the lookup uses the clinic-leading key. */
  readonly cookieValue: string;
  readonly expiresAt: Date;
}

export async function createSession(
  db: Kysely<Database>,
  user: { clinicId: string; userId: string; role: Role },
  context: {
    now: Date;
    ip: string | null;
    userAgent: string | null;
    mfaVerified: boolean;
    mfaSetupRequired?: boolean;
  },
): Promise<NewSession> {
  const token = newSecretToken();
  const expiresAt = new Date(context.now.getTime() + sessionLifetimeHours[user.role] * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      clinic_id: user.clinicId,
      token_hash: hashToken(token),
      user_id: user.userId,
      mfa_verified: context.mfaVerified,
      mfa_setup_required: context.mfaSetupRequired ?? false,
      created_at: context.now,
      last_seen_at: context.now,
      expires_at: expiresAt,
      ip: context.ip,
      user_agent: context.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { cookieValue: `${user.clinicId}.${token}`, expiresAt };
}

/** What a session that must first set up TOTP may still call. */
export const mfaSetupPaths: ReadonlySet<string> = new Set([
  '/api/auth/me',
  '/api/auth/sign-out',
  '/api/auth/totp/setup',
  '/api/auth/totp/enable',
  '/api/auth/password/change',
]);

/** last_seen_at is written at most once a minute: most requests cost no write. */
const lastSeenWriteMs = 60_000;

/**
 * The actor behind a session cookie, or undefined when it is unknown, expired, revoked, idle too
 * long (staff: `staffIdleMinutes`), its user disabled, or it must set up TOTP first and `path` is
 * not one of `mfaSetupPaths`.
 */
export async function actorForSession(
  db: Kysely<Database>,
  cookieValue: string,
  now: Date,
  path?: string,
): Promise<Actor | undefined> {
  const parsed = parseClinicToken(cookieValue);
  if (!parsed) return undefined;
  const row = await db
    .selectFrom('sessions as s')
    .modifyFront(sql.raw(preparedMarker))
    .innerJoin('users as u', (join) => onClinicRef(join, 'u.id', 's.user_id'))
    .leftJoin('patients as p', (join) => onClinicRef(join, 'p.user_id', 'u.id'))
    .select([
      's.clinic_id',
      's.user_id',
      's.expires_at',
      's.revoked_at',
      's.last_seen_at',
      's.mfa_setup_required',
      'u.role',
      'u.disabled_at',
      'p.id as patient_id',
    ])
    .where('s.clinic_id', '=', parsed.clinicId)
    .where('s.token_hash', '=', parsed.tokenHash)
    .executeTakeFirst();
  return actorFromSessionRow(db, parsed, row, now, path);
}

/**
 * What `actorForSession` reads about a session (a route on the hot path may read it in its own
 * statement, joined with what it needs: the check-in, issue 19). `sessionRowSql` selects the same
 * columns for a raw statement, `s`, `u` and `p` being sessions, users and patients.
 */
export interface SessionRow {
  clinic_id: string;
  user_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | string;
  mfa_setup_required: boolean;
  role: Role;
  disabled_at: Date | null;
  patient_id: string | null;
}

export const sessionRowSql = `select s.clinic_id, s.user_id, s.expires_at, s.revoked_at, s.last_seen_at,
      s.mfa_setup_required, u.role, u.disabled_at, p.id as patient_id
    from sessions s
    join users u on u.clinic_id = s.clinic_id and u.id = s.user_id
    left join patients p on p.clinic_id = u.clinic_id and p.user_id = u.id`;

/** An update of the one session a cookie names (its clinic and token hash). */
function updateSession(db: Kysely<Database>, parsed: { clinicId: string; tokenHash: string }) {
  return db
    .updateTable('sessions')
    .where('clinic_id', '=', parsed.clinicId)
    .where('token_hash', '=', parsed.tokenHash);
}

/**
 * The session rules, once for every way a session row is read: unknown, revoked, expired, a
 * disabled user, a staff session idle too long, or TOTP still to set up outside `mfaSetupPaths`
 * give no actor. last_seen_at is written at most once a minute.
 */
export async function actorFromSessionRow(
  db: Kysely<Database>,
  parsed: { clinicId: string; tokenHash: string },
  row: SessionRow | undefined,
  now: Date,
  path?: string,
): Promise<Actor | undefined> {
  if (!row || row.revoked_at !== null || row.disabled_at !== null || row.expires_at <= now)
    return undefined;
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (row.role !== 'patient' && idleMs > staffIdleMinutes * 60_000) return undefined;
  if (row.mfa_setup_required && path !== undefined && !mfaSetupPaths.has(path)) return undefined;
  if (idleMs >= lastSeenWriteMs) {
    await updateSession(db, parsed)
      .set({ last_seen_at: now })
      .where('last_seen_at', '<', now)
      .execute();
  }
  return {
    clinicId: row.clinic_id,
    userId: row.user_id,
    role: row.role,
    patientId: row.patient_id ?? null,
    ...(row.mfa_setup_required ? { mfaSetupRequired: true } : {}),
  };
}

/** After TOTP is set up in a session that was waiting for it: the session is whole. */
export async function completeMfaSetup(db: Kysely<Database>, cookieValue: string): Promise<void> {
  const parsed = parseClinicToken(cookieValue);
  if (!parsed) return;
  await updateSession(db, parsed).set({ mfa_setup_required: false, mfa_verified: true }).execute();
}

export async function revokeSession(
  db: Kysely<Database>,
  cookieValue: string,
  now: Date,
): Promise<void> {
  const parsed = parseClinicToken(cookieValue);
  if (!parsed) return;
  await updateSession(db, parsed)
    .set({ revoked_at: now })
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeAllSessionsOf(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('clinic_id', '=', clinicId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
