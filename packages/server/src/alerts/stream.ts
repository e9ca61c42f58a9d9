import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';

/** Seconds between keep-alive comments, so proxies do not close a quiet stream. */
const heartbeatSeconds = 15;

/**
 * GET /api/alerts/stream: server-sent events for the clinic's alerts (created, acknowledged,
 * resolved, escalated), from whichever server process the change happened on.
 */
export function alertStreamRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/stream', (c) => {
    const actor = authorizeClinic(c, 'view-triage-queue');
    const feed = c.get('deps').alertFeed;
    if (!feed)
      throw new HttpProblem(
        503,
        'Live updates unavailable',
        'This server was started without live updates.',
      );
    return streamSSE(c, async (stream) => {
      let id = 0;
      const unsubscribe = feed.subscribe(actor.clinicId, (event) => {
        void stream.writeSSE({ event: 'alert', id: String(++id), data: JSON.stringify(event) });
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ clinicId: actor.clinicId }) });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(heartbeatSeconds * 1000);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
  return routes;
}
