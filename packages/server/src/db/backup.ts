import { existsSync, readdirSync } from 'node:fs';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './lock.ts';

/**
 * Backup and restore of the embedded engine: a gzipped tarball of the whole data directory,
 * taken while holding the data-directory lock, so never while a server is writing to it.
 */

export class BackupError extends Error {}

export async function backupDataDir(
  dataDir: string,
  outFile: string,
  onNotice?: (message: string) => void,
): Promise<{ bytes: number }> {
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    throw new BackupError(`There is no embedded database in ${dataDir} to back up.`);
  }
  if (existsSync(outFile)) {
    throw new BackupError(`${outFile} already exists; choose another file with --out.`);
  }
  const lock = acquireDataDirLock(dataDir, onNotice);
  try {
    const pglite = await PGlite.create(dataDir);
    let tarball: Blob;
    try {
      tarball = await pglite.dumpDataDir('gzip');
    } finally {
      await pglite.close();
    }
    const bytes = new Uint8Array(await tarball.arrayBuffer());
    // Written aside and renamed, so a crash never leaves a truncated file under the final name.
    const partial = `${outFile}.partial-${process.pid}`;
    // Patient data: readable by the server's OS user only, whatever the umask.
    await writeFile(partial, bytes, { flag: 'wx', mode: 0o600 });
    await chmod(partial, 0o600);
    await rename(partial, outFile);
    return { bytes: bytes.length };
  } finally {
    lock.release();
  }
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
): Promise<{ previous: string | undefined }> {
  if (!existsSync(backupFile))
    throw new BackupError(`The backup file ${backupFile} does not exist.`);
  const lock = acquireDataDirLock(dataDir, onNotice);
  const staging = `${dataDir}.restoring-${process.pid}`;
  try {
    await rm(staging, { recursive: true, force: true });
    await loadAndCheck(staging, backupFile);
    await chmod(staging, dataDirMode);
    let previous: string | undefined;
    if (existsSync(dataDir)) {
      previous = `${dataDir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      await rename(dataDir, previous);
      await chmod(previous, dataDirMode);
    }
    await rename(staging, dataDir);
    return { previous };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}

async function loadAndCheck(staging: string, backupFile: string): Promise<void> {
  const tarball = new Blob([await readFile(backupFile)]);
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
