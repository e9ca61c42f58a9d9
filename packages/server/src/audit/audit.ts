import type { Kysely } from 'kysely';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';

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
