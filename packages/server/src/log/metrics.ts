import { triageLevels } from '@lamina/pathway';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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

/** Gauges read from the database when scraped (ops/health.ts fills them just before). */
export const jobQueueDepth = new Gauge({
  name: 'lamina_job_queue_depth',
  help: 'Jobs in the pg-boss queues by queue and state (queued = created or retry, active)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const outboxBacklog = new Gauge({
  name: 'lamina_outbox_backlog',
  help: 'Messages in the outbox not yet sent (all clinics)',
  registers: [metricsRegistry],
});

export const outboxOldestSeconds = new Gauge({
  name: 'lamina_outbox_oldest_unsent_seconds',
  help: 'Age of the oldest unsent outbox message, 0 when none',
  registers: [metricsRegistry],
});

export const dbPool = new Gauge({
  name: 'lamina_db_pool_connections',
  help: 'Database pool connections of this process by state (total, idle, waiting = requests waiting for one)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
});

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
