import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from './config.ts';
import { ConnectionGate, fairPgliteDialect } from './fair-pglite.ts';
import { statementsGoOverNetwork } from './grouped.ts';
import { acquireDataDirLock } from './lock.ts';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';

export interface LaminaDatabase {
  readonly db: Kysely<Database>;
  readonly engine: DatabaseConfig['engine'];
  /** The embedded engine's data directory; undefined on PostgreSQL. */
  readonly dataDir: string | undefined;
  /**
   * LISTEN on a channel (NOTIFY is sent by triggers, e.g. on alerts). On PostgreSQL this holds one
   * dedicated connection; notifications from every server process on the database arrive here.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** What the job queue (pg-boss) needs to reach the same database. */
  readonly jobsBackend:
    | { readonly kind: 'pglite'; readonly pglite: PGlite }
    | { readonly kind: 'postgres'; readonly url: string; readonly searchPath?: string };
  /** Closes the connections and releases the data-directory lock. Safe to call twice. */
  close(): Promise<void>;
  /** Connections of this process (metrics): PGlite is one in-process connection. */
  poolStats(): { total: number; idle: number; waiting: number };
  /** Embedded engine: how long statements waited for its one connection (db/fair-pglite.ts). */
  readonly connectionWait?: ConnectionGate['stats'];
}

export interface OpenOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Where to say things a person should know (a stale lock recovered). Default: stderr. */
  onNotice?: (message: string) => void;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/**
 * Both engines return the same JavaScript values: a date stays 'YYYY-MM-DD' (no time zone shift),
 * int8 (count(*)) becomes a number, numeric stays a string.
 */
const dateOid = 1082;
const int8Oid = 20;
const numericOid = 1700;
const asText = (value: string) => value;

export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<LaminaDatabase> {
  const database =
    config.engine === 'pglite'
      ? await openDataDir(config.dataDir, options)
      : postgresDatabase(config.url, options.poolSize);
  if (options.migrate !== false) {
    try {
      await migrate(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/**
 * PostgreSQL's WebAssembly is compiled by one background thread, not one per core. With one per
 * core the compilers' scratch memory (600 MB at its peak) lands in several malloc arenas that keep
 * part of it after start-up: the idle server measured 297-337 MB, a different figure each start,
 * and 298-311 MB with one thread, starting as fast (issue 19, decision 030). A process-wide V8
 * setting, read when a module is compiled; Lamina compiles no other WebAssembly on a hot path.
 */
function compileEngineOnOneThread() {
  v8.setFlagsFromString('--wasm-num-compilation-tasks=1');
}

async function openDataDir(dataDir: string, options: OpenOptions): Promise<LaminaDatabase> {
  const lock = acquireDataDirLock(dataDir, options.onNotice ?? ((text) => console.warn(text)));
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Patient data: the directory is the owner's only, also one made before this rule (decision 013).
    if ((statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
    compileEngineOnOneThread();
    const pglite = await PGlite.create(dataDir, {
      parsers: pgliteParsers,
      startParams: [...PGlite.defaultStartParams, ...pgliteMemoryParams],
    });
    return pgliteDatabase(pglite, { dataDir, afterClose: () => lock.release() });
  } catch (error) {
    lock.release();
    throw new Error(
      `Could not open the embedded database in ${dataDir}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The embedded engine's buffer pool, sized for one clinic (issue 19): PostgreSQL's default 128 MB
 * of shared buffers lives inside the WASM heap and made an idle server hold ~500 MB. The data
 * files are also in the operating system's page cache, so a smaller pool costs little speed.
 */
export const pgliteMemoryParams = ['-c', 'shared_buffers=32MB', '-c', 'wal_buffers=1MB'];

export const pgliteParsers = {
  [dateOid]: asText,
  [int8Oid]: Number,
  [numericOid]: asText,
};

/** Wraps an open PGlite (a data directory, in memory, or a clone); closing closes it. */
export function pgliteDatabase(
  pglite: PGlite,
  extra: { dataDir?: string; afterClose?: () => void } = {},
): LaminaDatabase {
  // One connection: handed to the oldest request first (db/fair-pglite.ts, issue 19).
  const gate = new ConnectionGate();
  const db = new Kysely<Database>({ dialect: fairPgliteDialect(pglite, gate) });
  const listen = async (channel: string, onPayload: (payload: string) => void) => {
    const unlisten = await pglite.listen(channel, onPayload);
    return async () => {
      if (!pglite.closed) await unlisten();
    };
  };
  const stats = () => ({ total: pglite.closed ? 0 : 1, idle: 0, waiting: gate.queued });
  const database = withClose(
    db,
    'pglite',
    extra.dataDir,
    listen,
    { kind: 'pglite', pglite },
    async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      extra.afterClose?.();
    },
    stats,
  );
  return { ...database, connectionWait: gate.stats };
}

export function postgresDatabase(
  url: string,
  poolSize = Number(process.env.LAMINA_DB_POOL_SIZE) || 10,
  extra: { searchPath?: string } = {},
): LaminaDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    ...(extra.searchPath ? { options: `-c search_path=${extra.searchPath}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === dateOid || oid === numericOid) return asText;
        if (oid === int8Oid) return Number;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('connect', (client) => prepareMarkedStatements(client));
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.warn(`PostgreSQL connection error: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  statementsGoOverNetwork(db);
  const listeners = new Set<pg.Client>();
  const listen = async (channel: string, onPayload: (payload: string) => void) => {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', (error) =>
      console.warn(`PostgreSQL LISTEN connection error: ${error.message}`),
    );
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    await client.connect();
    await client.query(`listen ${channel}`);
    listeners.add(client);
    return async () => {
      listeners.delete(client);
      await client.end().catch(() => {});
    };
  };
  const jobsBackend = {
    kind: 'postgres' as const,
    url,
    ...(extra.searchPath ? { searchPath: extra.searchPath } : {}),
  };
  const stats = () => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  });
  return withClose(
    db,
    'postgres',
    undefined,
    listen,
    jobsBackend,
    async () => {
      for (const client of listeners) await client.end().catch(() => {});
      await db.destroy();
    },
    stats,
  );
}

/**
 * Marks a statement of a hot path (a check-in, the session lookup) to be prepared: on PostgreSQL it
 * becomes a named statement on each connection, so the server parses and plans it once per
 * connection instead of on every request. Only for statements whose text is one of a few fixed
 * strings (values as parameters): each distinct text stays prepared for the connection's life.
 * A comment, so the embedded engine (and any log) sees plain SQL.
 */
export const preparedMarker = '/* prepared */';

const preparedNames = new Map<string, string>();

function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (
      typeof text === 'string' &&
      Array.isArray(values) &&
      args.length === 2 &&
      text.includes(preparedMarker)
    ) {
      let name = preparedNames.get(text);
      if (name === undefined) {
        name = `lamina_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
        if (preparedNames.size < 200) preparedNames.set(text, name);
      }
      return query({ name, text, values });
    }
    return query(...args);
  };
}

function withClose(
  db: Kysely<Database>,
  engine: LaminaDatabase['engine'],
  dataDir: string | undefined,
  listen: LaminaDatabase['listen'],
  jobsBackend: LaminaDatabase['jobsBackend'],
  closeOnce: () => Promise<void>,
  poolStats: LaminaDatabase['poolStats'],
): LaminaDatabase {
  let closing: Promise<void> | undefined;
  return {
    db,
    engine,
    dataDir,
    listen,
    jobsBackend,
    poolStats,
    close: () => {
      closing ??= closeOnce();
      return closing;
    },
  };
}
