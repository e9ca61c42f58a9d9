import { resolve } from 'node:path';

/** Where Lamina keeps its data: an embedded PGlite directory, or a PostgreSQL server. */
export type DatabaseConfig =
  | { readonly engine: 'pglite'; readonly dataDir: string }
  | { readonly engine: 'postgres'; readonly url: string };

export const defaultDataDir = './.lamina/data';

export interface DatabaseChoice {
  /** A data directory given on the command line; wins over the environment. */
  dataDir?: string;
  /** A PostgreSQL URL given on the command line; wins over the environment. */
  databaseUrl?: string;
}

export class DatabaseConfigError extends Error {}

/**
 * Options first, then DATABASE_URL or LAMINA_DATA_DIR (never both: which one was meant is a guess),
 * then the default directory. Relative directories are resolved against `cwd`.
 */
export function resolveDatabaseConfig(
  env: Readonly<Record<string, string | undefined>>,
  choice: DatabaseChoice = {},
  cwd = process.cwd(),
): DatabaseConfig {
  if (choice.dataDir !== undefined && choice.databaseUrl !== undefined) {
    throw new DatabaseConfigError('Give either a data directory or a database URL, not both.');
  }
  if (choice.databaseUrl !== undefined) return postgres(choice.databaseUrl, 'the database URL');
  if (choice.dataDir !== undefined) return pglite(choice.dataDir, 'the data directory', cwd);
  const url = nonEmpty(env.DATABASE_URL);
  const dataDir = nonEmpty(env.LAMINA_DATA_DIR);
  if (url !== undefined && dataDir !== undefined) {
    throw new DatabaseConfigError(
      'Both DATABASE_URL and LAMINA_DATA_DIR are set: unset LAMINA_DATA_DIR to use PostgreSQL, or DATABASE_URL to use the embedded database.',
    );
  }
  if (url !== undefined) return postgres(url, 'DATABASE_URL');
  return pglite(dataDir ?? defaultDataDir, dataDir ? 'LAMINA_DATA_DIR' : 'the default', cwd);
}

function postgres(url: string, from: string): DatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      `${from} is not a URL; expected postgres://user:password@host:5432/database.`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseConfigError(
      `${from} must start with postgres:// or postgresql:// (got ${parsed.protocol}//).`,
    );
  }
  return { engine: 'postgres', url };
}

function pglite(dataDir: string, from: string, cwd: string): DatabaseConfig {
  if (dataDir.trim() === '') throw new DatabaseConfigError(`${from} is empty.`);
  return { engine: 'pglite', dataDir: resolve(cwd, dataDir) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A URL safe to print: the password is hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
