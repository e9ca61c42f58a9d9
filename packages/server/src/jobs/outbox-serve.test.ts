import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../cli/spawn-server.test-helper.ts';
import { smtpSink } from './smtp-sink.test-helper.ts';

test('with LAMINA_SMTP_URL set, lamina serve delivers a patient’s sign-in code by SMTP', async () => {
  const sink = await smtpSink();
  const server = await startServer(['--demo'], {
    LAMINA_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'lamina-smtp-')), 'data'),
    DATABASE_URL: '',
    LAMINA_SMTP_URL: sink.url,
    LAMINA_MAIL_FROM: 'Demo Clinic <no-reply@demo.example>',
  });
  try {
    const asked = await fetch(`${server.url}/api/auth/patient/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clinic: 'demo', email: 'rosa@demo.example' }),
    });
    assert.equal(asked.status, 202);
    const code = await server.codeFor('rosa@demo.example');
    const deadline = Date.now() + 20_000;
    while (sink.received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(sink.received.length, 1);
    assert.match(sink.received[0] ?? '', /To: rosa@demo\.example/i);
    assert.match(sink.received[0] ?? '', new RegExp(`sign-in code is ${code}`));
  } finally {
    await server.stop();
    await sink.close();
  }
});
