import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { redactUrl } from './config.ts';
import { migrate } from './migrate.ts';
import { type LaminaDatabase, pgliteDatabase, pgliteParsers, postgresDatabase } from './open.ts';

/**
 * Runs the same tests on both engines. Each `engine.open()` gives a fresh, empty database:
 * on PGlite a copy of a migrated template built once per run and kept on disk (~0.5 s instead of
 * ~9 s per file); on PostgreSQL
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
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 15_000 });
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

const templateDir = join(tmpdir(), 'lamina-test-templates');

/** What a template depends on: the PGlite build and every migration's source. */
const templateKey = (() => {
  const hash = createHash('sha256');
  // The package's own package.json (its version) is not exported: find it beside the entry point.
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  hash.update(readFileSync(join(dir, 'package.json')));
  const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
  for (const name of readdirSync(migrationsDir).sort()) {
    hash.update(name);
    hash.update(readFileSync(join(migrationsDir, name)));
  }
  hash.update(readFileSync(fileURLToPath(new URL('./migrate.ts', import.meta.url))));
  return hash.digest('hex').slice(0, 16);
})();

/** A template dump from disk when an earlier test file of this run (or an earlier run) made it. */
async function cachedTemplate(kind: string, build: () => Promise<Blob>): Promise<Blob> {
  const path = join(templateDir, `${templateKey}-${kind}.tar`);
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    const dump = await build();
    mkdirSync(templateDir, { recursive: true, mode: 0o700 });
    // Written beside and renamed: parallel test files never read a half-written dump.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    renameSync(partial, path);
    return dump;
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
      // Built once per run (not once per test file): the dumps are kept on disk under a key of
      // the PGlite version and the migrations' source, so every file of the run copies them.
      empty ??= cachedTemplate('empty', () => snapshot(undefined, async () => {}));
      migrated ??= cachedTemplate('migrated', async () =>
        snapshot(await (empty as Promise<Blob>), (database) => migrate(database.db)),
      );
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
