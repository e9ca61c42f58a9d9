import type { Kysely } from 'kysely';

/**
 * Group commit for one kind of statement (decision 032). Calls that arrive while `maxInFlight`
 * statements of their kind are out wait; when one of those finishes, all the calls that waited go
 * together, as ONE statement: a busy server sends many at a time (one commit, one round trip each
 * group instead of one per call). There is no timer. With a slot free a call goes at once, or,
 * with `gatherTurns`, after that many turns of the event loop (`setImmediate`; sooner when a
 * group is full), so the calls of those turns go together: one turn on PostgreSQL, where
 * statements wait on the network; more on the embedded engine, whose statements run in this
 * process and whose requests start one per turn (`groupedPerDatabase` chooses).
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
  /** With a slot free, wait this many turns (1: the end of this one; sooner when a group is full). */
  readonly gatherTurns?: number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/** One item written alone: its one result. */
async function writeOne<T, R>(
  write: (items: readonly T[]) => Promise<readonly R[]>,
  item: T,
): Promise<R> {
  const [result] = await write([item]);
  if (result === undefined) throw new Error('a grouped write answered no result');
  return result;
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
      waiting.resolve(await writeOne(write, waiting.item));
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

  function next(): void {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const group = queue.splice(0, options.maxGroup);
      inFlight += 1;
      void writeGroup(group).finally(() => {
        inFlight -= 1;
        // The calls that waited for this slot have gathered already: they go now.
        next();
      });
    }
  }
  const gatherTurns = options.gatherTurns ?? 0;
  let turnsLeft = 0;
  function turnEnded(): void {
    turnsLeft -= 1;
    if (turnsLeft > 0 && queue.length < options.maxGroup) {
      setImmediate(turnEnded);
    } else {
      turnsLeft = 0;
      next();
    }
  }
  function send(): void {
    if (gatherTurns === 0) {
      next();
    } else if (turnsLeft === 0) {
      turnsLeft = gatherTurns;
      setImmediate(turnEnded);
    }
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      send();
    });
}

const overNetwork = new WeakSet<object>();

/**
 * The turns a call waits on the embedded engine. There requests start one per event-loop turn
 * (http/turns.ts, decision 030) and a statement never gives the loop back, so calls meet only
 * across turns: waiting 16 turns (or until a group is full) lets about that many check-ins share a
 * statement. Measured in decision 032 (0, 2, 4, 8, 16 turns): 16 gave the most check-ins per
 * second and the lowest p99. An idle turn lasts microseconds, so a quiet server hardly waits.
 */
const embeddedGatherTurns = 16;

/** db/open.ts marks each PostgreSQL handle: there a call waits for the end of its turn only. */
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
    if (db.isTransaction) return writeOne((items: readonly T[]) => write(db, items), item);
    let queue = queues.get(db);
    if (!queue) {
      queue = groupedWrites((items: readonly T[]) => write(db, items), {
        ...options,
        gatherTurns: overNetwork.has(db) ? 1 : embeddedGatherTurns,
      });
      queues.set(db, queue);
    }
    return queue(item);
  };
}
