import {
  type MfaPolicyDto,
  mfaPolicyDto,
  passwordChangedDto,
  passwordResetDto,
  passwordResetRequestedDto,
} from '@lamina/contract';
import { z } from 'zod';
import { audit, auditedClinicChange } from '../audit/audit.ts';
import type { Role } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { readJson, requireActor } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { forbidden, invalidField } from '../http/problem.ts';
import { publicLink } from '../http/public-url.ts';
import { clearLimit } from '../http/rate-limit.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import type { Actor } from './access.ts';
import { emailedRequest } from './emailed-request.ts';
import { clinicCode, emailAddress, newPassword } from './fields.ts';
import { accountKey, passwordLimits, resetRequestLimits, resetTokenMinutes } from './limits.ts';
import { hashPassword } from './password.ts';
import { revokeAllSessionsOf } from './session.ts';
import { confirmPassword } from './step-up.ts';
import { hashToken, newSecretToken, parseClinicToken } from './tokens.ts';

/**
 * Staff password upkeep (decision 010): reset by email (so a locked-out owner can get back in and a
 * lockout is never a denial of service), change while signed in (old password required), and the
 * clinic's choice of which roles must use TOTP.
 */

const staffRoles = ['care_manager', 'clinician', 'reviewer', 'admin'] as const;

export const resetRequestSchema = z.strictObject({
  clinic: clinicCode,
  email: emailAddress,
});
export const resetPasswordSchema = z.strictObject({
  token: z.string().trim().min(20, 'must be the code from the email').max(200),
  password: newPassword,
});
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(512),
  newPassword,
});
export const mfaPolicySchema = z.strictObject({
  /** Staff roles that must use an authenticator app; null goes back to the server's default. */
  requiredRoles: z.array(z.enum(staffRoles)).max(8).nullable(),
});

function requireStaff(c: AppContext): Actor {
  const actor = requireActor(c);
  if (actor.role === 'patient') throw forbidden();
  return actor;
}

const invalidReset = () =>
  invalidField(
    'token',
    'is not a valid, unused reset code',
    'This reset link is not valid any more: it was used, replaced by a newer one, or it expired. Ask for a new one.',
  );

async function requestReset(c: AppContext) {
  const input = await readJson(c, resetRequestSchema);
  const { db, now, devLog } = c.get('deps');
  const found = await emailedRequest(
    c,
    input,
    'staff',
    resetRequestLimits,
    (minutes) => `Too many reset emails were asked for. You can ask again in ${minutes} minutes.`,
  );
  if (found) {
    const { clinic, user } = found;
    if (user) {
      const secret = newSecretToken();
      const token = `${clinic.id}.${secret}`;
      const at = now();
      const link = publicLink(c.get('deps'), `/console/reset-password#token=${token}`);
      await db.transaction().execute(async (trx) => {
        // One live reset link per account: a new one ends the earlier ones.
        await trx
          .updateTable('sign_in_tokens')
          .set({ used_at: at })
          .where('clinic_id', '=', clinic.id)
          .where('user_id', '=', user.id)
          .where('purpose', '=', 'password_reset')
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('sign_in_tokens')
          .values({
            clinic_id: clinic.id,
            token_hash: hashToken(secret),
            user_id: user.id,
            purpose: 'password_reset',
            created_at: at,
            expires_at: new Date(at.getTime() + resetTokenMinutes * 60_000),
          })
          .execute();
        await queueEmail(trx, {
          clinicId: clinic.id,
          to: input.email,
          subject: `Reset your ${clinic.name} password on Lamina`,
          body: `Hello ${user.display_name}, someone (we hope you) asked to reset your Lamina password. Open this link within ${resetTokenMinutes} minutes to choose a new one: ${link} . It works once. If you did not ask, ignore this email: your password stays as it is.`,
          kind: 'password_reset',
        });
        await audit(
          c,
          {
            clinicId: clinic.id,
            actor: null,
            action: 'user.password-reset-request',
            subjectType: 'user',
            subjectId: user.id,
          },
          trx,
        );
      });
      devLog?.(`[dev mail] to ${input.email}: password reset link ${link}`);
    }
  }
  return c.json({ sent: true, minutesValid: resetTokenMinutes }, 202);
}

async function resetPassword(c: AppContext) {
  const input = await readJson(c, resetPasswordSchema);
  const parsed = parseClinicToken(input.token);
  if (!parsed) throw invalidReset();
  const { db, now } = c.get('deps');
  const hash = await hashPassword(input.password);
  const at = now();
  const userId = await db.transaction().execute(async (trx) => {
    // Used once: the update that marks it used is the check.
    const used = await trx
      .updateTable('sign_in_tokens')
      .set({ used_at: at })
      .where('clinic_id', '=', parsed.clinicId)
      .where('token_hash', '=', parsed.tokenHash)
      .where('purpose', '=', 'password_reset')
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) return undefined;
    const user = await trx
      .updateTable('users')
      .set({ password_hash: hash })
      .where('clinic_id', '=', parsed.clinicId)
      .where('id', '=', used.user_id)
      .where('disabled_at', 'is', null)
      .where('role', '!=', 'patient')
      .returning(['id', 'email', 'role'])
      .executeTakeFirst();
    if (!user) return undefined;
    // The owner is back: the lockout ends and every old session (maybe an attacker's) too.
    await clearLimit(trx, parsed.clinicId, passwordLimits.account, accountKey(user.email));
    await revokeAllSessionsOf(trx, parsed.clinicId, user.id, at);
    // Not signed in: the reset code proved who acts.
    await audit(
      c,
      {
        clinicId: parsed.clinicId,
        actor: { clinicId: parsed.clinicId, userId: user.id, role: user.role, patientId: null },
        action: 'user.password-reset',
        subjectType: 'user',
        subjectId: user.id,
      },
      trx,
    );
    return user.id;
  });
  if (!userId) throw invalidReset();
  return c.json({ passwordReset: true });
}

async function changePassword(c: AppContext) {
  const actor = requireStaff(c);
  const input = await readJson(c, changePasswordSchema);
  await confirmPassword(c, actor, input.currentPassword, 'currentPassword');
  const { db } = c.get('deps');
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash })
      .where('clinic_id', '=', actor.clinicId)
      .where('id', '=', actor.userId)
      .execute();
    await audit(
      c,
      {
        action: 'user.password-change',
        subjectType: 'user',
        subjectId: actor.userId,
      },
      trx,
    );
  });
  return c.json({ passwordChanged: true });
}

async function readMfaPolicy(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const { db, mfaDefaultRoles } = c.get('deps');
  const row = await db
    .selectFrom('clinics')
    .select('mfa_required_roles')
    .where('id', '=', actor.clinicId)
    .executeTakeFirstOrThrow();
  return c.json({
    requiredRoles: row.mfa_required_roles,
    serverDefault: [...(mfaDefaultRoles ?? [])],
    inForce: [...(row.mfa_required_roles ?? mfaDefaultRoles ?? [])],
  } satisfies MfaPolicyDto);
}

async function updateMfaPolicy(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const input = await readJson(c, mfaPolicySchema);
  const roles: Role[] | null = input.requiredRoles
    ? [...new Set(input.requiredRoles)].sort()
    : null;
  await auditedClinicChange(c, actor.clinicId, 'clinic.mfa-policy-update', async (trx) => {
    await trx
      .updateTable('clinics')
      .set({ mfa_required_roles: roles })
      .where('id', '=', actor.clinicId)
      .execute();
    return { requiredRoles: roles };
  });
  return readMfaPolicy(c);
}

export const account = documentedRoutes([
  {
    method: 'post',
    path: '/api/auth/password/reset-request',
    summary:
      'Email a staff member a single-use link to choose a new password (always 202: it does not reveal accounts)',
    access: 'anyone; rate limited per email and per address',
    body: resetRequestSchema,
    success: { status: 202, description: 'A link was sent if the account exists.' },
    response: passwordResetRequestedDto,
    audit: {
      actions: ['user.password-reset-request'],
      when: 'only when the email is an active staff account of that clinic',
    },
    handler: requestReset,
  },
  {
    method: 'post',
    path: '/api/auth/password/reset',
    summary:
      'Choose a new password with the code from the reset email; ends the lockout and every session',
    access: 'anyone holding a valid reset code',
    body: resetPasswordSchema,
    response: passwordResetDto,
    audit: { actions: ['user.password-reset'] },
    handler: resetPassword,
  },
  {
    method: 'post',
    path: '/api/auth/password/change',
    summary: 'Change the password (the current one is required)',
    access: 'any signed-in staff member, for their own account',
    body: changePasswordSchema,
    response: passwordChangedDto,
    audit: { actions: ['user.password-change'] },
    handler: changePassword,
  },
  {
    method: 'get',
    path: '/api/clinic/mfa-policy',
    summary: 'Which staff roles must use an authenticator app (two-step sign-in)',
    access: callers.admins,
    response: mfaPolicyDto,
    audit: 'none',
    handler: readMfaPolicy,
  },
  {
    method: 'put',
    path: '/api/clinic/mfa-policy',
    summary: 'Choose which staff roles must use an authenticator app; null: the server default',
    access: callers.admins,
    body: mfaPolicySchema,
    response: mfaPolicyDto,
    audit: { actions: ['clinic.mfa-policy-update'] },
    handler: updateMfaPolicy,
  },
]);
