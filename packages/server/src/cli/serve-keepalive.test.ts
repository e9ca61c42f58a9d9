import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { idleConnectionMs } from './serve.ts';
import { startServer } from './spawn-server.test-helper.ts';

/** GET over `agent`: the status and whether the request went on a connection used before. */
function get(url: string, agent: Agent): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, reused: req.reusedSocket }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('an idle kept-alive connection stays open past Node’s 5 s default, so the proxy in front closes it first (decision 034)', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'lamina-keepalive-')), 'data');
  const server = await startServer([], { LAMINA_DATA_DIR: dataDir, DATABASE_URL: '' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.deepEqual(await get(`${server.url}/healthz`, agent), { status: 200, reused: false });
    // Idle longer than Node's default keepAliveTimeout (5 s): with it, the server would have
    // closed the connection and this request would go on a new one.
    await new Promise((r) => setTimeout(r, 6_000));
    assert.deepEqual(await get(`${server.url}/healthz`, agent), { status: 200, reused: true });
  } finally {
    agent.destroy();
    await server.stop();
  }
});

test('the nginx config keeps idle upstream connections for less time than Lamina does', () => {
  const conf = readFileSync(
    fileURLToPath(new URL('../../../../deploy/nginx-lamina.conf', import.meta.url)),
    'utf8',
  );
  // The upstream block, up to its closing brace at the start of a line (it holds a {{placeholder}}).
  const upstream = /upstream lamina \{([\s\S]*?)\n\}/.exec(conf)?.[1] ?? '';
  const seconds = Number(/keepalive_timeout (\d+)s;/.exec(upstream)?.[1]);
  assert.ok(seconds > 0, 'the upstream block sets keepalive_timeout');
  assert.ok(seconds * 1000 < idleConnectionMs, `${seconds} s is not below ${idleConnectionMs} ms`);
});
