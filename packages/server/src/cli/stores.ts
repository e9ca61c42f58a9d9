import { type DatabaseConfig, resolveDatabaseConfig } from '../db/config.ts';
import { FileStoreConfigError, openFileStore } from '../storage/file-store.ts';
import { type CliIo, UsageError } from './io.ts';

/** The database a command's --data-dir or --database-url names, else the environment's (db/config.ts). */
export function databaseConfigOf(
  io: CliIo,
  values: { 'data-dir'?: string | undefined; 'database-url'?: string | undefined },
): DatabaseConfig {
  return resolveDatabaseConfig(io.env, {
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  });
}

/** The uploaded files' store beside that database; a bad setting is the user's error, with its exit code. */
export function fileStoreOf(io: CliIo, config: DatabaseConfig) {
  return openFileStore(io.env, config.engine === 'pglite' ? config.dataDir : undefined).catch(
    (error: unknown) => {
      throw error instanceof FileStoreConfigError
        ? new UsageError(error.message, error.exitCode)
        : error;
    },
  );
}
