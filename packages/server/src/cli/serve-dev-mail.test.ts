import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { demoPatients } from '../demo/seed.ts';
import { runInProcess } from './run-cli.test-helper.ts';
import { startServer } from './spawn-server.test-helper.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-dev-mail-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function askForCode(url: string, email: string) {
  const response = await fetch(`${url}/api/auth/patient/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clinic: 'demo', email }),
  });
  assert.equal(response.status, 202);
}

test('sign-in codes reach the terminal only with --dev-mail (or --demo), not merely because NODE_ENV is unset', async () => {
  const dataDir = join(root, 'data');
  const env = {
    LAMINA_DATA_DIR: dataDir,
    DATABASE_URL: '',
    NODE_ENV: '',
    LAMINA_PUBLIC_URL: 'https://lamina.example.org',
  };
  const seeded = await runInProcess(['demo', '--data-dir', dataDir]);
  assert.equal(seeded.code, 0, seeded.stderr);
  const email = demoPatients[0]?.email ?? '';

  const plain = await startServer([], env);
  try {
    await askForCode(plain.url, email);
    // The code is written in the same request; give stdout a moment to carry anything printed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.doesNotMatch(plain.output(), /sign-in code/);
    assert.doesNotMatch(plain.output(), /\b\d{6}\b/);
    assert.ok(!plain.output().includes(email), 'the patient email was printed');
  } finally {
    assert.equal(await plain.stop(), 0);
  }

  const dev = await startServer(['--dev-mail'], env);
  try {
    await askForCode(dev.url, email);
    assert.match(await dev.codeFor(email), /^\d{6}$/);
  } finally {
    assert.equal(await dev.stop(), 0);
  }
});

test('a bad LAMINA_LOG_LEVEL is a usage error before anything opens', async () => {
  const result = await runInProcess(['serve', '--data-dir', join(root, 'never')], {
    env: { LAMINA_LOG_LEVEL: 'loud', LAMINA_PUBLIC_URL: 'https://lamina.example.org' },
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /LAMINA_LOG_LEVEL: expected one of fatal, error, warn, info/);
});
