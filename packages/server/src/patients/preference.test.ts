import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, seedClinic, signInStaff } from '../http/test-fixtures.ts';

/**
 * The patient's own settings on their record (language, time zone) share one setter
 * (patients/preference.ts): each answer is the contract's DTO (the test client checks it), each
 * change is audited once with before and after. Changes to the reminder set-up (a device's push
 * subscription, a calendar feed) are audited too, and only when something changed.
 */
const audited = async (db: Kysely<Database>, clinicId: string, patientId: string) =>
  (
    await db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'details'])
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', patientId)
      .where((eb) =>
        eb.or([
          eb('action', 'in', ['patient.language-update', 'patient.time-zone-update']),
          eb('action', 'like', 'reminders.%'),
        ]),
      )
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((row) => ({
    action: row.action,
    role: row.actor_role,
    details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
  }));

forEachEngine((engine) => {
  engine.test(
    "language and time zone: one setter, answers in the contract's shape, audited before → after",
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const admin = new TestClient(db);
      await signInStaff(admin, clinic, 'admin');
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const nurse = admin.fork();
      await signInStaff(nurse, clinic, 'care_manager');

      const zone = await patient.get(`/api/patients/${patientId}/time-zone`);
      assert.equal(zone.status, 200, zone.text);
      assert.equal(zone.json.timeZone, null);
      assert.equal(typeof zone.json.clinicTimeZone, 'string');
      const set = await nurse.put(`/api/patients/${patientId}/time-zone`, {
        timeZone: 'America/Chicago',
      });
      assert.equal(set.status, 200, set.text);
      assert.deepEqual(set.json, {
        patientId,
        timeZone: 'America/Chicago',
        clinicTimeZone: zone.json.clinicTimeZone,
      });
      const back = await patient.put(`/api/patients/${patientId}/time-zone`, { timeZone: null });
      assert.equal(back.json.timeZone, null);
      const language = await patient.put(`/api/patients/${patientId}/language`, {
        language: 'es',
      });
      assert.deepEqual(language.json, { patientId, language: 'es' });
      assert.equal(
        (await patient.put(`/api/patients/${patientId}/time-zone`, { timeZone: 'Mars/Base' }))
          .status,
        400,
      );
      const unknown = '00000000-0000-4000-8000-000000000000';
      assert.equal(
        (await nurse.put(`/api/patients/${unknown}/language`, { language: 'es' })).status,
        404,
      );

      assert.deepEqual(await audited(db, clinic.clinicId, patientId), [
        {
          action: 'patient.time-zone-update',
          role: 'care_manager',
          details: { before: null, after: 'America/Chicago' },
        },
        {
          action: 'patient.time-zone-update',
          role: 'patient',
          details: { before: 'America/Chicago', after: null },
        },
        {
          action: 'patient.language-update',
          role: 'patient',
          details: { before: 'en', after: 'es' },
        },
      ]);
    },
  );

  engine.test(
    'push subscriptions and the calendar feed: each change audited once, a change that did not happen not at all',
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const admin = new TestClient(db);
      await signInStaff(admin, clinic, 'admin');
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const base = `/api/patients/${patientId}`;
      const device = {
        endpoint: 'https://push.example/device-1',
        keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) },
      };

      const subscribed = await patient.post(`${base}/push-subscriptions`, device);
      assert.equal(subscribed.status, 201, subscribed.text);
      assert.deepEqual(subscribed.json, { subscribed: true });
      const state = await patient.get(`${base}/reminders`);
      assert.equal(state.json.pushDevices, 1);
      const removed = await patient.request('DELETE', `${base}/push-subscriptions`, {
        endpoint: device.endpoint,
      });
      assert.deepEqual(removed.json, { subscribed: false });
      // Already gone: the same answer, nothing audited.
      await patient.request('DELETE', `${base}/push-subscriptions`, { endpoint: device.endpoint });

      const noFeed = await patient.request('DELETE', `${base}/calendar-feed`, {});
      assert.deepEqual(noFeed.json, { revoked: true });
      const feed = await patient.post(`${base}/calendar-feed`, {});
      assert.equal(feed.status, 201, feed.text);
      assert.match(feed.json.url as string, /\/r\/calendar\/.+\.ics$/);
      await patient.request('DELETE', `${base}/calendar-feed`, {});

      const rows = await audited(db, clinic.clinicId, patientId);
      assert.deepEqual(
        rows.map((row) => row.action),
        [
          'reminders.push.subscribe',
          'reminders.push.unsubscribe',
          'reminders.calendar-feed.create',
          'reminders.calendar-feed.revoke',
        ],
      );
      // The device's endpoint and keys, and the feed's token, are secrets: not in the audit log.
      assert.ok(rows.every((row) => row.details === null));
    },
  );
});
