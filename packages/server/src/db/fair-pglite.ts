import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PGliteAdapter,
  PGliteDialect,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';

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
    createDriver: () => new GatedDriver(inner.createDriver(), gate),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
  };
}

class GatedDriver implements Driver {
  private readonly inner: Driver;
  private readonly gate: ConnectionGate;
  constructor(inner: Driver, gate: ConnectionGate) {
    this.inner = inner;
    this.gate = gate;
  }
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.acquire();
    try {
      return await this.inner.acquireConnection();
    } catch (error) {
      this.gate.release();
      throw error;
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.gate.release();
    }
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return (this.inner.savepoint as NonNullable<Driver['savepoint']>).call(
      this.inner,
      connection,
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
      connection,
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
      connection,
      name,
      compile,
    );
  }
  destroy() {
    return this.inner.destroy();
  }
}
