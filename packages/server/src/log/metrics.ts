import type { Worker } from 'node:cluster';
import { triageLevels } from '@lamina/pathway';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';

/**
 * The server's Prometheus metrics (prom-client), one registry per process (decision 023). Labels
 * are bounded on purpose: a route PATTERN (`/api/patients/:patientId/checkins`), never a raw
 * path (ids would make one series per patient), a method, a status class, a triage level. No
 * label ever carries a clinic, a patient or anything a person typed.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'lamina_' });

const httpDuration = new Histogram({
  name: 'lamina_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status class: count (rate) and latency',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const checkins = new Counter({
  name: 'lamina_checkins_total',
  help: 'Check-ins stored by this process, by triage level',
  labelNames: ['level'] as const,
  registers: [metricsRegistry],
});

const alerts = new Counter({
  name: 'lamina_alerts_raised_total',
  help: 'Alerts raised by this process, by level',
  labelNames: ['level'] as const,
  registers: [metricsRegistry],
});

/**
 * Facts about the whole database, read from it when scraped (ops/health.ts fills them just before):
 * a registry of their own, never summed over the processes of `serve --workers N` (each process
 * would count the same jobs and messages again). The scraped process adds them once.
 */
export const databaseRegistry = new Registry();

export const jobQueueDepth = new Gauge({
  name: 'lamina_job_queue_depth',
  help: 'Jobs in the pg-boss queues by queue and state (queued = created or retry, active)',
  labelNames: ['queue', 'state'] as const,
  registers: [databaseRegistry],
});

export const outboxBacklog = new Gauge({
  name: 'lamina_outbox_backlog',
  help: 'Messages in the outbox not yet sent (all clinics)',
  registers: [databaseRegistry],
});

export const outboxOldestSeconds = new Gauge({
  name: 'lamina_outbox_oldest_unsent_seconds',
  help: 'Age of the oldest unsent outbox message, 0 when none',
  registers: [databaseRegistry],
});

/** What this process's database handle reports about its connections (set by ops/health.ts). */
let connections:
  | (() => {
      pool: { total: number; idle: number; waiting: number };
      wait?: { waits: number; waitSeconds: number };
    })
  | undefined;
export function reportConnectionsFrom(source: typeof connections): void {
  connections = source;
}

/** Per process, read at every scrape (also when another worker of the cluster is scraped). */
new Gauge({
  name: 'lamina_db_pool_connections',
  help: 'Database pool connections of this process by state (total, idle, waiting = requests waiting for one)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const pool = connections?.().pool;
    if (!pool) return;
    this.set({ state: 'total' }, pool.total);
    this.set({ state: 'idle' }, pool.idle);
    this.set({ state: 'waiting' }, pool.waiting);
  },
});

/** Embedded engine: statements that waited for its one connection, and how long (issue 19). */
for (const [name, help, field] of [
  [
    'lamina_db_connection_waits_total',
    'Statements that waited for the embedded database connection (PGlite has one)',
    'waits',
  ],
  [
    'lamina_db_connection_wait_seconds_total',
    'Total time statements waited for the embedded database connection',
    'waitSeconds',
  ],
] as const) {
  new Counter({
    name,
    help,
    registers: [metricsRegistry],
    collect() {
      const wait = connections?.().wait;
      if (!wait) return;
      this.reset();
      this.inc(wait[field]);
    },
  });
}

/**
 * The Prometheus text of this process, or of every worker of `serve --workers N` (summed by
 * prom-client's AggregatorRegistry in the primary, asked over the cluster channel), followed by the
 * database facts once.
 */
export async function metricsText(cluster?: () => Promise<string>): Promise<string> {
  const own = cluster ? await cluster() : await metricsRegistry.metrics();
  return `${own.trimEnd()}\n${await databaseRegistry.metrics()}`;
}

const askMetrics = 'lamina:metrics-request';
const answerMetrics = 'lamina:metrics-answer';

/**
 * The primary of `serve --workers N`: answers a worker's request for the cluster's metrics with
 * every worker's registry summed (prom-client's AggregatorRegistry; per-process gauges such as
 * memory and pool use add up, counters and histograms add up, the version info is taken once).
 */
export function answerClusterMetrics(on: {
  on(event: 'message', listener: (worker: Worker, message: unknown) => void): unknown;
}): void {
  const aggregator = new AggregatorRegistry();
  on.on('message', (worker, message) => {
    const ask = message as { type?: string; id?: number } | null;
    if (ask?.type !== askMetrics) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: answerMetrics, id: ask.id, text }),
      () => worker.send({ type: answerMetrics, id: ask.id, error: true }),
    );
  });
}

/**
 * A worker of `serve --workers N`: its registry answers the primary's collection, and a scrape of
 * this worker asks the primary for the whole cluster's metrics. If the primary does not answer in
 * 5 s, this worker's own metrics (marked with a comment) rather than nothing.
 */
export function clusterMetricsFromPrimary(): () => Promise<string> {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([metricsRegistry]);
  let next = 0;
  const pending = new Map<number, (text: string | undefined) => void>();
  process.on('message', (message: unknown) => {
    const answer = message as { type?: string; id?: number; text?: string } | null;
    if (answer?.type !== answerMetrics || answer.id === undefined) return;
    pending.get(answer.id)?.(answer.text);
    pending.delete(answer.id);
  });
  return async () => {
    const id = next++;
    const text = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(undefined);
      }, 5_000);
      pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      process.send?.({ type: askMetrics, id });
    });
    if (text !== undefined) return text;
    return `# the cluster's metrics did not arrive: this worker's only\n${await metricsRegistry.metrics()}`;
  };
}

/** A known level or "other": the label set stays bounded whatever a caller passes. */
const levels = new Set<string>(triageLevels);
const levelLabel = (level: string) => (levels.has(level) ? level : 'other');

export function countCheckin(level: string): void {
  checkins.inc({ level: levelLabel(level) });
}

export function countAlert(level: string): void {
  alerts.inc({ level: levelLabel(level) });
}

const openStreams = new Gauge({
  name: 'lamina_event_streams_open',
  help: 'Server-sent event streams open on this process',
  registers: [metricsRegistry],
});

/** Node responses that are event streams: a graceful shutdown closes them instead of waiting. */
const eventStreams = new WeakSet<object>();
export const isEventStream = (response: object) => eventStreams.has(response);

const inFlight = new Gauge({
  name: 'lamina_http_requests_in_flight',
  help: 'Requests this process is handling now (their handler has not answered yet)',
  registers: [metricsRegistry],
});

/** Times every request under its route pattern (after the handler ran, so the pattern is known). */
export function httpMetrics(): MiddlewareHandler {
  return async (c, next) => {
    const end = httpDuration.startTimer();
    inFlight.inc();
    try {
      await next();
      const outgoing = (c.env as { outgoing?: NodeJS.EventEmitter } | undefined)?.outgoing;
      if (outgoing && c.res.headers.get('content-type')?.startsWith('text/event-stream')) {
        eventStreams.add(outgoing);
        openStreams.inc();
        outgoing.once('close', () => openStreams.dec());
      }
    } finally {
      inFlight.dec();
      // The last handler that ran: a route's pattern, or a catch-all ('*', '/api/*') for a 404.
      const route = c.res.status === 404 && /\*$/.test(routePath(c)) ? 'unmatched' : routePath(c);
      end({
        method: c.req.method,
        route: route || 'unmatched',
        status: `${Math.floor(c.res.status / 100)}xx`,
      });
    }
  };
}
