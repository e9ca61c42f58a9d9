import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createApp } from '../app.ts';
import type { LaminaDatabase } from '../db/open.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { testPublicUrl } from '../http/test-client.ts';
import { createLogger } from '../log/logger.ts';
import type { OpsOptions } from './health.ts';

const quietLog = createLogger({ destination: { write: () => {} } });
const token = 'metrics-token-for-the-test-0123456789';

function appWith(database: LaminaDatabase, ops: Partial<OpsOptions> = {}) {
  return createApp(
    {
      db: database.db,
      now: () => new Date(),
      secureCookies: false,
      trustProxy: 1,
      publicUrl: testPublicUrl,
      log: quietLog,
    },
    { ops: { database, ...ops } },
  );
}

/** What @hono/node-server hands the app: the socket the request came in on. */
const fromSocket = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

forEachEngine((engine) => {
  engine.test(
    '/healthz answers without a session; /readyz checks database, migrations and files',
    async () => {
      const database = await engine.open();
      const app = appWith(database);
      const health = await app.request('/healthz');
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      assert.equal(health.headers.get('cache-control'), 'no-store');

      const ready = await app.request('/readyz', { headers: { cookie: 'lamina_session=forged' } });
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), {
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', files: 'ok' },
      });
    },
  );

  engine.test(
    '/readyz answers 503 with the reason: a pending migration, an unreachable file store, a shutdown',
    async () => {
      const database = await engine.open();
      const name = (
        await sql<{ name: string }>`select max(name) as name from schema_migrations`.execute(
          database.db,
        )
      ).rows[0]?.name;
      await sql`delete from schema_migrations where name = ${name}`.execute(database.db);
      const pending = await appWith(database).request('/readyz');
      assert.equal(pending.status, 503);
      const body = (await pending.json()) as { reason: string; checks: Record<string, string> };
      assert.match(body.reason, /^migrations: 1 pending \(run lamina db migrate/);
      assert.equal(body.checks.database, 'ok');

      await sql`insert into schema_migrations (name) values (${name})`.execute(database.db);
      const noFiles = await appWith(database, {
        checkFiles: async () => {
          throw new Error('EACCES: permission denied, access /secret/path');
        },
      }).request('/readyz');
      assert.equal(noFiles.status, 503);
      const failed = (await noFiles.json()) as { reason: string };
      assert.equal(failed.reason, 'files: unreachable', 'no driver or file-system words leak');

      const hung = await appWith(database, {
        // Long enough for the database's own check on a busy machine (it raced 50 ms and lost).
        checkTimeoutMs: 1000,
        checkFiles: () => new Promise(() => {}),
      }).request('/readyz');
      assert.equal(hung.status, 503);
      assert.equal(
        ((await hung.json()) as { reason: string }).reason,
        'files: no answer within 1000 ms',
      );

      const stopping = await appWith(database, { shuttingDown: () => true }).request('/readyz');
      assert.equal(stopping.status, 503);
      assert.equal(((await stopping.json()) as { reason: string }).reason, 'shutting down');
    },
  );

  engine.test('/readyz says the database is unreachable once it is closed', async () => {
    const database = await engine.open();
    const app = appWith(database);
    await database.close();
    const down = await app.request('/readyz');
    assert.equal(down.status, 503);
    assert.equal(((await down.json()) as { reason: string }).reason, 'database: unreachable');
  });

  engine.test(
    '/metrics: loopback only (not through a proxy) without a token; with one, only the bearer',
    async () => {
      const database = await engine.open();
      const open = appWith(database);
      assert.equal((await open.request('/metrics', {}, fromSocket('127.0.0.1'))).status, 200);
      assert.equal((await open.request('/metrics', {}, fromSocket('::1'))).status, 200);
      assert.equal((await open.request('/metrics', {}, fromSocket('10.1.2.3'))).status, 403);
      const proxied = await open.request(
        '/metrics',
        { headers: { 'x-forwarded-for': '203.0.113.9' } },
        fromSocket('127.0.0.1'),
      );
      assert.equal(
        proxied.status,
        403,
        'a loopback request forwarded by a local proxy came from elsewhere',
      );
      assert.equal((await open.request('/metrics')).status, 403, 'no socket: refused');

      const guarded = appWith(database, { metricsToken: token });
      const none = await guarded.request('/metrics', {}, fromSocket('127.0.0.1'));
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      const wrong = await guarded.request('/metrics', {
        headers: { authorization: `Bearer ${token}x` },
      });
      assert.equal(wrong.status, 401);
      const right = await guarded.request(
        '/metrics',
        { headers: { authorization: `Bearer ${token}` } },
        fromSocket('198.51.100.7'),
      );
      assert.equal(right.status, 200);
      assert.match(right.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    },
  );

  engine.test(
    '/metrics: requests per route pattern (never a raw path), outbox backlog, pool use',
    async () => {
      const database = await engine.open();
      const app = appWith(database, { metricsToken: token });
      const patientId = randomUUID();
      // Unauthenticated: 401, but counted under the pattern.
      assert.equal((await app.request(`/api/patients/${patientId}/checkins`)).status, 401);
      assert.equal((await app.request(`/no/such/${patientId}`)).status, 404);
      const clinic = await database.db
        .insertInto('clinics')
        .values({ slug: `m-${randomUUID().slice(0, 8)}`, name: 'Metrics clinic' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const to of ['a@example.test', 'b@example.test']) {
        await database.db
          .insertInto('outbox')
          .values({
            clinic_id: clinic.id,
            to_address: to,
            subject: 's',
            body_text: 'b',
            kind: 'test',
          })
          .execute();
      }
      const text = await (
        await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } })
      ).text();
      assert.match(
        text,
        /lamina_http_request_duration_seconds_count\{method="GET",route="\/api\/patients\/:patientId\/checkins",status="4xx"\} [1-9]/,
      );
      assert.match(text, /route="unmatched",status="4xx"/);
      assert.doesNotMatch(text, new RegExp(patientId), 'no id in any label');
      assert.match(text, /^lamina_outbox_backlog 2$/m);
      assert.match(text, /^lamina_db_pool_connections\{state="total"\} [1-9]/m);
      assert.match(text, /^lamina_db_pool_connections\{state="waiting"\} 0$/m);
      assert.match(text, /^lamina_process_resident_memory_bytes \d+/m);
      if (engine.name === 'pglite') {
        // The embedded engine's one connection: how many statements queued for it, and how long.
        assert.match(text, /^lamina_db_connection_waits_total \d+/m);
        assert.match(text, /^lamina_db_connection_wait_seconds_total [\d.e-]+$/m);
      }
    },
  );
});
