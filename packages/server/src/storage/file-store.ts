import { type BlobStore, DiskBlobStore, resolveFilesDir } from './blob-store.ts';
import { S3BlobStore, S3StoreError } from './s3-blob-store.ts';

/** A setting that cannot work, or a store that refuses it; the message is the one line an operator sees. */
export class FileStoreConfigError extends Error {
  /** 2 for a bad setting, 1 for a store that cannot be reached or refuses the keys. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface ConfiguredFileStore {
  store: BlobStore;
  /** Where files go, for the startup log (never a key). */
  description: string;
  /** Reaches the store once, so wrong keys or a missing bucket stop the start, not the first upload. */
  check(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

const s3Names = [
  'LAMINA_FILES_S3_URL',
  'LAMINA_FILES_S3_REGION',
  'LAMINA_FILES_S3_ACCESS_KEY_ID',
  'LAMINA_FILES_S3_SECRET_ACCESS_KEY',
] as const;

/** S3 bucket names: 3–63 lower-case letters, digits, dots and dashes, starting and ending with a letter or digit. */
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The file store `lamina serve` and `lamina demo` use: an S3-compatible bucket when
 * LAMINA_FILES_S3_URL is set (`https://host:port/bucket`, path-style), else the disk directory.
 */
export function fileStoreFromEnv(
  env: Env,
  dataDir: string | undefined,
  cwd = process.cwd(),
): ConfiguredFileStore {
  const value = (name: string) => env[name]?.trim() || undefined;
  const url = value('LAMINA_FILES_S3_URL');
  if (!url) {
    const stray = s3Names.find((name) => value(name));
    if (stray)
      throw new FileStoreConfigError(
        `${stray} is set but LAMINA_FILES_S3_URL is not: set it (https://host:port/bucket) or unset ${stray}.`,
      );
    const directory = resolveFilesDir(env, dataDir, cwd);
    return {
      store: new DiskBlobStore(directory),
      description: `directory ${directory}`,
      check: async () => {},
    };
  }
  if (value('LAMINA_FILES_DIR'))
    throw new FileStoreConfigError(
      'LAMINA_FILES_DIR and LAMINA_FILES_S3_URL are both set: files go to one place, unset one.',
    );
  const store = new S3BlobStore({ ...parseS3Url(url), ...s3Credentials(value) });
  return { store, description: store.describe(), check: () => store.checkAccess() };
}

function parseS3Url(text: string): { endpoint: string; bucket: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FileStoreConfigError(
      `LAMINA_FILES_S3_URL is not a URL: expected https://host:port/bucket.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new FileStoreConfigError(
      `LAMINA_FILES_S3_URL must start with https:// (or http:// on a private network), not ${url.protocol}//.`,
    );
  if (url.username || url.password)
    throw new FileStoreConfigError(
      'LAMINA_FILES_S3_URL must not hold credentials: put them in LAMINA_FILES_S3_ACCESS_KEY_ID and LAMINA_FILES_S3_SECRET_ACCESS_KEY.',
    );
  if (url.search || url.hash)
    throw new FileStoreConfigError(
      'LAMINA_FILES_S3_URL must not have a query or fragment: expected https://host:port/bucket.',
    );
  const segments = url.pathname.split('/').filter(Boolean);
  const bucket = segments.pop();
  if (!bucket)
    throw new FileStoreConfigError(
      `LAMINA_FILES_S3_URL names no bucket: expected ${url.origin}/<bucket>.`,
    );
  if (!bucketPattern.test(bucket))
    throw new FileStoreConfigError(
      `LAMINA_FILES_S3_URL: "${bucket}" is not a bucket name (3–63 lower-case letters, digits, dots, dashes).`,
    );
  return { endpoint: `${url.origin}/${segments.join('/')}`, bucket };
}

function s3Credentials(value: (name: string) => string | undefined) {
  const accessKeyId = value('LAMINA_FILES_S3_ACCESS_KEY_ID');
  const secretAccessKey = value('LAMINA_FILES_S3_SECRET_ACCESS_KEY');
  const missing = [
    ...(accessKeyId ? [] : ['LAMINA_FILES_S3_ACCESS_KEY_ID']),
    ...(secretAccessKey ? [] : ['LAMINA_FILES_S3_SECRET_ACCESS_KEY']),
  ];
  if (!accessKeyId || !secretAccessKey)
    throw new FileStoreConfigError(
      `LAMINA_FILES_S3_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not.`,
    );
  // us-east-1 is what MinIO and most S3-compatible stores accept when none is configured.
  return { accessKeyId, secretAccessKey, region: value('LAMINA_FILES_S3_REGION') ?? 'us-east-1' };
}

/** `fileStoreFromEnv`, then one request to the store, so `lamina serve` fails at start and not at the first upload. */
export async function openFileStore(
  env: Env,
  dataDir: string | undefined,
  cwd = process.cwd(),
): Promise<ConfiguredFileStore> {
  const configured = fileStoreFromEnv(env, dataDir, cwd);
  try {
    await configured.check();
  } catch (error) {
    if (error instanceof S3StoreError)
      throw new FileStoreConfigError(`File store ${configured.description}: ${error.message}`, 1);
    throw error;
  }
  return configured;
}
