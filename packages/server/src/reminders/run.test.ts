import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { localWeekdayAndTime } from '@lamina/pathway';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertPatientWithSurgery } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { vapidKeys } from '../messaging/push.ts';
import { startFakePushService } from '../messaging/push-fake.test-helper.ts';
import { deliverQueuedPush } from './deliver-push.ts';
import { runReminders } from './run.ts';

const zone = 'America/Chicago';
const surgeryDate = '2026-03-02';

const aPatient = (db: Kysely<Database>, clinicId: string, language: 'en' | 'es' = 'en') =>
  insertPatientWithSurgery(db, clinicId, {
    email: `p-${randomUUID().slice(0, 8)}@mail.example`,
    region: 'lumbar',
    surgeryDate,
    givenName: 'Rosa',
    familyName: 'Diaz',
    language,
  });

async function aClinic(db: Kysely<Database>) {
  const id = randomUUID();
  await db
    .insertInto('clinics')
    .values({ id, slug: `c-${id.slice(0, 8)}`, name: 'Reminder Clinic', timezone: zone })
    .execute();
  return id;
}

/** A fresh database with one clinic (in Chicago). */
async function freshReminderClinic(engine: TestEngine) {
  const { db } = await engine.open();
  return { db, clinicId: await aClinic(db) };
}

/** Stores a patient's reminder preferences, as they would have set them. */
const setPrefs = (
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  prefs: Omit<Insertable<Database['reminder_prefs']>, 'clinic_id' | 'patient_id'>,
) =>
  db
    .insertInto('reminder_prefs')
    .values({ clinic_id: clinicId, patient_id: patientId, ...prefs })
    .execute();

const hour = 3600_000;

forEachEngine((engine) => {
  engine.test(
    'over 90 days: thinning weekly counts, never in quiet hours, nothing after pause or a cancelled surgery',
    async () => {
      const { db, clinicId } = await freshReminderClinic(engine);
      const steady = await aPatient(db, clinicId);
      const pausing = await aPatient(db, clinicId);
      const cancelled = await aPatient(db, clinicId);
      // Her own quiet hours, 09:00–14:00, add to the clinic's (21:00–08:00).
      const lateRiser = await aPatient(db, clinicId);
      await setPrefs(db, clinicId, lateRiser, { quiet_start: '09:00', quiet_end: '14:00' });
      const start = Date.parse(`${surgeryDate}T07:00:00Z`); // 01:00 in Chicago: ticks at 01, 05, 09, 13, 17, 21
      for (let t = start; t < start + 91 * 24 * hour; t += 4 * hour) {
        const now = new Date(t);
        const day = Math.floor((t - start) / (24 * hour));
        if (day === 20) {
          await db
            .insertInto('reminder_prefs')
            .values({
              clinic_id: clinicId,
              patient_id: pausing,
              paused: true,
              quiet_start: null,
              quiet_end: null,
            })
            .onConflict((oc) =>
              oc.columns(['clinic_id', 'patient_id']).doUpdateSet({ paused: true }),
            )
            .execute();
          await db
            .updateTable('surgeries')
            .set({ cancelled_at: new Date() })
            .where('clinic_id', '=', clinicId)
            .where('patient_id', '=', cancelled)
            .execute();
        }
        await runReminders(db, now, { clinicId });
      }
      const sends = await db
        .selectFrom('reminder_sends')
        .select(['patient_id', 'local_date', 'created_at', 'channel', 'items'])
        .where('clinic_id', '=', clinicId)
        .orderBy('created_at')
        .execute();
      const of = (id: string) => sends.filter((s) => s.patient_id === id);
      const perWeek = (id: string) => {
        const weeks = Array.from({ length: 13 }, () => 0);
        for (const s of of(id)) {
          const day = Math.floor(
            (Date.parse(s.local_date) - Date.parse(surgeryDate)) / (24 * hour),
          );
          weeks[Math.floor(day / 7)] = (weeks[Math.floor(day / 7)] ?? 0) + 1;
        }
        return weeks;
      };
      // Email only (no push subscription): one bundle a day at most. Check-in days 7,7,4,4,3,4,1…;
      // plus the 6-week questionnaire (day 35 opens, day 53 closing), "book your visit" days.
      const steadyWeeks = perWeek(steady);
      // Check-in days per week 7,7,4,4,3,4,1,1,1,1,1,1,0 (pathway's cadence), plus "book your 6-week
      // visit" on day 28 (week 4) and the 6-week questionnaire's closing reminder on day 53 (week 7);
      // the questionnaire's opening (day 35) and the 3-month items (day 78) fall on check-in days.
      assert.deepEqual(steadyWeeks, [7, 7, 4, 4, 4, 4, 1, 2, 1, 1, 1, 1, 0]);
      assert.equal(
        new Set(of(steady).map((s) => s.local_date)).size,
        of(steady).length,
        'one per day',
      );
      const kinds = of(steady).flatMap((s) => (s.items as { kind: string }[]).map((i) => i.kind));
      assert.ok(kinds.includes('questionnaire'));
      assert.ok(kinds.includes('questionnaire-closing'));
      assert.ok(kinds.includes('visit-book'));
      for (const s of sends) {
        const { time } = localWeekdayAndTime(zone, s.created_at);
        assert.ok(time >= '09:00' && time < '21:00', `sent at ${time} local`);
      }
      // The same days as everyone, only never in her quiet hours.
      assert.deepEqual(perWeek(lateRiser), steadyWeeks);
      for (const s of of(lateRiser)) {
        const { time } = localWeekdayAndTime(zone, s.created_at);
        assert.ok(time >= '14:00' && time < '21:00', `sent at ${time} local, in her quiet hours`);
      }
      assert.ok(of(pausing).every((s) => s.local_date < '2026-03-22'));
      assert.equal(of(pausing).length, 18); // days 0–14 daily, then 15, 17, 19
      assert.ok(of(cancelled).every((s) => s.local_date < '2026-03-22'));
      const outbox = await db
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body_text', 'headers'])
        .where('clinic_id', '=', clinicId)
        .where('kind', '=', 'reminder')
        .execute();
      assert.equal(outbox.length, sends.length);
      const headers = outbox[0]?.headers as Record<string, string>;
      assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.match(
        headers['List-Unsubscribe'] ?? '',
        /^<http.*\/r\/stop\/[0-9a-f-]+\/[A-Za-z0-9_-]{43}>$/,
      );
      assert.ok(
        outbox[0]?.body_text.includes(headers['List-Unsubscribe']?.slice(1, -1) ?? 'missing'),
      );
    },
  );

  engine.test('two workers at once send each reminder exactly once', async () => {
    const { db, clinicId } = await freshReminderClinic(engine);
    const ids = [await aPatient(db, clinicId), await aPatient(db, clinicId, 'es')];
    const now = new Date(`${surgeryDate}T16:00:00Z`); // 10:00 in Chicago
    const results = await Promise.all([
      runReminders(db, now, { clinicId }),
      runReminders(db, now, { clinicId }),
      runReminders(db, now, { clinicId, batchSize: 1 }),
    ]);
    assert.equal(
      results.reduce((n, r) => n + r.queued, 0),
      2,
    );
    await runReminders(db, new Date(now.getTime() + hour), { clinicId });
    const outbox = await db
      .selectFrom('outbox')
      .select(['to_address', 'subject'])
      .where('clinic_id', '=', clinicId)
      .execute();
    assert.equal(outbox.length, 2);
    assert.ok(outbox.some((o) => o.subject === 'Lamina: sus recordatorios de hoy'));
    assert.equal(ids.length, 2);
  });

  engine.test(
    'a push reminder reaches the push service signed and encrypted; a gone subscription is removed',
    async () => {
      const { db } = await engine.open();
      const fake = await startFakePushService(() => new Date());
      after(() => fake.close());
      const clinicId = await aClinic(db);
      const patientId = await aPatient(db, clinicId);
      await setPrefs(db, clinicId, patientId, {
        channels: ['push'],
        quiet_start: null,
        quiet_end: null,
      });
      const sub = fake.subscribe();
      await db
        .insertInto('push_subscriptions')
        .values({ clinic_id: clinicId, patient_id: patientId, endpoint: sub.endpoint, ...sub.keys })
        .execute();
      const now = new Date(`${surgeryDate}T16:00:00Z`);
      await runReminders(db, now, { clinicId });
      const counts = await deliverQueuedPush(db, now, { subject: 'mailto:care@clinic.example' });
      assert.deepEqual(counts, { sent: 1, gone: 0, failed: 0 });
      assert.deepEqual(fake.rejected, []);
      assert.equal(fake.received.length, 1);
      const got = fake.received[0];
      assert.ok(got);
      assert.equal(got.vapidPublicKey, (await vapidKeys(db, clinicId)).publicKey);
      assert.equal(got.claims.aud, fake.origin);
      assert.equal(got.claims.sub, 'mailto:care@clinic.example');
      const message = JSON.parse(got.payload);
      assert.equal(message.url, '/checkin');
      assert.match(message.body, /How are you today\?/);
      // Again the same day: nothing (exactly once); the next day the endpoint is gone.
      await runReminders(db, new Date(now.getTime() + hour), { clinicId });
      assert.deepEqual(await deliverQueuedPush(db, now, { subject: 'mailto:x@y.example' }), {
        sent: 0,
        gone: 0,
        failed: 0,
      });
      fake.gone.add(new URL(sub.endpoint).pathname);
      const tomorrow = new Date(now.getTime() + 24 * hour);
      await runReminders(db, tomorrow, { clinicId });
      assert.deepEqual(await deliverQueuedPush(db, tomorrow, { subject: 'mailto:x@y.example' }), {
        sent: 0,
        gone: 1,
        failed: 0,
      });
      const left = await db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .execute();
      assert.equal(left.length, 0);
      const rows = await db
        .selectFrom('reminder_sends')
        .select(['status', 'result'])
        .where('clinic_id', '=', clinicId)
        .orderBy('local_date')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.status),
        ['sent', 'gone'],
      );
    },
  );
});
