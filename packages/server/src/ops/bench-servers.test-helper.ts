/**
 * Starting Lamina (and other servers) for a benchmark, with signed-in patients to load it with
 * (their sessions made by auth/session.ts's createSession, as a sign-in makes them):
 * shared by checkins.bench.ts, ops/workers.bench.ts and ops/soak.bench.ts (issue 19); and a scratch
 * PostgreSQL database for the query benches (alerts/queue.bench.ts, reminders/reminders.bench.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, type IsoDate, surgerySchema } from '@lamina/pathway';
import pg from 'pg';
import type { LoadTarget } from '../../../../scripts/bench-kit.ts';
import { createSession, sessionCookieName } from '../auth/session.ts';
import type { DatabaseConfig } from '../db/config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase, postgresDatabase } from '../db/open.ts';
import { seedDemo } from '../demo/seed.ts';
import { enrolPatients } from '../patients/store.ts';
import { cervicalCheckinBody, checkinBody } from './bench-checkin.test-helper.ts';

// The `lamina` command as a clinic runs it (bin/lamina.js: with Node's compile cache).
const mainPath = fileURLToPath(new URL('../../bin/lamina.js', import.meta.url));
const cpuProfDir = process.env.BENCH_CPU_PROF;
/** The Node flags on the command's first line (`#!/usr/bin/env -S node …`): run as a clinic runs it. */
export function laminaNodeFlags(): string[] {
  const shebang = readFileSync(mainPath, 'utf8').split('\n', 1)[0] ?? '';
  return shebang.split(/\s+/).filter((part) => part.startsWith('--'));
}
/**
 * Patients whose check-ins arrive at once: more than a large clinic's morning peak, so that at
 * hundreds of check-ins a second each patient's history grows by a few check-ins a run, not by
 * hundreds (a real patient checks in about once a day; triage reads the last weeks).
 */
export const patientsUnderLoad = 1000;

export interface Server {
  child: ChildProcess;
  url: string;
  codes: Map<string, string>;
  stop: () => Promise<void>;
}

export function startProcess(args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LAMINA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const codes = new Map<string, string>();
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 1_000_000) output = output.slice(-100_000);
      for (const m of output.matchAll(/\[dev mail\] to (\S+): sign-in code (\d{6})/g))
        codes.set(m[1] as string, m[2] as string);
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url: url.replace(/\/$/, ''), codes, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

/** With BENCH_CPU_PROF=dir, node's flags to write the process's CPU profile there as NAME.cpuprofile. */
export function profileFlags(name: string): string[] {
  return cpuProfDir
    ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
}

export function startLamina(
  env: Record<string, string>,
  label: string,
  args: string[] = [],
): Promise<Server> {
  return startProcess(
    [
      ...profileFlags(`lamina-${label}`),
      ...laminaNodeFlags(),
      mainPath,
      'serve',
      '--demo',
      '--port',
      '0',
      ...args,
    ],
    env,
  );
}

/**
 * Enrols the bench's patients and signs each in (a session in the database, made by the code a
 * sign-in uses) before the server starts (the embedded database allows one process at a time):
 * the load targets, one per patient. Sessions made here need no sign-in requests, which the
 * sign-in rate limits would stop well before 1 000 patients from one address.
 */
/** A third of the bench patients had neck surgery. */
const regionOf = (i: number) => (i % 3 === 0 ? 'cervical' : 'lumbar');

export async function enrolBenchPatients(config: DatabaseConfig): Promise<LoadTarget[]> {
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
    const enrolled = await enrolPatients(
      database.db,
      clinicId,
      admin.id,
      Array.from({ length: patientsUnderLoad }, (_, i) => ({
        givenName: 'Bench',
        familyName: `Patient ${i}`,
        email: `bench-${i}@demo.example`,
        surgery: surgerySchema.parse({
          region: regionOf(i),
          procedure: 'laminectomy',
          surgeryDate: addDays(today, -(i % 90)),
        }),
        factors: {},
        overrides: { restrictions: {}, milestones: {}, followUps: {} },
      })),
    );
    const targets: LoadTarget[] = [];
    for (const [i, { patientId, userId }] of enrolled.entries()) {
      if (!userId) throw new Error('a bench patient was enrolled without an account');
      const session = await createSession(
        database.db,
        { clinicId, userId, role: 'patient' },
        { now, ip: '127.0.0.1', userAgent: 'lamina-bench', mfaVerified: false },
      );
      targets.push({
        path: `/api/patients/${patientId}/checkins`,
        cookie: `${sessionCookieName(false)}=${session.cookieValue}`,
        body: regionOf(i) === 'cervical' ? cervicalCheckinBody : checkinBody,
      });
    }
    return targets;
  } finally {
    await database.close();
  }
}

/**
 * A fresh, migrated PostgreSQL database `lamina_<name>_<pid>` (on LAMINA_TEST_POSTGRES_URL's
 * server) with Lamina's pool on it and a connected plain client for bulk generation; undefined,
 * after saying `<label>: skipped (why)`, when PostgreSQL is not there. `drop()` ends both and
 * deletes the database.
 */
export async function scratchPostgres(name: string, label: string) {
  const postgresUrl =
    process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: postgresUrl });
  const database = `lamina_${name}_${process.pid}`;
  try {
    await admin.connect();
    await admin.query(`create database ${database}`);
  } catch (error) {
    console.log(`${label}: skipped (${(error as Error).message})`);
    return undefined;
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const lamina = postgresDatabase(url.toString(), 4);
  const client = new pg.Client({ connectionString: url.toString() });
  const drop = async () => {
    await client.end().catch(() => {});
    await lamina.close();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  };
  try {
    await migrate(lamina.db);
    await client.connect();
  } catch (error) {
    await drop();
    throw error;
  }
  return { lamina, client, drop };
}
