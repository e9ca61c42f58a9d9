import { createHash } from 'node:crypto';
import { type IsoDate, localDate } from '@lamina/pathway';
import { type AuditEvent, audit } from '../audit/audit.ts';
import type { Actor, ClinicAction } from '../auth/access.ts';
import { mayActInClinic } from '../auth/access.ts';
import { onClinicRef } from '../db/joins.ts';
import type { AppContext } from '../http/context.ts';
import { uuidParam } from '../http/context.ts';
import { FhirError } from './outcome.ts';
import { allows, parseScope, type ScopeOp, type SystemScope } from './scopes.ts';

/**
 * Who is calling the FHIR API: a SMART system client (Bearer token from /fhir/r4/auth/token) or a
 * staff member's console session, through the same access table (auth/access.ts). Always one
 * clinic: every query below is bounded by `clinicId`.
 */
export interface FhirCaller {
  readonly clinicId: string;
  readonly timeZone: string;
  /** Today at the clinic: what a plan and a procedure's status count from. */
  readonly today: IsoDate;
  /** The staff session (null for a system client). */
  readonly actor: Actor | null;
  readonly smartClientId: string | null;
  /** The token's scopes (null for a staff session: the access table decides). */
  readonly scopes: readonly SystemScope[] | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const loginRequired = (why: string) => new FhirError(401, 'login', why);

export async function fhirCaller(c: AppContext): Promise<FhirCaller> {
  const { db, now } = c.get('deps');
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_.-]{20,200})$/.exec(header.trim());
    const token = match?.[1];
    const clinicId = token?.split('.')[0] ?? '';
    if (!token || !uuidParam.safeParse(clinicId).success)
      throw loginRequired('The Authorization header must be "Bearer <access token>".');
    const row = await db
      .selectFrom('smart_access_tokens as t')
      .innerJoin('smart_clients as sc', (join) => onClinicRef(join, 'sc.id', 't.client_id'))
      .innerJoin('clinics', 'clinics.id', 't.clinic_id')
      .select(['t.client_id', 't.scopes', 'clinics.timezone'])
      .where('t.clinic_id', '=', clinicId)
      .where('t.token_hash', '=', hashToken(token))
      .where('t.expires_at', '>', now())
      .where('sc.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw loginRequired('The access token is unknown, expired or revoked.');
    return {
      clinicId,
      timeZone: row.timezone,
      today: localDate(row.timezone, now()),
      actor: null,
      smartClientId: row.client_id,
      scopes: row.scopes.map(parseScope).filter((s) => s !== undefined),
    };
  }
  const actor = c.get('actor');
  if (!actor) throw loginRequired('Send a SMART access token (Bearer) or sign in to the console.');
  const clinic = await db
    .selectFrom('clinics')
    .select('timezone')
    .where('id', '=', actor.clinicId)
    .executeTakeFirstOrThrow();
  return {
    clinicId: actor.clinicId,
    timeZone: clinic.timezone,
    today: localDate(clinic.timezone, now()),
    actor,
    smartClientId: null,
    scopes: null,
  };
}

/** What a staff session needs for a FHIR interaction: the same actions as the console's lists. */
function clinicActionFor(type: string, op: ScopeOp): ClinicAction {
  if (type === 'AuditEvent') return 'read-audit';
  if (op === 'c' || op === 'u' || op === 'd') return 'enrol-patient';
  return 'list-patients';
}

/** Deny by default: the token's scopes, or the staff member's role, must allow this interaction. */
export function authorizeFhir(caller: FhirCaller, type: string, op: ScopeOp): void {
  if (caller.scopes) {
    if (!allows(caller.scopes, type, op))
      throw new FhirError(
        403,
        'forbidden',
        `The access token's scopes do not allow this: it needs system/${type}.${op} (or wider).`,
      );
    return;
  }
  const actor = caller.actor;
  if (
    !actor ||
    actor.mfaSetupRequired ||
    !mayActInClinic(actor, clinicActionFor(type, op), caller.clinicId)
  )
    throw new FhirError(403, 'forbidden', 'You do not have access to this.');
}

/** Every FHIR read, search and write is audited through the one audit owner (audit/audit.ts). */
export async function auditFhir(
  c: AppContext,
  caller: FhirCaller,
  event: Omit<AuditEvent, 'clinicId' | 'actor'>,
): Promise<void> {
  if (caller.actor) return audit(c, event);
  return audit(c, {
    ...event,
    clinicId: caller.clinicId,
    actor: null,
    details: { ...(event.details ?? {}), smartClientId: caller.smartClientId },
  });
}
