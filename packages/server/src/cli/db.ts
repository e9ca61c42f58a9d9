import {
  type DatabaseConfig,
  DatabaseConfigError,
  redactUrl,
  resolveDatabaseConfig,
} from '../db/config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { grantAppRole, RoleError } from '../db/roles.ts';
import { type CliIo, type Command, parseOptions, UsageError } from './io.ts';

const help = `Usage: lamina db migrate [--data-dir DIR] [--owner-url URL] [--app-role ROLE]
       lamina db grant-app-role --role ROLE [--owner-url URL]

migrate         Applies pending database migrations (the server also does this when it starts,
                if its role may). Uses PostgreSQL when DATABASE_URL is set, else the embedded
                database in --data-dir, LAMINA_DATA_DIR or ./.lamina/data.
grant-app-role  PostgreSQL: creates ROLE if missing and lets it do what the server needs and no
                more: it cannot change or empty the audit log, nor switch off its triggers.
                Run the server as ROLE (DATABASE_URL) and migrations as the owner.

--owner-url URL  (or LAMINA_MIGRATE_DATABASE_URL) the PostgreSQL URL of the role that owns the
                 tables; default DATABASE_URL (fine in development, where one role does both).
--app-role ROLE  after migrating, grant ROLE its rights again (new tables).`;

export const dbCommand: Command = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === '--help' || subcommand === '-h') {
    io.out(help);
    return 0;
  }
  if (subcommand !== 'migrate' && subcommand !== 'grant-app-role') {
    throw new UsageError(
      subcommand === undefined
        ? `missing subcommand.\n${help}`
        : `unknown subcommand "${subcommand}".\n${help}`,
    );
  }
  const { values } = parseOptions(rest, {
    'data-dir': { type: 'string' },
    'owner-url': { type: 'string' },
    'app-role': { type: 'string' },
    role: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const config = ownerConfig(io, values['data-dir'], values['owner-url']);
  const appRole = subcommand === 'grant-app-role' ? values.role : values['app-role'];
  if (subcommand === 'grant-app-role' && appRole === undefined) {
    throw new UsageError(`grant-app-role needs --role ROLE.\n${help}`);
  }
  if (appRole !== undefined && config.engine !== 'postgres') {
    throw new UsageError(
      'Roles are a PostgreSQL feature: the embedded database has one user (whoever owns its files).',
    );
  }
  const database = await openOrExplain(config, io, { migrate: false });
  try {
    if (subcommand === 'migrate') {
      const result = await migrate(database.db);
      io.out(
        result.applied.length === 0
          ? `${describeDatabase(config)} is up to date (${result.alreadyApplied} migrations applied before).`
          : `${describeDatabase(config)}: applied ${result.applied.join(', ')}.`,
      );
    }
    if (appRole !== undefined) {
      const granted = await grantAppRole(database.db, { role: appRole }).catch((error: unknown) => {
        throw error instanceof RoleError ? new UsageError(error.message) : error;
      });
      io.out(
        `${granted.role} may now use the tables in schema ${granted.schema}; on audit_log only SELECT and INSERT.`,
      );
      for (const notice of granted.notices) io.err(notice);
    }
    return 0;
  } finally {
    await database.close();
  }
};

/** Where migrations run: --owner-url, LAMINA_MIGRATE_DATABASE_URL, else the server's own database. */
function ownerConfig(
  io: CliIo,
  dataDir: string | undefined,
  ownerUrl: string | undefined,
): DatabaseConfig {
  const url = ownerUrl ?? (io.env.LAMINA_MIGRATE_DATABASE_URL?.trim() || undefined);
  if (url === undefined) return databaseConfig(io, dataDir);
  try {
    return resolveDatabaseConfig({}, { databaseUrl: url, ...(dataDir ? { dataDir } : {}) });
  } catch (error) {
    if (error instanceof DatabaseConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export function databaseConfig(io: CliIo, dataDir: string | undefined): DatabaseConfig {
  try {
    return resolveDatabaseConfig(io.env, dataDir === undefined ? {} : { dataDir });
  } catch (error) {
    if (error instanceof DatabaseConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export async function openOrExplain(
  config: DatabaseConfig,
  io: CliIo,
  options: { migrate: boolean },
) {
  try {
    return await openDatabase(config, { ...options, onNotice: io.err });
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UsageError(error.message, 1);
    throw error;
  }
}

export function describeDatabase(config: DatabaseConfig): string {
  return config.engine === 'pglite'
    ? `The embedded database in ${config.dataDir}`
    : `PostgreSQL at ${redactUrl(config.url)}`;
}
