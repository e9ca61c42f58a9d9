import type { AppContext } from '../http/context.ts';
import { invalidField } from '../http/problem.ts';
import { hit, limited, refund } from '../http/rate-limit.ts';
import type { Actor } from './access.ts';
import { accountKey, passwordLimits } from './limits.ts';
import { verifyPasswordOrDummy } from './password.ts';
import { verifyTotp } from './totp.ts';

/**
 * Proving "it is still me": a TOTP code used once, and the current password of a signed-in staff
 * member. Shared by sign-in, password change and the admin security settings, so no feature has to
 * import another folder's routes.
 */

/** The TOTP step a code matches, or undefined (current step and one either side). */
function totpStep(secret: string, code: string, now: Date): number | undefined {
  const seconds = Math.floor(now.getTime() / 1000);
  for (const drift of [0, -30, 30]) {
    if (verifyTotp(secret, code, seconds + drift, 0)) return Math.floor((seconds + drift) / 30);
  }
  return undefined;
}

/** Accepts a TOTP code once: its step must be newer than the last one used (one statement). */
export async function useTotpCode(
  c: AppContext,
  user: { clinic_id: string; id: string },
  secret: string,
  code: string,
): Promise<boolean> {
  const { db, now } = c.get('deps');
  const step = totpStep(secret, code, now());
  if (step === undefined) return false;
  const used = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('clinic_id', '=', user.clinic_id)
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/**
 * A signed-in staff member proves it is still them (changing the password, turning TOTP on). Wrong
 * passwords count towards the account's sign-in lockout, counted before the check like sign-in.
 */
export async function confirmPassword(
  c: AppContext,
  actor: Actor,
  password: string,
  field: string,
): Promise<void> {
  const { db, now } = c.get('deps');
  const user = await db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where('clinic_id', '=', actor.clinicId)
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const key = accountKey(user.email);
  const tried = await hit(db, actor.clinicId, passwordLimits.account, key, now());
  if (!tried.allowed)
    throw limited(
      c,
      tried.retryAfterSeconds,
      `Too many tries. Wait ${Math.ceil(tried.retryAfterSeconds / 60)} minutes, then try again.`,
    );
  if (!(await verifyPasswordOrDummy(user.password_hash, password)))
    throw invalidField(
      field,
      'is not your current password',
      'Your current password is not right.',
    );
  await refund(db, actor.clinicId, passwordLimits.account, key);
}
