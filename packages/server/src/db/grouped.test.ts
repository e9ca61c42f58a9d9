import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupedWrites } from './grouped.ts';

/** A write whose statements the test finishes by hand: it sees each group and when it ends. */
function heldWrite(fail: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const write = (items: readonly number[]) => {
    groups.push([...items]);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => {
        running -= 1;
        const bad = items.find(fail);
        if (bad !== undefined) reject(new Error(`item ${bad} is bad`));
        else resolve(items.map((item) => `stored ${item}`));
      });
    });
  };
  /** Lets every statement that has started finish, then waits for the queue to move on. */
  const finishAll = async () => {
    for (const finish of pending.splice(0)) finish();
    // The answers settle, then the queue sends what waited at the end of the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { write, groups, finishAll, mostAtOnce: () => mostAtOnce };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

test('a call with a slot free goes at once, alone: a quiet server waits for nothing', async () => {
  const held = heldWrite();
  const send = groupedWrites(held.write, { maxInFlight: 2, maxGroup: 64 });
  const answer = send(1);
  // Started synchronously, before any timer or turn of the event loop.
  assert.deepEqual(held.groups, [[1]]);
  await held.finishAll();
  assert.equal(await answer, 'stored 1');
});

test('calls that arrive while the slots are busy go together, in order, in groups of at most maxGroup', async () => {
  const held = heldWrite();
  const send = groupedWrites(held.write, { maxInFlight: 2, maxGroup: 3 });
  const answers = Array.from({ length: 9 }, (_, i) => send(i));
  // Two slots: the first two calls went alone; the seven others wait.
  assert.deepEqual(held.groups, [[0], [1]]);
  await held.finishAll();
  assert.deepEqual(held.groups.slice(2), [
    [2, 3, 4],
    [5, 6, 7],
  ]);
  await held.finishAll();
  assert.deepEqual(held.groups.slice(4), [[8]]);
  await held.finishAll();
  assert.deepEqual(
    await Promise.all(answers),
    answers.map((_, i) => `stored ${i}`),
  );
  assert.equal(held.mostAtOnce(), 2, 'never more statements at once than maxInFlight');
});

test('gatherTurns: the calls of one turn go together, at the end of the turn (PostgreSQL)', async () => {
  const held = heldWrite();
  const send = groupedWrites(held.write, { maxInFlight: 2, maxGroup: 3, gatherTurns: 1 });
  const answers = Array.from({ length: 4 }, (_, i) => send(i));
  assert.deepEqual(held.groups, [], 'the turn may bring others');
  await endOfTurn();
  // One turn's four calls: a full group and the rest, each in a slot of its own.
  assert.deepEqual(held.groups, [[0, 1, 2], [3]]);
  // Five more while both slots are busy: they wait.
  answers.push(...Array.from({ length: 5 }, (_, i) => send(4 + i)));
  await endOfTurn();
  assert.equal(held.groups.length, 2);
  await held.finishAll();
  assert.deepEqual(held.groups.slice(2), [
    [4, 5, 6],
    [7, 8],
  ]);
  await held.finishAll();
  assert.deepEqual(
    await Promise.all(answers),
    answers.map((_, i) => `stored ${i}`),
  );
  assert.equal(held.mostAtOnce(), 2, 'never more statements at once than maxInFlight');
});

test('gatherTurns > 1: calls made over several turns go together, or sooner when the group is full (embedded engine)', async () => {
  const held = heldWrite();
  const send = groupedWrites(held.write, { maxInFlight: 1, maxGroup: 4, gatherTurns: 3 });
  const answers = [send(0)];
  await endOfTurn();
  answers.push(send(1));
  await endOfTurn();
  assert.deepEqual(held.groups, [], 'still gathering after two turns');
  answers.push(send(2));
  await endOfTurn();
  assert.deepEqual(held.groups, [[0, 1, 2]], 'three turns: the calls of all three');
  await held.finishAll();
  // A full group does not wait for its turns.
  answers.push(...[3, 4, 5, 6].map((i) => send(i)));
  await endOfTurn();
  assert.deepEqual(held.groups.slice(1), [[3, 4, 5, 6]]);
  await held.finishAll();
  assert.deepEqual(
    await Promise.all(answers),
    answers.map((_, i) => `stored ${i}`),
  );
});

test('a failed group is written again one by one: only the bad item fails, with its own error', async () => {
  const held = heldWrite((item) => item === 3);
  const send = groupedWrites(held.write, { maxInFlight: 1, maxGroup: 64 });
  const answers = [0, 1, 2, 3, 4].map((i) => send(i).catch((error: Error) => error.message));
  await held.finishAll(); // [0] alone
  await held.finishAll(); // [1, 2, 3, 4] fails, then each alone
  await held.finishAll();
  assert.deepEqual(held.groups, [[0], [1, 2, 3, 4], [1], [2], [3], [4]]);
  assert.deepEqual(await Promise.all(answers), [
    'stored 0',
    'stored 1',
    'stored 2',
    'item 3 is bad',
    'stored 4',
  ]);
});

test('a write that answers the wrong number of results fails no caller silently', async () => {
  let calls = 0;
  const send = groupedWrites(
    async (items: readonly number[]) => {
      calls += 1;
      // Drops the last result when there are several; right when alone.
      return items.length > 1 ? items.slice(1).map(String) : items.map(String);
    },
    { maxInFlight: 1, maxGroup: 64 },
  );
  const answers = await Promise.all([send(1), send(2), send(3)]);
  assert.deepEqual(answers, ['1', '2', '3']);
  // [1] alone, then [2, 3] answered one result: retried as [2] and [3].
  assert.equal(calls, 4);
});

test('bad options are refused', () => {
  const write = async (items: readonly number[]) => items;
  assert.throws(() => groupedWrites(write, { maxInFlight: 0, maxGroup: 1 }), /at least 1/);
  assert.throws(() => groupedWrites(write, { maxInFlight: 1, maxGroup: 0 }), /at least 1/);
});
