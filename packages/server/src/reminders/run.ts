import {
  defaultReminderSettings,
  type IsoDate,
  localDate,
  type PromInstrumentId,
  promsDue,
  type Region,
  type ReminderChannel,
  type ReminderItem,
  type ReminderLanguage,
  type ReminderPrefs,
  type ReminderSettings,
  reminderChannels,
  reminderFollowUps,
  reminderFrame,
  reminderSettingsSchema,
  remindersDue,
} from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type QueuedEmail, queueEmails } from '../jobs/outbox.ts';
import { defaultReminderUrl, newLinkToken, reminderLink, stopPath } from './links.ts';
import { queueSms } from './sms.ts';

/** The clinic's reminder settings: its own where set, the defaults elsewhere. */
export function resolveReminderSettings(stored: unknown): ReminderSettings {
  if (stored === null || stored === undefined || typeof stored !== 'object')
    return defaultReminderSettings;
  const merged = reminderSettingsSchema.safeParse({ ...defaultReminderSettings, ...stored });
  return merged.success ? merged.data : defaultReminderSettings;
}

export function resolveReminderPrefs(
  row: {
    channels: string[];
    paused: boolean;
    quiet_start: string | null;
    quiet_end: string | null;
  } | null,
): ReminderPrefs {
  if (!row) return { channels: ['email', 'push'], paused: false, quietHours: null };
  return {
    channels: row.channels.filter((c): c is ReminderChannel =>
      (reminderChannels as readonly string[]).includes(c),
    ),
    paused: row.paused,
    quietHours:
      row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  };
}

/** The bundle kind in reminder_sends: one per patient, channel and local day. */
export const dailyKind = 'daily';

export interface RunRemindersOptions {
  readonly batchSize?: number;
  /** Only this clinic (tests, benches); all clinics otherwise. */
  readonly clinicId?: string;
  /** LAMINA_PUBLIC_URL: links in reminders start with it (default: defaultReminderUrl). */
  readonly publicUrl?: URL;
}

export interface RunRemindersResult {
  readonly patients: number;
  readonly queued: number;
  readonly skipped: number;
}

function emailBody(
  language: ReminderLanguage,
  items: readonly ReminderItem[],
  stopUrl: string,
  publicUrl: URL,
) {
  const frame = reminderFrame[language];
  return [
    ...items.map((i) => `• ${i.text}`),
    '',
    `${frame.open}: ${reminderLink(publicUrl, items.some((i) => i.kind === 'checkin') ? '/checkin' : '/')}`,
    '',
    `${frame.stop}: ${stopUrl}`,
  ].join('\n');
}

/**
 * Computes every patient's reminders for the moment `now` and queues what is due: one bundled
 * message per channel and local day. The reminder_sends row (unique per clinic, patient, kind,
 * local day and channel) is written in the same transaction as the outbox row, so two servers or a
 * retried job send it once. Push rows are delivered afterwards by deliverQueuedPush.
 */
export async function runReminders(
  db: Kysely<Database>,
  now: Date,
  options: RunRemindersOptions = {},
): Promise<RunRemindersResult> {
  const batchSize = options.batchSize ?? 2000;
  const publicUrl = options.publicUrl ?? defaultReminderUrl;
  let clinicsQuery = db
    .selectFrom('clinics')
    .select(['id', 'timezone', 'reminder_settings', 'licensed_instruments']);
  if (options.clinicId) clinicsQuery = clinicsQuery.where('id', '=', options.clinicId);
  const clinics = await clinicsQuery.execute();
  let patients = 0;
  let queued = 0;
  let skipped = 0;
  for (const clinic of clinics) {
    const settings = resolveReminderSettings(clinic.reminder_settings);
    const clinicToday = localDate(clinic.timezone, now);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await sql<{
        id: string;
        user_id: string | null;
        email: string | null;
        phone: string | null;
        language: ReminderLanguage;
        timezone: string | null;
        surgery_date: string;
        region: string;
        procedure: string;
        cancelled_at: Date | string | null;
        overrides: unknown;
        channels: string[] | null;
        paused: boolean | null;
        quiet_start: string | null;
        quiet_end: string | null;
        last_checkin_at: Date | null;
      }>`
        select p.id, p.user_id, p.email, p.phone, p.language, p.timezone, p.last_checkin_at,
          s.surgery_date, s.region, s.procedure, s.cancelled_at, s.overrides,
          rp.channels, rp.paused, rp.quiet_start, rp.quiet_end
        from patients p
        join lateral (
          select s.surgery_date, s.region, s.procedure, s.cancelled_at, s.overrides from surgeries s
          where s.clinic_id = p.clinic_id and s.patient_id = p.id
          order by s.surgery_date desc, s.created_at desc limit 1
        ) s on true
        left join reminder_prefs rp on rp.clinic_id = p.clinic_id and rp.patient_id = p.id
        where p.clinic_id = ${clinic.id} and p.id > ${after}
          and s.surgery_date between (${clinicToday}::date - 830) and (${clinicToday}::date + 70)
          -- Already reminded today (all of a patient's channels are queued in one transaction):
          -- later passes the same day skip them cheaply.
          and not (p.timezone is null and exists (
            select from reminder_sends r where r.clinic_id = p.clinic_id and r.patient_id = p.id
              and r.kind = ${dailyKind} and r.local_date = ${clinicToday}::date))
        order by p.id
        limit ${batchSize}
      `.execute(db);
      const batch = rows.rows;
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.id ?? after;
      patients += batch.length;
      const ids = batch.map((r) => r.id);
      const [unread, responses, pushSubs] = await Promise.all([
        db
          .selectFrom('messages as m')
          .innerJoin('patients as p', (j) =>
            j.onRef('p.clinic_id', '=', 'm.clinic_id').onRef('p.id', '=', 'm.patient_id'),
          )
          .select(['m.patient_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('m.clinic_id', '=', clinic.id)
          .where('m.patient_id', 'in', ids)
          .where('m.read_at', 'is', null)
          .where(sql<boolean>`m.sender_id is distinct from p.user_id`)
          .groupBy('m.patient_id')
          .execute(),
        db
          .selectFrom('prom_responses')
          .select(['patient_id', 'instrument', 'completed_at'])
          .where('clinic_id', '=', clinic.id)
          .where('patient_id', 'in', ids)
          .execute(),
        db
          .selectFrom('push_subscriptions')
          .select(['patient_id'])
          .distinct()
          .where('clinic_id', '=', clinic.id)
          .where('patient_id', 'in', ids)
          .execute(),
      ]);
      const unreadBy = new Map(unread.map((u) => [u.patient_id, Number(u.n)]));
      const responsesBy = new Map<string, { instrument: PromInstrumentId; completedAt: Date }[]>();
      for (const r of responses) {
        const list = responsesBy.get(r.patient_id) ?? [];
        list.push({ instrument: r.instrument as PromInstrumentId, completedAt: r.completed_at });
        responsesBy.set(r.patient_id, list);
      }
      const hasPush = new Set(pushSubs.map((s) => s.patient_id));

      const candidates: {
        patientId: string;
        channel: ReminderChannel;
        to: string | null;
        items: readonly ReminderItem[];
        language: ReminderLanguage;
        localDate: IsoDate;
        stop: { token: string; hash: string } | null;
      }[] = [];
      for (const row of batch) {
        const timeZone = row.timezone ?? clinic.timezone;
        const surgeryDate = row.surgery_date as IsoDate;
        const region = row.region as Region;
        const prefs = resolveReminderPrefs(
          row.channels === null
            ? null
            : {
                channels: row.channels,
                paused: row.paused ?? false,
                quiet_start: row.quiet_start,
                quiet_end: row.quiet_end,
              },
        );
        const last = row.last_checkin_at === null ? null : new Date(row.last_checkin_at);
        const proms = promsDue(
          { region, surgeryDate },
          (responsesBy.get(row.id) ?? []).map((r) => ({
            instrument: r.instrument,
            completedOn: localDate(timeZone, r.completedAt),
          })),
          localDate(timeZone, now),
          { licensedInstruments: clinic.licensed_instruments },
        );
        const overrides = (row.overrides ?? {}) as {
          followUps?: Record<string, { date?: IsoDate }>;
        };
        const due = remindersDue(
          {
            surgery: { surgeryDate, cancelled: row.cancelled_at !== null },
            questionnaires: proms.timepoints.map((t) => ({
              timepoint: t.timepoint,
              opens: t.opens,
              closes: t.closes,
              complete: t.instruments.every(
                (i) => i.respondent !== 'patient' || i.status === 'complete',
              ),
            })),
            followUps: reminderFollowUps(
              {
                region,
                procedure: row.procedure as Parameters<typeof reminderFollowUps>[0]['procedure'],
                surgeryDate,
              },
              overrides.followUps ?? {},
            ),
            unreadMessages: unreadBy.get(row.id) ?? 0,
            lastCheckinOn: last ? localDate(timeZone, last) : null,
            prefs,
            settings,
            timeZone,
            language: row.language,
          },
          now,
        );
        if (!due.sendableNow || due.items.length === 0) continue;
        for (const channel of due.channels) {
          const to = channel === 'email' ? row.email : channel === 'sms' ? row.phone : null;
          if (channel !== 'push' && !to) continue;
          if (channel === 'push' && !hasPush.has(row.id)) continue;
          candidates.push({
            patientId: row.id,
            channel,
            to,
            items: due.items,
            language: row.language,
            localDate: due.localDate,
            stop: channel === 'push' ? null : newLinkToken(),
          });
        }
      }
      if (candidates.length === 0) continue;
      const result = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('reminder_sends')
          .values(
            candidates.map((c) => ({
              clinic_id: clinic.id,
              patient_id: c.patientId,
              kind: dailyKind,
              local_date: c.localDate,
              channel: c.channel,
              items: JSON.stringify(
                c.items.map((i) => ({
                  kind: i.kind,
                  ref: i.ref,
                  text: i.text,
                  sources: i.sources,
                })),
              ),
              stop_token_hash: c.stop?.hash ?? null,
              created_at: now,
              // An email or SMS row that wins the insert gets its outbox row in this same
              // transaction: the outbox (with its retries) is the delivery record from here.
              ...(c.channel !== 'push'
                ? { status: 'sent' as const, result: 'queued in outbox', sent_at: now }
                : {}),
            })),
          )
          .onConflict((oc) =>
            oc.columns(['clinic_id', 'patient_id', 'kind', 'local_date', 'channel']).doNothing(),
          )
          .returning(['id', 'patient_id', 'channel'])
          .execute();
        const won = new Map(inserted.map((r) => [`${r.patient_id} ${r.channel}`, r.id]));
        let sentNow = 0;
        const emails: QueuedEmail[] = [];
        let skippedNow = 0;
        for (const c of candidates) {
          const id = won.get(`${c.patientId} ${c.channel}`);
          if (!id || c.channel === 'push') continue;
          const stopUrl = reminderLink(publicUrl, stopPath(clinic.id, c.stop?.token ?? ''));
          if (c.channel === 'email' && c.to) {
            emails.push({
              clinicId: clinic.id,
              to: c.to,
              subject: reminderFrame[c.language].subject,
              body: emailBody(c.language, c.items, stopUrl, publicUrl),
              kind: 'reminder',
              headers: {
                'List-Unsubscribe': `<${stopUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              },
            });
            sentNow++;
          } else if (c.channel === 'sms' && c.to) {
            const accepted = await queueSms(trx, {
              clinicId: clinic.id,
              to: c.to,
              body: `${c.items.map((i) => i.text).join(' ')} ${reminderFrame[c.language].stop}: ${stopUrl}`,
              kind: 'reminder',
            });
            if (!accepted) {
              await trx
                .updateTable('reminder_sends')
                .set({ status: 'skipped', result: 'no SMS channel configured' })
                .where('clinic_id', '=', clinic.id)
                .where('id', '=', id)
                .execute();
              skippedNow++;
            } else sentNow++;
          }
        }
        await queueEmails(trx, emails);
        return { queued: inserted.length - skippedNow, skipped: skippedNow, sentNow };
      });
      queued += result.queued;
      skipped += result.skipped;
    }
  }
  return { patients, queued, skipped };
}

/** The push message a reminder bundle becomes (shown by the service worker). */
export function pushPayload(
  language: ReminderLanguage,
  items: readonly { kind: string; text: string }[],
) {
  return JSON.stringify({
    title: reminderFrame[language].subject.replace(/^Lamina: /, 'Lamina · '),
    body: items.map((i) => i.text).join(' '),
    url: items.some((i) => i.kind === 'checkin') ? '/checkin' : '/',
    tag: 'lamina-reminder',
  });
}
