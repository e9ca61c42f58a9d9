import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { readJson, requireActor } from '../http/context.ts';
import { HttpProblem, tooManyRequests, unauthorized } from '../http/problem.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { languageOfPatientUser, signInCodeEmail } from '../messaging/texts.ts';
import { verifyPassword } from './password.ts';
import { createSession, revokeSession, sessionCookieName } from './session.ts';
import { hashToken, newSignInCode } from './tokens.ts';

const clinicSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a clinic code like "demo"');
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }))
  .pipe(z.string().max(320));

export const staffSignInSchema = z.strictObject({
  clinic: clinicSlug,
  email,
  password: z.string().min(1, 'is required').max(512),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'must be the 6-digit code from your app')
    .optional(),
});
export const patientCodeRequestSchema = z.strictObject({ clinic: clinicSlug, email });
export const patientCodeVerifySchema = z.strictObject({
  clinic: clinicSlug,
  email,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from the email'),
});

/** Failed sign-ins allowed per email within the window before we make the person wait. */
export const signInLimit = { failures: 5, windowMinutes: 15 } as const;
const signInCodeMinutes = 15;

async function clinicBySlug(c: AppContext, slug: string) {
  const { db } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  // Same answer as a wrong password: do not reveal which clinics exist.
  if (!clinic) throw unauthorized('The clinic, email or password is not right.');
  return clinic;
}

async function ensureNotRateLimited(
  c: AppContext,
  clinicId: string,
  address: string,
): Promise<void> {
  const { db, now } = c.get('deps');
  const since = new Date(now().getTime() - signInLimit.windowMinutes * 60_000);
  const row = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)`.as('failures'))
    .where('clinic_id', '=', clinicId)
    .where(sql`lower(email)`, '=', address)
    .where('at', '>', since)
    .where('succeeded', '=', false)
    .executeTakeFirstOrThrow();
  if (Number(row.failures) >= signInLimit.failures) {
    c.header('retry-after', String(signInLimit.windowMinutes * 60));
    throw tooManyRequests(
      `Too many tries. Wait ${signInLimit.windowMinutes} minutes, then try again.`,
    );
  }
}

async function recordAttempt(c: AppContext, clinicId: string, address: string, succeeded: boolean) {
  const { db, now } = c.get('deps');
  await db
    .insertInto('login_attempts')
    .values({ clinic_id: clinicId, email: address, ip: c.get('ip'), succeeded, at: now() })
    .execute();
}

async function startSession(
  c: AppContext,
  user: { clinic_id: string; id: string; role: Parameters<typeof createSession>[1]['role'] },
  mfaVerified: boolean,
) {
  const { db, now, secureCookies } = c.get('deps');
  const session = await createSession(
    db,
    { clinicId: user.clinic_id, userId: user.id, role: user.role },
    { now: now(), ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null, mfaVerified },
  );
  setCookie(c, sessionCookieName, session.cookieValue, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
  await recordAudit(db, {
    clinicId: user.clinic_id,
    actor: { clinicId: user.clinic_id, userId: user.id, role: user.role, patientId: null },
    action: 'session.create',
    subjectType: 'user',
    subjectId: user.id,
    ip: c.get('ip'),
  });
}

export function authRoutes() {
  const routes = new Hono<AppEnv>();

  routes.post('/sign-in', async (c) => {
    const input = await readJson(c, staffSignInSchema);
    const { db } = c.get('deps');
    const clinic = await clinicBySlug(c, input.clinic);
    await ensureNotRateLimited(c, clinic.id, input.email);
    const user = await db
      .selectFrom('users')
      .select(['clinic_id', 'id', 'role', 'password_hash', 'totp_secret', 'disabled_at'])
      .where('clinic_id', '=', clinic.id)
      .where(sql`lower(email)`, '=', input.email)
      .executeTakeFirst();
    const passwordOk =
      user?.password_hash != null && user.role !== 'patient' && user.disabled_at === null
        ? await verifyPassword(user.password_hash, input.password)
        : false;
    if (!user || !passwordOk) {
      await recordAttempt(c, clinic.id, input.email, false);
      throw unauthorized('The clinic, email or password is not right.');
    }
    if (user.totp_secret) {
      const { verifyTotp } = await import('./totp.ts');
      if (!input.totp)
        throw new HttpProblem(
          401,
          'Second factor required',
          'Enter the 6-digit code from your authenticator app.',
        );
      if (
        !verifyTotp(user.totp_secret, input.totp, Math.floor(c.get('deps').now().getTime() / 1000))
      ) {
        await recordAttempt(c, clinic.id, input.email, false);
        throw unauthorized('The code from your authenticator app is not right.');
      }
    }
    await recordAttempt(c, clinic.id, input.email, true);
    await startSession(c, user, user.totp_secret !== null);
    return c.json({ role: user.role });
  });

  // Always 202: whether an email has an account is not revealed.
  routes.post('/patient/code', async (c) => {
    const input = await readJson(c, patientCodeRequestSchema);
    const { db, now, devLog } = c.get('deps');
    const clinic = await db
      .selectFrom('clinics')
      .select(['id', 'name'])
      .where('slug', '=', input.clinic)
      .executeTakeFirst();
    if (clinic) {
      await ensureNotRateLimited(c, clinic.id, input.email);
      const user = await db
        .selectFrom('users')
        .select(['id'])
        .where('clinic_id', '=', clinic.id)
        .where(sql`lower(email)`, '=', input.email)
        .where('role', '=', 'patient')
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (user) {
        const code = newSignInCode();
        const at = now();
        const language = await languageOfPatientUser(db, clinic.id, user.id);
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('sign_in_tokens')
            .values({
              clinic_id: clinic.id,
              token_hash: hashToken(`${user.id}:${code}`),
              user_id: user.id,
              purpose: 'patient_sign_in',
              created_at: at,
              expires_at: new Date(at.getTime() + signInCodeMinutes * 60_000),
            })
            .execute();
          await queueEmail(trx, {
            clinicId: clinic.id,
            to: input.email,
            ...signInCodeEmail(language, clinic.name, code, signInCodeMinutes),
            kind: 'patient_sign_in',
          });
        });
        devLog?.(`[dev mail] to ${input.email}: sign-in code ${code}`);
      }
    }
    return c.json({ sent: true, minutesValid: signInCodeMinutes }, 202);
  });

  routes.post('/patient/verify', async (c) => {
    const input = await readJson(c, patientCodeVerifySchema);
    const { db, now } = c.get('deps');
    const clinic = await clinicBySlug(c, input.clinic);
    await ensureNotRateLimited(c, clinic.id, input.email);
    const user = await db
      .selectFrom('users')
      .select(['clinic_id', 'id', 'role'])
      .where('clinic_id', '=', clinic.id)
      .where(sql`lower(email)`, '=', input.email)
      .where('role', '=', 'patient')
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    const used = user
      ? await db
          .updateTable('sign_in_tokens')
          .set({ used_at: now() })
          .where('clinic_id', '=', clinic.id)
          .where('token_hash', '=', hashToken(`${user.id}:${input.code}`))
          .where('purpose', '=', 'patient_sign_in')
          .where('used_at', 'is', null)
          .where('expires_at', '>', now())
          .executeTakeFirst()
      : undefined;
    if (!user || !used || Number(used.numUpdatedRows) !== 1) {
      await recordAttempt(c, clinic.id, input.email, false);
      throw unauthorized('That code is not right or has expired. Ask for a new one.');
    }
    await recordAttempt(c, clinic.id, input.email, true);
    await startSession(c, user, false);
    return c.json({ role: user.role });
  });

  routes.post('/sign-out', async (c) => {
    const cookie = getCookie(c, sessionCookieName);
    if (cookie) await revokeSession(c.get('deps').db, cookie, c.get('deps').now());
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.json({ signedOut: true });
  });

  routes.get('/me', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const user = await db
      .selectFrom('users')
      .innerJoin('clinics', 'clinics.id', 'users.clinic_id')
      .select([
        'users.email',
        'users.display_name',
        'users.role',
        'users.totp_secret',
        'clinics.name',
        'clinics.slug',
        'clinics.phone',
        'clinics.emergency_number',
      ])
      .where('users.clinic_id', '=', actor.clinicId)
      .where('users.id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    return c.json({
      userId: actor.userId,
      clinicId: actor.clinicId,
      role: user.role,
      email: user.email,
      displayName: user.display_name,
      patientId: actor.patientId,
      totpEnabled: user.totp_secret !== null,
      clinic: {
        name: user.name,
        slug: user.slug,
        phone: user.phone,
        emergencyNumber: user.emergency_number,
      },
    });
  });

  return routes;
}
