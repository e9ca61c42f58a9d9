/**
 * CSV import speed: 5 000 patients enrolled in one transaction (batched INSERTs), on PGlite and on
 * PostgreSQL (LAMINA_TEST_POSTGRES_URL or the local server). Issue 15 aim: a 5 000-row file in seconds.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../db/config.ts';
import { openDatabase } from '../db/open.ts';
import { syntheticCsv } from './import.test-helper.ts';
import { importPatients } from './import.ts';

const rows = 5_000;
const postgresUrl =
  process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function run(label: string, config: DatabaseConfig) {
  const database = await openDatabase(config, { onNotice: () => {} });
  try {
    const clinicId = randomUUID();
    await database.db
      .insertInto('clinics')
      .values({ id: clinicId, slug: `bench-${clinicId.slice(0, 8)}`, name: 'Bench' })
      .execute();
    const csv = syntheticCsv(rows);
    /** One import of the file, and how long it took in ms. */
    const timedImport = async (dryRun: boolean) => {
      const start = performance.now();
      const report = await importPatients(database.db, {
        clinicId,
        actor: null,
        ip: null,
        csv,
        dryRun,
      });
      return { report, ms: performance.now() - start };
    };
    const { report: dry, ms: dryMs } = await timedImport(true);
    const { report: real, ms } = await timedImport(false);
    if (dry.counts.new !== rows || real.counts.new !== rows || !real.enrolled)
      throw new Error(`expected ${rows} new rows, got ${JSON.stringify(real.counts)}`);
    const { report: again, ms: againMs } = await timedImport(false);
    if (again.counts.alreadyEnrolled !== rows) throw new Error('re-import enrolled someone twice');
    // Reference, same run and engine: the same number of bare patient rows in batched INSERTs in
    // one transaction (no CSV, no checks, no surgery, plan or audit): what the import costs on top.
    const referenceClinic = randomUUID();
    await database.db
      .insertInto('clinics')
      .values({ id: referenceClinic, slug: `ref-${referenceClinic.slice(0, 8)}`, name: 'Ref' })
      .execute();
    const refStart = performance.now();
    await database.db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows; start += 1000)
        await trx
          .insertInto('patients')
          .values(
            Array.from({ length: Math.min(1000, rows - start) }, (_, i) => ({
              clinic_id: referenceClinic,
              user_id: null,
              given_name: `Given${start + i}`,
              family_name: `Family${start + i}`,
              date_of_birth: null,
              email: `ref${start + i}@bench.example`,
              phone: null,
              created_by: null,
            })),
          )
          .execute();
    });
    const refMs = performance.now() - refStart;
    console.log(
      `${label}: ${rows} rows — dry run ${(dryMs / 1000).toFixed(2)} s, import ${(ms / 1000).toFixed(2)} s (${Math.round((rows * 1000) / ms)} rows/s), re-import ${(againMs / 1000).toFixed(2)} s (all skipped)`,
    );
    console.log(
      `${label}: reference (bare batched INSERT of ${rows} patient rows) ${(refMs / 1000).toFixed(2)} s — import ${(ms / refMs).toFixed(1)}× the reference, dry run ${(dryMs / refMs).toFixed(1)}×, re-import ${(againMs / refMs).toFixed(1)}×`,
    );
  } finally {
    await database.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lamina-import-bench-'));
try {
  await run('PGlite (embedded)', { engine: 'pglite', dataDir: join(dir, 'data') });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const admin = new pg.Client({ connectionString: postgresUrl });
try {
  await admin.connect();
  const database = `lamina_import_bench_${process.pid}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  try {
    await run('PostgreSQL', { engine: 'postgres', url: url.toString() });
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
  }
} catch (error) {
  console.log(`CSV import on PostgreSQL: skipped (${(error as Error).message})`);
} finally {
  await admin.end().catch(() => {});
}
