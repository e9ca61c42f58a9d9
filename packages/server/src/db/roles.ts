import { type Kysely, sql } from 'kysely';

/**
 * PostgreSQL roles (decision 013). The tables belong to the role that runs `lamina db migrate`
 * (the owner); the server runs as an application role that does not own them, so it cannot
 * switch off the audit log's triggers, and may only INSERT and SELECT on audit_log. An owner
 * can always change anything: the audit hash chain is what shows it afterwards.
 */

// biome-ignore lint/suspicious/noExplicitAny: works on any schema's database handle
type AnyDb = Kysely<any>;

export class RoleError extends Error {}

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/** Tables the application role may read and append to, but never change or empty. */
export const appendOnlyTables = ['audit_log'] as const;
/** Tables the application role may only read: the trigger (running as the owner) writes them. */
export const readOnlyTables = ['audit_chain_heads', 'schema_migrations'] as const;

export interface GrantResult {
  readonly role: string;
  readonly schema: string;
  /** The role did not exist and was created (LOGIN, no password yet). */
  readonly created: boolean;
  readonly notices: string[];
}

/**
 * Creates the application role if missing and gives it exactly what the server needs in the
 * current schema: normal DML on every table, SELECT+INSERT on the audit log, SELECT on the chain
 * heads and the migration list, and the same DML on tables later migrations create. Run as the
 * owner of the tables; safe to run again (after every migration, `lamina db migrate --app-role`).
 */
export async function grantAppRole(
  db: AnyDb,
  options: { role: string; jobsSchema?: string | null },
): Promise<GrantResult> {
  const role = options.role;
  if (!roleName.test(role)) {
    throw new RoleError(
      `"${role}" is not a role name Lamina accepts: lower-case letters, digits and _ only.`,
    );
  }
  const notices: string[] = [];
  const {
    rows: [me],
  } = await sql<{ schema: string; user: string }>`
    select current_schema() as schema, current_user as user`.execute(db);
  const schema = me?.schema ?? 'public';
  if (role === me?.user) {
    throw new RoleError(
      `${role} is the role running this command, which owns the tables; the application role must be another one.`,
    );
  }
  const r = sql.id(role);
  const s = sql.id(schema);
  const created = await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      found: boolean;
    }>`select exists (select from pg_roles where rolname = ${role}) as found`.execute(trx);
    const missing = !rows[0]?.found;
    if (missing) await sql`create role ${r} login`.execute(trx);
    await sql`grant usage on schema ${s} to ${r}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(
      trx,
    );
    await sql`revoke truncate, references, trigger on all tables in schema ${s} from ${r}`.execute(
      trx,
    );
    for (const table of appendOnlyTables) {
      const t = sql.id(schema, table);
      await sql`revoke all on ${t} from ${r}`.execute(trx);
      await sql`grant select, insert on ${t} to ${r}`.execute(trx);
    }
    for (const table of readOnlyTables) {
      const t = sql.id(schema, table);
      await sql`revoke all on ${t} from ${r}`.execute(trx);
      await sql`grant select on ${t} to ${r}`.execute(trx);
    }
    await sql`grant usage, select on all sequences in schema ${s} to ${r}`.execute(trx);
    // Tables the owner creates later (new migrations) get the normal DML; a new table that must
    // be append-only is added to appendOnlyTables above and this command run again.
    await sql`alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${r}`.execute(
      trx,
    );
    await sql`alter default privileges in schema ${s} grant usage, select on sequences to ${r}`.execute(
      trx,
    );
    return missing;
  });
  // The job queue (pg-boss) creates and migrates its own tables at run time: it gets a schema of its own, owned by the app.
  if (options.jobsSchema !== null) {
    const jobs = options.jobsSchema ?? 'pgboss';
    const { rows } = await sql<{ owner: string }>`
      select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = ${jobs}`.execute(
      db,
    );
    if (rows.length === 0) {
      await sql`create schema ${sql.id(jobs)} authorization ${r}`.execute(db);
    } else if (rows[0]?.owner !== role) {
      notices.push(
        `The job queue's schema ${jobs} belongs to ${rows[0]?.owner}; the server, running as ${role}, may fail to start its jobs. Drop it (it holds only pending jobs) and run this again, or: ALTER SCHEMA ${jobs} OWNER TO ${role}; and the same for its tables.`,
      );
    }
  }
  if (created) {
    notices.push(
      `Created role ${role} (LOGIN, no password). Set one, e.g. in psql: \\password ${role}; then start the server with DATABASE_URL=postgres://${role}:PASSWORD@host/db.`,
    );
  }
  return { role, schema, created, notices };
}
