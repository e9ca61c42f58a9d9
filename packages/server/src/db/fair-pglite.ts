import { AsyncLocalStorage } from 'node:async_hooks';
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PGliteAdapter,
  PGliteDialect,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** The marker of db/open.ts (repeated here: open.ts imports this file). */
const preparedMarker = '/* prepared */';

/**
 * The embedded engine has ONE connection, and every statement of every request queues for it
 * (issue 19). Kysely's own lock for single-connection drivers lets waiters through in the order
 * they asked for a statement, so a check-in (a session lookup, a read, a write: three turns) goes
 * to the back of the queue after each of its statements: with 50 requests waiting, each request
 * waits three times for everyone, and the slowest wait seconds.
 *
 * This gate hands the connection to the OLDEST REQUEST first: a request that has already had a
 * turn keeps its place, so requests finish in the order they arrived and the work per request is
 * the same, but the tail is no longer three full queues long. Work outside a request (the job
 * queue's statements through Kysely, scripts) takes its place by arrival, so it is never starved.
 * A transaction holds the connection from its first statement to its commit, as before.
 */
export class ConnectionGate {
  private busy = false;
  private readonly waiting: { order: number; since: number; resume: () => void }[] = [];
  private arrivals = 0;
  /** Statements that waited, and their total wait, for /metrics. */
  readonly stats = { waits: 0, waitSeconds: 0, maxWaiting: 0 };

  /** A place in line: the request's own (kept from its first statement), or a new one. */
  private place(): number {
    const request = currentRequest.getStore();
    if (request) {
      request.order ??= this.arrivals++;
      return request.order;
    }
    return this.arrivals++;
  }

  async acquire(): Promise<void> {
    const order = this.place();
    if (!this.busy) {
      this.busy = true;
      return;
    }
    const since = performance.now();
    await new Promise<void>((resume) => {
      // Insertion keeps the list sorted by place in line (it is short: one entry per waiting request).
      let at = this.waiting.length;
      while (at > 0 && (this.waiting[at - 1] as { order: number }).order > order) at--;
      this.waiting.splice(at, 0, { order, since, resume });
      this.stats.maxWaiting = Math.max(this.stats.maxWaiting, this.waiting.length);
    });
    this.stats.waits += 1;
    this.stats.waitSeconds += (performance.now() - since) / 1000;
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.resume();
    else this.busy = false;
  }

  get queued(): number {
    return this.waiting.length;
  }
}

const currentRequest = new AsyncLocalStorage<{ order?: number }>();

/** Runs one request's work with its own place in line for the embedded connection (serve wraps each request). */
export function asOneRequest<T>(work: () => T): T {
  return currentRequest.run({}, work);
}

/** A Kysely dialect over PGlite whose single connection is handed out by `gate`. */
export function fairPgliteDialect(pglite: PGlite, gate: ConnectionGate): Dialect {
  const inner = new PGliteDialect({ pglite });
  return {
    createAdapter: () =>
      // Kysely's own lock is off: the gate below is the only one.
      new (class extends PGliteAdapter {
        override get supportsMultipleConnections() {
          return true;
        }
      })(),
    createDriver: () => new GatedDriver(inner.createDriver(), gate, pglite),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
  };
}

/**
 * A statement marked `/* prepared *\/` (db/open.ts) becomes a named prepared statement on the
 * embedded engine too: PGlite's `query` parses, analyzes and plans every statement on every call,
 * through six separate calls into the engine (issue 19 measured the check-in's surgery + history
 * read at ~20 ms that way against ~2.5 ms prepared on a loaded machine). Prepared once (parse +
 * describe), then each call is one bind + execute + sync, with the values serialized and the rows
 * parsed exactly as PGlite's `query` does. Outside transactions only (a transaction runs on
 * PGlite's transaction object); under PGlite's own locks, so the job queue's statements (pg-boss
 * talks to PGlite directly) never interleave with one.
 */
class PreparedStatements {
  private readonly pglite: PGlite;
  private readonly known = new Map<
    string,
    { name: string; paramTypes: number[]; rowDescription: unknown }
  >();
  constructor(pglite: PGlite) {
    this.pglite = pglite;
  }

  run(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const pglite = this.pglite;
    return pglite._runExclusiveTransaction(() =>
      pglite._runExclusiveQuery(async () => {
        let statement = this.known.get(query.sql);
        if (!statement) {
          // Past 200 texts (a marker on a text that varies): the unnamed statement, planned each time.
          const name = this.known.size < 200 ? `lamina_p${this.known.size}` : '';
          const described = await pglite.execProtocol(
            concat([
              protocol.serialize.parse({ name, text: query.sql }),
              protocol.serialize.describe({ type: 'S', name }),
              protocol.serialize.sync(),
            ]),
          );
          const messages = described.messages as { name: string; dataTypeIDs?: number[] }[];
          statement = {
            name,
            paramTypes: messages.find((m) => m.name === 'parameterDescription')?.dataTypeIDs ?? [],
            rowDescription: messages.find((m) => m.name === 'rowDescription'),
          };
          if (this.known.size < 200) this.known.set(query.sql, statement);
        }
        const serializers = pglite.serializers as Record<number, (value: unknown) => string>;
        const values = query.parameters.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serialize = serializers[statement.paramTypes[i] as number];
          return serialize ? serialize(value) : String(value);
        });
        const result = await pglite.execProtocol(
          concat([
            protocol.serialize.bind({ statement: statement.name, values }),
            protocol.serialize.execute({}),
            protocol.serialize.sync(),
          ]),
        );
        const [first] = parse.parseResults(
          [
            ...(statement.rowDescription ? [statement.rowDescription] : []),
            ...result.messages,
          ] as Parameters<typeof parse.parseResults>[0],
          pglite.parsers,
          { rowMode: 'object' },
        );
        return {
          rows: (first?.rows ?? []) as unknown[],
          ...(first?.affectedRows ? { numAffectedRows: BigInt(first.affectedRows) } : {}),
        };
      }),
    );
  }
}

const preparedByEngine = new WeakMap<PGlite, PreparedStatements>();

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Kysely's PGlite connection, with marked statements prepared while no transaction is open. */
class PreparingConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  private readonly prepared: PreparedStatements;
  inTransaction = false;
  constructor(inner: DatabaseConnection, prepared: PreparedStatements) {
    this.inner = inner;
    this.prepared = prepared;
  }
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.inTransaction && query.sql.includes(preparedMarker))
      return this.prepared.run(query) as Promise<QueryResult<R>>;
    return this.inner.executeQuery(query);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(query, chunkSize);
  }
}

const unwrap = (connection: DatabaseConnection) =>
  connection instanceof PreparingConnection ? connection.inner : connection;

class GatedDriver implements Driver {
  private readonly inner: Driver;
  private readonly gate: ConnectionGate;
  private readonly prepared: PreparedStatements;
  private connection: PreparingConnection | undefined;
  constructor(inner: Driver, gate: ConnectionGate, pglite: PGlite) {
    this.inner = inner;
    this.gate = gate;
    // One set per PGlite: statement names live in its backend, whichever Kysely sent them.
    let prepared = preparedByEngine.get(pglite);
    if (!prepared) {
      prepared = new PreparedStatements(pglite);
      preparedByEngine.set(pglite, prepared);
    }
    this.prepared = prepared;
  }
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.acquire();
    try {
      const inner = await this.inner.acquireConnection();
      if (this.connection?.inner !== inner)
        this.connection = new PreparingConnection(inner, this.prepared);
      return this.connection;
    } catch (error) {
      this.gate.release();
      throw error;
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(unwrap(connection));
    } finally {
      this.gate.release();
    }
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.inner.beginTransaction(unwrap(connection), settings);
    if (connection instanceof PreparingConnection) connection.inTransaction = true;
  }
  async commitTransaction(connection: DatabaseConnection) {
    try {
      await this.inner.commitTransaction(unwrap(connection));
    } finally {
      if (connection instanceof PreparingConnection) connection.inTransaction = false;
    }
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    try {
      await this.inner.rollbackTransaction(unwrap(connection));
    } finally {
      if (connection instanceof PreparingConnection) connection.inTransaction = false;
    }
  }
  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return (this.inner.savepoint as NonNullable<Driver['savepoint']>).call(
      this.inner,
      unwrap(connection),
      name,
      compile,
    );
  }
  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return (this.inner.rollbackToSavepoint as NonNullable<Driver['rollbackToSavepoint']>).call(
      this.inner,
      unwrap(connection),
      name,
      compile,
    );
  }
  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return (this.inner.releaseSavepoint as NonNullable<Driver['releaseSavepoint']>).call(
      this.inner,
      unwrap(connection),
      name,
      compile,
    );
  }
  destroy() {
    return this.inner.destroy();
  }
}
