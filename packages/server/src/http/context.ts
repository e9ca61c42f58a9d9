import { isSafeText, unsafeTextMessage } from '@lamina/pathway';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import type { Database, Role } from '../db/schema.ts';
import type { AlertFeed } from '../events/alert-feed.ts';
import { defaultLogger, type Logger } from '../log/logger.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { UploadQuotaLimits } from '../storage/quota.ts';
import { badRequest, HttpProblem, unauthorized } from './problem.ts';

/** What every handler can reach. Nothing here is process state another server would need. */
export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** Set cookies with Secure (behind TLS). */
  readonly secureCookies: boolean;
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For (0 or false: none,
   * use the socket address; true means 1). The client address is the entry that many from the right.
   */
  readonly trustProxy: boolean | number;
  /** The address people open (LAMINA_PUBLIC_URL): every link in an email is built from it (http/public-url.ts). */
  readonly publicUrl: URL;
  /** Structured logs (log/logger.ts); absent in tests that do not read them: JSON to stderr. */
  readonly log?: Logger;
  /** Demo or development only (`lamina serve --demo`/`--dev-mail`): also print outgoing emails (sign-in codes) here. */
  readonly devLog?: (line: string) => void;
  /** Live alert events (LISTEN/NOTIFY); absent where a server runs without live updates. */
  readonly alertFeed?: AlertFeed;
  /** Schedules the escalation check at an alert's deadline (a minute sweep catches any miss). */
  readonly escalation?: { scheduleCheck(alertId: string, at: Date): Promise<void> };
  /** Uploaded files (imaging); absent where a server stores none, and imaging routes then answer 503. */
  readonly files?: BlobStore;
  /** Runs Bulk Data exports in the job queue (fhir/export-jobs.ts); absent: $export answers 503. */
  readonly exportJobs?: { enqueue(clinicId: string, exportId: string): Promise<void> };
  /** Staff roles that must use TOTP where the clinic has not chosen (serve: admins and reviewers, none with --demo). */
  readonly mfaDefaultRoles?: readonly Role[];
  /** LAMINA_AUTH_SECRET: mixed into the key of patient sign-in codes, so a database copy alone cannot reverse them. */
  readonly authSecret?: string;
  /** Upload quotas for visitors' tokens, requests and patients (storage/quota.ts defaults when absent). */
  readonly uploadQuotas?: UploadQuotaLimits;
  /**
   * Tests only: every answer of a registry route is checked against its response schema and its
   * declared audit actions (openapi/registry.ts); a mismatch is a 500 naming the route.
   */
  readonly checkContract?: boolean;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | null;
    /**
     * The actor of a route that reads its session in its own statement (`readsOwnSession` in
     * app.ts: the check-in, issue 19), for what runs when that route's handler did not (a 415, a
     * cross-site refusal): memoized; the usual session lookup. Absent on every other route.
     */
    deferredActor?: () => Promise<Actor | null>;
    ip: string | null;
    /** Names this request in log lines and in a 500's problem (requestId). */
    requestId: string;
  };
}

export type AppContext = Context<AppEnv>;

/** The logger for this request: every line carries the request id and the route (not the path's ids). */
export function logFor(c: AppContext): Logger {
  return (c.get('deps').log ?? defaultLogger()).child({
    requestId: c.get('requestId'),
    route: c.req.routePath,
  });
}

export function requireActor(c: AppContext): Actor {
  const actor = c.get('actor');
  if (!actor) throw unauthorized();
  return actor;
}

/** Parses a JSON body with a zod schema: a clear 400 with field messages, never a 500. */
export async function readJson<S extends z.ZodType>(
  c: AppContext,
  schema: S,
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpProblem(400, 'Invalid input', 'The request body must be JSON.');
  }
  const unsafe = unsafeJson(body);
  if (unsafe) throw new HttpProblem(400, 'Invalid input', unsafe.detail, [unsafe.error]);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

/** Deeper than any body we accept; a body nested past it is refused before any schema walks it. */
export const maxJsonDepth = 32;

/**
 * Checks a parsed JSON body before any schema sees it: every string and every key is safe text
 * (no NUL, no lone surrogate: the database refuses them) and nesting stays shallow. The first fault
 * is answered with its field path, so even a field no schema declares cannot reach the database.
 */
export function unsafeJson(
  value: unknown,
): { detail: string; error: { field: string; message: string } } | undefined {
  // One path array for the whole walk (pushed and popped): the field name is built only for a fault,
  // as this runs on every request body (issue 19: it was 5 % of a check-in's allocations).
  const path: string[] = [];
  const fieldOf = () => path.join('.') || '(body)';
  const walk = (
    node: unknown,
    depth: number,
  ): { detail: string; error: { field: string; message: string } } | undefined => {
    if (typeof node === 'string') {
      return isSafeText(node)
        ? undefined
        : {
            detail: 'A text field contains a character that is not allowed.',
            error: { field: fieldOf(), message: unsafeTextMessage },
          };
    }
    if (node === null || typeof node !== 'object') return undefined;
    if (depth >= maxJsonDepth)
      return {
        detail: `The request body is nested too deeply (more than ${maxJsonDepth} levels).`,
        error: { field: fieldOf(), message: 'is nested too deeply' },
      };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(String(i));
        const fault = walk(node[i], depth + 1);
        path.pop();
        if (fault) return fault;
      }
      return undefined;
    }
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (!isSafeText(key))
        return {
          detail: 'A field name contains a character that is not allowed.',
          error: {
            field: [...path, key.toWellFormed().replaceAll('\u0000', '\ufffd')].join('.'),
            message: unsafeTextMessage,
          },
        };
      path.push(key);
      const fault = walk((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
      if (fault) return fault;
    }
    return undefined;
  };
  return walk(value, 0);
}

export const uuidParam = z.uuid();

export function pathId(c: AppContext, name: string): string {
  const value = c.req.param(name);
  const parsed = uuidParam.safeParse(value);
  if (!parsed.success) throw new HttpProblem(404, 'Not found', `No ${name} "${value}".`);
  return parsed.data;
}
