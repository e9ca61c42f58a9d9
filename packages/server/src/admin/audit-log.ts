import { type AuditEntryDto, auditPageDto } from '@lamina/contract';
import { safeText } from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { readQuery } from '../http/query.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { type AuditFilters, auditLogColumns, queryAudit } from './store.ts';

/** A date (midnight UTC) or a date-time with an offset. */
const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'must be a date (YYYY-MM-DD) or a date-time with offset',
  })
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value));

export const auditFilterSchema = z.strictObject({
  patientId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: safeText().trim().min(1).max(100).optional(),
  /** Inclusive. */
  from: instant.optional(),
  /** Exclusive. */
  to: instant.optional(),
});
export const auditPageSchema = auditFilterSchema.extend({
  /** The nextCursor of the previous page. */
  cursor: z.uuid('must be the nextCursor of the previous page').optional(),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** The most rows one CSV export carries; narrow the dates for more. */
export const csvExportLimit = 50_000;
const csvColumns = auditLogColumns;

/**
 * RFC 4180 quoting, plus a leading apostrophe on values a spreadsheet would run as a formula
 * (CSV injection): the log holds text people typed, like notes.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One audit row as admins read it (the CSV keeps the column names). */
const auditEntryView = (row: Awaited<ReturnType<typeof queryAudit>>[number]): AuditEntryDto => ({
  id: row.id,
  at: row.at.toISOString(),
  actorId: row.actor_id,
  actorRole: row.actor_role,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  patientId: row.patient_id,
  ip: row.ip,
  details: (row.details ?? null) as AuditEntryDto['details'],
});

function filtersOf(query: z.output<typeof auditFilterSchema>): AuditFilters {
  return {
    patientId: query.patientId,
    actorId: query.actorId,
    action: query.action,
    from: query.from,
    to: query.to,
  };
}

async function list(c: AppContext) {
  const actor = authorizeClinic(c, 'read-audit');
  const query = readQuery(c, auditPageSchema);
  const { db } = c.get('deps');
  const rows = await queryAudit(db, actor.clinicId, filtersOf(query), {
    limit: query.pageSize + 1,
    after: query.cursor,
  });
  const entries = rows.slice(0, query.pageSize);
  // Recorded after the query, so an admin's own look does not appear in what they see.
  await audit(c, {
    action: 'audit.read',
    subjectType: 'audit_log',
    patientId: query.patientId ?? null,
    details: { filters: c.req.query() },
  });
  return c.json({
    entries: entries.map(auditEntryView),
    pageSize: query.pageSize,
    nextCursor: rows.length > query.pageSize ? (entries.at(-1)?.id ?? null) : null,
  });
}

async function exportCsv(c: AppContext) {
  const actor = authorizeClinic(c, 'read-audit');
  const query = readQuery(c, auditFilterSchema);
  const { db } = c.get('deps');
  const rows = await queryAudit(db, actor.clinicId, filtersOf(query), { limit: csvExportLimit });
  await audit(c, {
    action: 'audit.export',
    subjectType: 'audit_log',
    patientId: query.patientId ?? null,
    details: { filters: c.req.query(), rows: rows.length },
  });
  const lines = [
    csvColumns.join(','),
    ...rows.map((row) => csvColumns.map((column) => csvField(row[column])).join(',')),
  ];
  return c.body(`${lines.join('\r\n')}\r\n`, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="lamina-audit.csv"',
    ...(rows.length === csvExportLimit ? { 'x-lamina-truncated': 'true' } : {}),
  });
}

export const auditRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/audit',
    summary:
      'The audit log, newest first, filtered by patient, actor, action and time (from inclusive, to exclusive), one page at a time (pass nextCursor as cursor)',
    access: 'admins (their own clinic)',
    query: auditPageSchema,
    response: auditPageDto,
    audit: { actions: ['audit.read'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/audit.csv',
    summary: `The audit log as CSV with a header row, same filters (at most ${csvExportLimit} rows)`,
    access: 'admins (their own clinic)',
    query: auditFilterSchema,
    success: { status: 200, description: 'CSV, one entry per row.', contentType: 'text/csv' },
    response: null,
    audit: { actions: ['audit.export'] },
    handler: exportCsv,
  },
];
