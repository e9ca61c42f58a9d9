import { PublicUrlError, parsePublicUrl } from './public-url.ts';

/** The HTTP edge settings `lamina serve` reads from the environment (decision 012). */
export interface HttpSettings {
  /** LAMINA_PUBLIC_URL; undefined only where it may default to the listening address. */
  readonly publicUrl: URL | undefined;
  /** LAMINA_TRUST_PROXY as a number of proxy hops (true = 1, unset/false = 0). */
  readonly trustProxy: number;
  /** LAMINA_SECURE_COOKIES=true: Secure, __Host- session cookie and HSTS (only behind TLS). */
  readonly secureCookies: boolean;
}

export class HttpSettingsError extends Error {}

export const maxProxyHops = 10;

/**
 * Reads the settings. `devOrDemo`: a demo or development server may run without LAMINA_PUBLIC_URL
 * (links then use the listening address); anywhere else it is required, because the only other
 * source of a host name is the request, which the sender writes.
 */
export function resolveHttpSettings(
  env: Readonly<Record<string, string | undefined>>,
  devOrDemo: boolean,
): HttpSettings {
  const rawUrl = env.LAMINA_PUBLIC_URL?.trim();
  let publicUrl: URL | undefined;
  if (rawUrl) {
    try {
      publicUrl = parsePublicUrl(rawUrl);
    } catch (error) {
      if (error instanceof PublicUrlError) throw new HttpSettingsError(error.message);
      throw error;
    }
  } else if (!devOrDemo) {
    throw new HttpSettingsError(
      'LAMINA_PUBLIC_URL is required: set it to the address people open, e.g. LAMINA_PUBLIC_URL=https://lamina.example.org (links in emails are built from it).',
    );
  }
  return {
    publicUrl,
    trustProxy: parseTrustProxy(env.LAMINA_TRUST_PROXY),
    secureCookies: parseBoolean('LAMINA_SECURE_COOKIES', env.LAMINA_SECURE_COOKIES),
  };
}

export function parseTrustProxy(value: string | undefined): number {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'false' || v === '0') return 0;
  if (v === 'true') return 1; // the old meaning: one proxy in front
  if (/^\d+$/.test(v) && Number(v) <= maxProxyHops) return Number(v);
  throw new HttpSettingsError(
    `LAMINA_TRUST_PROXY must be the number of proxies in front of Lamina (0-${maxProxyHops}; true means 1), got "${value}".`,
  );
}

function parseBoolean(name: string, value: string | undefined): boolean {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new HttpSettingsError(`${name} must be true or false, got "${value}".`);
}
