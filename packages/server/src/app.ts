import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { admin } from './admin/routes.ts';
import { patientAlertRoutes } from './alerts/patient-alerts.ts';
import { alertRoutes } from './alerts/routes.ts';
import { alertSettingsRoutes } from './alerts/settings-routes.ts';
import { alertStreamRoutes } from './alerts/stream.ts';
import { authRoutes } from './auth/routes.ts';
import { actorForSession, sessionCookieName } from './auth/session.ts';
import { candidacy } from './candidacy/routes.ts';
import { checkinRoutes } from './checkins/routes.ts';
import type { AppContext, AppDeps, AppEnv } from './http/context.ts';
import { HttpProblem, sendProblem } from './http/problem.ts';
import { requestImaging } from './imaging/request-routes.ts';
import { acceptsRawUpload, imaging } from './imaging/routes.ts';
import { intake } from './intake/routes.ts';
import { messages } from './messages/routes.ts';
import { openapi } from './openapi/routes.ts';
import { outcomeRoutes } from './outcomes/routes.ts';
import { patientRoutes } from './patients/routes.ts';
import { peers } from './peers/routes.ts';
import { proms } from './proms/routes.ts';
import { reminders } from './reminders/routes.ts';
import { secondOpinions } from './second-opinion/routes.ts';

function clientIp(c: AppContext, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/** The HTTP API: thin handlers over @lamina/pathway and the stores. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('ip', clientIp(c, deps.trustProxy));
    const cookie = getCookie(c, sessionCookieName);
    c.set('actor', cookie ? ((await actorForSession(deps.db, cookie, deps.now())) ?? null) : null);
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
    if (c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store');
  });

  // Cookie sessions + JSON-only writes: a cross-site form cannot send application/json without CORS.
  app.use('/api/*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith('application/json') && !acceptsRawUpload(method, c.req.path, type)) {
        throw new HttpProblem(
          415,
          'Unsupported media type',
          'Send the request body as application/json.',
        );
      }
    }
    await next();
  });

  app.route('/api/auth', authRoutes());
  app.route('/api/patients', patientRoutes());
  app.route('/api/patients', checkinRoutes());
  app.route('/api/patients', patientAlertRoutes());
  app.route('/api/alerts', alertStreamRoutes());
  app.route('/api/clinic', alertSettingsRoutes());
  app.route('/api', outcomeRoutes());
  app.route('/api/alerts', alertRoutes());
  app.route('/', messages.routes());
  app.route('/', proms.routes());
  app.route('/', admin.routes());
  app.route('/', candidacy.routes());
  app.route('/', imaging.routes());
  app.route('/', peers.routes());
  app.route('/', intake.routes());
  app.route('/', requestImaging.routes());
  app.route('/', secondOpinions.routes());
  app.route('/', reminders.routes());
  app.route('/', openapi.routes());

  app.notFound((c) =>
    sendProblem(c, new HttpProblem(404, 'Not found', `Nothing at ${c.req.path}.`).problem),
  );
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return sendProblem(c, error.problem);
    console.error(error);
    return sendProblem(c, {
      type: 'https://lamina.dev/problems/internal-error',
      title: 'Something went wrong',
      status: 500,
      detail: 'The server could not finish this request. Nothing was saved. Please try again.',
    });
  });
  return app;
}
