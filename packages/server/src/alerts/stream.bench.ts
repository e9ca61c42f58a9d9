/**
 * Time from a red-flag check-in POST to its alert event on a nurse's event stream, p50/p99: on the
 * embedded engine (one process) and on PostgreSQL with the POST to server A and the stream from
 * server B (LISTEN/NOTIFY between processes).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { percentile } from '../../../../scripts/bench-kit.ts';
import {
  type RunningServer,
  signIn,
  sseReader,
  startServer,
} from '../cli/spawn-server.test-helper.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 60);
const postgresUrl =
  process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function measure(name: string, postTo: RunningServer, streamFrom: RunningServer) {
  const nurse = await signIn(streamFrom, {
    staff: 'nurse@demo.example',
    password: 'lamina-demo-only',
  });
  const stream = sseReader(
    await fetch(`${streamFrom.url}/api/alerts/stream`, { headers: { cookie: nurse } }),
  );
  await stream.next();
  const patient = await signIn(postTo, { patient: 'rosa@demo.example' });
  const me = (await (
    await fetch(`${postTo.url}/api/auth/me`, { headers: { cookie: patient } })
  ).json()) as { patientId: string };
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const response = await fetch(`${postTo.url}/api/patients/${me.patientId}/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: patient },
      body: JSON.stringify({ idempotencyKey: randomUUID(), checkin: { chestPain: 'yes' } }),
    });
    const { alert } = (await response.json()) as { alert: { id: string } };
    for (;;) {
      const event = await stream.next();
      const data = event.data as { alertId?: string; op?: string };
      if (event.event === 'alert' && data.alertId === alert.id && data.op === 'insert') break;
    }
    times.push(performance.now() - started);
  }
  await stream.close();
  times.sort((a, b) => a - b);
  console.log(
    `check-in POST → alert event on the stream, ${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms over ${samples} red flags`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'lamina-stream-bench-'));
const embedded = await startServer(['--demo'], {
  LAMINA_DATA_DIR: join(dir, 'data'),
  DATABASE_URL: '',
});
try {
  await measure('PGlite (one process)', embedded, embedded);
} finally {
  await embedded.stop();
  rmSync(dir, { recursive: true, force: true });
}

const admin = new pg.Client({ connectionString: postgresUrl });
const database = `lamina_stream_bench_${process.pid}`;
try {
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString(), LAMINA_DATA_DIR: '' };
  const a = await startServer(['--demo'], env);
  const b = await startServer([], env);
  try {
    await measure('PostgreSQL (POST to process A, stream from process B)', a, b);
  } finally {
    await a.stop();
    await b.stop();
  }
  await admin.query(`drop database if exists ${database} with (force)`);
} catch (error) {
  console.log(`alert stream on PostgreSQL: skipped (${(error as Error).message})`);
} finally {
  await admin.end().catch(() => {});
}
