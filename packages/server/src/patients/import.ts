import type { ImportReport, ImportRow } from '@lamina/contract';
import { parse } from 'csv-parse/sync';
import { type Kysely, sql } from 'kysely';
import { type AuditEvent, recordAudit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { HttpProblem, invalidField } from '../http/problem.ts';
import { checkEnrolment, type Enrolment, isUniqueViolation } from './enrol.ts';
import { enrolPatients } from './store.ts';

/**
 * Bulk enrolment from a CSV file (issue 15, decision 016; columns in docs/import-csv.md).
 * Every row is checked with the same rules as the console form. A dry run lists every row and its
 * problems in plain words; the real run enrols all new rows in one transaction, or none when any
 * row has a problem. Rows for patients already enrolled (same MRN, email, or name + birth date) are
 * skipped, so importing the same file twice enrols nobody twice.
 */

export const dateFormats = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY'] as const;
export type DateFormat = (typeof dateFormats)[number];

/** The columns a file may have; names are matched ignoring case, spaces and dashes. */
export const importColumns = {
  mrn: 'MRN',
  given_name: 'given name',
  family_name: 'family name',
  date_of_birth: 'date of birth',
  email: 'email',
  phone: 'phone',
  language: 'language',
  region: 'region',
  procedure: 'procedure',
  approach: 'approach',
  levels: 'levels',
  fusion: 'fusion',
  surgery_date: 'surgery date',
  surgeon_email: 'surgeon email',
  smoker: 'smoker',
  diabetes_or_neuropathy: 'diabetes or neuropathy',
  preop_weakness: 'weakness before surgery',
  preop_bladder: 'bladder or bowel trouble before surgery',
  job_demand: 'job demand',
} as const;
type Column = keyof typeof importColumns;
const requiredColumns: Column[] = [
  'given_name',
  'family_name',
  'date_of_birth',
  'region',
  'procedure',
  'surgery_date',
];

export const maxImportRows = 20_000;

/** The report's row and the report itself are the answer's DTOs (@lamina/contract). */
export type { ImportReport, ImportRow };

const headerKey = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function toIsoDate(value: string, format: DateFormat): string | undefined {
  const patterns: Record<DateFormat, RegExp> = {
    'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
    'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
    'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  };
  const match = patterns[format].exec(value)?.groups;
  if (!match) return undefined;
  const iso = `${match.y}-${match.m?.padStart(2, '0')}-${match.d?.padStart(2, '0')}`;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? iso : undefined;
}

const yes = new Set(['yes', 'y', 'true', '1']);
const no = new Set(['no', 'n', 'false', '0']);

/** Field paths of the enrolment schema in the words of the file's columns. */
const fieldWords: Record<string, string> = {
  givenName: 'given name',
  familyName: 'family name',
  dateOfBirth: 'date of birth',
  email: 'email',
  phone: 'phone',
  language: 'language',
  mrn: 'MRN',
  'surgery.region': 'region',
  'surgery.procedure': 'procedure',
  'surgery.approach': 'approach',
  'surgery.levels': 'levels',
  'surgery.fusion': 'fusion',
  'surgery.surgeryDate': 'surgery date',
  overrides: 'overrides',
};

interface ParsedRow {
  row: number;
  name: string;
  errors: string[];
  enrolment?: Enrolment;
  surgeonEmail?: string;
}

function parseRows(csv: string, dateFormat: DateFormat): ParsedRow[] {
  let records: string[][];
  try {
    records = parse(csv, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      max_record_size: 10_000,
    });
  } catch (error) {
    throw invalidField(
      'csv',
      `is not a CSV file we can read: ${(error as Error).message}`,
      `The file is not a CSV file we can read: ${(error as Error).message}`,
    );
  }
  const [header, ...body] = records;
  if (!header) throw fileProblem('is empty: it needs a header row and one row per patient');
  const columns = header.map(headerKey);
  const unknown = columns.filter((column) => !(column in importColumns));
  if (unknown.length > 0)
    throw fileProblem(
      `has columns we do not know: ${unknown.map((c) => `"${c}"`).join(', ')} (known: ${Object.keys(importColumns).join(', ')})`,
    );
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (!columns.includes('email') && !columns.includes('phone')) missing.push('email');
  if (missing.length > 0) throw fileProblem(`lacks the columns ${missing.join(', ')}`);
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  if (repeated.length > 0) throw fileProblem(`has the column ${repeated[0]} twice`);
  if (body.length > maxImportRows)
    throw fileProblem(`has ${body.length} rows; import at most ${maxImportRows} at a time`);

  return body.map((cells, index) => {
    const row = index + 2;
    const errors: string[] = [];
    const get = (column: Column) => cells[columns.indexOf(column)]?.trim() ?? '';
    if (cells.length !== columns.length)
      errors.push(`has ${cells.length} cells but the header has ${columns.length} columns`);
    const date = (column: Column, required: boolean) => {
      const raw = get(column);
      if (!raw) {
        if (required) errors.push(`${importColumns[column]} is empty`);
        return undefined;
      }
      const iso = toIsoDate(raw, dateFormat);
      if (!iso)
        errors.push(`${importColumns[column]} "${raw}" is not a date (write it ${dateFormat})`);
      return iso;
    };
    const flag = (column: Column) => {
      const raw = get(column).toLowerCase();
      if (!raw) return undefined;
      if (yes.has(raw)) return true;
      if (no.has(raw)) return false;
      errors.push(`${importColumns[column]} "${get(column)}" must be yes or no`);
      return undefined;
    };
    const levelsRaw = get('levels');
    const levels = levelsRaw === '' ? undefined : Number(levelsRaw);
    const dateOfBirth = date('date_of_birth', true);
    const surgeryDate = date('surgery_date', true);
    const factors = Object.fromEntries(
      Object.entries({
        smoker: flag('smoker'),
        diabetesOrNeuropathy: flag('diabetes_or_neuropathy'),
        preopWeakness: flag('preop_weakness'),
        preopBladder: flag('preop_bladder'),
        jobDemand: get('job_demand').toLowerCase() || undefined,
      }).filter(([, value]) => value !== undefined),
    );
    const body = {
      givenName: get('given_name'),
      familyName: get('family_name'),
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(get('email') ? { email: get('email') } : {}),
      ...(get('phone') ? { phone: get('phone') } : {}),
      ...(get('language') ? { language: get('language').toLowerCase() } : {}),
      ...(get('mrn') ? { mrn: get('mrn') } : {}),
      surgery: {
        region: get('region').toLowerCase(),
        procedure: get('procedure').toLowerCase(),
        ...(get('approach') ? { approach: get('approach').toLowerCase() } : {}),
        ...(levels === undefined ? {} : { levels: Number.isFinite(levels) ? levels : levelsRaw }),
        ...(flag('fusion') === undefined ? {} : { fusion: flag('fusion') }),
        surgeryDate: surgeryDate ?? '',
      },
      factors,
    };
    const name = `${body.givenName} ${body.familyName}`.trim();
    let enrolment: Enrolment | undefined;
    try {
      enrolment = checkEnrolment(body);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      for (const { field, message } of error.problem.errors ?? []) {
        // Dates already have their own message above.
        if (
          (field === 'surgery.surgeryDate' && !surgeryDate) ||
          (field === 'dateOfBirth' && !dateOfBirth && message !== 'is after the surgery date')
        )
          continue;
        const words = fieldWords[field] ?? field.replace(/^factors\./, '');
        const raw = field === 'email' && !get('email') && !get('phone') ? '' : rawOf(field, get);
        errors.push(raw ? `${words} "${raw}" ${message}` : `${words}: ${message}`);
      }
    }
    const surgeonEmail = get('surgeon_email').toLowerCase();
    return {
      row,
      name,
      errors,
      ...(errors.length === 0 && enrolment ? { enrolment } : {}),
      ...(surgeonEmail ? { surgeonEmail } : {}),
    };
  });
}

function rawOf(field: string, get: (column: Column) => string): string {
  const column: Record<string, Column> = {
    givenName: 'given_name',
    familyName: 'family_name',
    email: 'email',
    phone: 'phone',
    language: 'language',
    mrn: 'mrn',
    'surgery.region': 'region',
    'surgery.procedure': 'procedure',
    'surgery.approach': 'approach',
    'surgery.levels': 'levels',
    'factors.jobDemand': 'job_demand',
  };
  const key = column[field];
  return key ? get(key) : '';
}

function fileProblem(message: string) {
  return invalidField('csv', message, `The file ${message}.`);
}

/** Existing patients matching any row, by MRN, email, or name + date of birth; and emails used by other accounts. */
async function existingMatches(db: Kysely<Database>, clinicId: string, rows: ParsedRow[]) {
  const enrolments = rows.flatMap((row) => (row.enrolment ? [row.enrolment] : []));
  const mrns = [...new Set(enrolments.flatMap((e) => (e.mrn ? [e.mrn] : [])))];
  const emails = [...new Set(enrolments.flatMap((e) => (e.email ? [e.email] : [])))];
  const births = [...new Set(enrolments.flatMap((e) => (e.dateOfBirth ? [e.dateOfBirth] : [])))];
  const byMrn = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const byNameBirth = new Map<string, string>();
  const chunks = <T>(items: T[]) =>
    Array.from({ length: Math.ceil(items.length / 1000) }, (_, i) =>
      items.slice(i * 1000, i * 1000 + 1000),
    );
  for (const chunk of chunks(mrns)) {
    const found = await db
      .selectFrom('patients')
      .select(['id', 'mrn'])
      .where('clinic_id', '=', clinicId)
      .where(sql<boolean>`mrn = any(${chunk}::text[])`)
      .execute();
    for (const p of found) if (p.mrn) byMrn.set(p.mrn, p.id);
  }
  for (const chunk of chunks(emails)) {
    const found = await db
      .selectFrom('patients')
      .select(['id', sql<string>`lower(email)`.as('email')])
      .where('clinic_id', '=', clinicId)
      .where(sql<boolean>`lower(email) = any(${chunk}::text[])`)
      .execute();
    for (const p of found) byEmail.set(p.email, p.id);
  }
  for (const chunk of chunks(births)) {
    const found = await db
      .selectFrom('patients')
      .select(['id', 'given_name', 'family_name', 'date_of_birth'])
      .where('clinic_id', '=', clinicId)
      .where(sql<boolean>`date_of_birth = any(${chunk}::date[])`)
      .execute();
    for (const p of found)
      byNameBirth.set(nameBirthKey(p.given_name, p.family_name, String(p.date_of_birth)), p.id);
  }
  const otherAccounts = new Set<string>();
  for (const chunk of chunks(emails)) {
    const found = await db
      .selectFrom('users')
      .select(sql<string>`lower(email)`.as('email'))
      .where('clinic_id', '=', clinicId)
      .where(sql<boolean>`lower(email) = any(${chunk}::text[])`)
      .execute();
    for (const u of found) if (!byEmail.has(u.email)) otherAccounts.add(u.email);
  }
  return { byMrn, byEmail, byNameBirth, otherAccounts };
}

const nameBirthKey = (given: string, family: string, birth: string) =>
  `${family.toLowerCase()}\u0000${given.toLowerCase()}\u0000${birth}`;

async function surgeonsByEmail(db: Kysely<Database>, clinicId: string) {
  const rows = await db
    .selectFrom('users')
    .select(['id', sql<string>`lower(email)`.as('email')])
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'clinician')
    .where('disabled_at', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.email, row.id]));
}

/**
 * Writes the import's audit row in the enrolment's transaction. In a request it is `audit(c, …)`
 * (actor, ip and clinic from the request); without one (the CLI) the row is written with the
 * `actor` and `ip` given to importPatients.
 */
export type ImportAuditor = (event: AuditEvent, trx: Kysely<Database>) => Promise<void>;

/** Checks a file, and unless `dryRun` enrols its new rows (all of them or none). */
export async function importPatients(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    actor: Actor | null;
    ip: string | null;
    /** Set in a request: `(event, trx) => audit(c, event, trx)`. */
    audit?: ImportAuditor;
    csv: string;
    dryRun: boolean;
    dateFormat?: DateFormat;
  },
): Promise<ImportReport> {
  const parsed = parseRows(input.csv, input.dateFormat ?? 'YYYY-MM-DD');
  const existing = await existingMatches(db, input.clinicId, parsed);
  const surgeons = parsed.some((row) => row.surgeonEmail)
    ? await surgeonsByEmail(db, input.clinicId)
    : new Map<string, string>();
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const toEnrol: { report: ImportRow; enrolment: Enrolment }[] = [];
  for (const row of parsed) {
    const report: ImportRow = {
      row: row.row,
      name: row.name,
      status: 'error',
      errors: [...row.errors],
    };
    rows.push(report);
    if (row.surgeonEmail) {
      const surgeonId = surgeons.get(row.surgeonEmail);
      if (!surgeonId)
        report.errors.push(
          `surgeon email "${row.surgeonEmail}" is not one of the clinic’s surgeons`,
        );
      else if (row.enrolment) row.enrolment.surgeonId = surgeonId;
    }
    const e = row.enrolment;
    if (!e || report.errors.length > 0) continue;
    const keys: [string, string][] = [];
    if (e.mrn) keys.push([`mrn:${e.mrn}`, 'MRN']);
    if (e.email) keys.push([`email:${e.email}`, 'email']);
    if (e.dateOfBirth)
      keys.push([
        `nb:${nameBirthKey(e.givenName, e.familyName, e.dateOfBirth)}`,
        'name and date of birth',
      ]);
    const earlier = keys.find(([key]) => seen.has(key));
    if (earlier) {
      report.errors.push(`is the same patient as row ${seen.get(earlier[0])} (same ${earlier[1]})`);
      continue;
    }
    for (const [key] of keys) seen.set(key, row.row);
    const existingId =
      (e.mrn && existing.byMrn.get(e.mrn)) ||
      (e.email && existing.byEmail.get(e.email)) ||
      (e.dateOfBirth &&
        existing.byNameBirth.get(nameBirthKey(e.givenName, e.familyName, e.dateOfBirth)));
    if (existingId) {
      report.status = 'already-enrolled';
      report.patientId = existingId;
      continue;
    }
    if (e.email && existing.otherAccounts.has(e.email)) {
      report.errors.push(`email "${e.email}" is already used by someone else in this clinic`);
      continue;
    }
    report.status = 'new';
    toEnrol.push({ report, enrolment: e });
  }
  for (const report of rows) if (report.errors.length > 0) report.status = 'error';
  const counts = {
    rows: rows.length,
    new: rows.filter((r) => r.status === 'new').length,
    alreadyEnrolled: rows.filter((r) => r.status === 'already-enrolled').length,
    errors: rows.filter((r) => r.status === 'error').length,
  };
  const report: ImportReport = { dryRun: input.dryRun, enrolled: false, counts, rows };
  if (input.dryRun) return report;
  if (counts.errors > 0) {
    const error = new HttpProblem(
      400,
      'Invalid input',
      `${counts.errors} of ${counts.rows} rows have problems, so nobody was enrolled. Fix them and import the file again.`,
      rows
        .filter((r) => r.status === 'error')
        .map((r) => ({ field: `row ${r.row}`, message: r.errors.join('; ') })),
    );
    Object.assign(error.problem, { report });
    throw error;
  }
  try {
    await db.transaction().execute(async (trx) => {
      const ids = await enrolPatients(
        trx,
        input.clinicId,
        input.actor?.userId ?? null,
        toEnrol.map((item) => item.enrolment),
      );
      ids.forEach((id, i) => {
        const item = toEnrol[i];
        if (item) item.report.patientId = id.patientId;
      });
      const event: AuditEvent = {
        action: 'patient.import',
        subjectType: 'patient',
        details: {
          rows: counts.rows,
          enrolled: ids.length,
          alreadyEnrolled: counts.alreadyEnrolled,
          patientIds: ids.map((id) => id.patientId),
        },
      };
      if (input.audit) await input.audit(event, trx);
      else
        await recordAudit(trx, {
          ...event,
          clinicId: input.clinicId,
          actor: input.actor,
          ip: input.ip,
        });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new HttpProblem(
        409,
        'Conflict',
        'Some of these patients were enrolled by someone else while this file was imported, so nobody was enrolled. Import the file again: those already enrolled will be skipped.',
      );
    throw error;
  }
  report.enrolled = true;
  return report;
}
