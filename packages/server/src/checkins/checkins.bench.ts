/**
 * Check-in submissions per second and latency at 50 concurrent clients, on the embedded engine and
 * on PostgreSQL (LAMINA_TEST_POSTGRES_URL or the local server). The server runs as its own process
 * (`lamina serve --demo`), as in production; this process only generates load over loopback.
 * Issue 5 aims: ≥ 1 500/s on PGlite, ≥ 3 000/s on PostgreSQL, on 2 cores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, type IsoDate, surgerySchema } from '@lamina/pathway';
import pg from 'pg';
import { percentile } from '../../../../scripts/bench-kit.ts';
import type { DatabaseConfig } from '../db/config.ts';
import { openDatabase } from '../db/open.ts';
import { seedDemo } from '../demo/seed.ts';
import { enrolPatient } from '../patients/store.ts';

const mainPath = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const concurrency = 50;
/** Patients whose check-ins arrive at once: about what a large clinic sees in its morning peak. */
const patientsUnderLoad = 200;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const postgresUrl =
  process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; codes: Map<string, string>; output: () => string }> {
  const child = spawn(process.execPath, [mainPath, 'serve', '--demo', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const codes = new Map<string, string>();
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const m of output.matchAll(/\[dev mail\] to (\S+): sign-in code (\d{6})/g))
        codes.set(m[1] as string, m[2] as string);
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url, codes, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

/** Enrols the bench's patients before the server starts (the embedded database allows one process at a time). */
async function enrolBenchPatients(config: DatabaseConfig): Promise<string[]> {
  const database = await openDatabase(config, { onNotice: () => {} });
  try {
    const now = new Date();
    const today = now.toISOString().slice(0, 10) as IsoDate;
    const { clinicId } = await seedDemo(database.db, today, now);
    const admin = await database.db
      .selectFrom('users')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    const emails: string[] = [];
    for (let i = 0; i < patientsUnderLoad; i++) {
      const email = `bench-${i}@demo.example`;
      await enrolPatient(database.db, clinicId, admin.id, {
        givenName: 'Bench',
        familyName: `Patient ${i}`,
        email,
        surgery: surgerySchema.parse({
          region: i % 3 === 0 ? 'cervical' : 'lumbar',
          procedure: 'laminectomy',
          surgeryDate: addDays(today, -(i % 90)),
        }),
        factors: {},
        overrides: { restrictions: {}, milestones: {}, followUps: {} },
      });
      emails.push(email);
    }
    return emails;
  } finally {
    await database.close();
  }
}

async function signInPatients(server: Awaited<ReturnType<typeof startServer>>, emails: string[]) {
  const sessions: { cookie: string; patientId: string }[] = [];
  for (const email of emails) {
    const patient = { email };
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    await post('/api/auth/patient/code', { clinic: 'demo', email: patient.email });
    for (let i = 0; i < 100 && !server.codes.has(patient.email); i++)
      await new Promise((r) => setTimeout(r, 20));
    const code = server.codes.get(patient.email);
    const verified = await post('/api/auth/patient/verify', {
      clinic: 'demo',
      email: patient.email,
      code,
    });
    const cookie = verified.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = (await (
      await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })
    ).json()) as { patientId: string };
    sessions.push({ cookie, patientId: me.patientId });
  }
  return sessions;
}

async function load(url: string, sessions: { cookie: string; patientId: string }[]) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (w: number) => {
    let i = 0;
    while (performance.now() < deadline) {
      const session = sessions[(w + i++) % sessions.length] as {
        cookie: string;
        patientId: string;
      };
      const started = performance.now();
      const response = await fetch(`${url}/api/patients/${session.patientId}/checkins`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie },
        body: JSON.stringify({
          idempotencyKey: randomUUID(),
          checkin: { axialPain: 3, limbPain: 2, painControlled: 'yes', walkingMinutes: 30 },
        }),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 201) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    total: latencies.length,
    failures,
  };
}

async function run(
  name: string,
  config: DatabaseConfig,
  env: Record<string, string>,
  aim: number,
  cleanup: () => Promise<void>,
) {
  const emails = await enrolBenchPatients(config);
  const server = await startServer(env);
  try {
    const sessions = await signInPatients(server, emails);
    const result = await load(server.url, sessions);
    const verdict = result.perSecond >= aim ? 'target met' : 'BELOW TARGET';
    console.log(
      `check-in submissions on ${name}: ${Math.round(result.perSecond).toLocaleString('en-US')}/s at ${concurrency} clients, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.total} requests, ${result.failures} failed; aim ≥ ${aim.toLocaleString('en-US')}/s (${verdict})`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    await cleanup();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lamina-bench-'));
const dataDir = join(dir, 'data');
await run(
  'PGlite (embedded)',
  { engine: 'pglite', dataDir },
  { LAMINA_DATA_DIR: dataDir, DATABASE_URL: '' },
  1_500,
  async () => rmSync(dir, { recursive: true, force: true }),
);

const admin = new pg.Client({ connectionString: postgresUrl });
try {
  await admin.connect();
  const database = `lamina_bench_${process.pid}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  await run(
    'PostgreSQL',
    { engine: 'postgres', url: url.toString() },
    { DATABASE_URL: url.toString(), LAMINA_DATA_DIR: '' },
    3_000,
    async () => {
      await admin.query(`drop database if exists ${database} with (force)`);
    },
  );
} catch (error) {
  console.log(`check-in submissions on PostgreSQL: skipped (${(error as Error).message})`);
} finally {
  await admin.end().catch(() => {});
}
