import { isIP } from 'node:net';

/**
 * The client's address. Behind `hops` trusted reverse proxies, each proxy appends the address it
 * received the request from to X-Forwarded-For, so the entry `hops` from the right was written by
 * the nearest trusted proxy; everything left of it was written by the client and is not believed
 * (taking the first entry let anyone pick their own address: rate limits and the audit IP poisoned).
 * With fewer entries than hops the leftmost is used (as Express's `trust proxy` does); an entry that
 * is not an IP address falls back to the socket address.
 */
export function forwardedClientIp(
  forwardedFor: string | undefined,
  hops: number,
  socketAddress: string | null,
): string | null {
  if (hops <= 0 || !forwardedFor) return socketAddress;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return socketAddress;
  const chosen = entries[Math.max(0, entries.length - hops)] ?? '';
  return isIP(chosen) ? chosen : socketAddress;
}

export const proxyHops = (trustProxy: boolean | number): number =>
  trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
