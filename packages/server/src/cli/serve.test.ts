import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { signIn, startServer } from './spawn-server.test-helper.ts';

test('lamina serve --demo runs the API on the embedded database, and a second server on the same data directory refuses', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-serve-')), 'data');
  const env = { LAMINA_DATA_DIR: dataDir, DATABASE_URL: '' };
  const first = await startServer(['--demo'], env);
  try {
    assert.match(first.output(), /Demo clinic created/);
    assert.match(first.output(), /nurse@demo\.example/);
    const me = await fetch(`${first.url}/api/auth/me`);
    assert.equal(me.status, 401);
    assert.equal(me.headers.get('content-type'), 'application/problem+json');
    const cookie = await signIn(first, {
      staff: 'nurse@demo.example',
      password: 'lamina-demo-only',
    });
    const queue = await fetch(`${first.url}/api/alerts`, { headers: { cookie } });
    const { alerts } = (await queue.json()) as { alerts: { level: string }[] };
    assert.ok(
      alerts.some((a) => a.level === 'emergency'),
      'the demo has open red-flag alerts',
    );

    const refused = await startServer([], env).then(
      async (second) => {
        await second.stop();
        return assert.fail('a second server started on the same data directory');
      },
      (error: { code: number; output: string }) => error,
    );
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.output,
      new RegExp(`${dataDir.replace(/[/\\]/g, '.')}.*(in use|locked|another)`, 'is'),
    );
    assert.doesNotMatch(refused.output, /\n\s+at /, 'the refusal is one line, not a stack trace');
  } finally {
    assert.equal(await first.stop(), 0, 'stops cleanly on SIGTERM');
  }
});

test('lamina serve refuses to start outside demo/development without LAMINA_PUBLIC_URL, in one line', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-serve-')), 'data');
  const refused = await startServer([], {
    LAMINA_DATA_DIR: dataDir,
    DATABASE_URL: '',
    NODE_ENV: 'production',
    LAMINA_PUBLIC_URL: '',
  }).then(
    async (server) => {
      await server.stop();
      return assert.fail('started without LAMINA_PUBLIC_URL');
    },
    (error: { code: number; output: string }) => error,
  );
  assert.equal(refused.code, 2);
  assert.equal(refused.output.trim().split('\n').length, 1, refused.output);
  assert.match(refused.output, /LAMINA_PUBLIC_URL is required/);
  const badProxy = await startServer(['--demo'], {
    LAMINA_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LAMINA_TRUST_PROXY: 'yes',
  }).then(
    async (server) => {
      await server.stop();
      return assert.fail('started with LAMINA_TRUST_PROXY=yes');
    },
    (error: { code: number; output: string }) => error,
  );
  assert.equal(badProxy.code, 2);
  assert.match(badProxy.output, /LAMINA_TRUST_PROXY must be the number of proxies/);
});

test('a real server answers an oversized or endless body with 413 and sends the CSP', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-serve-')), 'data');
  const server = await startServer(['--demo'], { LAMINA_DATA_DIR: dataDir, DATABASE_URL: '' });
  try {
    const declared = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clinic: 'demo', email: 'a@b.example', password: 'x'.repeat(1 << 20) }),
    });
    assert.equal(declared.status, 413);
    assert.equal(declared.headers.get('content-type'), 'application/problem+json');
    assert.match(declared.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);

    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 4096)
          controller.close(); // 64 MB if nothing stops it
        else controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const streamed = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.ok(sent < 4096, `the server stopped the body early (${sent} chunks sent)`);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});
