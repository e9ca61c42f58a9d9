import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

/** GET /api/audit: one entry of the audit log (decision 013), as admins read it. */
export const auditEntryDto = dto('AuditEntry', {
  id,
  at: timestamp,
  actorId: id.nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  patientId: id.nullable(),
  ip: z.string().nullable(),
  /** Counts, ids, before/after of a change (never free text or secrets). */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryDto = z.output<typeof auditEntryDto>;

/** GET /api/audit: one page, newest first; pass nextCursor as cursor for the next. */
export const auditPageDto = z.strictObject({
  entries: z.array(auditEntryDto),
  pageSize: z.number().int(),
  nextCursor: id.nullable(),
});
