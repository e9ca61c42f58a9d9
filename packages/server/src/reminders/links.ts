import { createHash, randomBytes } from 'node:crypto';
import { publicLink } from '../http/public-url.ts';

/** Where reminder links point when a caller (a test, a bench) names no public address. */
export const defaultReminderUrl = new URL('http://localhost:8080/');

/**
 * Reminder links (stop links, calendar feeds, "open Lamina"): built by the one publicLink() from the
 * configured public address (LAMINA_PUBLIC_URL), never from a request's headers.
 */
export function reminderLink(publicUrl: URL, path: string): string {
  return publicLink({ publicUrl }, path);
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
