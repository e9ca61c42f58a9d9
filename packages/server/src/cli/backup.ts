import { resolve } from 'node:path';
import {
  BackupError,
  backupDataDir,
  backupPostgres,
  previousDataDirs,
  restoreDataDir,
  restorePostgres,
} from '../db/backup.ts';
import { redactUrl } from '../db/config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { resolveFilesDir } from '../storage/blob-store.ts';
import { databaseConfig } from './db.ts';
import { type CliIo, type Command, parseOptions, UsageError } from './io.ts';

const backupHelp = `Usage: lamina backup [--out FILE] [--data-dir DIR]

Writes the embedded database AND the uploaded files (the files directory, LAMINA_FILES_DIR or
<data dir>-files) to one file: a gzipped tar with manifest.json listing the sha256 of each part.
Files in an S3 bucket (LAMINA_FILES_S3_URL) are not included: keep the bucket versioned.
Refuses while another process (a running server) uses the data directory: stop it first.
On PostgreSQL (DATABASE_URL) the database part is pg_dump --format=custom (pg_dump must be on the
PATH, the same major version as the server); a running server may keep running.
Default file: lamina-backup-<UTC time>.tar.gz in the current directory, readable by you only
(it holds patient data: keep it encrypted or offline, and delete old ones).`;

const restoreHelp = `Usage: lamina restore FILE [--data-dir DIR]

Replaces the embedded database and the files directory with a backup made by lamina backup,
after checking every part against the backup's sha256 manifest (a damaged backup replaces
nothing). The current data and files directories are kept beside them as <dir>.before-restore-<time> (readable by you only), until you
delete it: Lamina never does, and lists them after each backup and restore. Refuses while a
server runs.
On PostgreSQL (DATABASE_URL) it restores into an EMPTY database only (pg_restore), then the
files; grants are not restored: run lamina db migrate --app-role ROLE afterwards.`;

export const backupCommand: Command = async (args, io) => {
  const { values } = parseOptions(args, {
    out: { type: 'string', short: 'o' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(backupHelp);
    return 0;
  }
  const config = databaseConfig(io, values['data-dir']);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(values.out ?? `lamina-backup-${stamp}.tar.gz`);
  const dataDir = config.engine === 'pglite' ? config.dataDir : undefined;
  const what = config.engine === 'pglite' ? config.dataDir : `PostgreSQL ${redactUrl(config.url)}`;
  const filesDir = diskFilesDir(io, dataDir);
  const { bytes, files } = await explainFailures(() =>
    config.engine === 'pglite'
      ? backupDataDir(config.dataDir, out, io.err, filesDir ? { filesDir } : {})
      : backupPostgres(config.url, out, filesDir ? { filesDir } : {}),
  );
  io.out(
    `Backed up ${what} and ${files} uploaded file${files === 1 ? '' : 's'} to ${out} (${(bytes / 1_048_576).toFixed(1)} MB).`,
  );
  if (dataDir) remindOfPreviousDirs(io, dataDir);
  return 0;
};

export const restoreCommand: Command = async (args, io) => {
  const { values, positionals } = parseOptions(
    args,
    { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    { positionals: true },
  );
  if (values.help) {
    io.out(restoreHelp);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`give exactly one backup file.\n${restoreHelp}`);
  }
  const config = databaseConfig(io, values['data-dir']);
  const file = resolve(positionals[0] as string);
  if (config.engine === 'postgres') {
    const filesDir = diskFilesDir(io, undefined);
    const { files, previousFiles } = await explainFailures(() =>
      restorePostgres(config.url, file, filesDir ? { filesDir } : {}),
    );
    if (previousFiles)
      io.err(
        `The files it replaced are kept in ${previousFiles}: delete them once the restore is right.`,
      );
    io.out(
      `Restored ${file} into PostgreSQL ${redactUrl(config.url)} and ${files} uploaded file${files === 1 ? '' : 's'}${filesDir ? ` into ${filesDir}` : ''}, each checked against the manifest. Now run lamina db migrate --app-role ROLE to grant the server's role its rights.`,
    );
    return 0;
  }
  const dataDir = config.dataDir;
  const filesDir = diskFilesDir(io, dataDir);
  const { previous, previousFiles, files } = await explainFailures(() =>
    restoreDataDir(dataDir, file, io.err, new Date(), filesDir ? { filesDir } : {}),
  );
  if (files !== undefined && filesDir)
    io.out(
      `Restored ${files} uploaded file${files === 1 ? '' : 's'} into ${filesDir}, each checked against the manifest.`,
    );
  if (previousFiles)
    io.err(
      `The files it replaced are kept in ${previousFiles}: delete them once the restore is right.`,
    );
  io.out(
    `Restored ${file} into ${dataDir}.` +
      (previous ? ` The data it replaced is kept in ${previous}.` : ''),
  );
  remindOfPreviousDirs(io, dataDir);
  return 0;
};

/** Replaced data directories hold patient data: never kept silently. */
function remindOfPreviousDirs(io: CliIo, dataDir: string): void {
  const previous = previousDataDirs(dataDir);
  if (previous.length === 0) return;
  io.err(
    `${previous.length} replaced data ${previous.length === 1 ? 'directory is' : 'directories are'} kept from earlier restores, with patient data in them:\n` +
      previous.map((dir) => `  ${dir}`).join('\n') +
      '\nOnce the restored data is right, delete them (rm -r DIR); Lamina never deletes them itself.',
  );
}

/** The disk file store's directory, or undefined when files go to an S3 bucket (said once). */
function diskFilesDir(io: CliIo, dataDir: string | undefined): string | undefined {
  if (io.env.LAMINA_FILES_S3_URL?.trim()) {
    io.err(
      'Uploaded files are in the S3 bucket (LAMINA_FILES_S3_URL): they are not in this backup. Keep the bucket versioned.',
    );
    return undefined;
  }
  return resolveFilesDir(io.env, dataDir);
}

async function explainFailures<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof BackupError) {
      throw new UsageError(error.message, 1);
    }
    throw error;
  }
}
