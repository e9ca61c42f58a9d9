import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import {
  postDemoEmergency,
  type RunningServer,
  signIn,
  sseReader,
  startServer,
} from '../cli/spawn-server.test-helper.ts';

const postgresUrl = process.env.LAMINA_TEST_POSTGRES_URL?.trim() || undefined;

test('two server processes on PostgreSQL: a check-in posted to A reaches the alert stream of a nurse connected to B', {
  skip: postgresUrl
    ? false
    : 'LAMINA_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)',
}, async () => {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const database = `lamina_two_${process.pid}_${randomUUID().slice(0, 8)}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl as string);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString(), LAMINA_DATA_DIR: '' };
  const servers: RunningServer[] = [];
  try {
    const a = await startServer(['--demo'], env);
    servers.push(a);
    const b = await startServer([], env);
    servers.push(b);

    const nurse = await signIn(b, { staff: 'nurse@demo.example', password: 'lamina-demo-only' });
    const stream = sseReader(
      await fetch(`${b.url}/api/alerts/stream`, { headers: { cookie: nurse } }),
    );
    assert.equal((await stream.next()).event, 'ready');

    const posted = await postDemoEmergency(a);
    assert.equal(posted.status, 201);
    const { alert } = (await posted.json()) as { alert: { id: string } };
    const event = await stream.next();
    assert.equal(event.event, 'alert');
    assert.equal((event.data as { alertId: string }).alertId, alert.id);
    assert.equal((event.data as { level: string }).level, 'emergency');
    await stream.close();
  } finally {
    for (const server of servers) await server.stop();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});
