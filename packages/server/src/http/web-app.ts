import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from './context.ts';

/**
 * Serving the built web app and compressing answers (issue 17, "Served like a real web app";
 * decision 020).
 *
 * - Files under /assets/ carry a content hash in their name (Vite): cached for a year, immutable.
 *   Everything else of the app shell (index.html, sw.js, the manifest, icons) is revalidated on each
 *   load (`no-cache`), so a new release reaches the phone on the next visit.
 * - The build writes .br and .gz beside each text file (packages/web/vite.config.ts); they are sent
 *   as they are when the browser accepts them, so no CPU is spent per request on static files.
 * - A missing /assets/ file is a 404, not the app's index.html (a stale tab asking for an old chunk
 *   gets an error it can recover from instead of HTML parsed as JavaScript).
 */
export const immutableAsset = 'public, max-age=31536000, immutable';
export const revalidate = 'no-cache';

/** The file's cache rule on the response the static handler made (undefined: it found nothing). */
function withCacheRule(serve: MiddlewareHandler): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let found = true;
    const response = await serve(c, async () => {
      found = false;
      await next();
    });
    if (found && response instanceof Response)
      response.headers.set(
        'cache-control',
        c.req.path.startsWith('/assets/') ? immutableAsset : revalidate,
      );
    return response;
  };
}

export function mountWebApp(app: Hono<AppEnv>, webDist: string): void {
  app.use('/*', withCacheRule(serveStatic({ root: webDist, precompressed: true })));
  app.get('/assets/*', (c) => c.text('Not found', 404));
  // The web app routes in the browser: any other non-API path gets its index.html.
  app.get(
    '*',
    withCacheRule(
      serveStatic({ root: webDist, precompressed: true, rewriteRequestPath: () => '/index.html' }),
    ),
  );
}

/** Content types worth compressing on the fly: JSON (API, FHIR, problems), text, SVG. Never a live stream. */
const compressible =
  /^(?:application\/(?:[\w.+-]*\+)?json|text\/(?!event-stream)[\w.+-]+|image\/svg\+xml)/i;

/**
 * gzip for dynamic answers a browser reads (GET only: the answers to writes are small, and the
 * check-in hot path should not pay for a compression stream). Server-sent events are never
 * compressed: a compressor would hold back events until its buffer fills. Answers carry no secret
 * next to attacker-chosen text (no CSRF token in bodies; decision 012), so BREACH-style guessing
 * has nothing to find.
 */
export function compressAnswers(): MiddlewareHandler<AppEnv> {
  const gzip = compress({
    encoding: 'gzip',
    threshold: 1024,
    contentTypeFilter: (type: string) => compressible.test(type),
  });
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    return gzip(c, next);
  };
}
