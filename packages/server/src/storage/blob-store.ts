import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Where uploaded files live. Keys are paths like `clinics/<clinicId>/imaging/<fileId>/original`;
 * the shape (put/get/delete/exists on whole objects) is the one S3-compatible stores offer,
 * so a bucket implementation can stand in for the disk one (see docs/decisions/006).
 */
export interface BlobStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The stored bytes, or undefined when there is nothing under the key. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Letters, digits, dot, dash and underscore between slashes: no `..`, no absolute paths. */
const keyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export class InvalidBlobKeyError extends Error {}

function checkKey(key: string): string {
  if (!keyPattern.test(key) || key.split('/').some((part) => part === '..' || part === '.'))
    throw new InvalidBlobKeyError(`Not a valid storage key: "${key}"`);
  return key;
}

/** Files under one directory; each write goes to a temp file first and is renamed into place, so a reader never sees half a file. */
export class DiskBlobStore implements BlobStore {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    return join(this.root, checkKey(key));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.partial`;
    try {
      await writeFile(temporary, bytes, { flush: true });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

/**
 * The files directory: LAMINA_FILES_DIR when set, else beside the embedded database's data
 * directory, named after it (./.lamina/data → ./.lamina/data-files), and ./.lamina/files with
 * PostgreSQL. Beside, not inside: restoring a database backup replaces the data directory, and the
 * files must survive that.
 */
export function resolveFilesDir(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string | undefined,
  cwd = process.cwd(),
): string {
  const configured = env.LAMINA_FILES_DIR?.trim();
  if (configured) return resolve(cwd, configured);
  if (dataDir) return `${resolve(cwd, dataDir)}-files`;
  return resolve(cwd, '.lamina', 'files');
}
