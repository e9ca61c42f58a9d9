import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { asOneRequest, ConnectionGate, fairPgliteDialect } from './fair-pglite.ts';

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
