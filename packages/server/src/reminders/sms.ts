import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type QueuedSms, queueSms as queueOutboxSms } from '../jobs/outbox.ts';

export type { QueuedSms };

/**
 * The single call site for reminder SMS: the outbox's SMS channel (jobs/outbox.ts), written in the
 * caller's transaction like queueEmail, and delivered by the one outbox sender through the SMS
 * provider (messaging/sms.ts) — or kept waiting in the outbox when no provider is configured.
 */
export async function queueSms(db: Kysely<Database>, sms: QueuedSms): Promise<boolean> {
  await queueOutboxSms(db, sms);
  return true;
}
