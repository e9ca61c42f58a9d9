import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { postDemoEmergency, signIn, sseReader, startServer } from './spawn-server.test-helper.ts';

/** Waits for a state (never for a time): polls `done` until it holds. */
async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('SIGTERM: no new connections, the request in progress is answered, event streams close, the lock is released', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-shutdown-')), 'data');
  const env = { LAMINA_DATA_DIR: dataDir, DATABASE_URL: '' };
  const first = await startServer(['--demo'], env);
  let stopped = false;
  try {
    // Metrics from this machine: the demo's check-ins and the live state of the database.
    const posted = await postDemoEmergency(first);
    assert.equal(posted.status, 201);
    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    assert.match(metrics, /^lamina_checkins_total\{level="emergency"\} 1$/m);
    assert.match(metrics, /^lamina_alerts_raised_total\{level="emergency"\} 1$/m);
    assert.match(
      metrics,
      /^lamina_job_queue_depth\{queue="[a-z-]+",state="(queued|active)"\} \d+$/m,
    );
    assert.match(metrics, /^lamina_outbox_backlog \d+$/m);

    const nurse = await signIn(first, {
      staff: 'nurse@demo.example',
      password: 'lamina-demo-only',
    });
    const stream = sseReader(
      await fetch(`${first.url}/api/alerts/stream`, { headers: { cookie: nurse } }),
    );
    assert.equal((await stream.next()).event, 'ready');

    // A slow request: its body arrives in two parts, with the shutdown in between.
    const { port } = new URL(first.url);
    const slow = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/sign-in',
      agent: false,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      slow.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      });
      slow.on('error', reject);
    });
    slow.write('{"clinic":"demo","email":"nurse@demo.example",');
    slow.flushHeaders();
    // In flight: the slow request and this scrape itself.
    await until('the slow request to reach its handler', async () => {
      const text = await (await fetch(`${first.url}/metrics`)).text();
      return /^lamina_http_requests_in_flight 2$/m.test(text);
    });

    first.child.kill('SIGTERM');
    await until('the shutdown to start', () => first.output().includes('Stopping Lamina'));
    await until('the listener to close', () =>
      fetch(`${first.url}/healthz`).then(
        () => false,
        () => true,
      ),
    );
    await assert.rejects(stream.next(), /the stream ended|terminated|other side closed/i);

    slow.end('"password":"lamina-demo-only"}');
    const { status, body } = await answer;
    assert.equal(status, 200, `the request in progress was answered in full: ${body}`);
    assert.equal((JSON.parse(body) as { role: string }).role, 'care_manager');

    assert.equal(await first.stop(), 0, 'exits 0 after a graceful stop');
    stopped = true;
    assert.match(first.output(), /Lamina stopped\./);

    // The data-directory lock was released: a second server on the same directory starts.
    const second = await startServer([], env);
    assert.equal((await fetch(`${second.url}/readyz`)).status, 200);
    assert.equal(await second.stop(), 0);
  } finally {
    if (!stopped) await first.stop();
  }
});

test('lamina serve --workers refuses the embedded database, in one line', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-workers-')), 'data');
  const refused = await startServer(['--workers', '2'], {
    LAMINA_DATA_DIR: dataDir,
    DATABASE_URL: '',
  }).then(
    async (server) => {
      await server.stop();
      return assert.fail('started two workers on the embedded database');
    },
    (error: { code: number; output: string }) => error,
  );
  assert.equal(refused.code, 2);
  assert.equal(refused.output.trim().split('\n').length, 1, refused.output);
  assert.match(refused.output, /--workers 2 needs PostgreSQL \(set DATABASE_URL\)/);
});
