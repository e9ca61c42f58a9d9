import type { Kysely } from 'kysely';

/**
 * Group commit for one kind of statement (decision 032). Calls that arrive while `maxInFlight`
 * statements of their kind are out wait; when one of those finishes, all the calls that waited go
 * together, as ONE statement: a busy server sends many at a time (one commit, one round trip each
 * group instead of one per call). There is no timer. With a slot free a call goes at once, or,
 * with `gatherTurn`, at the end of the current event-loop turn (`setImmediate`), so the calls of
 * one turn go together: worth it on PostgreSQL, where statements wait on the network and a turn
 * is short; not on the embedded engine, whose statements run in this process without giving the
 * loop back (calls never meet there; each goes alone, as before; decision 032 measured both).
 *
 * `write(items)` runs a group in one statement (all of it or none of it) and answers one result
 * per item, in order. When a group of several fails, each item is run again on its own, so one
 * bad item cannot fail the others and each caller gets its own answer or its own error. That retry
 * is safe only for reads and for writes that are atomic and idempotent (the check-in's idempotency
 * key): a group that failed wrote nothing, or, if the answer was lost after its commit, the retry
 * finds the keys.
 *
 * The queue lives in this process and holds only calls that are waiting for their answer; nothing
 * in it is needed by another process.
 */
export interface GroupedWriteOptions {
  /** Groups written at the same time (each takes a database connection). */
  readonly maxInFlight: number;
  /** The most items in one group (one statement's parameter). */
  readonly maxGroup: number;
  /** With a slot free, wait for the end of the turn, so the calls of one turn go together. */
  readonly gatherTurn?: boolean;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

export function groupedWrites<T, R>(
  write: (items: readonly T[]) => Promise<readonly R[]>,
  options: GroupedWriteOptions,
): (item: T) => Promise<R> {
  if (!(options.maxInFlight >= 1 && options.maxGroup >= 1)) {
    throw new Error('groupedWrites needs maxInFlight and maxGroup of at least 1');
  }
  const queue: Waiting<T, R>[] = [];
  let inFlight = 0;

  async function writeAlone(waiting: Waiting<T, R>): Promise<void> {
    try {
      const [result] = await write([waiting.item]);
      if (result === undefined) throw new Error('a grouped write answered no result');
      waiting.resolve(result);
    } catch (error) {
      waiting.reject(error);
    }
  }

  async function writeGroup(group: Waiting<T, R>[]): Promise<void> {
    if (group.length === 1) return writeAlone(group[0] as Waiting<T, R>);
    let results: readonly R[];
    try {
      results = await write(group.map((waiting) => waiting.item));
      if (results.length !== group.length) {
        throw new Error(`a grouped write answered ${results.length} results for ${group.length}`);
      }
    } catch {
      // Nothing of the group was written (one statement): each goes again on its own.
      await Promise.all(group.map(writeAlone));
      return;
    }
    for (const [i, waiting] of group.entries()) waiting.resolve(results[i] as R);
  }

  let turnEnding = false;
  function next(): void {
    turnEnding = false;
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const group = queue.splice(0, options.maxGroup);
      inFlight += 1;
      void writeGroup(group).finally(() => {
        inFlight -= 1;
        send();
      });
    }
  }
  function send(): void {
    if (!options.gatherTurn) {
      next();
    } else if (!turnEnding) {
      turnEnding = true;
      setImmediate(next);
    }
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      send();
    });
}

const overNetwork = new WeakSet<object>();

/** db/open.ts marks each PostgreSQL handle: there, calls of one turn are gathered (`gatherTurn`). */
export function statementsGoOverNetwork(db: object): void {
  overNetwork.add(db);
}

/**
 * `groupedWrites` for each database handle: the calls on one pool share its queue. Inside a
 * transaction (whose statements must run on its connection, in order) each call runs alone.
 */
export function groupedPerDatabase<DB, T, R>(
  write: (db: Kysely<DB>, items: readonly T[]) => Promise<readonly R[]>,
  options: GroupedWriteOptions,
): (db: Kysely<DB>, item: T) => Promise<R> {
  const queues = new WeakMap<Kysely<DB>, (item: T) => Promise<R>>();
  return async (db, item) => {
    if (db.isTransaction) {
      const [result] = await write(db, [item]);
      if (result === undefined) throw new Error('a grouped write answered no result');
      return result;
    }
    let queue = queues.get(db);
    if (!queue) {
      queue = groupedWrites((items: readonly T[]) => write(db, items), {
        ...options,
        gatherTurn: overNetwork.has(db),
      });
      queues.set(db, queue);
    }
    return queue(item);
  };
}
