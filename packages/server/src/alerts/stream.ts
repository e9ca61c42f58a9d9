import { randomUUID } from 'node:crypto';
import { streamSSE } from 'hono/streaming';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { AppContext } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';

/** Seconds between keep-alive comments, so proxies do not close a quiet stream. */
const heartbeatSeconds = 15;

/** Event streams open on this process: stream id → whose (see the audit rule in queue-routes.ts). */
const openStreams = new Map<string, { userId: string; clinicId: string }>();

/** Whether `streamId` is an event stream open on this process for this user in this clinic. */
export function streamCovers(streamId: string, actor: Actor): boolean {
  const owner = openStreams.get(streamId);
  return owner !== undefined && owner.userId === actor.userId && owner.clinicId === actor.clinicId;
}

/**
 * GET /api/alerts/stream: server-sent events for the clinic's alerts (created, acknowledged,
 * resolved, escalated), from whichever server process the change happened on.
 */
function open(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const feed = c.get('deps').alertFeed;
  if (!feed)
    throw new HttpProblem(
      503,
      'Live updates unavailable',
      'This server was started without live updates.',
    );
  const streamId = randomUUID();
  return streamSSE(c, async (stream) => {
    // Watching the queue is audited once per connection, not once per card it later reads.
    await audit(c, { action: 'alert.queue', subjectType: 'alert', details: { stream: streamId } });
    openStreams.set(streamId, { userId: actor.userId, clinicId: actor.clinicId });
    let id = 0;
    const unsubscribe = feed.subscribe(actor.clinicId, (event) => {
      void stream.writeSSE({ event: 'alert', id: String(++id), data: JSON.stringify(event) });
    });
    const close = () => {
      unsubscribe();
      openStreams.delete(streamId);
    };
    stream.onAbort(close);
    await stream.writeSSE({
      event: 'ready',
      data: JSON.stringify({ clinicId: actor.clinicId, streamId }),
    });
    while (!stream.aborted && !stream.closed) {
      await stream.sleep(heartbeatSeconds * 1000);
      if (!stream.aborted) await stream.write(': keep-alive\n\n');
    }
    close();
  });
}

export const alertStream = documentedRoutes([
  {
    method: 'get',
    path: '/api/alerts/stream',
    summary: 'Live alerts as server-sent events (text/event-stream) while the queue is open',
    access: callers.staff,
    response: null,
    audit: {
      actions: ['alert.queue'],
      when: 'once, as the stream opens (after the answer starts)',
    },
    success: { status: 200, description: 'An event stream.', contentType: 'text/event-stream' },
    handler: open,
  },
]);
