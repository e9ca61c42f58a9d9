import assert from 'node:assert/strict';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';
import { forEachEngine } from './test-engines.ts';

/** Tables that hold no clinic's data and so need no clinic_id. Adding one here is a decision. */
const globalTables = ['clinics', 'schema_migrations', 'server_setup_tokens'];

/** Every primary key or index of a clinic table whose first column is not clinic_id. */
async function clinicKeyViolations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table: string; index: string | null; first: string | null }>`
    select t.relname as table, i.relname as index, a.attname as first
    from pg_class t
    join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
    left join pg_index x on x.indrelid = t.oid
    left join pg_class i on i.oid = x.indexrelid
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
    where t.relkind in ('r', 'p')
    order by t.relname, i.relname
  `.execute(db);
  return rows
    .filter((row) => !globalTables.includes(row.table) && row.first !== 'clinic_id')
    .map((row) => `${row.table}.${row.index ?? '(no index)'} leads with ${row.first ?? 'nothing'}`);
}

forEachEngine((engine) => {
  engine.test(
    'every other table has clinic_id first in its primary key and in every index',
    async () => {
      const { db } = await engine.open();
      const { rows } = await sql<{ table: string; primary: boolean }>`
      select t.relname as table, exists (
        select from pg_index x where x.indrelid = t.oid and x.indisprimary
      ) as primary
      from pg_class t join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relkind = 'r'
    `.execute(db);
      assert.ok(rows.length >= 18, `expected the core schema, found ${rows.length} tables`);
      assert.deepEqual(
        rows.filter((row) => !row.primary).map((row) => row.table),
        [],
        'tables without a primary key',
      );
      assert.deepEqual(await clinicKeyViolations(db), []);
    },
  );

  engine.test('the rule check reports a table or an index that breaks it', async () => {
    const { db } = await engine.open();
    await sql`create table notes_by_patient (id uuid primary key, clinic_id uuid not null)`.execute(
      db,
    );
    await sql`create index checkins_by_key on checkins (idempotency_key, clinic_id)`.execute(db);
    await sql`create table unindexed_notes (clinic_id uuid, body text)`.execute(db);
    assert.deepEqual(await clinicKeyViolations(db), [
      'checkins.checkins_by_key leads with idempotency_key',
      'notes_by_patient.notes_by_patient_pkey leads with id',
      'unindexed_notes.(no index) leads with nothing',
    ]);
  });

  engine.test('every foreign key between clinic tables carries clinic_id first', async () => {
    const { db } = await engine.open();
    const { rows } = await sql<{ name: string; table: string; target: string; first: string }>`
      select c.conname as name, t.relname as table, r.relname as target, a.attname as first
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_class r on r.oid = c.confrelid
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
      join pg_attribute a on a.attrelid = t.oid and a.attnum = c.conkey[1]
      where c.contype = 'f'
    `.execute(db);
    assert.ok(rows.length > 20, `expected the core schema's foreign keys, found ${rows.length}`);
    const offenders = rows
      .filter((row) => row.first !== 'clinic_id')
      .map((row) => `${row.table}.${row.name} → ${row.target} leads with ${row.first}`);
    assert.deepEqual(offenders, []);
  });

  engine.test('the triage queue reads open alerts of a clinic through its index', async () => {
    const { db } = await engine.open();
    await sql`set enable_seqscan = off`.execute(db);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`
      explain select id from alerts
      where clinic_id = gen_random_uuid() and status in ('open', 'acknowledged')
      order by priority, created_at limit 50
    `.execute(db);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    assert.match(plan, /alerts_queue/);
  });
});
