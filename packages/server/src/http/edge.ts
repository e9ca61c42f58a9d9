import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.ts';
import { HttpProblem, sendProblem } from './problem.ts';

/**
 * The HTTP edge (decision 012): response headers, the second CSRF check and JSON body limits.
 * Everything here runs before a handler reads anything.
 */

/**
 * The Content-Security-Policy of the web app and console: only our own scripts (no inline script,
 * no eval), no plugins, not framed. Styles come from our CSS files; React's style props are set
 * through the DOM, which CSP allows. Images may be blob:/data: (the imaging viewer draws decoded
 * frames on a canvas and shows thumbnails from blobs).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** One year, with subdomains: only sent when the session cookie is Secure (the server is behind TLS). */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

export function securityHeaders(secureCookies: boolean): MiddlewareHandler<AppEnv> {
  const always: [string, string][] = [
    ['content-security-policy', contentSecurityPolicy],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'same-origin'],
    ['x-frame-options', 'DENY'],
    ['cross-origin-opener-policy', 'same-origin'],
    ...(secureCookies
      ? [['strict-transport-security', strictTransportSecurity] as [string, string]]
      : []),
  ];
  return async (c, next) => {
    await next();
    // Health data is never stored by a browser or proxy; only the web app's own files say
    // otherwise (http/web-app.ts), and an answer without a cache rule of its own gets no-store.
    const noStore = c.req.path.startsWith('/api/') || !c.res.headers.has('cache-control');
    setAnswerHeaders(c, noStore ? [...always, ['cache-control', 'no-store']] : always);
  };
}

/**
 * Sets headers on the answer a handler already made, in place. Hono's `c.header()` after the
 * answer exists rebuilds the whole Response for every header it sets, which turns a plain text
 * answer into a stream the HTTP layer must pump (issue 19: the check-in paid for seven such
 * rebuilds). A Response whose headers cannot change (one from fetch) goes the slow way.
 */
export function setAnswerHeaders(c: Context, headers: readonly (readonly [string, string])[]) {
  const target = c.res.headers;
  try {
    for (const [name, value] of headers) target.set(name, value);
  } catch {
    for (const [name, value] of headers) c.header(name, value);
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A second CSRF defence after SameSite=Lax cookies and JSON-only writes: a browser tells us where a
 * state-changing request comes from (Sec-Fetch-Site, else Origin). Anything but our own origin is
 * refused. A request with neither header is not from a browser (curl, scripts) and carries no
 * ambient cookie risk, so it passes.
 */
export function sameOriginWrites(publicOrigin: () => string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site')?.trim().toLowerCase();
    if (site !== undefined && site !== '') {
      // 'none': typed or bookmarked by the user; 'same-site' is refused too (a sibling subdomain is another party).
      if (site !== 'same-origin' && site !== 'none') throw crossSite();
      return next();
    }
    const origin = c.req.header('origin')?.trim();
    if (origin !== undefined && origin !== '') {
      if (!sameOrigin(origin, c.req.header('host'), publicOrigin())) throw crossSite();
    }
    return next();
  };
}

function sameOrigin(origin: string, host: string | undefined, publicOrigin: string): boolean {
  if (origin === publicOrigin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // 'null' (sandboxed frames, privacy redirects) and garbage
  }
  // The page's origin host equals the host the browser sent this request to: same origin
  // (the scheme may differ behind a TLS-terminating proxy).
  return host !== undefined && parsed.host === host.toLowerCase();
}

const crossSite = () =>
  new HttpProblem(
    403,
    'Cross-site request refused',
    'This request came from another site. Open Lamina itself and try again.',
  );

/** JSON bodies: small unless a route needs more (decision 012). Raw uploads keep their own limits. */
export const defaultJsonBodyBytes = 64 * 1024;

/** Routes whose JSON bodies may be larger than the default, by method and path pattern. */
export const jsonBodyLimits: readonly { method: string; path: RegExp; bytes: number }[] = [
  // A scheduling system's CSV export (5 000 rows is about 1 MB); the route itself refuses over 20 MB.
  { method: 'POST', path: /^\/api\/patients\/import$/, bytes: 21 * 1024 * 1024 },
  // A logo of up to 200 KB arrives base64-encoded in JSON (about 270 KB); the route checks 200 KB.
  { method: 'PUT', path: /^\/api\/clinic\/logo$/, bytes: 320 * 1024 },
  // A wound photo (issue 17) of up to 4 MB, base64 in JSON (about 5.4 MB); the route checks 4 MB.
  { method: 'POST', path: /^\/api\/patients\/[0-9a-f-]{36}\/photos$/, bytes: 6 * 1024 * 1024 },
];

export function jsonBodyLimitFor(method: string, path: string): number {
  return (
    jsonBodyLimits.find((limit) => limit.method === method && limit.path.test(path))?.bytes ??
    defaultJsonBodyBytes
  );
}

const tooLarge = (bytes: number) =>
  new HttpProblem(
    413,
    'Request too large',
    `The request body is larger than this address accepts (${Math.round(bytes / 1024)} KB).`,
  );

/**
 * Answers 413 before the body is buffered: a Content-Length over the limit is refused at once, and a
 * chunked body is counted as it streams (hono/body-limit) and refused when it passes the limit.
 */
export function limitJsonBody(
  isRawUpload: (method: string, path: string, contentType: string) => boolean,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (safeMethods.has(method)) return next();
    if (isRawUpload(method, c.req.path, c.req.header('content-type') ?? '')) return next();
    const bytes = jsonBodyLimitFor(method, c.req.path);
    // The usual case, a Content-Length and no chunking, is decided from the headers alone (as
    // hono/body-limit would): touching the body stream here would turn the request into a web
    // Request with a ReadableStream, which costs every JSON write a slower body read.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > bytes) return sendProblem(c, tooLarge(bytes).problem);
      return next();
    }
    return bodyLimit({
      maxSize: bytes,
      onError: (ctx) => sendProblem(ctx, tooLarge(bytes).problem),
    })(c, next);
  };
}
