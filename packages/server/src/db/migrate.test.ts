import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { forEachEngine } from './test-engines.ts';

test('every migration file is listed in migrations/index.ts, in order', () => {
  const files = readdirSync(new URL('./migrations/', import.meta.url))
    .filter((file) => /^\d{3}-.+\.ts$/.test(file) && !file.endsWith('.test.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(
    migrations.map((migration) => migration.name),
    files,
  );
});

forEachEngine((engine) => {
  engine.test(
    'migrations apply to an empty database, then apply nothing the second time',
    async () => {
      const { db } = await engine.open({ migrate: false });
      const first = await migrate(db);
      assert.deepEqual(first, { applied: migrations.map((m) => m.name), alreadyApplied: 0 });
      const second = await migrate(db);
      assert.deepEqual(second, { applied: [], alreadyApplied: migrations.length });
      const { rows } = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
      assert.deepEqual(
        rows.map((row) => row.name),
        migrations.map((m) => m.name),
      );
    },
  );

  engine.test('concurrent migrations on one database apply each migration once', async () => {
    const { db } = await engine.open({ migrate: false });
    const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);
    const appliedCount = results.reduce((sum, result) => sum + result.applied.length, 0);
    assert.equal(appliedCount, migrations.length);
  });

  engine.test(
    'a failing migration leaves nothing behind, not even the ones before it',
    async () => {
      const { db } = await engine.open({ migrate: false });
      const broken = [
        ...migrations,
        {
          name: '999-broken',
          up: async (trx: typeof db) => {
            await sql`create table half_done (id int)`.execute(trx);
            await sql`select no_such_function()`.execute(trx);
          },
        },
      ];
      await assert.rejects(migrate(db, broken), /Migration 999-broken failed/);
      const { rows } = await sql<{ n: number }>`
      select count(*) as n from information_schema.tables
      where table_schema = current_schema() and table_name in ('half_done', 'clinics', 'schema_migrations')
    `.execute(db);
      assert.equal(rows[0]?.n, 0);
    },
  );

  engine.test('a database migrated by a newer version is refused', async () => {
    const { db } = await engine.open();
    await sql`insert into schema_migrations (name) values ('998-from-the-future')`.execute(db);
    await assert.rejects(migrate(db), /998-from-the-future.*newer version/);
  });

  engine.test('values come back as the same JavaScript types on both engines', async () => {
    const { db } = await engine.open();
    const { rows } = await sql<Record<string, unknown>>`
      select date '2026-03-01' as day, timestamptz '2026-03-01T10:00:00Z' as at,
        '{"a":[1,2]}'::jsonb as doc, count(*) as n, 1.50::numeric as num, 2::smallint as small,
        gen_random_uuid() as id
      from (values (1), (2)) as v(x)
    `.execute(db);
    const row = rows[0] ?? {};
    assert.equal(row.day, '2026-03-01');
    assert.deepEqual(row.at, new Date('2026-03-01T10:00:00Z'));
    assert.deepEqual(row.doc, { a: [1, 2] });
    assert.equal(row.n, 2);
    assert.equal(row.num, '1.50');
    assert.equal(row.small, 2);
    assert.match(String(row.id), /^[0-9a-f-]{36}$/);
  });
});
