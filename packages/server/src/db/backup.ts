import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import * as tar from 'tar';
import { acquireDataDirLock } from './lock.ts';

/**
 * Backup and restore of the embedded engine, taken while holding the data-directory lock, so
 * never while a server is writing. One gzipped tar holds the database (PGlite's data directory as
 * a tar), the uploaded files (the disk file store) and manifest.json with the sha256 and size of
 * each; restore checks every one before it replaces anything. A backup made before files were
 * included (a bare data-directory tarball) still restores, the database only.
 */
export const backupFormat = 'lamina-backup/2';

export interface BackupManifest {
  readonly format: typeof backupFormat;
  readonly createdAt: string;
  readonly database: ManifestEntry;
  /** `files/<key>` of every uploaded file, as the disk BlobStore keeps it. */
  readonly files: readonly ManifestEntry[];
}

export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every finished file under `root`, relative, sorted (a BlobStore's `.partial` writes are not). */
export async function listFiles(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.partial'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

async function entryFor(path: string, file: string): Promise<ManifestEntry> {
  return { path, sha256: await sha256File(file), bytes: (await stat(file)).size };
}

export class BackupError extends Error {}

export async function backupDataDir(
  dataDir: string,
  outFile: string,
  onNotice?: (message: string) => void,
  options: { filesDir?: string } = {},
): Promise<{ bytes: number; files: number }> {
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    throw new BackupError(`There is no embedded database in ${dataDir} to back up.`);
  }
  refuseExisting(outFile);
  const lock = acquireDataDirLock(dataDir, onNotice);
  try {
    return await writeBackup(outFile, options.filesDir, async (staging) => {
      const pglite = await PGlite.create(dataDir);
      try {
        const dump = await pglite.dumpDataDir('none');
        await writeFile(join(staging, 'database.tar'), new Uint8Array(await dump.arrayBuffer()), {
          mode: 0o600,
        });
      } finally {
        await pglite.close();
      }
      return 'database.tar';
    });
  } finally {
    lock.release();
  }
}

function refuseExisting(outFile: string) {
  if (existsSync(outFile)) {
    throw new BackupError(`${outFile} already exists; choose another file with --out.`);
  }
}

/**
 * Writes a backup aside and renames it, so a crash never leaves a truncated file under the final
 * name: `dump` puts the database part in a private staging folder and answers its file name.
 */
async function writeBackup(
  outFile: string,
  filesDir: string | undefined,
  dump: (staging: string) => Promise<string>,
): Promise<{ bytes: number; files: number }> {
  const staging = `${outFile}.partial-${process.pid}.d`;
  const partial = `${outFile}.partial-${process.pid}`;
  try {
    await mkdir(staging, { recursive: true, mode: 0o700 });
    const files = await writeArchive(staging, await dump(staging), partial, filesDir);
    await rename(partial, outFile);
    return { bytes: (await stat(outFile)).size, files };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Hashes the database part (already in `staging`) and every uploaded file into manifest.json, and
 * writes all of it as one gzipped tar to `partial` (owner-only). Returns how many files it holds.
 */
async function writeArchive(
  staging: string,
  databasePart: string,
  partial: string,
  filesDir: string | undefined,
): Promise<number> {
  const keys = filesDir ? await listFiles(filesDir) : [];
  const files: ManifestEntry[] = [];
  for (const key of keys) files.push(await entryFor(`files/${key}`, join(filesDir as string, key)));
  const manifest: BackupManifest = {
    format: backupFormat,
    createdAt: new Date().toISOString(),
    database: await entryFor(databasePart, join(staging, databasePart)),
    files,
  };
  await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (filesDir && keys.length > 0) await symlink(filesDir, join(staging, 'files'));
  await tar.c(
    { gzip: true, file: partial, cwd: staging, portable: true, follow: true, mode: 0o600 },
    ['manifest.json', databasePart, ...files.map((file) => file.path)],
  );
  // Patient data: readable by the server's OS user only, whatever the umask.
  await chmod(partial, 0o600);
  return files.length;
}

const run = promisify(execFile);

/** The first line a tool printed on failure, without anything that looks like a password. */
function toolFailure(tool: string, error: unknown): BackupError {
  const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message);
  const line = stderr.split('\n').find((text) => text.trim()) ?? 'failed';
  return new BackupError(`${tool}: ${line.replace(/:\/\/[^@\s]*@/g, '://…@').trim()}`);
}

/**
 * PostgreSQL: `pg_dump --format=custom` of the database plus the uploaded files, in the same
 * archive and manifest as the embedded engine's. The server may keep running: pg_dump takes a
 * consistent snapshot; the files are copied AFTER it (a file is written before its row, so every
 * file the dump names is already there).
 */
export async function backupPostgres(
  url: string,
  outFile: string,
  options: { filesDir?: string; pgDump?: string } = {},
): Promise<{ bytes: number; files: number }> {
  refuseExisting(outFile);
  return writeBackup(outFile, options.filesDir, async (staging) => {
    await run(options.pgDump ?? 'pg_dump', [
      '--format=custom',
      '--no-owner',
      `--file=${join(staging, 'database.dump')}`,
      `--dbname=${url}`,
    ]).catch((error: unknown) => {
      throw toolFailure('pg_dump', error);
    });
    return 'database.dump';
  });
}

/**
 * Restores a PostgreSQL backup into an EMPTY database (never over a live one) with pg_restore,
 * after checking the archive against its manifest, then puts the files in place (the replaced
 * files directory is kept beside it). Grants are not restored: run `lamina db migrate --app-role`.
 */
export async function restorePostgres(
  url: string,
  backupFile: string,
  options: { filesDir?: string; pgRestore?: string; now?: Date } = {},
): Promise<{ files: number; previousFiles?: string }> {
  if (!existsSync(backupFile))
    throw new BackupError(`The backup file ${backupFile} does not exist.`);
  const unpacked = `${options.filesDir ?? backupFile}.restoring-${process.pid}.archive`;
  try {
    const manifest = await unpackBackup(backupFile, unpacked);
    if (manifest?.database.path !== 'database.dump')
      throw new BackupError(
        `${backupFile} is a backup of the embedded database: restore it with DATABASE_URL unset (lamina restore FILE --data-dir DIR).`,
      );
    const client = new pg.Client({ connectionString: url });
    await client.connect().catch((error: Error) => {
      throw new BackupError(`The database does not answer: ${error.message}`);
    });
    try {
      const { rows } = await client.query<{ found: boolean }>(
        `select to_regclass('schema_migrations') is not null as found`,
      );
      if (rows[0]?.found)
        throw new BackupError(
          'This database already holds Lamina tables: restore into an empty database (createdb lamina_restored), point DATABASE_URL at it, and switch over once it is checked.',
        );
    } finally {
      await client.end();
    }
    await run(options.pgRestore ?? 'pg_restore', [
      '--no-owner',
      '--no-acl',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${url}`,
      join(unpacked, 'database.dump'),
    ]).catch((error: unknown) => {
      throw toolFailure('pg_restore', error);
    });
    const placed = options.filesDir
      ? await placeFiles(unpacked, options.filesDir, options.now ?? new Date())
      : {};
    return { files: manifest.files.length, ...placed };
  } finally {
    await rm(unpacked, { recursive: true, force: true });
  }
}

/** Moves the checked files of an unpacked backup into `filesDir`, keeping the replaced one. */
async function placeFiles(
  unpacked: string,
  filesDir: string,
  now: Date,
): Promise<{ previousFiles?: string }> {
  let previousFiles: string | undefined;
  if (existsSync(filesDir)) {
    previousFiles = `${filesDir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    await rename(filesDir, previousFiles);
  }
  const restoredFiles = join(unpacked, 'files');
  if (existsSync(restoredFiles)) {
    await mkdir(dirname(filesDir), { recursive: true });
    await rename(restoredFiles, filesDir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error;
      await cp(restoredFiles, filesDir, { recursive: true });
    });
  } else {
    await mkdir(filesDir, { recursive: true, mode: dataDirMode });
  }
  await chmod(filesDir, dataDirMode);
  return previousFiles ? { previousFiles } : {};
}

/**
 * Unpacks a backup into `into` and checks it against its manifest: every listed file present with
 * its sha256 and size, nothing unlisted. Undefined for a bare data-directory tarball (older backups).
 */
export async function unpackBackup(
  backupFile: string,
  into: string,
): Promise<BackupManifest | undefined> {
  const entries: string[] = [];
  try {
    await tar.t({ file: backupFile, onReadEntry: (entry) => entries.push(entry.path) });
  } catch (error) {
    throw new BackupError(
      `${backupFile} is not a Lamina backup (it could not be read: ${(error as Error).message}).`,
    );
  }
  if (!entries.includes('manifest.json')) return undefined;
  await mkdir(into, { recursive: true, mode: 0o700 });
  await tar.x({ file: backupFile, cwd: into, strict: true, preservePaths: false });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(into, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${backupFile}: its manifest.json is not readable JSON.`);
  }
  if (manifest.format !== backupFormat)
    throw new BackupError(`${backupFile}: unknown backup format ${String(manifest.format)}.`);
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const entry of [manifest.database, ...manifest.files]) {
    const path = join(into, entry.path);
    if (!existsSync(path))
      throw new BackupError(`${backupFile}: ${entry.path} is listed in the manifest but missing.`);
    const [sha256, bytes] = [await sha256File(path), (await stat(path)).size];
    if (sha256 !== entry.sha256 || bytes !== entry.bytes)
      throw new BackupError(
        `${backupFile}: ${entry.path} does not match its sha256 in the manifest: the backup is damaged.`,
      );
  }
  const unlisted = (await listFiles(join(into, 'files'))).filter(
    (key) => !listed.has(`files/${key}`),
  );
  if (unlisted.length > 0)
    throw new BackupError(
      `${backupFile}: ${unlisted.length} file(s) not in the manifest (e.g. files/${unlisted[0]}).`,
    );
  return manifest;
}

/** The owner-only mode of data directories (decision 013). */
export const dataDirMode = 0o700;
export const backupFileMode = 0o600;

/**
 * Replaces the data directory with a backup. The current directory is kept beside it
 * (`<dataDir>.before-restore-<time>`, owner-only), never deleted: restoring the wrong file must be
 * undoable. They hold patient data, so the CLI lists them after each backup and restore and says
 * to delete them (`previousDataDirs`); Lamina itself never deletes one.
 */
export async function restoreDataDir(
  dataDir: string,
  backupFile: string,
  onNotice?: (message: string) => void,
  now = new Date(),
  options: { filesDir?: string } = {},
): Promise<{ previous: string | undefined; previousFiles?: string; files?: number }> {
  if (!existsSync(backupFile))
    throw new BackupError(`The backup file ${backupFile} does not exist.`);
  const lock = acquireDataDirLock(dataDir, onNotice);
  const staging = `${dataDir}.restoring-${process.pid}`;
  const unpacked = `${staging}.archive`;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  try {
    await rm(staging, { recursive: true, force: true });
    await rm(unpacked, { recursive: true, force: true });
    // Everything is checked before anything is replaced.
    const manifest = await unpackBackup(backupFile, unpacked);
    await loadAndCheck(staging, manifest ? join(unpacked, 'database.tar') : backupFile, backupFile);
    await chmod(staging, dataDirMode);
    let previous: string | undefined;
    if (existsSync(dataDir)) {
      previous = `${dataDir}.before-restore-${stamp}`;
      await rename(dataDir, previous);
      await chmod(previous, dataDirMode);
    }
    await rename(staging, dataDir);
    if (!manifest) {
      onNotice?.(
        `${backupFile} holds the database only (an older backup): the uploaded files were left as they are.`,
      );
      return { previous };
    }
    const filesDir = options.filesDir;
    if (!filesDir) return { previous, files: 0 };
    const { previousFiles } = await placeFiles(unpacked, filesDir, now);
    return {
      previous,
      files: manifest.files.length,
      ...(previousFiles ? { previousFiles } : {}),
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(unpacked, { recursive: true, force: true });
    lock.release();
  }
}

async function loadAndCheck(staging: string, tarFile: string, backupFile: string): Promise<void> {
  const tarball = new Blob([await readFile(tarFile)]);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(staging, { loadDataDir: tarball });
  } catch (error) {
    throw new BackupError(
      `${backupFile} is not a Lamina backup (it could not be loaded: ${(error as Error).message}).`,
    );
  }
  try {
    await pglite.query('select count(*) from schema_migrations');
  } catch {
    throw new BackupError(
      `${backupFile} holds a database, but not a Lamina one (no schema_migrations).`,
    );
  } finally {
    await pglite.close();
  }
}

/** The replaced data directories restore kept beside `dataDir`, oldest first. */
export function previousDataDirs(dataDir: string): string[] {
  const parent = dirname(dataDir);
  const prefix = `${basename(dataDir)}.before-restore-`;
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((name) => name.startsWith(prefix))
    .sort()
    .map((name) => join(parent, name));
}
