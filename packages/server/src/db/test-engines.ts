import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { redactUrl } from './config.ts';
import { migrate } from './migrate.ts';
import { type LaminaDatabase, pgliteDatabase, pgliteParsers, postgresDatabase } from './open.ts';

/**
 * Runs the same tests on both engines. Each `engine.open()` gives a fresh, empty database:
 * on PGlite a copy of an in-memory template (~0.5 s instead of ~2 s for a new one); on PostgreSQL
 * (LAMINA_TEST_POSTGRES_URL) a new schema, dropped when the test file ends. Without a reachable
 * server the PostgreSQL tests are skipped, saying why.
 */
export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /** A fresh database, migrated unless `{ migrate: false }`. Closed and dropped after the file. */
  open(options?: { migrate?: boolean }): Promise<LaminaDatabase>;
  /** node:test's `test`, skipped with the reason when this engine is not available. */
  test(name: string, body: () => Promise<void>): void;
}

export function forEachEngine(body: (engine: TestEngine) => void): void {
  describe('on PGlite', () => body(pgliteEngine()));
  // Each test is skipped (not the suite), so the run's summary counts them as skipped, with why.
  describe('on PostgreSQL', () => body(postgresEngine()));
}

function testOn(skip: string | false) {
  return (name: string, body: () => Promise<void>) => test(name, { skip }, body);
}

const postgresUrl = process.env.LAMINA_TEST_POSTGRES_URL?.trim() || undefined;
const postgresSkipReason: string | false = await probePostgres();

async function probePostgres(): Promise<string | false> {
  if (postgresUrl === undefined) {
    return 'LAMINA_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
  }
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return false;
  } catch (error) {
    return `PostgreSQL at ${redactUrl(postgresUrl)} did not answer: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

function pgliteEngine(): TestEngine {
  let empty: Promise<Blob> | undefined;
  let migrated: Promise<Blob> | undefined;
  const opened: LaminaDatabase[] = [];
  // PGlite's own clone() drops the parsers option, so clone by loading a cached dump instead.
  const snapshot = async (
    from: Blob | undefined,
    prepare: (database: LaminaDatabase) => Promise<unknown>,
  ) => {
    const pglite = await PGlite.create({ parsers: pgliteParsers, loadDataDir: from });
    const database = pgliteDatabase(pglite);
    await prepare(database);
    const dump = await pglite.dumpDataDir('none');
    await database.close();
    return dump;
  };
  after(async () => {
    for (const database of opened) await database.close();
  });
  return {
    name: 'pglite',
    test: testOn(false),
    async open(options = {}) {
      empty ??= snapshot(undefined, async () => {});
      migrated ??= empty.then((dump) => snapshot(dump, (database) => migrate(database.db)));
      const template = options.migrate === false ? empty : migrated;
      const pglite = await PGlite.create({ loadDataDir: await template, parsers: pgliteParsers });
      const database = pgliteDatabase(pglite);
      opened.push(database);
      return database;
    },
  };
}

function postgresEngine(): TestEngine {
  const schemas: string[] = [];
  const opened: LaminaDatabase[] = [];
  after(async () => {
    for (const database of opened) await database.close();
    if (schemas.length === 0 || postgresUrl === undefined) return;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
  return {
    name: 'postgres',
    test: testOn(postgresSkipReason),
    async open(options = {}) {
      if (postgresUrl === undefined) throw new Error('LAMINA_TEST_POSTGRES_URL is not set');
      const schema = `lamina_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`create schema ${schema}`);
      } finally {
        await client.end();
      }
      schemas.push(schema);
      const database = postgresDatabase(postgresUrl, 4, { searchPath: schema });
      opened.push(database);
      if (options.migrate !== false) await migrate(database.db);
      return database;
    },
  };
}
