import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** An SMS to send later, written in the caller's transaction (like queueEmail). */
export interface QueuedSms {
  readonly clinicId: string;
  readonly to: string;
  readonly body: string;
  readonly kind: string;
}

/**
 * The single call site for reminder SMS. The SMS provider and the outbox's SMS channel come from
 * another branch (onb-clinic); until it is merged there is no way to send an SMS, so this answers
 * `false` and the send is recorded as skipped, never as sent. The merger replaces the body with the
 * outbox's SMS queue function and returns true.
 */
export async function queueSms(_db: Kysely<Database>, _sms: QueuedSms): Promise<boolean> {
  return false;
}
