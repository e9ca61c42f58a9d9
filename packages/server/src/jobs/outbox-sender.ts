import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type nodemailerType from 'nodemailer';

// Loaded on first use, not at start: an idle server does not hold it in memory (issue 19).
const nodemailer = () => createRequire(import.meta.url)('nodemailer') as typeof nodemailerType;

import type { Database } from '../db/schema.ts';
import { type SmsProvider, SmsSendError } from '../messaging/sms.ts';

/** How a sent email leaves the building: SMTP in production; tests and development pass their own. */
export type DeliverEmail = (message: {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on reminders. */
  headers?: Readonly<Record<string, string>>;
}) => Promise<void>;

export function smtpDelivery(smtpUrl: string, from: string): DeliverEmail {
  const transport = nodemailer().createTransport(smtpUrl);
  return async ({ to, subject, text, headers }) => {
    await transport.sendMail({ from, to, subject, text, ...(headers ? { headers } : {}) });
  };
}

/** Minutes to wait before the next try after the n-th failure: 1, 2, 4 … capped at an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

export const maxEmailAttempts = 10;

/** Who delivers each channel. A channel without one waits in the outbox (as email does without SMTP). */
export interface OutboxSenders {
  readonly email?: DeliverEmail;
  readonly sms?: SmsProvider;
}

/**
 * Sends what is waiting in the outbox. Each batch is claimed inside a transaction with
 * FOR UPDATE SKIP LOCKED, so several server processes never send the same email twice; a failure
 * is recorded and retried later with back-off, and nothing is ever dropped silently.
 */
export async function sendOutbox(
  db: Kysely<Database>,
  deliver: DeliverEmail | OutboxSenders,
  now: Date,
  batch = 20,
) {
  const senders: OutboxSenders = typeof deliver === 'function' ? { email: deliver } : deliver;
  const channels = [
    ...(senders.email ? (['email'] as const) : []),
    ...(senders.sms ? (['sms'] as const) : []),
  ];
  if (channels.length === 0) return { sent: 0, failed: 0 };
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox')
      .select([
        'clinic_id',
        'id',
        'channel',
        'to_address',
        'subject',
        'body_text',
        'attempts',
        'headers',
      ])
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('channel', 'in', channels)
      .where('next_attempt_at', '<=', now)
      .where('attempts', '<', maxEmailAttempts)
      .orderBy('next_attempt_at')
      .limit(batch)
      .modifyEnd(sql`for update skip locked`)
      .execute();
    let sent = 0;
    let failed = 0;
    for (const email of due) {
      try {
        let providerId: string | null = null;
        if (email.channel === 'sms' && senders.sms)
          providerId = (await senders.sms.send({ to: email.to_address, body: email.body_text })).id;
        else if (email.channel === 'email' && senders.email)
          await senders.email({
            to: email.to_address,
            subject: email.subject,
            text: email.body_text,
            ...(email.headers ? { headers: email.headers as Record<string, string> } : {}),
          });
        else continue;
        await trx
          .updateTable('outbox')
          .set({
            sent_at: now,
            attempts: email.attempts + 1,
            last_error: null,
            provider_message_id: providerId,
          })
          .where('clinic_id', '=', email.clinic_id)
          .where('id', '=', email.id)
          .execute();
        sent++;
      } catch (error) {
        const attempts = email.attempts + 1;
        // A provider's 4xx (bad number, unsubscribed) will fail the same way again: kept, not retried.
        const permanent = error instanceof SmsSendError && error.permanent;
        await trx
          .updateTable('outbox')
          .set({
            attempts,
            last_error: (error as Error).message.slice(0, 500),
            next_attempt_at: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000),
            failed_at: permanent ? now : null,
          })
          .where('clinic_id', '=', email.clinic_id)
          .where('id', '=', email.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  });
}

/** Runs sendOutbox every few seconds until stopped. */
export function startOutboxSender(
  db: Kysely<Database>,
  deliver: DeliverEmail | OutboxSenders,
  options: { everySeconds?: number; log?: (line: string) => void } = {},
) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = sendOutbox(db, deliver, new Date())
      .then(({ failed }) => {
        if (failed > 0)
          options.log?.(
            `outbox: ${failed} message(s) could not be sent; see the outbox for retries`,
          );
      })
      .catch((error: Error) => options.log?.(`outbox: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, (options.everySeconds ?? 5) * 1000);
      });
  };
  let timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
