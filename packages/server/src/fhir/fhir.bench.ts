/**
 * FHIR API speed on PostgreSQL (issue 18): a Bulk Data $export of a 10 000-patient clinic (time and
 * MB/s, against the same rows read bare and stringified in the same run), and read/search latency
 * with 50 concurrent clients (against the console's own patient read in the same run).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../db/open.ts';
import { TestClient } from '../http/test-client.ts';
import { seedClinic, signInStaff } from '../http/test-fixtures.ts';
import { syntheticCsv } from '../patients/import.test-helper.ts';
import { importPatients } from '../patients/import.ts';
import { DiskBlobStore } from '../storage/blob-store.ts';
import { hashToken } from './caller.ts';
import { exportFileKey, exportTypes, runExportJob } from './export.ts';

const patients = 10_000;
const checkinsPerPatient = 3;
const clients = 50;
const requestsPerClient = 20;
const postgresUrl =
  process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function run(url: string) {
  const database = await openDatabase({ engine: 'postgres', url }, { onNotice: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'lamina-fhir-bench-'));
  try {
    const { db } = database;
    const clinic = await seedClinic(db);
    const clinicId = clinic.clinicId;
    await importPatients(db, {
      clinicId,
      actor: null,
      ip: null,
      csv: syntheticCsv(patients),
      dryRun: false,
    });
    // Three check-ins per patient (pain, temperature, walking): what the export turns into Observations.
    await sql`
      insert into checkins (clinic_id, id, patient_id, surgery_id, idempotency_key, answers, triage, level, submitted_at)
      select s.clinic_id, gen_random_uuid(), s.patient_id, s.id, gen_random_uuid()::text,
        jsonb_build_object('axialPain', 3 + n % 4, 'limbPain', n % 3, 'temperature', jsonb_build_object('value', 36.8, 'unit', 'C'), 'walkingMinutes', 10 * n),
        '{"level":"none","offTrack":false,"findings":[]}'::jsonb, 'none', now() - (n || ' days')::interval
      from surgeries s cross join generate_series(1, ${checkinsPerPatient}) as n
      where s.clinic_id = ${clinicId}
    `.execute(db);

    const files = new DiskBlobStore(join(dir, 'files'));
    const exportId = randomUUID();
    await db
      .insertInto('fhir_exports')
      .values({
        clinic_id: clinicId,
        id: exportId,
        types: [...exportTypes],
        since: null,
        request_url: 'bench',
        requested_by: null,
        smart_client_id: null,
        created_at: new Date(),
      })
      .execute();
    // The job's body, as the queue runs it (the queue adds only its polling delay).
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const start = performance.now();
    const { status, output } = await runExportJob(
      db,
      files,
      { clinicId, exportId },
      () => new Date(),
    );
    const ms = performance.now() - start;
    clearInterval(sampler);
    if (status !== 'completed') throw new Error(`export ${status}`);
    let bytes = 0;
    const counts = new Map<string, number>();
    for (const o of output) {
      bytes += (await files.get(exportFileKey(clinicId, exportId, o.file)))?.byteLength ?? 0;
      counts.set(o.type, (counts.get(o.type) ?? 0) + o.count);
    }
    // Reference: the same rows as JSON made by PostgreSQL itself (row_to_json), read through the
    // same pool, no mapping: what reading the data costs before any FHIR is made of it.
    const refStart = performance.now();
    let refBytes = 0;
    for (const table of [
      'patients',
      'users',
      'surgeries',
      'checkins',
      'prom_responses',
      'alerts',
      'alert_events',
      'imaging_studies',
    ]) {
      const { rows } = await sql<{ j: string }>`
        select row_to_json(t)::text as j from ${sql.table(table)} t where clinic_id = ${clinicId}`.execute(
        db,
      );
      for (const row of rows) refBytes += row.j.length + 1;
    }
    const refMs = performance.now() - refStart;
    const mb = bytes / 1_000_000;
    console.log(
      `$export of ${patients} patients (${[...counts].map(([type, n]) => `${type} ${n}`).join(', ')}; ${output.length} files): ${(ms / 1000).toFixed(1)} s, ${mb.toFixed(1)} MB, ${(mb / (ms / 1000)).toFixed(1)} MB/s, peak RSS ${(peakRss / 1e6).toFixed(0)} MB; ` +
        `reference (the same rows as row_to_json, ${(refBytes / 1e6).toFixed(1)} MB): ${(refMs / 1000).toFixed(2)} s; ratio ${(ms / refMs).toFixed(1)}×`,
    );

    // 50 clients, each alternating FHIR read and search, with a system token.
    const token = `${clinicId}.${randomUUID().replaceAll('-', '')}bench`;
    const smartId = randomUUID();
    await db
      .insertInto('smart_clients')
      .values({
        clinic_id: clinicId,
        id: smartId,
        name: 'bench',
        jwks: JSON.stringify({ keys: [] }),
        jwks_url: null,
        scopes: ['system/*.rs'],
        created_by: null,
      })
      .execute();
    await db
      .insertInto('smart_access_tokens')
      .values({
        clinic_id: clinicId,
        token_hash: hashToken(token),
        client_id: smartId,
        scopes: ['system/*.rs'],
        created_at: new Date(),
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    const admin = new TestClient(db, new Date(), undefined, { now: () => new Date() });
    await signInStaff(admin, clinic, 'admin');
    const ids = (
      await db
        .selectFrom('patients')
        .select('id')
        .where('clinic_id', '=', clinicId)
        .limit(clients * requestsPerClient)
        .execute()
    ).map((r) => r.id);
    const auth = { authorization: `Bearer ${token}` };
    const timed = async (work: (id: string) => Promise<{ status: number }>) => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          for (let i = 0; i < requestsPerClient; i++) {
            const id = ids[(client * requestsPerClient + i) % ids.length] ?? '';
            const t = performance.now();
            const answer = await work(id);
            latencies.push(performance.now() - t);
            if (answer.status !== 200) throw new Error(`status ${answer.status}`);
          }
        }),
      );
      return latencies;
    };
    const console_ = await timed((id) => admin.get(`/api/patients/${id}`));
    const read = await timed((id) =>
      admin.request('GET', `/fhir/r4/Patient/${id}`, undefined, auth),
    );
    const search = await timed((id) =>
      admin.request('GET', `/fhir/r4/Observation?patient=${id}`, undefined, auth),
    );
    const line = (label: string, l: number[]) =>
      `${label} p50 ${percentile(l, 50).toFixed(0)} ms, p95 ${percentile(l, 95).toFixed(0)} ms`;
    console.log(
      `${clients} clients × ${requestsPerClient}: ${line('FHIR Patient read', read)}; ${line('FHIR Observation search', search)}; reference ${line('console GET /api/patients/:id', console_)}; ` +
        `ratios p50 ${(percentile(read, 50) / percentile(console_, 50)).toFixed(1)}× and ${(percentile(search, 50) / percentile(console_, 50)).toFixed(1)}×`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const admin = new pg.Client({ connectionString: postgresUrl });
try {
  await admin.connect();
  const database = `lamina_fhir_bench_${process.pid}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  try {
    await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
  }
} catch (error) {
  console.log(`FHIR bench on PostgreSQL: skipped (${(error as Error).message})`);
} finally {
  await admin.end().catch(() => {});
}
