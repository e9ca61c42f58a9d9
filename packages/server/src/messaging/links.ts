/**
 * Links in emails and SMS come from configured settings, never from request headers.
 * LAMINA_PUBLIC_URL is the address patients and staff use; this is the ONE function that builds a
 * link from it (the HTTP-edge work adds http/public-url.ts: switch this body to it when merged).
 */
export function publicLink(baseUrl: string | undefined, path: string): string {
  const base = (baseUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
