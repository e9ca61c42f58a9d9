import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from '../db/test-engines.ts';
import { seedClinic } from '../http/test-fixtures.ts';
import { queueSms } from '../jobs/outbox.ts';
import { sendOutbox } from '../jobs/outbox-sender.ts';
import { fakeTwilio } from './fake-twilio.test-helper.ts';
import { toE164 } from './phone.ts';
import { SmsSendError, smsProviderFromEnv, twilioSms } from './sms.ts';

const sid = 'AC0123456789abcdef0123456789abcdef';
const token = 'test-auth-token-0123456789';

test('Twilio: the request is exactly the documented one, and 201 gives the message sid', async () => {
  const fake = await fakeTwilio(sid, token);
  try {
    const sms = twilioSms({
      accountSid: sid,
      authToken: token,
      from: '+15005550006',
      baseUrl: fake.url,
    });
    const sent = await sms.send({ to: '+15551234567', body: 'Hola, ¿cómo está?' });
    assert.equal(sent.id, `SM${'1'.padStart(32, '0')}`);
    assert.equal(sent.status, 'queued');
    assert.equal(fake.received.length, 1);
    const [request] = fake.received;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, `/2010-04-01/Accounts/${sid}/Messages.json`);
    assert.equal(
      request?.authorization,
      `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
    );
    assert.equal(request?.contentType, 'application/x-www-form-urlencoded');
    assert.deepEqual(request?.form, {
      To: '+15551234567',
      From: '+15005550006',
      Body: 'Hola, ¿cómo está?',
    });

    const viaService = twilioSms({
      accountSid: sid,
      authToken: token,
      from: 'MG0123456789abcdef0123456789abcdef',
      baseUrl: fake.url,
    });
    await viaService.send({ to: '+15551234567', body: 'Hi' });
    assert.deepEqual(fake.received[1]?.form, {
      To: '+15551234567',
      MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      Body: 'Hi',
    });

    const wrongToken = twilioSms({
      accountSid: sid,
      authToken: 'nope',
      from: '+15005550006',
      baseUrl: fake.url,
    });
    await assert.rejects(wrongToken.send({ to: '+15551234567', body: 'Hi' }), (error: unknown) => {
      assert.ok(error instanceof SmsSendError);
      assert.equal(error.permanent, true, '401 is not retried');
      assert.match(error.message, /twilio 401 \(code 20003\): Authenticate/);
      return true;
    });
  } finally {
    await fake.close();
  }
});

test('SMS settings: none means no provider; a partial setting is a clear error', () => {
  assert.equal(smsProviderFromEnv({}), undefined);
  assert.throws(
    () => smsProviderFromEnv({ LAMINA_SMS_TWILIO_ACCOUNT_SID: sid }),
    /set LAMINA_SMS_TWILIO_AUTH_TOKEN and LAMINA_SMS_FROM too/,
  );
  assert.match(
    smsProviderFromEnv({
      LAMINA_SMS_TWILIO_ACCOUNT_SID: sid,
      LAMINA_SMS_TWILIO_AUTH_TOKEN: token,
      LAMINA_SMS_FROM: '+15005550006',
    })?.description ?? '',
    /Twilio \(https:\/\/api\.twilio\.com\)/,
  );
});

test('phone numbers are stored in E.164', () => {
  assert.equal(toE164('(415) 555-2671'), '+14155552671');
  assert.equal(toE164('+34 612 34 56 78'), '+34612345678');
  assert.equal(toE164('12345'), undefined);
  assert.equal(toE164('not a number'), undefined);
});

forEachEngine((engine) => {
  engine.test(
    'the outbox sends SMS through the provider: sid recorded, 4xx kept and not retried, 5xx/429 retried with back-off',
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const now = new Date('2026-11-20T15:00:00Z');
      let tries503 = 0;
      let tries429 = 0;
      const fake = await fakeTwilio(sid, token, (request) => {
        if (request.form.To === '+15550000400')
          return {
            status: 400,
            code: 21211,
            message: "The 'To' number is not a valid phone number.",
          };
        if (request.form.To === '+15550000503' && tries503++ === 0) return { status: 503 };
        if (request.form.To === '+15550000429' && tries429++ < 2)
          return { status: 429, code: 20429, message: 'Too Many Requests' };
        return { status: 201 };
      });
      try {
        for (const to of ['+15551234567', '+15550000400', '+15550000503', '+15550000429'])
          await queueSms(db, {
            clinicId: clinic.clinicId,
            to,
            body: 'Your clinic invited you to Lamina.',
            kind: 'patient_invitation',
          });
        // An email row in the same outbox: the SMS sender leaves it for the email sender.
        await db
          .insertInto('outbox')
          .values({
            clinic_id: clinic.clinicId,
            to_address: 'a@mail.example',
            subject: 's',
            body_text: 'b',
            kind: 'x',
          })
          .execute();
        await db.updateTable('outbox').set({ next_attempt_at: now }).execute();

        const sms = twilioSms({
          accountSid: sid,
          authToken: token,
          from: '+15005550006',
          baseUrl: fake.url,
        });
        assert.deepEqual(await sendOutbox(db, { sms }, now), { sent: 1, failed: 3 });
        const rows = async () =>
          Object.fromEntries(
            (
              await db
                .selectFrom('outbox')
                .select([
                  'to_address',
                  'channel',
                  'attempts',
                  'sent_at',
                  'failed_at',
                  'last_error',
                  'provider_message_id',
                  'next_attempt_at',
                ])
                .execute()
            ).map((row) => [row.to_address, row]),
          );
        let by = await rows();
        assert.equal(by['+15551234567']?.provider_message_id, `SM${'1'.padStart(32, '0')}`);
        assert.equal(by['+15551234567']?.channel, 'sms');
        assert.ok(by['+15551234567']?.sent_at);
        assert.ok(by['+15550000400']?.failed_at, 'a 4xx is a permanent failure');
        assert.match(by['+15550000400']?.last_error ?? '', /twilio 400 \(code 21211\)/);
        assert.equal(by['+15550000503']?.failed_at, null);
        assert.match(by['+15550000503']?.last_error ?? '', /twilio 503/);
        assert.equal(by['+15550000503']?.next_attempt_at.getTime(), now.getTime() + 60_000);
        assert.equal(by['+15550000429']?.failed_at, null);
        assert.equal(by['a@mail.example']?.sent_at, null, 'the email waits for its own sender');

        const later = new Date(now.getTime() + 61_000);
        assert.deepEqual(await sendOutbox(db, { sms }, later), { sent: 1, failed: 1 });
        by = await rows();
        assert.ok(by['+15550000503']?.sent_at, 'the 5xx was retried and sent');
        assert.equal(by['+15550000503']?.attempts, 2);
        assert.equal(by['+15550000429']?.attempts, 2);
        assert.equal(
          by['+15550000429']?.next_attempt_at.getTime(),
          later.getTime() + 2 * 60_000,
          'the second failure waits two minutes',
        );
        const to400 = fake.received.filter((r) => r.form.To === '+15550000400').length;
        await sendOutbox(db, { sms }, new Date(now.getTime() + 86_400_000));
        assert.equal(
          fake.received.filter((r) => r.form.To === '+15550000400').length,
          to400,
          'the 4xx was never sent again',
        );
        by = await rows();
        assert.ok(by['+15550000429']?.sent_at, 'the 429 was retried and sent');
        assert.equal(by['+15550000400']?.attempts, 1);
      } finally {
        await fake.close();
      }
    },
  );
});
