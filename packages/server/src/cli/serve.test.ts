import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));
const running: ChildProcess[] = [];
after(() => {
  for (const child of running) child.kill('SIGTERM');
});

/** Starts `lamina serve` and resolves with its URL and everything it printed so far. */
function startServer(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [mainPath, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  const ready = new Promise<{ url: string; output: () => string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url) resolve({ url, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(
        Object.assign(new Error(`lamina serve exited with ${code}: ${output}`), { code, output }),
      ),
    );
  });
  return { child, ready };
}

test('lamina serve --demo runs the API on the embedded database, and a second server on the same data directory refuses', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-serve-')), 'data');
  const first = startServer(['--demo'], { LAMINA_DATA_DIR: dataDir });
  const { url, output } = await first.ready;
  assert.match(output(), /Demo clinic created/);
  assert.match(output(), /nurse@demo\.example/);

  const me = await fetch(`${url}/api/auth/me`);
  assert.equal(me.status, 401);
  assert.equal(me.headers.get('content-type'), 'application/problem+json');
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clinic: 'demo',
      email: 'nurse@demo.example',
      password: 'lamina-demo-only',
    }),
  });
  assert.equal(signIn.status, 200);
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  const queue = await fetch(`${url}/api/alerts`, { headers: { cookie } });
  const { alerts } = (await queue.json()) as { alerts: { level: string }[] };
  assert.ok(
    alerts.some((a) => a.level === 'emergency'),
    'the demo has open red-flag alerts',
  );

  const second = startServer([], { LAMINA_DATA_DIR: dataDir });
  const refused = await second.ready.then(
    () => assert.fail('a second server started on the same data directory'),
    (error: { code: number; output: string }) => error,
  );
  assert.notEqual(refused.code, 0);
  assert.match(
    refused.output,
    new RegExp(`${dataDir.replace(/[/\\]/g, '.')}.*(in use|locked|another)`, 'is'),
  );

  first.child.kill('SIGTERM');
  const code = await new Promise((resolve) => first.child.once('exit', resolve));
  assert.equal(code, 0, 'stops cleanly on SIGTERM');
});
