import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AlertFeed } from '../events/alert-feed.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { badRequest, HttpProblem, unauthorized } from './problem.ts';

/** What every handler can reach. Nothing here is process state another server would need. */
export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** Set cookies with Secure (behind TLS). */
  readonly secureCookies: boolean;
  /** Believe X-Forwarded-For (only behind a trusted proxy). */
  readonly trustProxy: boolean;
  /** Development: also print outgoing emails (sign-in codes) here. */
  readonly devLog?: (line: string) => void;
  /** Live alert events (LISTEN/NOTIFY); absent where a server runs without live updates. */
  readonly alertFeed?: AlertFeed;
  /** Schedules the escalation check at an alert's deadline (a minute sweep catches any miss). */
  readonly escalation?: { scheduleCheck(alertId: string, at: Date): Promise<void> };
  /** Uploaded files (imaging); absent where a server stores none, and imaging routes then answer 503. */
  readonly files?: BlobStore;
  /** LAMINA_PUBLIC_URL: the base of links in emails and SMS (messaging/links.ts); never a request header. */
  readonly publicBaseUrl?: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | null;
    ip: string | null;
  };
}

export type AppContext = Context<AppEnv>;

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
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

export const uuidParam = z.uuid();

export function pathId(c: AppContext, name: string): string {
  const value = c.req.param(name);
  const parsed = uuidParam.safeParse(value);
  if (!parsed.success) throw new HttpProblem(404, 'Not found', `No ${name} "${value}".`);
  return parsed.data;
}
