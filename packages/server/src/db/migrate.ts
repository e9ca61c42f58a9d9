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
  // Up to date: nothing to lock or create. This is what lets the server start as an application
  // role that may not create tables (decision 013); migrations then run as the owner.
  const done = await appliedMigrations(db);
  if (done?.size === migrations.length && migrations.every((m) => done.has(m.name))) {
    return { applied: [], alreadyApplied: done.size };
  }
  try {
    return await migrateLocked(db, migrations);
  } catch (error) {
    if (isPermissionDenied(error)) {
      throw new Error(
        'This database role may not change the schema, and migrations are pending: run lamina db migrate with the owner of the tables (--owner-url or LAMINA_MIGRATE_DATABASE_URL).',
        { cause: error },
      );
    }
    throw error;
  }
}

/** Migrations this version knows that the database has not applied (readiness: none may be pending). */
export async function pendingMigrations(
  db: MigrationDb,
  migrations: readonly Migration[] = allMigrations,
): Promise<string[]> {
  const done = (await appliedMigrations(db)) ?? new Set<string>();
  return migrations.map((m) => m.name).filter((name) => !done.has(name));
}

/** The names in schema_migrations, or undefined when there is no such table yet. Reads only. */
async function appliedMigrations(db: MigrationDb): Promise<Set<string> | undefined> {
  const { rows: table } = await sql<{
    found: boolean;
  }>`select to_regclass('schema_migrations') is not null as found`.execute(db);
  if (!table[0]?.found) return undefined;
  const { rows } = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
  return new Set(rows.map((row) => row.name));
}

function isPermissionDenied(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '42501') return true;
  }
  return false;
}

async function migrateLocked(
  db: MigrationDb,
  migrations: readonly Migration[],
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
