import assert from 'node:assert/strict';
import { stat } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RequestTurns } from './turns.ts';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('requests start in arrival order, one per turn, with their results and errors', async () => {
  const turns = new RequestTurns();
  const started: number[] = [];
  const results = await Promise.allSettled([
    turns.run(() => {
      started.push(1);
      return 'one';
    }),
    turns.run(async () => {
      started.push(2);
      throw new Error('two failed');
    }),
    turns.run(() => {
      started.push(3);
      throw new Error('three threw');
    }),
    turns.run(async () => {
      started.push(4);
      return 'four';
    }),
  ]);
  assert.deepEqual(started, [1, 2, 3, 4]);
  assert.deepEqual(
    results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ['one', 'two failed', 'three threw', 'four'],
  );
  assert.equal(turns.stats.admitted, 4);
  assert.equal(turns.stats.maxWaiting, 4);
  assert.equal(turns.queued, 0);
});

test('the event loop polls for I/O between two requests, even when each runs without yielding', async () => {
  const turns = new RequestTurns();
  const order: string[] = [];
  let io: Promise<unknown> = Promise.resolve();
  await Promise.all([
    turns.run(async () => {
      order.push('first');
      // Completes on the thread pool while this request keeps the main thread busy.
      io = new Promise((resolve) =>
        stat(fileURLToPath(import.meta.url), () => resolve(order.push('i/o done'))),
      );
      busy(100);
    }),
    turns.run(() => order.push('second')),
  ]);
  await io;
  // Without turns both requests would run in one go and the I/O would come after both.
  assert.deepEqual(order, ['first', 'i/o done', 'second']);
});

/**
 * A server whose every request costs 5 ms of synchronous work (as on the embedded engine), kept
 * busy by 30 keep-alive clients; then 20 newcomers connect at once (a load balancer opening
 * connections, patients opening the app). The most requests the server finished between the
 * newcomers' connects and one of their first answers.
 */
async function servedBeforeNewcomers(turns: RequestTurns | undefined): Promise<number> {
  let served = 0;
  const server = http.createServer((request, response) => {
    const handle = () => {
      busy(5);
      served += 1;
      response.end('ok');
    };
    request.resume();
    request.once('end', () => (turns ? void turns.run(handle) : handle()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 30 });
  const get = (via: http.Agent) =>
    new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent: via }, (response) => {
          response.resume();
          response.once('end', resolve);
        })
        .once('error', reject);
    });
  let stop = false;
  const clients = Array.from({ length: 30 }, async () => {
    while (!stop) await get(agent);
  });
  try {
    // Every client connected and in its loop.
    while (served < 120) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = served;
    const waited = await Promise.all(
      Array.from({ length: 20 }, async () => {
        await get(new http.Agent({ keepAlive: false }));
        return served - before;
      }),
    );
    return Math.max(...waited);
  } finally {
    stop = true;
    await Promise.all(clients);
    agent.destroy();
    server.close();
  }
}

test('new connections wait their place in line, not one round of every busy connection each', async () => {
  // One connection is accepted per turn of the loop. With a turn per request, the 20th newcomer is
  // accepted after about 20 requests and answered after the 50 requests in line before it.
  const withTurns = await servedBeforeNewcomers(new RequestTurns());
  assert.ok(withTurns <= 120, `served ${withTurns} requests before the last newcomer's answer`);
  // Without turns each turn runs every request that arrived (30 and more), so the 20th newcomer
  // is accepted after about 20 × 30 requests.
  const without = await servedBeforeNewcomers(undefined);
  console.log(`served before the last newcomer: ${withTurns} with turns, ${without} without`);
  assert.ok(without >= 300, `control: served ${without} before the last newcomer without turns`);
});
