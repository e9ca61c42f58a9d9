/**
 * Cost of the audit hash chain (migration 014, decision 013) on the insert path: the same loop of
 * recordAudit inserts on a database migrated up to 011 (no chain) and on one with the chain, on
 * PGlite (in memory, one connection) and PostgreSQL (LAMINA_TEST_POSTGRES_URL or the local
 * server, in a schema of its own, sequential and 8 concurrent clients of one clinic).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import {
  type LaminaDatabase,
  pgliteDatabase,
  pgliteParsers,
  postgresDatabase,
} from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from './audit.ts';

const inserts = Number(process.env.BENCH_INSERTS ?? 2_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const postgresUrl =
  process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const withoutChain = migrations.filter((m) => m.name < '014-audit-chain');

async function loop(db: Kysely<Database>, clinicId: string, count: number, concurrency = 1) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await recordAudit(db, {
          clinicId,
          actor: { clinicId, userId: clinicId, role: 'patient', patientId: clinicId },
          action: 'checkin.create',
          subjectType: 'checkin',
          subjectId: randomUUID(),
          patientId: clinicId,
          ip: '203.0.113.7',
          details: { level: 'routine', alertId: null },
        });
      }
    }),
  );
  return performance.now() - started;
}

function line(label: string, ms: number, count: number) {
  console.log(
    `${label.padEnd(58)} ${String(Math.round((count / ms) * 1000)).padStart(6)}/s  ${((ms * 1000) / count).toFixed(0).padStart(5)} µs each`,
  );
}

/** Alternates without/with the chain a few rounds (the machine is shared); prints each one's median. */
async function run(
  label: string,
  open: (chain: boolean) => Promise<LaminaDatabase>,
  concurrency = 1,
) {
  const times: Record<'false' | 'true', number[]> = { false: [], true: [] };
  for (let round = 0; round < rounds; round++) {
    for (const chain of [false, true]) {
      const database = await open(chain);
      try {
        const clinicId = randomUUID();
        await loop(database.db, clinicId, 200, concurrency); // warm up
        times[`${chain}`].push(await loop(database.db, clinicId, inserts, concurrency));
      } finally {
        await database.close();
      }
    }
  }
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  line(`${label}, without the chain (011)`, median(times.false), inserts);
  line(`${label}, with the chain (014)`, median(times.true), inserts);
}

await run('PGlite, sequential', async (chain) => {
  const database = pgliteDatabase(await PGlite.create({ parsers: pgliteParsers }));
  await migrate(database.db, chain ? migrations : withoutChain);
  return database;
});

try {
  const schemas: string[] = [];
  const openPostgres = async (chain: boolean) => {
    const schema = `lamina_bench_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    schemas.push(schema);
    const database = postgresDatabase(postgresUrl, 8, { searchPath: schema });
    await migrate(database.db, chain ? migrations : withoutChain);
    return database;
  };
  try {
    await run('PostgreSQL, sequential', openPostgres);
    await run('PostgreSQL, 8 concurrent, one clinic', openPostgres, 8);
  } finally {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
} catch (error) {
  console.log(`audit inserts on PostgreSQL: skipped (${(error as Error).message})`);
}
