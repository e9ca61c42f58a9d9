import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { pendingMigrations } from '../db/migrate.ts';
import type { LaminaDatabase } from '../db/open.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { HttpProblem } from '../http/problem.ts';
import {
  jobQueueDepth,
  metricsRegistry,
  metricsText,
  outboxBacklog,
  outboxOldestSeconds,
  reportConnectionsFrom,
} from '../log/metrics.ts';

/**
 * What load balancers, orchestrators and Prometheus read (decision 023):
 * - GET /healthz: the process answers (liveness). Touches nothing else.
 * - GET /readyz: the database answers, no migration is pending, the file store is reachable, and
 *   the process is not shutting down; 503 with the failing check's reason otherwise.
 * - GET /metrics: Prometheus text. Only from loopback (and not through a proxy), or anywhere with
 *   `Authorization: Bearer <LAMINA_METRICS_TOKEN>` when that setting is set.
 * None needs a session, none is rate limited, none says anything about a clinic or a patient.
 */
export interface OpsOptions {
  readonly database: LaminaDatabase;
  /** Reaches the file store once (disk: the directory is writable; S3: the bucket answers). */
  readonly checkFiles?: () => Promise<void>;
  /** LAMINA_METRICS_TOKEN: when set, /metrics needs it as a bearer token (from anywhere). */
  readonly metricsToken?: string;
  /** True from the moment a shutdown starts: the load balancer stops sending new requests. */
  readonly shuttingDown?: () => boolean;
  /**
   * `serve --workers N`: the metrics of every worker, summed by the primary (prom-client's
   * AggregatorRegistry), so one scrape through the shared port sees the whole cluster.
   */
  readonly clusterMetrics?: () => Promise<string>;
  /** Per check, so a hung database gives a 503 and not a hung probe (default 3 s). */
  readonly checkTimeoutMs?: number;
}

type CheckResult = 'ok' | string;

export function opsRoutes(options: OpsOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const { database } = options;
  reportConnectionsFrom(() => ({
    pool: database.poolStats(),
    ...(database.connectionWait ? { wait: database.connectionWait } : {}),
  }));
  const noStore = (c: AppContext) => c.header('cache-control', 'no-store');

  routes.get('/healthz', (c) => {
    noStore(c);
    return c.json({ status: 'ok' });
  });

  routes.get('/readyz', async (c) => {
    noStore(c);
    if (options.shuttingDown?.()) {
      return c.json({ status: 'not ready', reason: 'shutting down', checks: {} }, 503);
    }
    const checks = await readiness(options);
    const failed = Object.entries(checks).find(([, result]) => result !== 'ok');
    if (failed) {
      return c.json({ status: 'not ready', reason: `${failed[0]}: ${failed[1]}`, checks }, 503);
    }
    return c.json({ status: 'ready', checks });
  });

  routes.get('/metrics', async (c) => {
    noStore(c);
    authorizeScrape(c, options.metricsToken);
    await collectDatabaseGauges(options.database).catch(() => {
      // The database is down: the process metrics still answer; /readyz says what is wrong.
    });
    c.header('content-type', metricsRegistry.contentType);
    return c.body(await metricsText(options.clusterMetrics));
  });

  return routes;
}

export async function readiness(
  options: OpsOptions,
): Promise<Record<'database' | 'migrations' | 'files', CheckResult>> {
  const timeout = options.checkTimeoutMs ?? 3000;
  const { db } = options.database;
  const [database, migrations, files] = await Promise.all([
    within(timeout, 'unreachable', async () => {
      await sql`select 1`.execute(db);
    }),
    within(timeout, 'could not be read', async () => {
      const pending = await pendingMigrations(db);
      if (pending.length > 0)
        throw new Readable(
          `${pending.length} pending (run lamina db migrate before starting servers)`,
        );
    }),
    within(timeout, 'unreachable', async () => {
      await options.checkFiles?.();
    }),
  ]);
  return { database, migrations, files };
}

/** A failure whose message is meant for the probe's answer (other errors give a fixed word). */
class Readable extends Error {}

async function within(ms: number, failure: string, check: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${ms} ms`), ms);
  });
  try {
    return await Promise.race([
      check().then(
        () => 'ok' as const,
        // Driver messages can name hosts and users: the probe answers with a fixed reason.
        (error: unknown) => (error instanceof Readable ? error.message : failure),
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function authorizeScrape(c: AppContext, token: string | undefined): void {
  if (token) {
    const given = c.req.header('authorization') ?? '';
    const digest = (text: string) => createHash('sha256').update(text).digest();
    if (!timingSafeEqual(digest(given), digest(`Bearer ${token}`))) {
      c.header('www-authenticate', 'Bearer realm="metrics"');
      throw new HttpProblem(401, 'Unauthorized', 'Metrics need the bearer token.');
    }
    return;
  }
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined;
  }
  // Through a reverse proxy on the same machine every request comes from loopback: one that was
  // forwarded (it carries X-Forwarded-For or Forwarded) came from elsewhere.
  const forwarded = c.req.header('x-forwarded-for') ?? c.req.header('forwarded');
  if (!socket || !loopback.has(socket) || forwarded !== undefined) {
    throw new HttpProblem(
      403,
      'Forbidden',
      'Metrics are served to this machine only; set LAMINA_METRICS_TOKEN to scrape from elsewhere.',
    );
  }
}

/** The pg-boss schema the job classes use (alerts/escalation-jobs.ts, reminders/jobs.ts). */
function bossSchema(database: LaminaDatabase): string {
  const backend = database.jobsBackend;
  return backend.kind === 'postgres' && backend.searchPath
    ? `${backend.searchPath}_boss`
    : 'pgboss';
}

export async function collectDatabaseGauges(database: LaminaDatabase): Promise<void> {
  const { db } = database;
  // The partial index outbox_pending (sent_at is null) serves this.
  const { rows: outbox } = await sql<{ n: number; oldest: number | null }>`
    select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as oldest
    from outbox where sent_at is null and failed_at is null`.execute(db);
  outboxBacklog.set(outbox[0]?.n ?? 0);
  outboxOldestSeconds.set(Math.max(0, outbox[0]?.oldest ?? 0));
  const schema = bossSchema(database);
  const { rows: exists } = await sql<{ found: boolean }>`
    select to_regclass(${`${schema}.job`}) is not null as found`.execute(db);
  if (!exists[0]?.found) return; // no job queue started on this database yet
  const { rows: jobs } = await sql<{ name: string; state: string; n: number }>`
    select name, state::text as state, count(*)::int as n from ${sql.table(`${schema}.job`)}
    where state in ('created', 'retry', 'active') group by 1, 2`.execute(db);
  jobQueueDepth.reset();
  for (const row of jobs) {
    jobQueueDepth.inc(
      { queue: row.name, state: row.state === 'active' ? 'active' : 'queued' },
      row.n,
    );
  }
}
