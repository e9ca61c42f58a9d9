import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { codeTries } from './limits.ts';

/**
 * Patient sign-in codes: one live code per patient, stored as HMAC-SHA256 under the clinic's key
 * (made on first use and kept in the clinics row), so the table alone does not give the codes:
 * without the key, each of the 10^6 codes is as likely as any other. With a server secret
 * (LAMINA_AUTH_SECRET) the key is derived from both, so the whole database is not enough either.
 */

async function clinicKey(
  db: Kysely<Database>,
  clinicId: string,
  serverSecret: string | undefined,
): Promise<Buffer> {
  const stored = await storedClinicKey(db, clinicId);
  if (!serverSecret) return stored;
  return createHmac('sha256', serverSecret).update(stored).digest();
}

async function storedClinicKey(db: Kysely<Database>, clinicId: string): Promise<Buffer> {
  const row = await db
    .selectFrom('clinics')
    .select('sign_in_key')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  if (row.sign_in_key) return Buffer.from(row.sign_in_key, 'base64url');
  // Two first requests at once: coalesce keeps whichever key was written first, and both use it.
  const made = await db
    .updateTable('clinics')
    .set({ sign_in_key: sql`coalesce(sign_in_key, ${randomBytes(32).toString('base64url')})` })
    .where('id', '=', clinicId)
    .returning('sign_in_key')
    .executeTakeFirstOrThrow();
  return Buffer.from(made.sign_in_key ?? '', 'base64url');
}

export function codeHmac(key: Buffer, userId: string, code: string): string {
  return createHmac('sha256', key).update(`${userId}:${code}`).digest('base64url');
}

/** A patient's sign-in code as it is stored or tried, at a moment, with the server's secret. */
interface CodeUse {
  clinicId: string;
  userId: string;
  code: string;
  at: Date;
  serverSecret: string | undefined;
}

/** Stores a new code for the patient, replacing any earlier one (only the newest works). */
export async function replaceCode(
  db: Kysely<Database>,
  input: CodeUse & { expiresAt: Date },
): Promise<void> {
  const key = await clinicKey(db, input.clinicId, input.serverSecret);
  await db
    .insertInto('sign_in_codes')
    .values({
      clinic_id: input.clinicId,
      user_id: input.userId,
      code_hmac: codeHmac(key, input.userId, input.code),
      created_at: input.at,
      expires_at: input.expiresAt,
      tries: 0,
    })
    .onConflict((oc) =>
      oc.columns(['clinic_id', 'user_id']).doUpdateSet({
        code_hmac: (eb) => eb.ref('excluded.code_hmac'),
        created_at: (eb) => eb.ref('excluded.created_at'),
        expires_at: (eb) => eb.ref('excluded.expires_at'),
        tries: 0,
      }),
    )
    .execute();
}

/**
 * Checks a code and uses it up when right. The try is counted first, in the same statement that
 * checks the code is live and has tries left, so N parallel guesses use N tries and at most
 * `codeTries` guesses are ever compared against one code.
 */
export async function consumeCode(db: Kysely<Database>, input: CodeUse): Promise<boolean> {
  const row = await db
    .updateTable('sign_in_codes')
    .set({ tries: sql`tries + 1` })
    .where('clinic_id', '=', input.clinicId)
    .where('user_id', '=', input.userId)
    .where('tries', '<', codeTries)
    .where('expires_at', '>', input.at)
    .returning(['code_hmac'])
    .executeTakeFirst();
  if (!row) return false;
  const expected = Buffer.from(row.code_hmac);
  const given = Buffer.from(
    codeHmac(await clinicKey(db, input.clinicId, input.serverSecret), input.userId, input.code),
  );
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  // Used once: whoever deletes the row signs in; a parallel right guess finds nothing.
  const used = await db
    .deleteFrom('sign_in_codes')
    .where('clinic_id', '=', input.clinicId)
    .where('user_id', '=', input.userId)
    .where('code_hmac', '=', row.code_hmac)
    .executeTakeFirst();
  return Number(used.numDeletedRows) === 1;
}
