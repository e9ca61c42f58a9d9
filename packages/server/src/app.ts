import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { admin } from './admin/routes.ts';
import { patientAlerts } from './alerts/patient-alerts.ts';
import { alertQueue } from './alerts/queue-routes.ts';
import { alerts } from './alerts/routes.ts';
import { alertSettings } from './alerts/settings-routes.ts';
import { alertStream } from './alerts/stream.ts';
import { auditDeniedAccess } from './audit/denied.ts';
import type { Actor } from './auth/access.ts';
import { account } from './auth/account-routes.ts';
import { auth } from './auth/routes.ts';
import { actorForSession, sessionCookieName } from './auth/session.ts';
import { candidacy } from './candidacy/routes.ts';
import { checkins, readsOwnSession } from './checkins/routes.ts';
import { clinics } from './clinics/routes.ts';
import { exerciseLog } from './exercises/routes.ts';
import { cdsHooks } from './fhir/cds-hooks.ts';
import { fhirExport } from './fhir/export-routes.ts';
import { fhir, fhirFallback } from './fhir/routes.ts';
import { smart } from './fhir/smart-routes.ts';
import { forwardedClientIp, proxyHops } from './http/client-ip.ts';
import type { AppContext, AppDeps, AppEnv } from './http/context.ts';
import { limitJsonBody, sameOriginWrites, securityHeaders } from './http/edge.ts';
import { HttpProblem, sendProblem } from './http/problem.ts';
import { compressAnswers } from './http/web-app.ts';
import { requestImaging } from './imaging/request-routes.ts';
import { acceptsRawUpload, imaging } from './imaging/routes.ts';
import { intake } from './intake/routes.ts';
import { defaultLogger, requestIdFor } from './log/logger.ts';
import { httpMetrics } from './log/metrics.ts';
import { messages } from './messages/routes.ts';
import { openapi } from './openapi/routes.ts';
import { type OpsOptions, opsRoutes } from './ops/health.ts';
import { outcomes } from './outcomes/routes.ts';
import { enrolment } from './patients/enrol-routes.ts';
import { planPdf } from './patients/plan-pdf.ts';
import { patients } from './patients/routes.ts';
import { peers } from './peers/routes.ts';
import { photoRoutes } from './photos/routes.ts';
import { proms } from './proms/routes.ts';
import { reminders } from './reminders/routes.ts';
import { secondOpinions } from './second-opinion/routes.ts';

function clientIp(c: AppContext, trustProxy: boolean | number): string | null {
  let socket: string | null;
  try {
    socket = getConnInfo(c).remote.address ?? null;
  } catch {
    socket = null; // app.request() in tests has no socket
  }
  return forwardedClientIp(c.req.header('x-forwarded-for'), proxyHops(trustProxy), socket);
}

/** The HTTP API: thin handlers over @lamina/pathway and the stores. */
export function createApp(deps: AppDeps, extra: { ops?: OpsOptions } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = deps.log ?? defaultLogger();

  // Operability (issue 19, decision 023): every request timed under its route pattern.
  app.use('*', httpMetrics());

  app.use('*', async (c, next) => {
    const requestId = requestIdFor(c.req.header('x-request-id'), proxyHops(deps.trustProxy) > 0);
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    await next();
  });
  // Probes and metrics answer before sessions, rate limits and audit: no cookie is read for them.
  if (extra.ops) app.route('/', opsRoutes(extra.ops));

  app.use('*', securityHeaders(deps.secureCookies));
  app.use('*', compressAnswers());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('ip', clientIp(c, deps.trustProxy));
    const cookie = getCookie(c, sessionCookieName(deps.secureCookies));
    const lookUp = async () =>
      cookie ? ((await actorForSession(deps.db, cookie, deps.now(), c.req.path)) ?? null) : null;
    if (cookie && readsOwnSession(c.req.method, c.req.path)) {
      // The check-in reads its session with its surgery and history, one round trip (issue 19).
      let pending: Promise<Actor | null> | undefined;
      c.set('actor', null);
      c.set('deferredActor', () => {
        pending ??= lookUp();
        return pending;
      });
    } else c.set('actor', await lookUp());
    await next();
  });
  app.use('/api/*', auditDeniedAccess());
  app.use(
    '/api/*',
    sameOriginWrites(() => deps.publicUrl.origin),
  );
  app.use('/api/*', limitJsonBody(acceptsRawUpload));

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

  app.route('/', auth.routes());
  app.route('/', account.routes());
  app.route('/', enrolment.routes());
  app.route('/', patients.routes());
  app.route('/', checkins.routes());
  app.route('/', patientAlerts.routes());
  app.route('/', alertStream.routes());
  // Before alertRoutes: '/api/alerts/queue' is not an alert id.
  app.route('/', alertQueue.routes());
  app.route('/', photoRoutes.routes());
  app.route('/', alertSettings.routes());
  app.route('/', outcomes.routes());
  app.route('/', alerts.routes());
  app.route('/', messages.routes());
  app.route('/', proms.routes());
  app.route('/', admin.routes());
  app.route('/', candidacy.routes());
  app.route('/', imaging.routes());
  app.route('/', peers.routes());
  app.route('/', intake.routes());
  app.route('/', requestImaging.routes());
  app.route('/', secondOpinions.routes());
  app.route('/', clinics.routes());
  app.route('/', reminders.routes());
  app.route('/', exerciseLog.routes());
  app.route('/', planPdf.routes());
  app.route('/', openapi.routes());
  // FHIR R4 (issue 18): documented routes, then FHIR's own 404/415 for anything else under /fhir/r4.
  app.route('/', smart.routes());
  app.route('/', cdsHooks.routes());
  // Before the read routes: Patient/$export is not a Patient id.
  app.route('/', fhirExport.routes());
  app.route('/', fhir.routes());
  app.route('/', fhirFallback());

  app.notFound((c) =>
    sendProblem(c, new HttpProblem(404, 'Not found', `Nothing at ${c.req.path}.`).problem),
  );
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return sendProblem(c, error.problem);
    // Never the error object itself: database errors carry the query's parameters and the failing row.
    log.error(
      { err: error, requestId: c.get('requestId'), method: c.req.method, route: c.req.routePath },
      'request failed',
    );
    return sendProblem(c, {
      type: 'https://lamina.dev/problems/internal-error',
      title: 'Something went wrong',
      status: 500,
      detail: 'The server could not finish this request. Nothing was saved. Please try again.',
      requestId: c.get('requestId'),
    });
  });
  return app;
}
