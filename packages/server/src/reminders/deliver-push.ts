import type { ReminderLanguage } from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type PushResult, sendPush, vapidKeys } from '../messaging/push.ts';
import { pushPayload } from './run.ts';

export interface DeliverPushOptions {
  /** VAPID contact (LAMINA_PUSH_SUBJECT), e.g. mailto:care@clinic.example. */
  readonly subject: string;
  readonly batch?: number;
}

/**
 * Sends the queued push reminders. Rows are claimed FOR UPDATE SKIP LOCKED, so two servers never
 * send the same one; each row ends 'sent' (at least one device took it), 'gone' (every subscription
 * was expired: 404/410, and those subscriptions are removed) or 'failed' (with why).
 */
export async function deliverQueuedPush(
  db: Kysely<Database>,
  now: Date,
  options: DeliverPushOptions,
): Promise<{ sent: number; gone: number; failed: number }> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('reminder_sends as r')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.clinic_id', '=', 'r.clinic_id').onRef('p.id', '=', 'r.patient_id'),
      )
      .select(['r.clinic_id', 'r.id', 'r.patient_id', 'r.items', 'p.language'])
      .where('r.status', '=', 'queued')
      .where('r.channel', '=', 'push')
      .orderBy('r.created_at')
      .limit(options.batch ?? 200)
      .modifyEnd(sql`for update of r skip locked`)
      .execute();
    const counts = { sent: 0, gone: 0, failed: 0 };
    for (const row of due) {
      const subs = await trx
        .selectFrom('push_subscriptions')
        .select(['id', 'endpoint', 'p256dh', 'auth'])
        .where('clinic_id', '=', row.clinic_id)
        .where('patient_id', '=', row.patient_id)
        .execute();
      const vapid = await vapidKeys(trx, row.clinic_id);
      const payload = pushPayload(
        row.language as ReminderLanguage,
        row.items as { kind: string; text: string }[],
      );
      const results: PushResult[] = [];
      for (const sub of subs) {
        const result = await sendPush(
          { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
          payload,
          vapid,
          { subject: options.subject },
        );
        results.push(result);
        if (result.outcome === 'gone') {
          await trx
            .deleteFrom('push_subscriptions')
            .where('clinic_id', '=', row.clinic_id)
            .where('id', '=', sub.id)
            .execute();
        }
      }
      const status = results.some((r) => r.outcome === 'sent')
        ? 'sent'
        : results.length > 0 && results.every((r) => r.outcome === 'gone')
          ? 'gone'
          : 'failed';
      counts[status]++;
      await trx
        .updateTable('reminder_sends')
        .set({
          status,
          sent_at: status === 'sent' ? now : null,
          result:
            results
              .map((r) =>
                r.outcome === 'failed'
                  ? `failed ${r.status ?? ''} ${r.error}`
                  : `${r.outcome} ${r.status}`,
              )
              .join('; ')
              .slice(0, 500) || 'no subscription',
        })
        .where('clinic_id', '=', row.clinic_id)
        .where('id', '=', row.id)
        .execute();
    }
    return counts;
  });
}
