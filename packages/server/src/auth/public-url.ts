import type { AppContext } from '../http/context.ts';

/**
 * The base URL for links in emails: the configured public URL when the server has one, otherwise
 * the address this request came to (as intake/routes.ts does). The one place to change that rule.
 */
export function publicUrl(c: AppContext): string {
  const configured = (c.get('deps') as { publicUrl?: string }).publicUrl?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  return new URL(c.req.url).origin;
}
