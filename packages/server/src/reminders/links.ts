import { createHash, randomBytes } from 'node:crypto';

/**
 * The ONE place reminder links are built (stop links, calendar feeds, "open Lamina"): from the
 * configured public address (LAMINA_PUBLIC_URL), never from a request's headers. When the HTTP edge's
 * `publicLink()` (http/public-url.ts) lands, this function becomes a call to it.
 */
export function reminderLink(path: string): string {
  const base = (process.env.LAMINA_PUBLIC_URL?.trim() || 'http://localhost:8080').replace(
    /\/+$/,
    '',
  );
  return `${base}${path}`;
}

/** A new secret for a link (256 bits, URL-safe) and the hash that is all the database keeps. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const stopPath = (clinicId: string, token: string) => `/r/stop/${clinicId}/${token}`;
export const calendarPath = (clinicId: string, token: string) =>
  `/r/calendar/${clinicId}/${token}.ics`;
