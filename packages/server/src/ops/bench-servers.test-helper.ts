/**
 * Starting Lamina (and other servers) for a benchmark, with signed-in patients to load it with:
 * shared by checkins.bench.ts, ops/workers.bench.ts and ops/soak.bench.ts (issue 19); and a scratch
 * PostgreSQL database for the query benches (alerts/queue.bench.ts, reminders/reminders.bench.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addDays, type IsoDate, surgerySchema } from '@lamina/pathway';
import pg from 'pg';
import type { LoadTarget } from '../../../../scripts/bench-kit.ts';
import type { DatabaseConfig } from '../db/config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase, postgresDatabase } from '../db/open.ts';
import { seedDemo } from '../demo/seed.ts';
import { enrolPatient } from '../patients/store.ts';

const mainPath = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const cpuProfDir = process.env.BENCH_CPU_PROF;
/** Patients whose check-ins arrive at once: about what a large clinic sees in its morning peak. */
export const patientsUnderLoad = 200;
export const sampleCheckin = {
  axialPain: 3,
  limbPain: 2,
  painControlled: 'yes',
  walkingMinutes: 30,
};
export const checkinBody = JSON.stringify({ idempotencyKey: '{key}', checkin: sampleCheckin });

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

export function startLamina(
  env: Record<string, string>,
  label: string,
  args: string[] = [],
): Promise<Server> {
  const profile = cpuProfDir
    ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=lamina-${label}.cpuprofile`]
    : [];
  return startProcess([...profile, mainPath, 'serve', '--demo', '--port', '0', ...args], env);
}

/** Enrols the bench's patients before the server starts (the embedded database allows one process at a time). */
export async function enrolBenchPatients(config: DatabaseConfig): Promise<string[]> {
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

export async function signInPatients(server: Server, emails: string[]): Promise<LoadTarget[]> {
  const targets: LoadTarget[] = [];
  for (const email of emails) {
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    await post('/api/auth/patient/code', { clinic: 'demo', email });
    for (let i = 0; i < 250 && !server.codes.has(email); i++)
      await new Promise((r) => setTimeout(r, 20));
    const code = server.codes.get(email);
    const verified = await post('/api/auth/patient/verify', { clinic: 'demo', email, code });
    const cookie = verified.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = (await (
      await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })
    ).json()) as { patientId: string };
    targets.push({ path: `/api/patients/${me.patientId}/checkins`, cookie, body: checkinBody });
  }
  return targets;
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
