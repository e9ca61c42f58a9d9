import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type webpushType from 'web-push';

// Loaded on first use, not at start: an idle server does not hold it in memory (issue 19).
const webpush = () => createRequire(import.meta.url)('web-push') as typeof webpushType;

import type { Database } from '../db/schema.ts';

/**
 * The one way to send a Web Push message (RFC 8030 with VAPID, RFC 8292, and aes128gcm payload
 * encryption, RFC 8291). The maintained `web-push` library signs and encrypts; we deliver the
 * request it builds with fetch (web-push's own sender speaks only https, and tests use a local
 * http fake). Each clinic has one VAPID key pair, made on first use and kept in the database so
 * every server process and every restart signs with the same key.
 */

export interface PushTarget {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
}

export type PushResult =
  | { readonly outcome: 'sent'; readonly status: number }
  /** 404/410: the subscription no longer exists; the caller removes it. */
  | { readonly outcome: 'gone'; readonly status: number }
  | { readonly outcome: 'failed'; readonly status: number | null; readonly error: string };

/** The clinic's VAPID keys, created once (two processes racing both read the one that won). */
export async function vapidKeys(db: Kysely<Database>, clinicId: string): Promise<VapidKeys> {
  const found = await db
    .selectFrom('push_vapid_keys')
    .select(['public_key', 'private_key'])
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (found) return { publicKey: found.public_key, privateKey: found.private_key };
  const made = webpush().generateVAPIDKeys();
  await db
    .insertInto('push_vapid_keys')
    .values({ clinic_id: clinicId, public_key: made.publicKey, private_key: made.privateKey })
    .onConflict((oc) => oc.column('clinic_id').doNothing())
    .execute();
  return vapidKeys(db, clinicId);
}

export interface PushOptions {
  /** VAPID `sub` claim: a mailto: or https: contact for the push service operator. */
  readonly subject: string;
  /** Seconds the push service keeps an undelivered message. */
  readonly ttlSeconds?: number;
  readonly urgency?: 'very-low' | 'low' | 'normal' | 'high';
  readonly timeoutMs?: number;
}

export async function sendPush(
  target: PushTarget,
  payload: string,
  vapid: VapidKeys,
  options: PushOptions,
): Promise<PushResult> {
  let details: ReturnType<typeof webpushType.generateRequestDetails>;
  try {
    details = webpush().generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.keys.p256dh, auth: target.keys.auth } },
      payload,
      {
        vapidDetails: { subject: options.subject, ...vapid },
        TTL: options.ttlSeconds ?? 24 * 60 * 60,
        urgency: options.urgency ?? 'normal',
        contentEncoding: 'aes128gcm',
      },
    );
  } catch (error) {
    return { outcome: 'failed', status: null, error: (error as Error).message };
  }
  try {
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ?? null,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 404 || response.status === 410)
      return { outcome: 'gone', status: response.status };
    if (response.status >= 200 && response.status < 300)
      return { outcome: 'sent', status: response.status };
    return {
      outcome: 'failed',
      status: response.status,
      error: `push service answered ${response.status}`,
    };
  } catch (error) {
    return { outcome: 'failed', status: null, error: (error as Error).message };
  }
}
