import { codeSentDto, type MeDto, meDto, signedInDto, signedOutDto } from '@lamina/contract';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { readJson, requireActor } from '../http/context.ts';
import { HttpProblem, unauthorized } from '../http/problem.ts';
import { hitAll, type Limit, refund } from '../http/rate-limit.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { languageOfPatientUser, signInCodeEmail } from '../messaging/texts.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { consumeCode, replaceCode } from './codes.ts';
import { emailedRequest } from './emailed-request.ts';
import { clinicCode, emailAddress } from './fields.ts';
import {
  accountKey,
  addressKey,
  codeGuessLimits,
  codeRequestLimits,
  passwordLimits,
  signInCodeMinutes,
} from './limits.ts';
import { verifyPasswordOrDummy } from './password.ts';
import { createSession, revokeSession, sessionCookieName } from './session.ts';
import { useTotpCode } from './step-up.ts';
import { newSignInCode } from './tokens.ts';

export const staffSignInSchema = z.strictObject({
  clinic: clinicCode,
  email: emailAddress,
  password: z.string().min(1, 'is required').max(512),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'must be the 6-digit code from your app')
    .optional(),
});
export const patientCodeRequestSchema = z.strictObject({ clinic: clinicCode, email: emailAddress });
export const patientCodeVerifySchema = z.strictObject({
  clinic: clinicCode,
  email: emailAddress,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from the email'),
});

/** Failed sign-ins allowed per email within the window before we make the person wait. */
export const signInLimit = {
  failures: passwordLimits.account.max,
  windowMinutes: passwordLimits.account.windowSeconds / 60,
} as const;

const wrongPassword = 'The clinic, email or password is not right.';
const wrongCode = 'That code is not right or has expired. Ask for a new one.';

async function clinicBySlug(c: AppContext, slug: string) {
  const { db } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'name', 'mfa_required_roles'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  // Same answer as a wrong password: do not reveal which clinics exist.
  if (!clinic) throw unauthorized(wrongPassword);
  return clinic;
}

const ipKey = (c: AppContext) => addressKey(c.get('ip'));

async function recordAttempt(c: AppContext, clinicId: string, address: string, succeeded: boolean) {
  const { db, now } = c.get('deps');
  await db
    .insertInto('login_attempts')
    .values({ clinic_id: clinicId, email: address, ip: c.get('ip'), succeeded, at: now() })
    .execute();
}

/** Gives back the tries reserved for a sign-in that turned out right: only failures stay counted. */
async function refundAll(
  c: AppContext,
  clinicId: string,
  checks: readonly { limit: Limit; key: string }[],
) {
  const { db } = c.get('deps');
  for (const check of checks) await refund(db, clinicId, check.limit, check.key);
}

/** Roles that must use a second factor in this clinic: its own setting, else the server default. */
export function mfaRequiredRoles(
  c: AppContext,
  clinic: { mfa_required_roles: string[] | null },
): readonly string[] {
  return clinic.mfa_required_roles ?? c.get('deps').mfaDefaultRoles ?? [];
}

async function startSession(
  c: AppContext,
  user: { clinic_id: string; id: string; role: Parameters<typeof createSession>[1]['role'] },
  mfa: { verified: boolean; setupRequired: boolean },
) {
  const { db, now, secureCookies } = c.get('deps');
  const session = await createSession(
    db,
    { clinicId: user.clinic_id, userId: user.id, role: user.role },
    {
      now: now(),
      ip: c.get('ip'),
      userAgent: c.req.header('user-agent') ?? null,
      mfaVerified: mfa.verified,
      mfaSetupRequired: mfa.setupRequired,
    },
  );
  setCookie(c, sessionCookieName(secureCookies), session.cookieValue, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
  // The request has no session yet: the password or code just checked proved who acts.
  await audit(c, {
    clinicId: user.clinic_id,
    actor: { clinicId: user.clinic_id, userId: user.id, role: user.role, patientId: null },
    action: 'session.create',
    subjectType: 'user',
    subjectId: user.id,
  });
}

const signIn = async (c: AppContext) => {
  const input = await readJson(c, staffSignInSchema);
  const { db } = c.get('deps');
  const clinic = await clinicBySlug(c, input.clinic);
  // Each try is counted before the password is checked (and given back when it is right), so
  // parallel tries cannot all be checked against a count none of them has raised yet.
  const checks = [
    { limit: passwordLimits.account, key: accountKey(input.email) },
    { limit: passwordLimits.ip, key: ipKey(c) },
    { limit: passwordLimits.clinic, key: 'all' },
  ];
  await hitAll(
    c,
    clinic.id,
    checks,
    (minutes) =>
      `Too many tries. Wait ${minutes} minutes, then try again, or reset your password by email.`,
  );
  const user = await db
    .selectFrom('users')
    .select([
      'clinic_id',
      'id',
      'role',
      'password_hash',
      'totp_secret',
      'disabled_at',
      'totp_last_step',
    ])
    .where('clinic_id', '=', clinic.id)
    .where(sql`lower(email)`, '=', input.email)
    .executeTakeFirst();
  const eligible =
    user?.password_hash != null && user.role !== 'patient' && user.disabled_at === null;
  // An unknown email costs the same argon2 work as a wrong password: no timing difference.
  const passwordOk = await verifyPasswordOrDummy(
    eligible ? (user.password_hash ?? null) : null,
    input.password,
  );
  if (!user || !eligible || !passwordOk) {
    await recordAttempt(c, clinic.id, input.email, false);
    throw unauthorized(wrongPassword);
  }
  if (user.totp_secret) {
    if (!input.totp) {
      // The password was right: that try is given back; the code is what is asked for now.
      await refundAll(c, clinic.id, checks);
      throw new HttpProblem(
        401,
        'Second factor required',
        'Enter the 6-digit code from your authenticator app.',
      );
    }
    if (!(await useTotpCode(c, user, user.totp_secret, input.totp))) {
      await recordAttempt(c, clinic.id, input.email, false);
      throw unauthorized('The code from your authenticator app is not right.');
    }
  }
  await refundAll(c, clinic.id, checks);
  await recordAttempt(c, clinic.id, input.email, true);
  const setupRequired =
    user.totp_secret === null && mfaRequiredRoles(c, clinic).includes(user.role);
  await startSession(c, user, { verified: user.totp_secret !== null, setupRequired });
  return c.json({ role: user.role, ...(setupRequired ? { mfaSetupRequired: true } : {}) });
};

// Always 202 (or 429 with when to ask again): whether an email has an account is not revealed,
// because every limit is counted by the address given, whether or not it has an account.
const requestCode = async (c: AppContext) => {
  const input = await readJson(c, patientCodeRequestSchema);
  const { db, now, devLog } = c.get('deps');
  const found = await emailedRequest(
    c,
    input,
    'patient',
    codeRequestLimits,
    (minutes) => `Too many codes were asked for. You can ask for a new code in ${minutes} minutes.`,
  );
  if (found) {
    const { clinic, user } = found;
    if (user) {
      const code = newSignInCode();
      const at = now();
      const language = await languageOfPatientUser(db, clinic.id, user.id);
      await db.transaction().execute(async (trx) => {
        await replaceCode(trx, {
          clinicId: clinic.id,
          userId: user.id,
          code,
          at,
          expiresAt: new Date(at.getTime() + signInCodeMinutes * 60_000),
          serverSecret: c.get('deps').authSecret,
        });
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
};

const verifyCode = async (c: AppContext) => {
  const input = await readJson(c, patientCodeVerifySchema);
  const { db, now } = c.get('deps');
  const clinic = await clinicBySlug(c, input.clinic);
  const checks = [
    { limit: codeGuessLimits.account, key: accountKey(input.email) },
    { limit: codeGuessLimits.ip, key: ipKey(c) },
  ];
  await hitAll(
    c,
    clinic.id,
    checks,
    (minutes) => `Too many wrong codes. You can try again in ${minutes} minutes.`,
  );
  const user = await db
    .selectFrom('users')
    .select(['clinic_id', 'id', 'role'])
    .where('clinic_id', '=', clinic.id)
    .where(sql`lower(email)`, '=', input.email)
    .where('role', '=', 'patient')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const ok = user
    ? await consumeCode(db, {
        clinicId: clinic.id,
        userId: user.id,
        code: input.code,
        at: now(),
        serverSecret: c.get('deps').authSecret,
      })
    : false;
  if (!user || !ok) {
    await recordAttempt(c, clinic.id, input.email, false);
    throw unauthorized(wrongCode);
  }
  await refundAll(c, clinic.id, checks);
  await recordAttempt(c, clinic.id, input.email, true);
  await startSession(c, user, { verified: false, setupRequired: false });
  return c.json({ role: user.role });
};

const signOut = async (c: AppContext) => {
  const { secureCookies } = c.get('deps');
  const cookie = getCookie(c, sessionCookieName(secureCookies));
  if (cookie) await revokeSession(c.get('deps').db, cookie, c.get('deps').now());
  deleteCookie(c, sessionCookieName(secureCookies), { path: '/', secure: secureCookies });
  return c.json({ signedOut: true });
};

const me = async (c: AppContext) => {
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
    mfaSetupRequired: actor.mfaSetupRequired === true,
    clinic: {
      name: user.name,
      slug: user.slug,
      phone: user.phone,
      emergencyNumber: user.emergency_number,
    },
  } satisfies MeDto);
};

/** A successful sign-in names the person it proved as the actor (the request has no session yet). */
const sessionAudit = { actions: ['session.create'] };

export const auth = documentedRoutes([
  {
    method: 'post',
    path: '/api/auth/sign-in',
    summary:
      'Staff sign-in with password (and the TOTP code when two-step sign-in is on); answers mfaSetupRequired when the role must set up TOTP first',
    access:
      'anyone; wrong tries limited per email, address and clinic (429 with retryAfterSeconds)',
    body: staffSignInSchema,
    response: signedInDto,
    audit: sessionAudit,
    handler: signIn,
  },
  {
    method: 'post',
    path: '/api/auth/patient/code',
    summary:
      'Email a patient a one-time sign-in code, replacing any earlier one (202, or 429 with retryAfterSeconds; the same either way for unknown emails)',
    access: 'anyone; limited per email, address and clinic',
    body: patientCodeRequestSchema,
    response: codeSentDto,
    audit: 'none',
    success: { status: 202, description: 'A code was sent if the account exists.' },
    handler: requestCode,
  },
  {
    method: 'post',
    path: '/api/auth/patient/verify',
    summary: 'Sign a patient in with the emailed code (5 tries per code; it works once)',
    access: 'anyone; wrong codes limited per email and address',
    body: patientCodeVerifySchema,
    response: signedInDto,
    audit: sessionAudit,
    handler: verifyCode,
  },
  {
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'End this session',
    access: callers.anyone,
    response: signedOutDto,
    audit: 'none',
    handler: signOut,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'Who is signed in',
    access: 'any signed-in user',
    response: meDto,
    audit: 'none',
    handler: me,
  },
]);
