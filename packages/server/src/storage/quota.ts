import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Storage quotas (issue 12, decision 011), in one place: bytes are reserved before a file is
 * written and given back if it is not kept. Each scope is one counter row, checked and increased in
 * one statement (`... set used = used + n where used + n <= limit`), so parallel uploads cannot
 * together pass a limit: the row lock makes the second wait and then see the first's bytes.
 */

const megabyte = 1024 * 1024;

/** Limits for people, in bytes uploaded (what they sent, after unzipping). */
export interface UploadQuotaLimits {
  /** One visitor status token (it works 14 days): a study or two, not a disk. */
  readonly tokenBytes: number;
  /** One intake request, whoever uploads to it (a new token for the same request does not reset it). */
  readonly requestBytes: number;
  /** One patient uploading to their own record or requests (staff uploads count for the clinic only). */
  readonly patientBytes: number;
}

export const uploadQuotaDefaults: UploadQuotaLimits = {
  tokenBytes: 300 * megabyte,
  requestBytes: 1024 * megabyte,
  patientBytes: 2048 * megabyte,
};

const quotaSettings = {
  LAMINA_UPLOAD_QUOTA_TOKEN_MB: 'tokenBytes',
  LAMINA_UPLOAD_QUOTA_REQUEST_MB: 'requestBytes',
  LAMINA_UPLOAD_QUOTA_PATIENT_MB: 'patientBytes',
} as const;

/**
 * The quota settings of `lamina serve`: whole megabytes, each defaulting to uploadQuotaDefaults.
 * A value that is not a whole number from 1 to 1 000 000 throws with one line naming the setting.
 */
export function uploadQuotasFromEnv(env: Record<string, string | undefined>): UploadQuotaLimits {
  const limits: Record<keyof UploadQuotaLimits, number> = { ...uploadQuotaDefaults };
  for (const [name, field] of Object.entries(quotaSettings)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000)
      throw new RangeError(`${name}: expected whole megabytes from 1 to 1000000, got "${raw}".`);
    limits[field] = Number(raw) * megabyte;
  }
  return limits;
}

/** The clinic's own limit lives on its row (clinics.imaging_quota_bytes, migration 013); this is the default. */
export const clinicQuotaDefaultBytes = 200 * 1024 * megabyte;

export type QuotaScope = 'clinic' | 'request' | 'token' | 'patient';

export interface QuotaCharge {
  readonly scope: QuotaScope;
  /** Which counter: '' for the clinic, a request or patient id, a token's hash. */
  readonly key: string;
  /** A number, or undefined for the clinic (its limit is read from its row in the same statement). */
  readonly limit?: number;
  /** Bytes this charge counts: uploads count what was sent, the clinic what is written (with copies). */
  readonly bytes: number;
}

export class QuotaExceeded extends Error {
  readonly scope: QuotaScope;
  readonly limit: number | undefined;
  constructor(scope: QuotaScope, limit: number | undefined) {
    super(`storage quota ${scope} reached`);
    this.scope = scope;
    this.limit = limit;
  }
}

/** Counts `charge.bytes` if it fits, in one statement; false (and nothing counted) when it does not. */
async function take(db: Kysely<Database>, clinicId: string, charge: QuotaCharge) {
  const limit =
    charge.limit === undefined
      ? sql`(select imaging_quota_bytes from clinics where id = ${clinicId})`
      : sql`${charge.limit}::bigint`;
  const row = await sql<{ used_bytes: number }>`
    insert into upload_quotas as q (clinic_id, scope, key, used_bytes)
    select ${clinicId}::uuid, ${charge.scope}, ${charge.key}, ${charge.bytes}::bigint
    where ${charge.bytes}::bigint <= ${limit}
    on conflict (clinic_id, scope, key) do update
      set used_bytes = q.used_bytes + excluded.used_bytes, updated_at = now()
      where q.used_bytes + excluded.used_bytes <= ${limit}
    returning q.used_bytes`.execute(db);
  return row.rows.length === 1;
}

/** Runs in the caller's transaction when there is one (all or none with it), else in a new one. */
const inTransaction = (db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<void>) =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

/**
 * Reserves the bytes on every scope, all or none (one transaction; scopes in a fixed order so two
 * uploads never wait on each other's rows the other way round). Throws QuotaExceeded naming the
 * first scope that is full.
 */
export async function reserveStorage(
  db: Kysely<Database>,
  clinicId: string,
  charges: readonly QuotaCharge[],
): Promise<void> {
  const ordered = [...charges].sort((a, b) => scopeOrder(a.scope) - scopeOrder(b.scope));
  await inTransaction(db, async (trx) => {
    const taken: QuotaCharge[] = [];
    for (const charge of ordered) {
      if (!(await take(trx, clinicId, charge))) {
        // Given back explicitly too, for a caller's transaction that goes on after this.
        await giveBack(trx, clinicId, taken);
        throw new QuotaExceeded(charge.scope, charge.limit);
      }
      taken.push(charge);
    }
  });
}

async function giveBack(trx: Kysely<Database>, clinicId: string, charges: readonly QuotaCharge[]) {
  for (const charge of charges)
    await sql`update upload_quotas
      set used_bytes = greatest(used_bytes - ${charge.bytes}::bigint, 0), updated_at = now()
      where clinic_id = ${clinicId} and scope = ${charge.scope} and key = ${charge.key}`.execute(
      trx,
    );
}

/** Gives back what reserveStorage took (the file was not kept). */
export async function releaseStorage(
  db: Kysely<Database>,
  clinicId: string,
  charges: readonly QuotaCharge[],
): Promise<void> {
  const ordered = [...charges].sort((a, b) => scopeOrder(a.scope) - scopeOrder(b.scope));
  await inTransaction(db, (trx) => giveBack(trx, clinicId, ordered));
}

/** Bytes counted so far on one scope (0 when nothing was). For early refusals and tests; never the check itself. */
export async function storageUsed(
  db: Kysely<Database>,
  clinicId: string,
  scope: QuotaScope,
  key: string,
): Promise<number> {
  const row = await db
    .selectFrom('upload_quotas')
    .select('used_bytes')
    .where('clinic_id', '=', clinicId)
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(row?.used_bytes ?? 0);
}

/** The clinic's storage: its limit (a setting) and what is counted against it. */
export async function clinicStorage(db: Kysely<Database>, clinicId: string) {
  const row = await db
    .selectFrom('clinics')
    .select('imaging_quota_bytes')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return {
    quotaBytes: Number(row.imaging_quota_bytes),
    usedBytes: await storageUsed(db, clinicId, 'clinic', ''),
  };
}

/** Sets the clinic's limit. Lowering it below what is stored keeps the files and refuses new ones. */
export async function setClinicQuota(db: Kysely<Database>, clinicId: string, bytes: number) {
  await db
    .updateTable('clinics')
    .set({ imaging_quota_bytes: bytes })
    .where('id', '=', clinicId)
    .execute();
}

const scopeOrder = (scope: QuotaScope) => ['token', 'request', 'patient', 'clinic'].indexOf(scope);
