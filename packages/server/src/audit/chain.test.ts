import assert from 'node:assert/strict';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import type { Database } from '../db/schema.ts';
import { aClinicWithPatient, auditOf } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { recordAudit } from './audit.ts';
import { genesisHash, headDigest, verifyAuditChain } from './chain.ts';

/** In one transaction, so on one connection, so in one lane (each connection has its own). */
async function auditSome(db: Kysely<Database>, clinicId: string, count: number, from = 0) {
  await db.transaction().execute(async (trx) => {
    for (let i = from; i < from + count; i++) {
      await recordAudit(trx, {
        clinicId,
        actor: null,
        action: `test.${i}`,
        subjectType: 'test',
        subjectId: String(i),
        details: { i, note: 'ünïcode "quoted" | piped' },
      });
    }
  });
}

/** A fresh database and a clinic whose chain holds `count` rows (written in one lane). */
async function aChain(engine: TestEngine, count: number) {
  const { db } = await engine.open();
  const { clinicId } = await aClinicWithPatient(db);
  await auditSome(db, clinicId, count);
  return { db, clinicId };
}

async function rowOf(db: Kysely<Database>, clinicId: string, action: string) {
  return auditOf(db, clinicId, action).select(['id', 'lane', 'seq']).executeTakeFirstOrThrow();
}

/** What an attacker with the owner's rights does: switch the guard off, change, switch it on. */
async function asOwnerWithoutGuard(db: Kysely<Database>, change: string) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update_or_delete`.execute(trx);
    await sql.raw(change).execute(trx);
    await sql`alter table audit_log enable trigger audit_log_no_update_or_delete`.execute(trx);
  });
}

forEachEngine((engine) => {
  engine.test(
    'each clinic gets its own chain: seq 1, 2, 3… each row linked to the one before',
    async () => {
      const a = await aChain(engine, 3);
      const { db } = a;
      const b = await aClinicWithPatient(db);
      await auditSome(db, b.clinicId, 2);
      const rows = await auditOf(db, a.clinicId)
        .select(['lane', 'seq', 'prev_hash', 'hash'])
        .orderBy('seq')
        .execute();
      assert.equal(new Set(rows.map((row) => row.lane)).size, 1, 'one connection, one lane');
      assert.deepEqual(
        rows.map((row) => Number(row.seq)),
        [1, 2, 3],
      );
      assert.equal(rows[0]?.prev_hash, genesisHash);
      assert.equal(rows[1]?.prev_hash, rows[0]?.hash);
      assert.equal(rows[2]?.prev_hash, rows[1]?.hash);
      assert.match(rows[2]?.hash ?? '', /^[0-9a-f]{64}$/);
      const reports = await verifyAuditChain(db);
      const byClinic = new Map(reports.map((report) => [report.clinicId, report]));
      const heads = [{ lane: rows[0]?.lane ?? -1, seq: 3, hash: rows[2]?.hash ?? '' }];
      assert.deepEqual(byClinic.get(a.clinicId), {
        clinicId: a.clinicId,
        rows: 3,
        heads,
        headDigest: headDigest(heads),
      });
      assert.equal(byClinic.get(b.clinicId)?.rows, 2);
      assert.equal(byClinic.get(b.clinicId)?.firstBroken, undefined);
    },
  );

  engine.test(
    'an application cannot choose the chain fields: the trigger overwrites them',
    async () => {
      const { db, clinicId } = await aChain(engine, 1);
      await sql`insert into audit_log (clinic_id, action, subject_type, seq, prev_hash, hash)
      values (${clinicId}, 'forged', 'test', 1, ${genesisHash}, ${'f'.repeat(64)})`.execute(db);
      const [report] = await verifyAuditChain(db, { clinicId });
      assert.equal(report?.rows, 2);
      assert.equal(report?.firstBroken, undefined);
    },
  );

  engine.test(
    'a row changed by the owner (trigger disabled) is reported, with its seq and id',
    async () => {
      const { db, clinicId } = await aChain(engine, 5);
      const target = await rowOf(db, clinicId, 'test.2');
      assert.equal(target.seq, 3);
      await asOwnerWithoutGuard(
        db,
        `update audit_log set action = 'nothing.here' where id = '${target.id}'`,
      );
      const [report] = await verifyAuditChain(db, { clinicId });
      assert.equal(report?.rows, 2, 'rows 1 and 2 still check out');
      assert.equal(report?.firstBroken?.lane, target.lane);
      assert.equal(report?.firstBroken?.seq, 3);
      assert.equal(report?.firstBroken?.id, target.id);
      assert.equal(report?.firstBroken?.problem, 'content-changed');
    },
  );

  engine.test(
    'a rewritten row with a recomputed hash breaks the link to the next row',
    async () => {
      const { db, clinicId } = await aChain(engine, 4);
      await asOwnerWithoutGuard(
        db,
        `update audit_log set action = 'nothing.here',
         hash = audit_log_hash(audit_log_canonical(prev_hash, lane, seq, clinic_id, id, at, actor_id,
           actor_role, 'nothing.here', subject_type, subject_id, patient_id, ip, details))
       where clinic_id = '${clinicId}' and seq = 2`,
      );
      const [report] = await verifyAuditChain(db, { clinicId });
      assert.deepEqual(
        [report?.firstBroken?.seq, report?.firstBroken?.problem],
        [3, 'link-broken'],
      );
    },
  );

  engine.test('deleted rows are reported: in the middle, and at the end', async () => {
    const { db, clinicId } = await aChain(engine, 6);
    await asOwnerWithoutGuard(
      db,
      `delete from audit_log where clinic_id = '${clinicId}' and seq = 6`,
    );
    let [report] = await verifyAuditChain(db, { clinicId });
    assert.deepEqual(
      [report?.firstBroken?.seq, report?.firstBroken?.problem],
      [6, 'head-mismatch'],
    );
    await asOwnerWithoutGuard(
      db,
      `delete from audit_log where clinic_id = '${clinicId}' and seq = 3`,
    );
    [report] = await verifyAuditChain(db, { clinicId });
    assert.deepEqual([report?.firstBroken?.seq, report?.firstBroken?.problem], [4, 'rows-missing']);
  });

  engine.test(
    'parallel inserts for one clinic, over several connections (lanes), leave whole chains',
    async () => {
      const database = await engine.open();
      const { clinicId } = await aClinicWithPatient(database.db);
      await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          database.db.transaction().execute(async (trx) => {
            await recordAudit(trx, {
              clinicId,
              actor: null,
              action: `parallel.${i}`,
              subjectType: 'test',
            });
            // Hold the transaction open a little, so the others really wait on the head row.
            await sql`select pg_sleep(0.01)`.execute(trx);
          }),
        ),
      );
      const [report] = await verifyAuditChain(database.db, { clinicId });
      assert.equal(report?.rows, 16);
      assert.equal(report?.firstBroken, undefined);
    },
  );

  engine.test(
    'two connections in the same lane queue on its head: the second waits for the first to commit',
    async () => {
      if (engine.name !== 'postgres') return; // PGlite has one connection
      const database = await engine.open();
      const { clinicId } = await aClinicWithPatient(database.db);
      const backend = database.jobsBackend;
      assert.ok(backend.kind === 'postgres');
      // Open connections until two share a lane (backend pid mod 16): at most 17.
      const clients: pg.Client[] = [];
      const byLane = new Map<number, pg.Client>();
      let pair: [pg.Client, pg.Client] | undefined;
      try {
        while (!pair) {
          const client = new pg.Client({
            connectionString: backend.url,
            options: `-c search_path=${backend.searchPath}`,
          });
          await client.connect();
          clients.push(client);
          const { rows } = await client.query('select pg_backend_pid() % 16 as lane');
          const lane = Number(rows[0].lane);
          const other = byLane.get(lane);
          if (other) pair = [other, client];
          else byLane.set(lane, client);
        }
        const [first, second] = pair;
        const insert = `insert into audit_log (clinic_id, action, subject_type) values ($1, $2, 'test')`;
        await first.query('begin');
        await first.query(insert, [clinicId, 'first.1']);
        await second.query('begin');
        let secondDone = false;
        const waiting = second.query(insert, [clinicId, 'second.1']).then(() => {
          secondDone = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.equal(secondDone, false, 'the second insert did not wait for the chain head');
        await first.query(insert, [clinicId, 'first.2']);
        await first.query('commit');
        await waiting;
        await second.query('commit');
      } finally {
        for (const client of clients) await client.end();
      }
      const rows = await auditOf(database.db, clinicId)
        .select(['action', 'seq'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        rows.map((row) => [row.action, Number(row.seq)]),
        [
          ['first.1', 1],
          ['first.2', 2],
          ['second.1', 3],
        ],
      );
      const [report] = await verifyAuditChain(database.db, { clinicId });
      assert.equal(report?.firstBroken, undefined);
    },
  );

  engine.test(
    'rows written before migration 014 are chained by it, in the order written',
    async () => {
      const { db } = await engine.open({ migrate: false });
      const before = migrations.filter((m) => m.name < '014-audit-chain');
      await migrate(db, before);
      const { clinicId } = await aClinicWithPatient(db);
      // Written out of order on purpose: the chain follows the time of each row, not insertion.
      for (const [action, at] of [
        ['old.2', '2026-01-01T10:00:02Z'],
        ['old.1', '2026-01-01T10:00:01Z'],
        ['old.3', '2026-01-01T10:00:03Z'],
      ]) {
        await sql`insert into audit_log (clinic_id, action, subject_type, at)
        values (${clinicId}, ${action}, 'test', ${at}::timestamptz)`.execute(db);
      }
      await migrate(db);
      await auditSome(db, clinicId, 2);
      const [report] = await verifyAuditChain(db, { clinicId });
      assert.equal(report?.rows, 5);
      assert.equal(report?.firstBroken, undefined);
      // The old rows are lane 0's first three; new ones go to their connection's lane.
      const laneZero = await auditOf(db, clinicId)
        .select('action')
        .where('lane', '=', 0 as never)
        .orderBy('seq')
        .limit(3)
        .execute();
      assert.deepEqual(
        laneZero.map((row) => row.action),
        ['old.1', 'old.2', 'old.3'],
      );
    },
  );
});
