import { sql } from 'kysely';
import type { AppContext } from '../http/context.ts';
import { hitAll, type Limit } from '../http/rate-limit.ts';
import { accountKey, addressKey } from './limits.ts';

/** The limits of an "email me a code or link" request: per address given, per caller, per clinic. */
export interface EmailedRequestLimits {
  readonly account: Limit;
  readonly ip: Limit;
  readonly clinic?: Limit;
}

/**
 * The start of every "email me a code or link" request (a patient's sign-in code, a staff
 * password reset): the clinic by its slug, the limits counted (429 past one), then the active
 * account of that email among patients or staff. Counted by the address given, account or not, and
 * the caller answers the same either way: the answers do not tell which emails exist. Undefined for
 * an unknown clinic (nothing counted); `user` undefined for no such account.
 */
export async function emailedRequest(
  c: AppContext,
  input: { readonly clinic: string; readonly email: string },
  who: 'patient' | 'staff',
  limits: EmailedRequestLimits,
  tooMany: (minutes: number) => string,
) {
  const { db } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'name'])
    .where('slug', '=', input.clinic)
    .executeTakeFirst();
  if (!clinic) return undefined;
  await hitAll(
    c,
    clinic.id,
    [
      { limit: limits.account, key: accountKey(input.email) },
      { limit: limits.ip, key: addressKey(c.get('ip')) },
      ...(limits.clinic ? [{ limit: limits.clinic, key: 'all' }] : []),
    ],
    tooMany,
  );
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('clinic_id', '=', clinic.id)
    .where(sql`lower(email)`, '=', input.email)
    .where('role', who === 'patient' ? '=' : '!=', 'patient')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return { clinic, user };
}
