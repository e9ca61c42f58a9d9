/**
 * A timestamp as the API answers it: ISO 8601 in UTC. The database gives a Date (a raw statement
 * may give a string); null stays null.
 */
export function iso(at: Date | string): string;
export function iso(at: Date | string | null): string | null;
export function iso(at: Date | string | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
