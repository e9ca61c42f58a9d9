import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createApp } from '../app.ts';
import { sseReader } from '../cli/spawn-server.test-helper.ts';
import type { Database } from '../db/schema.ts';
import type { AlertFeed } from '../events/alert-feed.ts';
import { createLogger } from '../log/logger.ts';
import { DiskBlobStore } from '../storage/blob-store.ts';
import type { AppDeps, AppEnv } from './context.ts';

/** The configured public address of every test app: links in emails start with it. */
export const testPublicUrl = new URL('https://lamina.test/');

/** Uploaded files of every test client in this test process: a temp directory, removed at exit. */
export const testFiles = new DiskBlobStore(mkdtempSync(join(tmpdir(), 'lamina-test-files-')));
process.once('exit', () => rmSync(testFiles.root, { recursive: true, force: true }));

/** Drives the real app through Hono's request handling, keeping cookies like a browser would. */
export class TestClient {
  readonly app: Hono<AppEnv>;
  readonly mail: string[] = [];
  /** The server's log lines (JSON), as they would have gone to stderr. */
  readonly logs: string[] = [];
  private cookie = '';
  clock: Date;

  constructor(
    db: Kysely<Database>,
    now = new Date('2026-11-20T15:00:00Z'),
    alertFeed?: AlertFeed,
    settings: Partial<AppDeps> = {},
  ) {
    this.clock = now;
    this.app = createApp({
      db,
      ...(alertFeed ? { alertFeed } : {}),
      now: () => this.clock,
      secureCookies: false,
      trustProxy: false,
      publicUrl: testPublicUrl,
      devLog: (line) => this.mail.push(line),
      log: createLogger({ destination: { write: (line: string) => this.logs.push(line) } }),
      files: testFiles,
      checkContract: true,
      ...settings,
    });
  }

  /** A second browser on the same server: its own cookies, the same clock. */
  fork(): TestClient {
    const other = Object.create(TestClient.prototype) as TestClient;
    Object.assign(other, {
      app: this.app,
      mail: this.mail,
      logs: this.logs,
      cookie: '',
      clock: this.clock,
    });
    return other;
  }

  /** Opens an event stream (SSE) and returns a reader of its events, as a browser's EventSource would see them. */
  async stream(path: string) {
    const response = await this.app.request(path, {
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    return { status: response.status, ...sseReader(response) };
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.request(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      headers: response.headers,
      json: json as Record<string, unknown> & unknown[],
      text,
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body: unknown = {}) {
    return this.request('POST', path, body);
  }
  put(path: string, body: unknown = {}) {
    return this.request('PUT', path, body);
  }
}
