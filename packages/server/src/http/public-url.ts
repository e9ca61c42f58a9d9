/**
 * The one way to build a link that leaves the server (emails, status pages): from the configured
 * public base URL (LAMINA_PUBLIC_URL), never from the request's Host or X-Forwarded-* headers,
 * which anyone can write (host header injection: a reset link pointing at an attacker's site).
 */

export class PublicUrlError extends Error {}

/** Parses LAMINA_PUBLIC_URL: an http(s) origin with an optional path prefix, nothing else. */
export function parsePublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PublicUrlError(
      `LAMINA_PUBLIC_URL is not a URL: expected something like https://lamina.example.org (got "${value}").`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new PublicUrlError(
      `LAMINA_PUBLIC_URL must start with https:// or http:// (got ${url.protocol}//).`,
    );
  if (url.username || url.password || url.search || url.hash)
    throw new PublicUrlError(
      'LAMINA_PUBLIC_URL must be the address people open: no user, password, query or #fragment.',
    );
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

/**
 * An absolute link under the public base URL. `path` is the app path, starting with '/', and may
 * carry a query and #fragment: publicLink(deps, `/request-status/${id}?clinic=x#token=y`).
 */
export function publicLink(deps: { readonly publicUrl: URL }, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//'))
    throw new Error(`publicLink: expected an app path starting with one "/", got "${path}"`);
  const base = deps.publicUrl.href; // always ends with '/'
  return `${base}${path.slice(1)}`;
}
