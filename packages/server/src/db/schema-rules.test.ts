import assert from 'node:assert/strict';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';
import { forEachEngine } from './test-engines.ts';

/**
 * Tables that hold no clinic's data and so need no clinic_id. Adding one here is a decision. With
 * Citus they are reference tables (copied to every worker); every other table is distributed by
 * clinic_id (docs/scaling.md).
 */
const globalTables = ['clinics', 'schema_migrations', 'server_setup_tokens'];

interface ForeignKey {
  name: string;
  table: string;
  target: string;
  columns: string[];
  targetColumns: string[];
}

/** Every foreign key of the schema with its columns on both sides, in key order. */
async function foreignKeys(db: Kysely<Database>): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select c.conname as name, t.relname as table, r.relname as target,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "targetColumns"
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_class r on r.oid = c.confrelid
    join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
    where c.contype = 'f'
    order by t.relname, c.conname
  `.execute(db);
  return rows;
}

/**
 * What Citus needs of a foreign key (co-location by clinic): between two clinic tables it joins
 * clinic_id to clinic_id, so both rows live on the same worker; a reference table points at no
 * clinic table (a reference table's row is on every worker, a clinic's rows on one).
 */
function shardingViolations(keys: ForeignKey[]): string[] {
  const isGlobal = (table: string) => globalTables.includes(table);
  return keys.flatMap((key) => {
    if (isGlobal(key.table) && !isGlobal(key.target))
      return [`${key.table}.${key.name}: reference table → clinic table ${key.target}`];
    if (isGlobal(key.table) || isGlobal(key.target)) return [];
    const at = key.columns.indexOf('clinic_id');
    return at >= 0 && key.targetColumns[at] === 'clinic_id'
      ? []
      : [
          `${key.table}.${key.name}: (${key.columns}) → ${key.target} (${key.targetColumns}) does not join clinic_id to clinic_id`,
        ];
  });
}

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

  engine.test(
    'foreign keys between clinic tables join clinic_id to clinic_id; reference tables point at no clinic table',
    async () => {
      const { db } = await engine.open();
      const keys = await foreignKeys(db);
      assert.ok(keys.length > 20, `expected the core schema's foreign keys, found ${keys.length}`);
      assert.ok(
        keys.some((key) => key.target === 'clinics'),
        'clinic tables refer to the clinics reference table',
      );
      assert.deepEqual(shardingViolations(keys), []);
      // The global tables are exactly the ones declared: no other table lacks clinic_id.
      const { rows } = await sql<{ table: string }>`
      select t.relname as table from pg_class t
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
      where t.relkind in ('r', 'p') and not exists (
        select from pg_attribute a where a.attrelid = t.oid and a.attname = 'clinic_id' and a.attnotnull
      )
      order by 1
    `.execute(db);
      assert.deepEqual(
        rows.map((row) => row.table),
        [...globalTables].sort(),
        'tables without a NOT NULL clinic_id are exactly the reference tables',
      );
    },
  );

  engine.test('the sharding check reports a foreign key that breaks co-location', async () => {
    const { db } = await engine.open();
    await sql`create table notes (clinic_id uuid not null, id uuid not null, other_clinic uuid not null, patient_id uuid not null, primary key (clinic_id, id))`.execute(
      db,
    );
    await sql`alter table notes add constraint notes_patient_fk foreign key (other_clinic, patient_id) references patients (clinic_id, id)`.execute(
      db,
    );
    await sql`alter table server_setup_tokens add column note_clinic uuid, add column note_id uuid`.execute(
      db,
    );
    await sql`alter table server_setup_tokens add constraint setup_note_fk foreign key (note_clinic, note_id) references notes (clinic_id, id)`.execute(
      db,
    );
    assert.deepEqual(shardingViolations(await foreignKeys(db)), [
      'notes.notes_patient_fk: (other_clinic,patient_id) → patients (clinic_id,id) does not join clinic_id to clinic_id',
      'server_setup_tokens.setup_note_fk: reference table → clinic table notes',
    ]);
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
