import { sql } from 'kysely';
import {
  migrations as allMigrations,
  type Migration,
  type MigrationDb,
} from './migrations/index.ts';

export interface MigrationResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** How many were already applied before this call. */
  alreadyApplied: number;
}

/** Any constant: every process migrating one database takes this advisory lock first. */
const migrationLockKey = 4_137_719_003;

/**
 * Applies the pending migrations in one transaction: all of them or none. Safe to run again
 * (it applies nothing) and safe to run from several servers at once (an advisory lock queues them).
 */
export async function migrate(
  db: MigrationDb,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationResult> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(migrationLockKey)})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const { rows } = await sql<{
      name: string;
    }>`select name from schema_migrations order by name`.execute(trx);
    const done = new Set(rows.map((row) => row.name));
    const known = new Set(migrations.map((migration) => migration.name));
    const unknown = [...done].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this version of Lamina does not know (${unknown.join(', ')}): it was migrated by a newer version. Upgrade Lamina instead.`,
      );
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      try {
        await migration.up(trx);
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await sql`insert into schema_migrations (name) values (${migration.name})`.execute(trx);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: done.size };
  });
}
