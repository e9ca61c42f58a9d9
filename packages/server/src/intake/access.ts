import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, mayActInClinic } from '../auth/access.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';

/** How long a visitor's status and upload token works. */
export const requestTokenDays = 14;
/** The header a visitor's browser sends the token in (it lives in the page's #fragment, never in a URL the server logs). */
export const requestTokenHeader = 'x-request-token';

export interface TokenHolder {
  readonly clinicId: string;
  readonly requestId: string;
  readonly kind: string;
  readonly patientId: string | null;
}

/**
 * Whether this token opens this request (its status page, its info kit, and later its imaging
 * upload). Undefined for a wrong, expired or missing token and for a request of another clinic:
 * callers answer 404 for all of them, so a guess learns nothing.
 */
export async function authorizeRequestToken(
  db: Kysely<Database>,
  clinicId: string,
  requestId: string,
  token: string | undefined,
  now: Date = new Date(),
): Promise<TokenHolder | undefined> {
  if (!token || token.length < 20 || token.length > 200) return undefined;
  const row = await db
    .selectFrom('intake_requests')
    .select(['id', 'kind', 'patient_id', 'token_hash', 'token_expires_at'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row || row.token_expires_at.getTime() <= now.getTime()) return undefined;
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(row.token_hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
  return { clinicId, requestId: row.id, kind: row.kind, patientId: row.patient_id };
}

/** Staff who work requests: care managers and admins all of them, clinicians the free MRI/CT reviews. */
export function isRequestStaff(actor: Actor): boolean {
  return (
    mayActInClinic(actor, 'read-requests', actor.clinicId) ||
    mayActInClinic(actor, 'read-imaging-reviews', actor.clinicId)
  );
}

/** Whether this staff member may open a request of this kind (anything else answers 404). */
export function staffMayReadRequest(actor: Actor, kind: string): boolean {
  if (mayActInClinic(actor, 'read-requests', actor.clinicId)) return true;
  return kind === 'imaging_review' && mayActInClinic(actor, 'read-imaging-reviews', actor.clinicId);
}
