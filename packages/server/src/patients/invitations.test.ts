import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  freshSignedInClinic,
  lumbarSurgery,
  seedClinic,
  signedInClinic,
  signInStaff,
  staffSignedIn,
} from '../http/test-fixtures.ts';

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
    'patient invitations: email and SMS, link works once, resend ends the old link, revoke, expiry; language used',
    async () => {
      const { db, clinic, client: staff } = await freshSignedInClinic(engine, 'care_manager');
      const admin = await staffSignedIn(staff, clinic, 'admin');
      const enrolled = await admin.post('/api/patients', {
        givenName: 'Rosa',
        familyName: 'Diaz',
        email: 'rosa@mail.example',
        phone: '(415) 555-2671',
        surgery: lumbarSurgery,
      });
      assert.equal(enrolled.status, 201, enrolled.text);
      const patientId = enrolled.json.patientId as string;
      const noPhone = await admin.post('/api/patients', {
        givenName: 'Tom',
        familyName: 'Ng',
        email: 'tom@mail.example',
        surgery: lumbarSurgery,
      });
      const tomId = noPhone.json.patientId as string;

      const outbox = () =>
        db
          .selectFrom('outbox')
          .select(['channel', 'to_address', 'subject', 'body_text', 'kind'])
          .where('kind', 'in', ['patient_invitation', 'patient_sign_in'])
          .orderBy('created_at')
          .execute();
      const linkIn = (text: string) =>
        /\/signin\?invite=([a-z0-9-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

      assert.equal(
        (await staff.post(`/api/patients/${patientId}/invitations`, { channel: 'fax' })).status,
        400,
      );
      const sms = await staff.post(`/api/patients/${tomId}/invitations`, { channel: 'sms' });
      assert.equal(sms.status, 400, 'no mobile number: no SMS');
      assert.match(sms.text, /no valid mobile number/);

      const first = await staff.post(`/api/patients/${patientId}/invitations`, {
        channel: 'email',
      });
      assert.equal(first.status, 201, first.text);
      let mail = await outbox();
      assert.equal(mail.length, 1);
      assert.equal(mail[0]?.to_address, 'rosa@mail.example');
      assert.equal(mail[0]?.subject, `${clinic.slug} Spine Clinic invites you to Lamina`);
      const firstToken = linkIn(mail[0]?.body_text ?? '');
      assert.ok(firstToken.startsWith(`${clinic.slug}.`));
      assert.match(
        mail[0]?.body_text ?? '',
        /^Hello Rosa, .* https:\/\/lamina\.test\/signin\?invite=/, // the configured public URL (testPublicUrl)
      );
      const stored = await db.selectFrom('patient_invitations').select(['token_hash']).execute();
      assert.ok(!stored.some((r) => firstToken.includes(r.token_hash)), 'only the hash is stored');

      // Resend by SMS: the earlier email link stops working; the SMS is E.164, short, no health words.
      const resent = await staff.post(`/api/patients/${patientId}/invitations/resend`, {
        channel: 'sms',
      });
      assert.equal(resent.status, 201, resent.text);
      mail = await outbox();
      const text = mail[1];
      assert.equal(text?.channel, 'sms');
      assert.equal(text?.to_address, '+14155552671');
      assert.ok((text?.body_text.length ?? 999) <= 160, `one segment: ${text?.body_text.length}`);
      assert.doesNotMatch(text?.body_text ?? '', /surgery|spine surgery|pain|check-in/i);
      const smsToken = linkIn(text?.body_text ?? '');
      const browser = new TestClient(db);
      const old = await browser.post('/api/auth/patient/invitation', { token: firstToken });
      assert.equal(old.status, 400, 'the resent invitation replaced the first link');

      let list = await staff.get('/api/patient-invitations');
      const rosa = () =>
        (
          list.json.patients as {
            patientId: string;
            invitation: { state: string; channel: string };
            lastSignInAt: string | null;
            neverCheckedIn: boolean;
          }[]
        ).find((p) => p.patientId === patientId);
      assert.equal(rosa()?.invitation.state, 'invited');
      assert.equal(rosa()?.invitation.channel, 'sms');
      assert.equal(rosa()?.lastSignInAt, null);
      assert.equal(rosa()?.neverCheckedIn, true);

      // Opening the link: once; it fills in the sign-in screen; the code then comes the normal way.
      const opened = await browser.post('/api/auth/patient/invitation', { token: smsToken });
      assert.equal(opened.status, 200, opened.text);
      assert.deepEqual(opened.json, {
        clinic: clinic.slug,
        clinicName: `${clinic.slug} Spine Clinic`,
        email: 'rosa@mail.example',
        language: 'en',
      });
      assert.equal(
        (await browser.post('/api/auth/patient/invitation', { token: smsToken })).status,
        400,
        'once',
      );
      await browser.post('/api/auth/patient/code', {
        clinic: clinic.slug,
        email: 'rosa@mail.example',
      });
      const code = /code is (\d{6})/.exec((await outbox()).at(-1)?.body_text ?? '')?.[1];
      assert.ok(code);
      assert.equal(
        (
          await browser.post('/api/auth/patient/verify', {
            clinic: clinic.slug,
            email: 'rosa@mail.example',
            code,
          })
        ).status,
        200,
      );

      // The patient chooses Spanish: their next emails are in Spanish.
      assert.equal(
        (await browser.put(`/api/patients/${patientId}/language`, { language: 'fr' })).status,
        400,
      );
      const es = await browser.put(`/api/patients/${patientId}/language`, { language: 'es' });
      assert.deepEqual(es.json, { patientId, language: 'es' });
      assert.deepEqual((await browser.get(`/api/patients/${patientId}/language`)).json, {
        patientId,
        language: 'es',
      });
      await browser
        .fork()
        .post('/api/auth/patient/code', { clinic: clinic.slug, email: 'rosa@mail.example' });
      const spanishCode = (await outbox()).at(-1);
      assert.match(spanishCode?.subject ?? '', /^Su código para entrar en /);
      assert.match(spanishCode?.body_text ?? '', /^Su código para entrar es \d{6}\./);
      await staff.post(`/api/patients/${patientId}/invitations/resend`, { channel: 'sms' });
      const spanishSms = (await outbox()).at(-1);
      assert.equal(spanishSms?.channel, 'sms');
      assert.match(spanishSms?.body_text ?? '', / le invita a Lamina\. Abra: http/);
      assert.ok((spanishSms?.body_text.length ?? 999) <= 160, 'one segment in Spanish too');
      assert.doesNotMatch(spanishSms?.body_text ?? '', /[áíóú]/, 'GSM-7 letters only');
      // Two phones opening the same link at once: exactly one gets in.
      const race = linkIn(spanishSms?.body_text ?? '');
      const opens = await Promise.all([
        browser.fork().post('/api/auth/patient/invitation', { token: race }),
        browser.fork().post('/api/auth/patient/invitation', { token: race }),
      ]);
      assert.deepEqual(opens.map((o) => o.status).sort(), [200, 400]);
      await staff.post(`/api/patients/${patientId}/invitations`, { channel: 'email' });
      const spanishInvite = (await outbox()).at(-1);
      assert.match(spanishInvite?.subject ?? '', /le invita a Lamina$/);
      assert.match(spanishInvite?.body_text ?? '', /^Hola, Rosa: /);
      const languageAudit = await db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'patient.language-update')
        .execute();
      assert.deepEqual(
        languageAudit.map((r) => r.details),
        [{ before: 'en', after: 'es' }],
      );

      list = await staff.get('/api/patient-invitations');
      assert.ok(rosa()?.lastSignInAt, 'signed in');
      assert.equal(rosa()?.invitation.state, 'invited');

      // Revoke: the open link stops working.
      const lastToken = linkIn(spanishInvite?.body_text ?? '');
      const revoked = await staff.post(`/api/patients/${patientId}/invitations/revoke`, {});
      assert.deepEqual(revoked.json, { patientId, revoked: 1 });
      assert.equal(
        (await browser.post('/api/auth/patient/invitation', { token: lastToken })).status,
        400,
      );
      list = await staff.get('/api/patient-invitations');
      assert.equal(rosa()?.invitation.state, 'revoked');
      // The patient page asks for one patient: the same row as the list's.
      const single = await staff.get(`/api/patients/${patientId}/invitations`);
      assert.equal(single.status, 200, single.text);
      assert.deepEqual(single.json, rosa());
      assert.equal(
        (await staff.get(`/api/patients/00000000-0000-4000-8000-000000000000/invitations`)).status,
        404,
      );

      // Expiry: 14 days.
      await staff.post(`/api/patients/${tomId}/invitations`, { channel: 'email' });
      const tomToken = linkIn((await outbox()).at(-1)?.body_text ?? '');
      const late = new TestClient(db, new Date(staff.clock.getTime() + 15 * 86_400_000));
      assert.equal(
        (await late.post('/api/auth/patient/invitation', { token: tomToken })).status,
        400,
        'expired',
      );
      assert.equal(
        (await browser.post('/api/auth/patient/invitation', { token: 'garbage' })).status,
        400,
      );

      // Another clinic's staff cannot invite this patient.
      const { client: outsider } = await signedInClinic(db, 'admin');
      assert.equal(
        (await outsider.post(`/api/patients/${patientId}/invitations`, { channel: 'email' }))
          .status,
        404,
      );
    },
  );

  engine.test(
    "the patient's own settings: language and time zone through one setter (contract answers, audited before → after); push and calendar feed changes audited once",
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const admin = await staffSignedIn(db, clinic, 'admin');
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

      // Changes to the reminder set-up: audited once, and only when something changed.
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

      const rows = (await audited(db, clinic.clinicId, patientId)).slice(3);
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
