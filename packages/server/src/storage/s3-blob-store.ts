import { createHash, createHmac } from 'node:crypto';
import type { BlobStore } from './blob-store.ts';

/** Where a bucket is and how to sign for it. `endpoint` may carry a path prefix (a proxy mount). */
export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Per request; a stalled store must not hold an upload forever. */
  timeoutMs?: number;
  now?: () => Date;
}

/** A refusal or failure from the store, with the HTTP status and S3's error code; never the keys. */
export class S3StoreError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(message: string, status: number, code: string | undefined) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class InvalidS3KeyError extends Error {}

const emptyPayloadHash = sha256Hex(new Uint8Array());

/**
 * A `BlobStore` over the S3 REST API (PutObject, GetObject, DeleteObject, HeadObject) with
 * path-style URLs, so MinIO, Ceph RGW, Garage and AWS itself all answer. Signed with AWS
 * Signature Version 4, the payload hash sent and signed (no unsigned payloads).
 */
export class S3BlobStore implements BlobStore {
  readonly endpoint: URL;
  readonly bucket: string;
  readonly region: string;
  readonly #accessKeyId: string;
  readonly #secretAccessKey: string;
  readonly #timeoutMs: number;
  readonly #now: () => Date;

  constructor(settings: S3Settings) {
    this.endpoint = new URL(settings.endpoint.replace(/\/+$/, ''));
    this.bucket = settings.bucket;
    this.region = settings.region;
    this.#accessKeyId = settings.accessKeyId;
    this.#secretAccessKey = settings.secretAccessKey;
    this.#timeoutMs = settings.timeoutMs ?? 120_000;
    this.#now = settings.now ?? (() => new Date());
  }

  /** Where this store points, for a startup log line (no keys). */
  describe(): string {
    return `S3 bucket "${this.bucket}" at ${this.endpoint.origin}${this.endpoint.pathname.replace(/\/$/, '')} (region ${this.region})`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const response = await this.#send('PUT', key, bytes);
    if (!response.ok) throw await storeError('PUT', key, response);
    await response.body?.cancel();
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const response = await this.#send('GET', key);
    if (response.status === 404) {
      const error = await storeError('GET', key, response);
      // A 404 for the bucket itself is a configuration problem, not a missing file.
      if (error.code === 'NoSuchBucket') throw error;
      return undefined;
    }
    if (!response.ok) throw await storeError('GET', key, response);
    return new Uint8Array(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.#send('DELETE', key);
    // S3 answers 204 whether or not the object was there; some stores answer 404 for a missing one.
    if (!response.ok && response.status !== 404) throw await storeError('DELETE', key, response);
    await response.body?.cancel();
  }

  async exists(key: string): Promise<boolean> {
    const response = await this.#send('HEAD', key);
    if (response.status === 404) return false;
    if (!response.ok) throw await storeError('HEAD', key, response);
    return true;
  }

  /** HEAD on the bucket: wrong keys, a wrong region or a missing bucket show at start, not at the first upload. */
  async checkAccess(): Promise<void> {
    const response = await this.#send('HEAD', undefined);
    if (!response.ok) throw await storeError('HEAD', '(bucket)', response);
  }

  async #send(method: string, key: string | undefined, body?: Uint8Array): Promise<Response> {
    const prefix = this.endpoint.pathname.replace(/\/$/, '');
    const path = `${prefix}/${encodeS3Segment(this.bucket)}${key === undefined ? '' : `/${encodeS3Key(key)}`}`;
    const url = new URL(path, this.endpoint.origin);
    const headers = signS3Request({
      method,
      url,
      headers: body ? { 'content-type': 'application/octet-stream' } : {},
      payloadHash: body ? sha256Hex(body) : emptyPayloadHash,
      region: this.region,
      accessKeyId: this.#accessKeyId,
      secretAccessKey: this.#secretAccessKey,
      date: this.#now(),
    });
    try {
      return await fetch(url, {
        method,
        headers,
        ...(body ? { body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).cause ?? error;
      throw new S3StoreError(
        `S3 ${method} ${key ?? '(bucket)'} at ${url.origin}: ${(reason as Error).message ?? reason}`,
        0,
        undefined,
      );
    }
  }
}

/**
 * Storage keys as S3 object keys, each segment percent-encoded (RFC 3986 unreserved kept).
 * Empty, `.` and `..` segments are refused: a URL parser (fetch's included) folds them, so the
 * request would name another object than the one signed.
 */
export function encodeS3Key(key: string): string {
  const segments = key.split('/');
  if (
    key.length === 0 ||
    Buffer.byteLength(key) > 1024 ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  )
    throw new InvalidS3KeyError(`Not a valid storage key: "${key}"`);
  return segments.map(encodeS3Segment).join('/');
}

function encodeS3Segment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface SignInput {
  method: string;
  /** Path already encoded as it will be sent (S3 signs the path once-encoded). */
  url: URL;
  /** Extra headers to send and sign, lower-case names. */
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  date: Date;
  service?: string;
}

/**
 * AWS Signature Version 4 for one request: returns every header to send, `authorization` included.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
export function signS3Request(input: SignInput): Record<string, string> {
  const service = input.service ?? 's3';
  const amzDate = input.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.url.host,
    'x-amz-content-sha256': input.payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lowered = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const canonicalHeaders = names
    .map((name) => `${name}:${String(lowered[name]).trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const signedHeaders = names.join(';');
  const query = [...input.url.searchParams]
    .map(([name, value]) => [encodeS3Segment(name), encodeS3Segment(value)])
    .sort(([a = '', x = ''], [b = '', y = '']) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = [
    input.method,
    input.url.pathname || '/',
    query,
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256Hex(new TextEncoder().encode(canonicalRequest)),
  ].join('\n');
  let signingKey = hmac(`AWS4${input.secretAccessKey}`, day);
  for (const part of [input.region, service, 'aws4_request']) signingKey = hmac(signingKey, part);
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  const { host: _host, ...toSend } = headers;
  return {
    ...toSend,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function storeError(method: string, key: string, response: Response): Promise<S3StoreError> {
  const body = method === 'HEAD' ? '' : await response.text().catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const detail = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  const message = `S3 ${method} ${key}: ${response.status}${code ? ` ${code}` : ''}${detail ? ` (${detail})` : ''}`;
  return new S3StoreError(message, response.status, code);
}
