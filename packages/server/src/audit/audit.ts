import type { Kysely } from 'kysely';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';

export interface AuditEntry {
  readonly clinicId: string;
  readonly actor: Actor | null;
  /** What was done, as verb.object: 'patient.read', 'checkin.create', 'alert.acknowledge'. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly patientId?: string | null;
  readonly ip?: string | null;
  readonly details?: Record<string, unknown>;
}

/** Appends to the audit log; pass the transaction when the audited write is part of one, so both land or neither. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      clinic_id: entry.clinicId,
      actor_id: entry.actor?.userId ?? null,
      actor_role: entry.actor?.role ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      patient_id: entry.patientId ?? null,
      ip: entry.ip ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

/** One audited read or change, as a handler names it; who, from where and in which clinic come from the request. */
export interface AuditEvent {
  /** What was done, as verb.object: 'patient.read', 'intake.create', 'peer.message.list'. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  /** The patient whose record was read or changed (null: none, or the patient is not known). */
  readonly patientId?: string | null;
  readonly details?: Record<string, unknown>;
  /** Needed only where nobody is signed in (a visitor's token, a sign-in); otherwise the actor's clinic. */
  readonly clinicId?: string;
  /**
   * Only where nobody is signed in. `null` records no actor even if a session came along (routes
   * opened by a visitor's token). An `Actor` names the person a single-use emailed code proved (a
   * password reset, an accepted invitation): they act, though they have no session yet.
   */
  readonly actor?: Actor | null;
}

const recorded = new WeakMap<AppContext, Set<string>>();
const written = new WeakMap<AppContext, string[]>();

/** The actions `audit()` recorded in this request so far, in order (the route registry checks them in tests). */
export const auditedActions = (c: AppContext): readonly string[] => written.get(c) ?? [];

/**
 * The one way a handler audits (decision 019): actor, ip and clinic come from the request, so none
 * can be forgotten or mistyped. Pass the transaction when the audited write is part of one, so both
 * land or neither. The same action on the same subject twice in one request is a programming error.
 */
export async function audit(
  c: AppContext,
  event: AuditEvent,
  db: Kysely<Database> = c.get('deps').db,
): Promise<void> {
  const actor = event.actor === undefined ? c.get('actor') : event.actor;
  const clinicId = event.clinicId ?? actor?.clinicId;
  if (!clinicId) throw new Error(`audit ${event.action}: no clinic (nobody signed in, none given)`);
  const key = `${event.action} ${event.subjectType} ${event.subjectId ?? ''}`;
  const seen = recorded.get(c) ?? new Set<string>();
  if (seen.has(key)) throw new Error(`audit ${event.action}: recorded twice in one request`);
  seen.add(key);
  recorded.set(c, seen);
  const actions = written.get(c) ?? [];
  actions.push(event.action);
  written.set(c, actions);
  await recordAudit(db, {
    clinicId,
    actor,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    patientId: event.patientId ?? null,
    ip: c.get('ip'),
    ...(event.details === undefined ? {} : { details: event.details }),
  });
}

/**
 * A change to a clinic (one of its settings) and its audit entry in one transaction, so both land
 * or neither: `change` writes and answers the entry's details (what was set, or before and after).
 */
export async function auditedClinicChange(
  c: AppContext,
  clinicId: string,
  action: string,
  change: (trx: Kysely<Database>) => Promise<Record<string, unknown>>,
): Promise<void> {
  await c
    .get('deps')
    .db.transaction()
    .execute(async (trx) => {
      const details = await change(trx);
      await audit(c, { action, subjectType: 'clinic', subjectId: clinicId, details }, trx);
    });
}
