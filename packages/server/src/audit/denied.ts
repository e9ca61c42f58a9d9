import type { MiddlewareHandler } from 'hono';
import { type AppEnv, logFor } from '../http/context.ts';
import { errorFields } from '../log/logger.ts';
import { recordAudit } from './audit.ts';

/**
 * Denied attempts are audited in one place (issue 12): a signed-in actor who gets 403 anywhere in
 * the API, or 404 for a record of a health-data route (a patient, alert, scan, request, second
 * opinion, peer connection or message named by its id), leaves an `access.denied` row with the
 * method, path and status. Probing another clinic's or another patient's records shows up in the
 * actor's own clinic's audit log. Visitors without a session have no clinic to file it under; their
 * attempts are rate limited instead. Sign-in routes count their own failures.
 */
const healthData =
  /^\/api\/(patients|alerts|imaging|requests|second-opinions|peers|peer-connections|peer-volunteers|messages|leads)\//;
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const recordId = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/|$)/i;

export function isDeniedAttempt(path: string, status: number): boolean {
  if (!path.startsWith('/api/') || path.startsWith('/api/auth/')) return false;
  if (status === 403) return true;
  return status === 404 && healthData.test(path) && recordId.test(path);
}

export function auditDeniedAccess(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!isDeniedAttempt(c.req.path, c.res.status)) return;
    try {
      // A route that reads its own session (the check-in) may have been refused before it did.
      const actor = c.get('actor') ?? (await c.get('deferredActor')?.()) ?? null;
      if (!actor) return;
      await recordAudit(c.get('deps').db, {
        clinicId: actor.clinicId,
        actor,
        action: 'access.denied',
        subjectType: 'route',
        ip: c.get('ip'),
        // Ids in the path become :id: the row shows the probing without copying another clinic's
        // record ids into this clinic's audit log (which its admins can read).
        details: {
          method: c.req.method,
          path: c.req.path.replace(uuidPattern, ':id'),
          status: c.res.status,
        },
      });
    } catch (error) {
      // The answer (403/404) is already decided; a failed audit insert must not turn it into a 500,
      // and it is not lost silently either.
      logFor(c).error({ err: errorFields(error) }, 'could not audit a denied attempt');
    }
  };
}
