import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditCount, auditOf, insertAlert, outboxOf, updatePatient } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  freshSignedInClinic,
  signInStaff,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { sendOutbox } from '../jobs/outbox-sender.ts';
import { fakeTwilio } from '../messaging/fake-twilio.test-helper.ts';
import { twilioSms } from '../messaging/sms.ts';
import { runReminders } from './run.ts';

const tenAmLa = new Date('2026-11-20T18:00:00Z');

/** An open urgent alert of the patient, raised at `createdAt`. */
const anUrgentAlert = (
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  createdAt: Date,
) => insertAlert(db, { clinicId, patientId, level: 'urgent', priority: 1, createdAt });

function sendsOf(db: Kysely<Database>, clinicId: string) {
  return db.selectFrom('reminder_sends').where('clinic_id', '=', clinicId);
}

forEachEngine((engine) => {
  engine.test(
    'stop link: GET asks, the RFC 8058 one-click POST stops email, and no email follows',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      await runReminders(db, tenAmLa, { clinicId: clinic.clinicId });
      const email = await outboxOf(db, clinic.clinicId, 'reminder')
        .select(['body_text', 'headers'])
        .executeTakeFirstOrThrow();
      const url = new URL(
        ((email.headers as Record<string, string>)['List-Unsubscribe'] ?? '').slice(1, -1),
      );
      assert.ok(email.body_text.includes(url.href));
      const page = await admin.fork().request('GET', url.pathname);
      assert.equal(page.status, 200);
      assert.match(page.text, /<form method="post">/);
      // A link scanner's GET changed nothing.
      assert.deepEqual((await client.get(`/api/patients/${patientId}/reminders`)).json.prefs, {
        channels: ['email', 'push'],
        paused: false,
        quietHours: null,
      });
      const bad = await admin
        .fork()
        .request('POST', `${url.pathname.slice(0, -3)}xyz`, 'List-Unsubscribe=One-Click', {
          'content-type': 'application/x-www-form-urlencoded',
        });
      assert.equal(bad.status, 404);
      const stopped = await admin
        .fork()
        .request('POST', url.pathname, 'List-Unsubscribe=One-Click', {
          'content-type': 'application/x-www-form-urlencoded',
        });
      assert.equal(stopped.status, 200);
      assert.match(stopped.text, /no more reminders by email/);
      assert.deepEqual(
        (
          (await client.get(`/api/patients/${patientId}/reminders`)).json.prefs as {
            channels: string[];
          }
        ).channels,
        ['push'],
      );
      await runReminders(db, new Date(tenAmLa.getTime() + 24 * 3600_000), {
        clinicId: clinic.clinicId,
      });
      const emails = await outboxOf(db, clinic.clinicId, 'reminder').select('id').execute();
      assert.equal(emails.length, 1);
      assert.equal(await auditCount(db, clinic.clinicId, 'reminders.stop-link'), 1);
    },
  );

  engine.test(
    'prefs: the patient pauses; bad input is a 400; staff cannot change them',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      const path = `/api/patients/${patientId}/reminders`;
      const bad = await client.put(path, { channels: ['fax'], paused: false, quietHours: null });
      assert.equal(bad.status, 400);
      const late = await client.put(path, {
        channels: ['email'],
        paused: false,
        quietHours: { start: '25:00', end: '08:00' },
      });
      assert.equal(late.status, 400);
      assert.equal(
        (await admin.put(path, { channels: [], paused: true, quietHours: null })).status,
        403,
      );
      const ok = await client.put(path, {
        channels: ['email'],
        paused: true,
        quietHours: { start: '20:00', end: '09:30' },
      });
      assert.equal(ok.status, 200);
      await runReminders(db, tenAmLa, { clinicId: clinic.clinicId });
      const sends = await sendsOf(db, clinic.clinicId).select('id').execute();
      assert.equal(sends.length, 0);
      const sub = await client.post(`/api/patients/${patientId}/push-subscriptions`, {
        endpoint: 'http://insecure.example/push',
        keys: { p256dh: 'x', auth: 'y' },
      });
      assert.equal(sub.status, 400);
    },
  );

  engine.test(
    'calendar: a valid RFC 5545 file and a private feed that can be revoked',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      await updatePatient(db, clinic.clinicId, patientId, { language: 'es' });
      const file = await client.get(`/api/patients/${patientId}/calendar.ics`);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-type') ?? '', /^text\/calendar/);
      assert.ok(file.text.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(file.text), 'every line ends in CRLF');
      for (const line of file.text.split('\r\n'))
        assert.ok(Buffer.byteLength(line) <= 75, `over 75 octets: ${line}`);
      const parsed = new ICAL.Component(ICAL.parse(file.text));
      const events = parsed.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      assert.ok(events.length >= 8);
      assert.ok(events.every((e) => e.uid && e.component.getFirstPropertyValue('dtstamp')));
      assert.ok(events.some((e) => /Cuestionario de recuperación/.test(e.summary)));
      assert.ok(events.some((e) => /cita de control/i.test(e.summary)));
      const created = await client.post(`/api/patients/${patientId}/calendar-feed`, {});
      assert.equal(created.status, 201);
      const feedPath = new URL(created.json.url as string).pathname;
      const anonymous = admin.fork();
      const feed = await anonymous.get(feedPath);
      assert.equal(feed.status, 200);
      assert.equal(
        new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent').length,
        events.length,
      );
      // The feed's reads are audited once a day per feed, not on every poll.
      assert.equal((await anonymous.get(feedPath)).status, 200);
      const feedReads = await auditOf(db, clinic.clinicId, 'reminders.calendar-feed.read')
        .select(['actor_id', 'patient_id'])
        .execute();
      assert.deepEqual(feedReads, [{ actor_id: null, patient_id: patientId }]);
      const stored = await db
        .selectFrom('calendar_feeds')
        .select('token_hash')
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.ok(!stored.some((s) => feedPath.includes(s.token_hash)), 'only the hash is stored');
      assert.equal(
        (await client.request('DELETE', `/api/patients/${patientId}/calendar-feed`, {})).status,
        200,
      );
      assert.equal((await anonymous.get(feedPath)).status, 404);
    },
  );

  engine.test(
    'worklist: missed check-ins and silence after an urgent alert; acknowledged once, back when quiet again',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const quiet = await enrolAndSignIn(admin, clinic);
      const alerted = await enrolAndSignIn(admin, clinic, {
        surgery: { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-09-01' },
      });
      await updatePatient(db, clinic.clinicId, quiet.patientId, { phone: '+1 (555) 010-2000' });
      await anUrgentAlert(db, clinic.clinicId, alerted.patientId, new Date('2026-11-18T18:00:00Z'));
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const queue = (await nurse.get('/api/alerts')).json.alerts as unknown as {
        patientId: string;
        noCheckinSince: boolean;
      }[];
      assert.deepEqual(
        queue.map((a) => [a.patientId, a.noCheckinSince]),
        [[alerted.patientId, true]],
      );
      const list = await nurse.get('/api/worklist');
      assert.equal(list.status, 200);
      const entries = list.json.entries as unknown as {
        patientId: string;
        reason: string;
        days: number;
        callLink: string | null;
      }[];
      assert.deepEqual(
        entries.map((e) => [e.patientId, e.reason]),
        [
          [alerted.patientId, 'after-alert'],
          [quiet.patientId, 'missed-checkins'],
        ],
      );
      assert.equal(entries[1]?.days, 10);
      assert.equal(entries[1]?.callLink, 'tel:+15550102000');
      assert.equal(
        (
          await nurse.post(`/api/worklist/${quiet.patientId}/acknowledge`, {
            reason: 'missed-checkins',
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await nurse.post(`/api/worklist/${alerted.patientId}/acknowledge`, {
            reason: 'after-alert',
          })
        ).status,
        200,
      );
      assert.deepEqual((await nurse.get('/api/worklist')).json.entries, []);
      // The patient checks in on the 15th (filled in then, sent now), then goes quiet again: a new
      // entry. Through the real check-in route: its statement keeps patients.last_checkin_at.
      const late = await quiet.client.post(`/api/patients/${quiet.patientId}/checkins`, {
        idempotencyKey: 'k-12345678',
        checkin: { axialPain: 2, limbPain: 1, painControlled: 'yes' },
        filledAt: '2026-11-15T18:00:00Z',
      });
      assert.equal(late.status, 201, late.text);
      // An older check-in sent later still does not move the last check-in back.
      const older = await quiet.client.post(`/api/patients/${quiet.patientId}/checkins`, {
        idempotencyKey: 'k-87654321',
        checkin: { axialPain: 2, limbPain: 1, painControlled: 'yes' },
        filledAt: '2026-11-13T18:00:00Z',
      });
      assert.equal(older.status, 201, older.text);
      const again = (await nurse.get('/api/worklist')).json.entries as unknown as {
        patientId: string;
        days: number;
      }[];
      assert.deepEqual(
        again.map((e) => [e.patientId, e.days]),
        [[quiet.patientId, 4]],
      );
      assert.equal(await auditCount(db, clinic.clinicId, 'worklist.acknowledge'), 2);
      // A staff read of patient data: each look at the worklist is one audit row, like the queue's.
      const reads = await db
        .selectFrom('audit_log')
        .select(['actor_id', 'details'])
        .where((eb) => eb.and({ clinic_id: clinic.clinicId, action: 'worklist.read' }))
        .execute();
      assert.deepEqual(
        reads.map((r) => (r.details as { count: number }).count).sort(),
        [0, 1, 2],
        'three looks: two entries, none after the acknowledgements, one again',
      );
      assert.ok(reads.every((r) => r.actor_id === clinic.staff.care_manager.id));
      const patientView = await quiet.client.get('/api/worklist');
      assert.equal(patientView.status, 403);
    },
  );

  engine.test(
    'worklist: one entry per patient who is both missing check-ins and silent after an urgent alert; one acknowledgement clears it',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      // Surgery on the 10th, no check-in since; an urgent alert two days ago.
      const both = await enrolAndSignIn(admin, clinic);
      await anUrgentAlert(db, clinic.clinicId, both.patientId, new Date('2026-11-18T15:00:00Z'));
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const entries = (await nurse.get('/api/worklist')).json.entries as unknown as {
        patientId: string;
        reason: string;
        days: number;
        missedDays: number | null;
      }[];
      assert.deepEqual(
        entries.map((e) => [e.patientId, e.reason, e.days, e.missedDays]),
        [[both.patientId, 'after-alert', 2, 10]],
      );
      const ack = await nurse.post(`/api/worklist/${both.patientId}/acknowledge`, {
        reason: 'after-alert',
      });
      assert.equal(ack.status, 200);
      assert.deepEqual((await nurse.get('/api/worklist')).json.entries, []);
      // A day later, still silent and the same alert: still nothing (acknowledged, not a storm).
      admin.clock = new Date(admin.clock.getTime() + 24 * 3600_000);
      await signInStaff(nurse, clinic, 'care_manager');
      assert.deepEqual((await nurse.get('/api/worklist')).json.entries, []);
    },
  );

  engine.test(
    'SMS reminder: through the outbox to the fake Twilio, with a stop link that works; none after stopping',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      await updatePatient(db, clinic.clinicId, patientId, { phone: '+15550102000' });
      const chose = await client.put(`/api/patients/${patientId}/reminders`, {
        channels: ['sms'],
        paused: false,
        quietHours: null,
      });
      assert.equal(chose.status, 200, chose.text);
      const sid = 'AC0123456789abcdef0123456789abcdef';
      const fake = await fakeTwilio(sid, 'test-auth-token-0123456789');
      try {
        const sms = twilioSms({
          accountSid: sid,
          authToken: 'test-auth-token-0123456789',
          from: '+15005550006',
          baseUrl: fake.url,
        });
        await runReminders(db, tenAmLa, { clinicId: clinic.clinicId });
        // The outbox stamps next_attempt_at with the database's clock: deliver as of the real now.
        const deliver = () => sendOutbox(db, { sms }, new Date(Date.now() + 1000));
        assert.deepEqual(await deliver(), { sent: 1, failed: 0 });
        assert.equal(fake.received.length, 1);
        const text = fake.received[0]?.form;
        assert.equal(text?.To, '+15550102000');
        assert.match(text?.Body ?? '', /How are you today\?/);
        const stopUrl = /https?:\/\/\S+\/r\/stop\/\S+/.exec(text?.Body ?? '')?.[0];
        assert.ok(stopUrl, 'the text carries its stop link');
        const send = await sendsOf(db, clinic.clinicId).select(['channel', 'status']).execute();
        assert.deepEqual(send, [{ channel: 'sms', status: 'sent' }]);
        const stopped = await admin.fork().request('POST', new URL(stopUrl).pathname, '', {
          'content-type': 'application/x-www-form-urlencoded',
        });
        assert.equal(stopped.status, 200);
        assert.match(stopped.text, /no more reminders by SMS/);
        const tomorrow = new Date(tenAmLa.getTime() + 24 * 3600_000);
        await runReminders(db, tomorrow, { clinicId: clinic.clinicId });
        assert.deepEqual(await deliver(), { sent: 0, failed: 0 });
        assert.equal(fake.received.length, 1, 'nothing after the stop link');
      } finally {
        await fake.close();
      }
    },
  );

  engine.test(
    'alert emails: a nurse opts in to new urgent alerts and out of escalation emails',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      assert.deepEqual((await nurse.get('/api/staff/me/alert-emails')).json, {
        newUrgent: false,
        escalations: true,
      });
      assert.equal(
        (await nurse.put('/api/staff/me/alert-emails', { newUrgent: 'yes', escalations: true }))
          .status,
        400,
      );
      assert.equal(
        (await nurse.put('/api/staff/me/alert-emails', { newUrgent: true, escalations: false }))
          .status,
        200,
      );
      const calmDay = {
        axialPain: 3,
        limbPain: 2,
        painControlled: 'yes',
        temperature: { value: 37.0, unit: 'C' },
      };
      const fever = await client.post(`/api/patients/${patientId}/checkins`, {
        idempotencyKey: 'fever-0001-abcdef',
        checkin: { ...calmDay, temperature: { value: 101.8, unit: 'F' } },
      });
      assert.equal(fever.status, 201, fever.text);
      const mails = await outboxOf(db, clinic.clinicId, 'alert_new')
        .select(['to_address', 'subject', 'body_text'])
        .execute();
      assert.deepEqual(
        mails.map((m) => [m.to_address, m.subject]),
        [[clinic.staff.care_manager.email, 'Lamina: new urgent alert']],
      );
      assert.ok(!mails[0]?.body_text.includes('101'), 'no health details in the email');
      // A calm check-in: no email.
      await client.post(`/api/patients/${patientId}/checkins`, {
        idempotencyKey: 'calm-0001-abcdef',
        checkin: calmDay,
      });
      const after = await outboxOf(db, clinic.clinicId, 'alert_new').select('id').execute();
      assert.equal(after.length, 1);
      // Escalation: the nurse is first on call and chose no escalation emails.
      await db
        .insertInto('on_call')
        .values({ clinic_id: clinic.clinicId, position: 1, user_id: clinic.staff.care_manager.id })
        .execute();
      const { escalateOverdueAlerts } = await import('../alerts/escalation.ts');
      const escalated = await escalateOverdueAlerts(db, new Date('2027-01-01T00:00:00Z'));
      assert.equal(escalated.length, 1, 'still escalates');
      const escalationMails = await outboxOf(db, clinic.clinicId, 'alert_escalation')
        .select('id')
        .execute();
      assert.equal(escalationMails.length, 0);
    },
  );

  engine.test(
    'clinic settings: the admin tunes cadence and worklist thresholds; bad settings are a 400',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      await enrolAndSignIn(admin, clinic);
      const settings = {
        cadence: [{ untilDay: 30, everyDays: 1 }],
        quietHours: { start: '20:00', end: '09:00' },
        sendAfter: '10:00',
        missedDaysForWorklist: 11,
        worklistUntilDay: 30,
      };
      const unordered = {
        ...settings,
        cadence: [
          { untilDay: 30, everyDays: 1 },
          { untilDay: 10, everyDays: 2 },
        ],
      };
      assert.equal((await admin.put('/api/clinic/reminder-settings', unordered)).status, 400);
      assert.equal((await admin.put('/api/clinic/reminder-settings', settings)).status, 200);
      assert.deepEqual((await admin.get('/api/clinic/reminder-settings')).json.settings, settings);
      // Day 10 without a check-in: 10 missed days, under the clinic's 11: not on the worklist.
      assert.deepEqual((await admin.get('/api/worklist')).json.entries, []);
      // The clinic sends from 10:00: 09:00 in Los Angeles sends nothing, 10:00 does.
      await runReminders(db, new Date(tenAmLa.getTime() - 3600_000), { clinicId: clinic.clinicId });
      await runReminders(db, tenAmLa, { clinicId: clinic.clinicId });
      const sends = await sendsOf(db, clinic.clinicId).select('created_at').execute();
      assert.deepEqual(
        sends.map((s) => s.created_at.toISOString()),
        [tenAmLa.toISOString()],
      );
    },
  );
});
