import { sessionsRevokedDto, totpEnabledDto, totpSetupDto } from '@lamina/contract';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { completeMfaSetup, revokeAllSessionsOf, sessionCookieName } from '../auth/session.ts';
import { confirmPassword, useTotpCode } from '../auth/step-up.ts';
import { newTotpSecret, totpUri } from '../auth/totp.ts';
import type { AppContext } from '../http/context.ts';
import { readJson, requireActor } from '../http/context.ts';
import { conflict, forbidden, invalidField } from '../http/problem.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { enableTotp, getUser, setPendingTotp } from './store.ts';

export const totpSetupSchema = z.strictObject({});
export const totpEnableSchema = z.strictObject({
  /** The account's password again: a session left open on a shared workstation cannot turn TOTP on. */
  password: z.string().min(1, 'is required').max(512),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app'),
});
export const revokeAllSchema = z.strictObject({});

/** Staff only: patients sign in with one-time email codes and have no password to protect. */
function requireStaff(c: AppContext) {
  const actor = requireActor(c);
  if (actor.role === 'patient') throw forbidden();
  return actor;
}

async function totpSetup(c: AppContext) {
  const actor = requireStaff(c);
  await readJson(c, totpSetupSchema);
  const { db } = c.get('deps');
  const user = await getUser(db, actor.clinicId, actor.userId);
  if (!user) throw forbidden();
  if (user.totp_secret !== null) throw conflict('Two-step sign-in is already on for this account.');
  const secret = newTotpSecret();
  await db.transaction().execute(async (trx) => {
    await setPendingTotp(trx, actor.clinicId, actor.userId, secret);
    await audit(
      c,
      {
        action: 'user.totp-setup',
        subjectType: 'user',
        subjectId: actor.userId,
      },
      trx,
    );
  });
  return c.json({ secret, otpauthUri: totpUri(secret, user.email) });
}

async function totpEnable(c: AppContext) {
  const actor = requireStaff(c);
  const { code, password } = await readJson(c, totpEnableSchema);
  const { db } = c.get('deps');
  const user = await getUser(db, actor.clinicId, actor.userId);
  if (!user) throw forbidden();
  if (user.totp_secret !== null) throw conflict('Two-step sign-in is already on for this account.');
  const pending = user.totp_pending_secret;
  if (pending === null) throw conflict('Start the setup first (POST /api/auth/totp/setup).');
  await confirmPassword(c, actor, password, 'password');
  // Checks the code and records its step as used (the enabling code cannot be replayed to sign in).
  if (!(await useTotpCode(c, { clinic_id: actor.clinicId, id: actor.userId }, pending, code)))
    throw invalidField(
      'code',
      'is not the current code: check the time on your phone and try the newest code',
      'That code is not right.',
    );
  const enabled = await db.transaction().execute(async (trx) => {
    if (!(await enableTotp(trx, actor.clinicId, actor.userId, pending))) return false;
    await audit(
      c,
      {
        action: 'user.totp-enable',
        subjectType: 'user',
        subjectId: actor.userId,
      },
      trx,
    );
    return true;
  });
  if (!enabled) throw conflict('The setup changed meanwhile. Start it again.');
  // A session that had to set up TOTP first is now a whole one.
  const cookie = getCookie(c, sessionCookieName(c.get('deps').secureCookies));
  if (cookie) await completeMfaSetup(db, cookie);
  return c.json({ totpEnabled: true });
}

async function revokeAll(c: AppContext) {
  const actor = requireActor(c);
  await readJson(c, revokeAllSchema);
  const { db, now } = c.get('deps');
  const revoked = await db.transaction().execute(async (trx) => {
    const count = await revokeAllSessionsOf(trx, actor.clinicId, actor.userId, now());
    await audit(
      c,
      {
        action: 'session.revoke-all',
        subjectType: 'user',
        subjectId: actor.userId,
        details: { count },
      },
      trx,
    );
    return count;
  });
  const { secureCookies } = c.get('deps');
  deleteCookie(c, sessionCookieName(secureCookies), { path: '/', secure: secureCookies });
  return c.json({ revoked });
}

export const securityRoutes: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/auth/totp/setup',
    summary:
      'Start two-step sign-in: returns a new secret and an otpauth:// URI for an authenticator app (pending until confirmed)',
    access: 'any signed-in staff member, for their own account',
    body: totpSetupSchema,
    response: totpSetupDto,
    audit: { actions: ['user.totp-setup'] },
    handler: totpSetup,
  },
  {
    method: 'post',
    path: '/api/auth/totp/enable',
    summary: 'Turn two-step sign-in on by sending the current code from the app',
    access: 'any signed-in staff member, for their own account',
    body: totpEnableSchema,
    response: totpEnabledDto,
    audit: { actions: ['user.totp-enable'] },
    handler: totpEnable,
  },
  {
    method: 'post',
    path: '/api/auth/sessions/revoke-all',
    summary: 'Sign out everywhere: ends every session of the signed-in user, this one included',
    access: 'any signed-in user, for their own account',
    body: revokeAllSchema,
    response: sessionsRevokedDto,
    audit: { actions: ['session.revoke-all'] },
    handler: revokeAll,
  },
];
