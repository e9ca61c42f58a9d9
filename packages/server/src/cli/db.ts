import { parseArgs } from 'node:util';
import {
  type DatabaseConfig,
  DatabaseConfigError,
  redactUrl,
  resolveDatabaseConfig,
} from '../db/config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { type CliIo, type Command, UsageError } from './io.ts';

const help = `Usage: lamina db migrate [--data-dir DIR]

Applies pending database migrations (the server also does this when it starts).
Uses PostgreSQL when DATABASE_URL is set, else the embedded database in --data-dir,
LAMINA_DATA_DIR or ./.lamina/data.`;

export const dbCommand: Command = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === '--help' || subcommand === '-h') {
    io.out(help);
    return 0;
  }
  if (subcommand !== 'migrate') {
    throw new UsageError(
      subcommand === undefined
        ? `missing subcommand.\n${help}`
        : `unknown subcommand "${subcommand}".\n${help}`,
    );
  }
  const { values } = parseOptions(rest, {
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const config = databaseConfig(io, values['data-dir']);
  const database = await openOrExplain(config, io, { migrate: false });
  try {
    const result = await migrate(database.db);
    io.out(
      result.applied.length === 0
        ? `${describeDatabase(config)} is up to date (${result.alreadyApplied} migrations applied before).`
        : `${describeDatabase(config)}: applied ${result.applied.join(', ')}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
};

/** Command-line parsing with our error shape: a bad option is a usage error, not a stack trace. */
export function parseOptions<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
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
