import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { asOneRequest, ConnectionGate, fairPgliteDialect } from './fair-pglite.ts';
import { pgliteParsers } from './open.ts';

/**
 * Twenty requests arrive at once, each running three statements one after another (like a
 * check-in: session, read, write). Returns the statements in the order they ran ("request.step").
 */
async function statementOrder(db: Kysely<unknown>) {
  const ran: string[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      asOneRequest(async () => {
        for (let step = 0; step < 3; step++) {
          await sql`select ${i}::int as i`.execute(db);
          ran.push(`${i}.${step}`);
        }
      }),
    ),
  );
  return ran;
}

test('the embedded connection goes to the oldest request first: requests finish in arrival order', async () => {
  const pglite = await PGlite.create();
  try {
    const gate = new ConnectionGate();
    const fair = new Kysely<unknown>({ dialect: fairPgliteDialect(pglite, gate) });
    const fairOrder = await statementOrder(fair);
    // The first request is done before the last one has had its second turn.
    assert.ok(
      fairOrder.indexOf('0.2') < fairOrder.indexOf('19.1'),
      `request 0 finishes early: ${fairOrder.join(' ')}`,
    );
    // And requests finish in the order they arrived.
    const finished = fairOrder.filter((s) => s.endsWith('.2')).map((s) => Number.parseInt(s, 10));
    assert.deepEqual(
      finished,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.ok(gate.stats.waits > 0, 'statements waited, and were counted');
    assert.ok(gate.stats.maxWaiting >= 19, `up to 19 waiting, got ${gate.stats.maxWaiting}`);
    assert.equal(gate.queued, 0);

    // Kysely's own lock (first come, first served per STATEMENT) interleaves them: the first
    // request only finishes after every other request's second statement.
    const plain = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    const plainOrder = await statementOrder(plain);
    assert.ok(
      plainOrder.indexOf('0.2') > plainOrder.indexOf('19.1'),
      `without the gate request 0 waits for everyone: ${plainOrder.join(' ')}`,
    );
  } finally {
    await pglite.close();
  }
});

test('work outside a request takes its place by arrival, and a transaction keeps the connection', async () => {
  const pglite = await PGlite.create();
  try {
    const db = new Kysely<unknown>({ dialect: fairPgliteDialect(pglite, new ConnectionGate()) });
    await sql`create table t (n int)`.execute(db);
    const events: string[] = [];
    const request = asOneRequest(async () => {
      await db.transaction().execute(async (trx) => {
        await sql`insert into t values (1)`.execute(trx);
        await new Promise((r) => setTimeout(r, 20));
        await sql`insert into t values (2)`.execute(trx);
      });
      events.push('transaction');
    });
    // Arrives while the transaction holds the connection: runs after its commit and sees both rows.
    const outside = sql<{ n: number }>`select count(*)::int as n from t`
      .execute(db)
      .then((r) => events.push(`outside saw ${r.rows[0]?.n}`));
    await Promise.all([request, outside]);
    assert.deepEqual(events, ['transaction', 'outside saw 2']);
    // A failing statement gives the connection back.
    await assert.rejects(sql`select * from no_such_table`.execute(db));
    assert.equal((await sql<{ n: number }>`select 1 as n`.execute(db)).rows[0]?.n, 1);
  } finally {
    await pglite.close();
  }
});

test('a statement marked /* prepared */ gives the same rows as PGlite’s query, and errors as errors', async () => {
  const pglite = await PGlite.create({ parsers: pgliteParsers });
  try {
    const fair = new Kysely<unknown>({ dialect: fairPgliteDialect(pglite, new ConnectionGate()) });
    await sql`create table t (id uuid primary key, d date, n int8, j jsonb, at timestamptz, note text)`.execute(
      fair,
    );
    const id = '00000000-0000-4000-8000-000000000001';
    const insert = (marker: string, key: string, note: string | null) =>
      sql`${sql.raw(marker)} insert into t values (${key}::uuid, ${'2026-03-01'}::date, ${42}, ${JSON.stringify({ a: [1, 'x'] })}::jsonb, ${new Date('2026-03-01T10:00:00Z')}, ${note}) returning id`.execute(
        fair,
      );
    const inserted = await insert('/* prepared */', id, null);
    assert.deepEqual(inserted.rows, [{ id }]);
    assert.equal(inserted.numAffectedRows, 1n);
    const read = (marker: string) =>
      sql<{
        id: string;
        note: string | null;
      }>`${sql.raw(marker)} select id, d, n, j, at, note from t where id = ${id}::uuid`.execute(
        fair,
      );
    for (let i = 0; i < 3; i++)
      assert.deepEqual((await read('/* prepared */')).rows, (await read('')).rows);
    assert.deepEqual((await read('/* prepared */')).rows[0], {
      id,
      d: '2026-03-01',
      n: 42,
      j: { a: [1, 'x'] },
      at: new Date('2026-03-01T10:00:00Z'),
      note: null,
    });
    // A duplicate key: the error reaches the caller, and the connection is usable afterwards.
    await assert.rejects(insert('/* prepared */', id, 'again'), /duplicate key/);
    assert.equal((await read('/* prepared */')).rows.length, 1);
    // Inside a transaction the statement runs on the transaction (and is rolled back with it).
    await assert.rejects(
      fair.transaction().execute(async (trx) => {
        await sql`/* prepared */ update t set note = ${'in tx'} where id = ${id}::uuid`.execute(
          trx,
        );
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal((await read('/* prepared */')).rows[0]?.note, null);
    // Statements sent to PGlite directly (as pg-boss does) never interleave with a prepared one.
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? read('/* prepared */').then((r) => r.rows.length)
          : pglite.query('select 1 as x').then((r) => r.rows.length),
      ),
    );
    assert.deepEqual(results, Array(30).fill(1));
    // A second Kysely on the same PGlite shares its prepared statements (names live in the engine).
    const second = new Kysely<unknown>({
      dialect: fairPgliteDialect(pglite, new ConnectionGate()),
    });
    assert.equal(
      (
        await sql`/* prepared */ select id, d, n, j, at, note from t where id = ${id}::uuid`.execute(
          second,
        )
      ).rows.length,
      1,
    );
  } finally {
    await pglite.close();
  }
});
