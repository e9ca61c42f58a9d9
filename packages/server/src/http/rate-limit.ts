import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppContext } from './context.ts';
import { tooManyRequests } from './problem.ts';

/**
 * The one rate limiter (decision 010). A counter per (clinic, bucket, key) over a fixed window that
 * starts at its first hit, held in the database so every server process shares it. A hit checks and
 * increments in ONE statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), so N parallel requests
 * count N: none of them can read a count that another has not yet written.
 */
export interface Limit {
  /** What is counted, e.g. `password-fail-account`. */
  readonly bucket: string;
  /** Hits allowed in one window; the hit after that is refused. */
  readonly max: number;
  readonly windowSeconds: number;
}

export interface Hit {
  readonly allowed: boolean;
  /** Hits in this window, this one included. */
  readonly hits: number;
  /** Seconds until the window ends (when a refused caller may try again). */
  readonly retryAfterSeconds: number;
}

/** Keys are hashed: the table then holds no email address or IP address in clear. */
export function limitKey(value: string): string {
  return createHash('sha256').update(value.toLowerCase()).digest('base64url');
}

/** Counts one hit and says whether it is within the limit; the count and the check are one statement. */
export async function hit(
  db: Kysely<Database>,
  clinicId: string,
  limit: Limit,
  key: string,
  now: Date,
): Promise<Hit> {
  const expired = new Date(now.getTime() - limit.windowSeconds * 1000);
  const row = await sql<{ hits: number; window_started_at: Date }>`
    insert into rate_limit_counters as c (clinic_id, bucket, key, window_started_at, hits)
    values (${clinicId}, ${limit.bucket}, ${key}, ${now}, 1)
    on conflict (clinic_id, bucket, key) do update set
      hits = case when c.window_started_at <= ${expired} then 1 else c.hits + 1 end,
      window_started_at = case when c.window_started_at <= ${expired} then ${now} else c.window_started_at end
    returning hits, window_started_at`
    .execute(db)
    .then((result) => result.rows[0]);
  if (!row) throw new Error('rate limit counter not returned');
  const started = new Date(row.window_started_at).getTime();
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((started + limit.windowSeconds * 1000 - now.getTime()) / 1000),
  );
  const hits = Number(row.hits);
  return { allowed: hits <= limit.max, hits, retryAfterSeconds };
}

/**
 * Counts one attempt of a key (a visitor's address, one request) in a window of `windowMinutes`
 * that starts at its first attempt, and refuses past `max` with a 429 whose Retry-After is the
 * whole window. Call it before the body is read, so junk and refused attempts count too.
 */
export async function limitAttempts(
  c: AppContext,
  input: { clinicId: string; bucket: string; key: string; max: number; windowMinutes: number },
  detail: string,
): Promise<void> {
  const { db, now } = c.get('deps');
  const windowSeconds = input.windowMinutes * 60;
  const limit = { bucket: input.bucket, max: input.max, windowSeconds };
  if (!(await hit(db, input.clinicId, limit, input.key, now())).allowed) {
    c.header('retry-after', String(windowSeconds));
    throw tooManyRequests(detail);
  }
}

/**
 * limitAttempts for a visitor (no account): counted per clinic by the caller's address, hashed
 * like every other key (`limitKey`; candidacy checks, intake requests).
 */
export function limitVisitor(
  c: AppContext,
  input: { clinicId: string; bucket: string; max: number; windowMinutes: number },
  detail: string,
): Promise<void> {
  return limitAttempts(c, { ...input, key: limitKey(`ip:${c.get('ip') ?? 'unknown'}`) }, detail);
}

/** The one counter of a key in a limit's bucket (its primary key). */
const counter = (clinicId: string, limit: Limit, key: string) => ({
  clinic_id: clinicId,
  bucket: limit.bucket,
  key,
});

/** Gives one hit back (a reserved try that turned out to succeed). */
export async function refund(
  db: Kysely<Database>,
  clinicId: string,
  limit: Limit,
  key: string,
): Promise<void> {
  await db
    .updateTable('rate_limit_counters')
    .set({ hits: sql`greatest(hits - 1, 0)` })
    .where((eb) => eb.and(counter(clinicId, limit, key)))
    .execute();
}

/** Forgets the counter (e.g. an account's failures after its password was reset). */
export async function clearLimit(
  db: Kysely<Database>,
  clinicId: string,
  limit: Limit,
  key: string,
): Promise<void> {
  await db
    .deleteFrom('rate_limit_counters')
    .where((eb) => eb.and(counter(clinicId, limit, key)))
    .execute();
}

/**
 * Deletes a bucket's counters whose window has ended. Invisible to callers (an ended window counts
 * as a new one on its next hit); it only keeps the table from growing with every address ever seen.
 */
export async function sweepLimit(
  db: Kysely<Database>,
  clinicId: string,
  limit: Limit,
  now: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_counters')
    .where('clinic_id', '=', clinicId)
    .where('bucket', '=', limit.bucket)
    .where('window_started_at', '<=', new Date(now.getTime() - limit.windowSeconds * 1000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** About one hit in this many also sweeps its bucket's ended counters. */
const sweepEvery = 100;

/** The 429 answer: Retry-After and the same number in the body, so a screen can say when. */
export function limited(c: AppContext, retryAfterSeconds: number, detail: string) {
  c.header('retry-after', String(retryAfterSeconds));
  const problem = tooManyRequests(detail);
  Object.assign(problem.problem, { retryAfterSeconds });
  return problem;
}

/** Counts a hit on each limit in order (narrowest first) and throws 429 at the first that refuses; the wider ones are not spent by a refused request. */
export async function hitAll(
  c: AppContext,
  clinicId: string,
  checks: readonly { limit: Limit; key: string }[],
  detail: (minutes: number) => string,
): Promise<void> {
  const { db, now } = c.get('deps');
  const at = now();
  let wait = 0;
  for (const check of checks) {
    const result = await hit(db, clinicId, check.limit, check.key, at);
    if (Math.random() < 1 / sweepEvery) await sweepLimit(db, clinicId, check.limit, at);
    if (!result.allowed) {
      // Stop at the first refusal: a request already refused does not also spend the wider budgets
      // (address, clinic). Otherwise parallel requests refused by the narrow limit could use up the
      // wide one first, and a request the narrow limit allowed would be refused by the wide one.
      wait = result.retryAfterSeconds;
      break;
    }
  }
  if (wait > 0) throw limited(c, wait, detail(Math.ceil(wait / 60)));
}
