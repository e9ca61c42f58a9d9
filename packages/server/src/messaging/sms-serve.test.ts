import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInProcess } from '../cli/run-cli.test-helper.ts';
import { signIn, startServer } from '../cli/spawn-server.test-helper.ts';
import { fakeTwilio } from './fake-twilio.test-helper.ts';

const sid = 'AC00000000000000000000000000000042';
const token = 'serve-test-auth-token';

test('lamina serve refuses a partial SMS setting with one line (exit 2), before opening the database', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-sms-')), 'data');
  const result = await runInProcess(['serve', '--port', '0', '--data-dir', dataDir], {
    env: { LAMINA_SMS_TWILIO_ACCOUNT_SID: sid, LAMINA_PUBLIC_URL: 'https://lamina.demo.example' },
  });
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    'lamina serve: SMS: set LAMINA_SMS_TWILIO_AUTH_TOKEN and LAMINA_SMS_FROM too (or none of the LAMINA_SMS_ settings).\n',
  );
});

test('with the LAMINA_SMS_ settings, lamina serve texts a patient invitation through Twilio', async () => {
  const twilio = await fakeTwilio(sid, token);
  const server = await startServer(['--demo'], {
    LAMINA_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'lamina-sms-')), 'data'),
    DATABASE_URL: '',
    LAMINA_PUBLIC_URL: 'https://lamina.demo.example',
    LAMINA_SMS_TWILIO_ACCOUNT_SID: sid,
    LAMINA_SMS_TWILIO_AUTH_TOKEN: token,
    LAMINA_SMS_FROM: '+15005550006',
    LAMINA_SMS_TWILIO_BASE_URL: twilio.url,
  });
  try {
    const cookie = await signIn(server, {
      staff: 'admin@demo.example',
      password: 'lamina-demo-only',
    });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    const enrolled = await post('/api/patients', {
      givenName: 'Marta',
      familyName: 'Ruiz',
      email: 'marta@mail.example',
      phone: '(415) 555-2671',
      surgery: { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-11-10' },
    });
    const enrolledText = await enrolled.text();
    assert.equal(enrolled.status, 201, enrolledText);
    const { patientId } = JSON.parse(enrolledText) as { patientId: string };
    const invited = await post(`/api/patients/${patientId}/invitations`, { channel: 'sms' });
    assert.equal(invited.status, 201, await invited.text());
    const deadline = Date.now() + 20_000;
    while (twilio.received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(twilio.received.length, 1);
    const [request] = twilio.received;
    assert.equal(request?.path, `/2010-04-01/Accounts/${sid}/Messages.json`);
    assert.equal(request?.form.To, '+14155552671');
    assert.equal(request?.form.From, '+15005550006');
    assert.match(
      request?.form.Body ?? '',
      /^Lamina Demo Spine Clinic invites you to Lamina\. Open: https:\/\/lamina\.demo\.example\/signin\?invite=demo\.[A-Za-z0-9_-]{22}$/,
    );
  } finally {
    await server.stop();
    await twilio.close();
  }
});
