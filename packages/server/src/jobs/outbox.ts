import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** An email to send later. */
export interface QueuedEmail {
  readonly clinicId: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** What the email is for (sign-in code, escalation, …), for the outbox view and tests. */
  readonly kind: string;
  /** Extra headers (reminders: List-Unsubscribe, List-Unsubscribe-Post). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one way to send an email: a row in the outbox, written in the caller's transaction so the
 * email exists exactly when what it tells about does. outbox-sender.ts delivers it (SMTP) later.
 */
export async function queueEmail(db: Kysely<Database>, email: QueuedEmail): Promise<void> {
  await queueEmails(db, [email]);
}

/** A text message to send later: same outbox, same transaction rule, same sender. */
export interface QueuedSms {
  readonly clinicId: string;
  /** E.164 (messaging/phone.ts). */
  readonly to: string;
  /** Plain words, no health details, one segment where possible. */
  readonly body: string;
  readonly kind: string;
}

export async function queueSms(db: Kysely<Database>, sms: QueuedSms): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      clinic_id: sms.clinicId,
      channel: 'sms',
      to_address: sms.to,
      subject: '',
      body_text: sms.body,
      kind: sms.kind,
    })
    .execute();
}

/** Several emails in one statement (reminder batches); the same rules as queueEmail. */
export async function queueEmails(
  db: Kysely<Database>,
  emails: readonly QueuedEmail[],
): Promise<void> {
  if (emails.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      emails.map((email) => ({
        clinic_id: email.clinicId,
        to_address: email.to,
        subject: email.subject,
        body_text: email.body,
        kind: email.kind,
        ...(email.headers ? { headers: JSON.stringify(email.headers) } : {}),
      })),
    )
    .execute();
}
