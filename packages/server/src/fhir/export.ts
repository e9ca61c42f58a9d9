import { localDate } from '@lamina/pathway';
import type { Resource } from '@medplum/fhirtypes';
import { type Kysely, sql } from 'kysely';
import { mayActInClinic } from '../auth/access.ts';
import { onClinicRef } from '../db/joins.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { uuidParam } from '../http/context.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { auditFhir, authorizeFhir, type FhirCaller, fhirCaller } from './caller.ts';
import {
  type CheckinRow,
  checkinToObservations,
  checkinToResponse,
  type PromRow,
  promToObservations,
  promToResponse,
} from './mappers.ts';
import { FhirError, invalidParameter, operationOutcome, sendFhir } from './outcome.ts';
import { definitionFor, type FhirContext } from './resources.ts';
import { parseDate } from './search.ts';

/**
 * Bulk Data export (FHIR Bulk Data Access 2.0, issue 18, decision 024). The kick-off stores the
 * request as a row of `fhir_exports` and queues a job (fhir/export-jobs.ts, pg-boss): whichever
 * server process is free runs it, and a job whose process stopped is run again. The row is the
 * export's state (status, progress, files), so any process answers the status. The job streams:
 * each type is read in keyset pages (by id, never an offset), each page mapped and written as NDJSON
 * lines into the current part file, which goes to the clinic's file store when it is full — memory
 * holds one page and one part, never a whole table.
 */
export const exportTypes = [
  'Patient',
  'Practitioner',
  'Procedure',
  'CarePlan',
  'QuestionnaireResponse',
  'Observation',
  'Flag',
  'Communication',
  'ImagingStudy',
] as const;

/** The types in the Patient compartment: what Patient/$export and Group/$export give. */
export const patientExportTypes: readonly string[] = exportTypes.filter(
  (type) => type !== 'Practitioner',
);

export type ExportLevel = 'system' | 'patient';

export interface ExportOutput {
  type: string;
  file: string;
  count: number;
}

export interface ExportLimits {
  /** Rows read per query. */
  readonly pageSize: number;
  /** A part file is written when it holds this many lines … */
  readonly partLines: number;
  /** … or this many bytes (about). */
  readonly partBytes: number;
}

export const defaultExportLimits: ExportLimits = {
  pageSize: 1000,
  partLines: 100_000,
  partBytes: 32_000_000,
};

/** Where an export's files live: under the clinic, like every stored file. */
export const exportFileKey = (clinicId: string, exportId: string, file: string) =>
  `clinics/${clinicId}/fhir-export/${exportId}/${file}`;

interface OpenPart {
  buf: Buffer;
  used: number;
  lines: number;
}

/**
 * NDJSON part files, one open part per type. Each line is encoded straight into the part's buffer
 * (no array of lines, no join); a full part goes to the file store while the next one fills (one
 * write in flight, its buffer reused after). Stores take whole objects (disk, S3), so a part is the
 * unit: memory holds at most two buffers per open type.
 */
class NdjsonParts {
  private readonly open = new Map<string, OpenPart>();
  private readonly parts = new Map<string, number>();
  private readonly spare: Buffer[] = [];
  private inFlight: { done: Promise<unknown>; buf: Buffer } | undefined;
  private readonly files: BlobStore;
  private readonly key: (file: string) => string;
  private readonly limits: ExportLimits;
  readonly written: ExportOutput[] = [];

  constructor(files: BlobStore, key: (file: string) => string, limits: ExportLimits) {
    this.files = files;
    this.key = key;
    this.limits = limits;
  }

  private buffer(atLeast: number): Buffer {
    const spare = this.spare.pop();
    return spare && spare.length >= atLeast
      ? spare
      : Buffer.allocUnsafe(Math.max(this.limits.partBytes, atLeast));
  }

  async add(resource: Resource): Promise<void> {
    const type = resource.resourceType;
    const line = JSON.stringify(resource);
    // At most 3 bytes of UTF-8 per UTF-16 unit, and the newline.
    const most = line.length * 3 + 1;
    let part = this.open.get(type);
    if (part && part.lines > 0 && part.used + most > part.buf.length) {
      await this.store(type);
      part = undefined;
    }
    if (!part) {
      part = { buf: this.buffer(most), used: 0, lines: 0 };
      this.open.set(type, part);
    }
    part.used += part.buf.write(line, part.used, 'utf8');
    part.buf[part.used++] = 0x0a;
    part.lines++;
    if (part.lines >= this.limits.partLines) await this.store(type);
  }

  /** Waits for the write in flight; its buffer is free again. */
  private async settle(): Promise<void> {
    const flight = this.inFlight;
    if (!flight) return;
    this.inFlight = undefined;
    const failure = await flight.done;
    if (failure instanceof Error) throw failure;
    this.spare.push(flight.buf);
  }

  private async store(type: string): Promise<void> {
    const part = this.open.get(type);
    this.open.delete(type);
    if (!part || part.lines === 0) return;
    await this.settle();
    const n = (this.parts.get(type) ?? 0) + 1;
    this.parts.set(type, n);
    const file = `${type}-${n}.ndjson`;
    this.written.push({ type, file, count: part.lines });
    // Not awaited here: the next part fills while this one is written (the failure is kept, not lost).
    const done = this.files.put(this.key(file), part.buf.subarray(0, part.used)).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    this.inFlight = { done, buf: part.buf };
  }

  async finish(): Promise<ExportOutput[]> {
    for (const type of [...this.open.keys()]) await this.store(type);
    await this.settle();
    return this.written;
  }

  async discard(): Promise<void> {
    this.open.clear();
    await this.settle().catch(() => {});
  }
}

/** Asks for the next page while the caller works on this one (the database works meanwhile). */
async function* ahead<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  try {
    for (;;) {
      const page = await next;
      if (page.done) return;
      next = pages.next();
      yield page.value;
    }
  } finally {
    next.catch(() => {});
  }
}

const firstId = '00000000-0000-0000-0000-000000000000';

/** Rows in keyset pages (id > the last one seen): one index walk, never an offset re-scan. */
async function* keyset<T extends { id: string }>(
  fetch: (after: string) => Promise<T[]>,
  pageSize: number,
): AsyncGenerator<T[]> {
  let after = firstId;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < pageSize) return;
  }
}

type IdTable = 'patients' | 'users' | 'surgeries' | 'alerts' | 'alert_events' | 'imaging_studies';

/** Ids of a table's rows in the clinic, page by page. */
async function* idPages(
  db: Kysely<Database>,
  clinicId: string,
  table: IdTable,
  where: ReturnType<typeof sql>,
  pageSize: number,
): AsyncGenerator<string[]> {
  const pages = keyset(
    async (after) =>
      (
        await sql<{ id: string }>`
          select id from ${sql.table(table)}
          where clinic_id = ${clinicId} and id > ${after} and ${where}
          order by id limit ${pageSize}`.execute(db)
      ).rows,
    pageSize,
  );
  for await (const rows of pages) yield rows.map((row) => row.id);
}

/** A page of ids mapped by the type's own search (`_id=a,b,…`): the same resources the API serves. */
async function* byDefinition(
  ctx: FhirContext,
  type: string,
  ids: AsyncGenerator<string[]>,
  idsFor: (ids: string[]) => string[] = (page) => page,
): AsyncGenerator<Resource[]> {
  const definition = definitionFor(type);
  if (!definition) return;
  for await (const page of ids) {
    const wanted = idsFor(page);
    const found = await definition.search(ctx, {
      values: new Map([['_id', [wanted.join(',')]]]),
      count: wanted.length,
      offset: 0,
      includes: [],
    });
    yield found.matches;
  }
}

const always = sql`true`;

/** Check-ins and PROMs in keyset pages, each row mapped to its QuestionnaireResponse and/or Observations. */
async function* reported(
  ctx: FhirContext,
  since: Date | null,
  want: { responses: boolean; observations: boolean },
  pageSize: number,
): AsyncGenerator<Resource[]> {
  const { db, caller } = ctx;
  const checkins = keyset(async (after) => {
    let q = db
      .selectFrom('checkins as c')
      .leftJoin('surgeries as s', (join) => onClinicRef(join, 's.id', 'c.surgery_id'))
      .selectAll('c')
      .select('s.region')
      .where('c.clinic_id', '=', caller.clinicId)
      .where('c.id', '>', after);
    if (since) q = q.where('c.received_at', '>=', since);
    return (await q.orderBy('c.id').limit(pageSize).execute()) as (CheckinRow & {
      region: string | null;
    })[];
  }, pageSize);
  for await (const rows of checkins)
    yield rows.flatMap((row) => [
      ...(want.responses ? [checkinToResponse(row)] : []),
      ...(want.observations ? checkinToObservations(row, row.region) : []),
    ]);
  const proms = keyset(async (after) => {
    let q = db
      .selectFrom('prom_responses')
      .select(['id', 'patient_id', 'instrument', 'answers', 'scores', 'completed_at', 'entered_by'])
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '>', after);
    if (since) q = q.where('completed_at', '>=', since);
    return (await q.orderBy('id').limit(pageSize).execute()) as PromRow[];
  }, pageSize);
  for await (const rows of proms)
    yield rows.flatMap((row) => [
      ...(want.responses ? [promToResponse(row)] : []),
      ...(want.observations ? promToObservations(row) : []),
    ]);
}

/**
 * What one export reads, type by type. `_since` uses the time each row last changed where Lamina
 * keeps one (check-ins, PROMs, alerts and their events, imaging studies); patients, staff and
 * surgeries keep no change time, so they are always included (more than asked, never less).
 */
function sources(
  ctx: FhirContext,
  types: readonly string[],
  since: Date | null,
  pageSize: number,
): { label: string; pages: () => AsyncGenerator<Resource[]> }[] {
  const { db, caller } = ctx;
  const ids = (table: IdTable, where = always) =>
    idPages(db, caller.clinicId, table, where, pageSize);
  const after = (column: string) => (since ? sql`${sql.ref(column)} >= ${since}` : always);
  const out: { label: string; pages: () => AsyncGenerator<Resource[]> }[] = [];
  const add = (type: string, pages: () => AsyncGenerator<Resource[]>) => {
    if (types.includes(type)) out.push({ label: type, pages });
  };
  add('Patient', () => byDefinition(ctx, 'Patient', ids('patients')));
  add('Practitioner', () =>
    byDefinition(ctx, 'Practitioner', ids('users', sql`role <> 'patient'`)),
  );
  // A fusion is a Procedure of its own (<surgery>-fusion), read with its surgery.
  add('Procedure', () =>
    byDefinition(ctx, 'Procedure', ids('surgeries'), (page) => [
      ...page,
      ...page.map((id) => `${id}-fusion`),
    ]),
  );
  add('CarePlan', () => byDefinition(ctx, 'CarePlan', ids('surgeries')));
  const responses = types.includes('QuestionnaireResponse');
  const observations = types.includes('Observation');
  if (responses || observations)
    out.push({
      label: [responses ? 'QuestionnaireResponse' : '', observations ? 'Observation' : '']
        .filter(Boolean)
        .join(' and '),
      pages: () => reported(ctx, since, { responses, observations }, pageSize),
    });
  add('Flag', () =>
    byDefinition(
      ctx,
      'Flag',
      ids(
        'alerts',
        since ? sql`greatest(created_at, acknowledged_at, resolved_at) >= ${since}` : always,
      ),
    ),
  );
  add('Communication', () =>
    byDefinition(
      ctx,
      'Communication',
      ids('alert_events', sql`kind <> 'created' and ${after('at')}`),
    ),
  );
  add('ImagingStudy', () =>
    byDefinition(
      ctx,
      'ImagingStudy',
      ids('imaging_studies', sql`patient_id is not null and ${after('created_at')}`),
    ),
  );
  return out;
}

/** Records progress; answers whether the export is still wanted (not cancelled meanwhile). */
async function stillWanted(
  db: Kysely<Database>,
  job: { clinicId: string; exportId: string },
  progress: string,
): Promise<boolean> {
  const row = await db
    .updateTable('fhir_exports')
    .set({ progress })
    .where('clinic_id', '=', job.clinicId)
    .where('id', '=', job.exportId)
    .where('status', '=', 'in-progress')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

async function removeFiles(files: BlobStore, clinicId: string, exportId: string, output: unknown) {
  for (const o of (output ?? []) as ExportOutput[])
    await files.delete(exportFileKey(clinicId, exportId, o.file));
}

/**
 * Runs one export (the job's body): safe to run again after a crash — it starts over, writing the
 * same file names, and only the finished run records the manifest. Returns the final status.
 */
export async function runExportJob(
  db: Kysely<Database>,
  files: BlobStore,
  job: { clinicId: string; exportId: string },
  now: () => Date,
  limits: ExportLimits = defaultExportLimits,
): Promise<{ status: 'completed' | 'cancelled' | 'failed' | 'missing'; output: ExportOutput[] }> {
  const row = await db
    .selectFrom('fhir_exports')
    .innerJoin('clinics', 'clinics.id', 'fhir_exports.clinic_id')
    .selectAll('fhir_exports')
    .select('clinics.timezone')
    .where('fhir_exports.clinic_id', '=', job.clinicId)
    .where('fhir_exports.id', '=', job.exportId)
    .executeTakeFirst();
  if (!row) return { status: 'missing', output: [] };
  if (row.status !== 'in-progress')
    return { status: row.status, output: (row.output ?? []) as ExportOutput[] };
  // The kick-off checked who asked; the job reads as the clinic, through the same searches.
  const caller: FhirCaller = {
    clinicId: job.clinicId,
    timeZone: row.timezone,
    today: localDate(row.timezone, now()),
    actor: null,
    smartClientId: row.smart_client_id,
    scopes: null,
  };
  const ctx: FhirContext = { db, caller };
  const parts = new NdjsonParts(
    files,
    (file) => exportFileKey(job.clinicId, job.exportId, file),
    limits,
  );
  let total = 0;
  for (const source of sources(ctx, row.types, row.since, limits.pageSize)) {
    let count = 0;
    for await (const page of ahead(source.pages())) {
      for (const resource of page) await parts.add(resource);
      count += page.length;
      total += page.length;
      if (!(await stillWanted(db, job, `${source.label}: ${count} written (${total} in all)`))) {
        await parts.discard();
        await removeFiles(files, job.clinicId, job.exportId, parts.written);
        return { status: 'cancelled', output: [] };
      }
    }
  }
  const output = await parts.finish();
  const done = await db
    .updateTable('fhir_exports')
    .set({
      status: 'completed',
      completed_at: now(),
      progress: null,
      output: JSON.stringify(output),
    })
    .where('clinic_id', '=', job.clinicId)
    .where('id', '=', job.exportId)
    .where('status', '=', 'in-progress')
    .returning('id')
    .executeTakeFirst();
  if (done) return { status: 'completed', output };
  await removeFiles(files, job.clinicId, job.exportId, output);
  return { status: 'cancelled', output: [] };
}

/** The job gave up (every retry failed): the status says so. */
export async function markExportFailed(
  db: Kysely<Database>,
  job: { clinicId: string; exportId: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('fhir_exports')
    .set({ status: 'failed', completed_at: now, progress: null })
    .where('clinic_id', '=', job.clinicId)
    .where('id', '=', job.exportId)
    .where('status', '=', 'in-progress')
    .execute();
}

function base(c: AppContext) {
  const url = c.get('deps').publicUrl;
  return `${url.origin}${url.pathname.replace(/\/$/, '')}/fhir/r4`;
}

function authorizeExport(caller: FhirCaller, types: readonly string[]) {
  if (caller.actor && !mayActInClinic(caller.actor, 'manage-clinic-settings', caller.clinicId))
    throw new FhirError(403, 'forbidden', 'A bulk export of the clinic is for admins.');
  for (const type of types) {
    authorizeFhir(caller, type, 'r');
    authorizeFhir(caller, type, 's');
  }
}

/** The kick-off's parameters (_type, _since, _outputFormat); anything else is refused by name. */
function exportRequest(url: URL, allowed: readonly string[]) {
  let types: string[] = [...allowed];
  let since: Date | null = null;
  for (const [name, value] of url.searchParams) {
    if (name === '_type') {
      types = [...new Set(value.split(',').map((t) => t.trim()))];
      const unknown = types.find((t) => !allowed.includes(t));
      if (unknown !== undefined)
        throw invalidParameter(
          '_type',
          `names "${unknown}", which is not exported here (${allowed.join(', ')})`,
        );
    } else if (name === '_since') {
      since = parseDate('_since', value).start;
    } else if (name === '_outputFormat') {
      if (!['application/fhir+ndjson', 'application/ndjson', 'ndjson'].includes(value))
        throw invalidParameter('_outputFormat', 'must be application/fhir+ndjson');
    } else
      throw new FhirError(
        400,
        'not-supported',
        `The parameter "${name}" is not supported by $export here.`,
        [name],
      );
  }
  return { types, since };
}

/** GET $export (Prefer: respond-async): the whole clinic (system) or its patients (patient, group). */
export async function kickOff(c: AppContext, level: ExportLevel): Promise<Response> {
  const caller = await fhirCaller(c);
  const url = new URL(c.req.url);
  const { types, since } = exportRequest(
    url,
    level === 'system' ? exportTypes : patientExportTypes,
  );
  authorizeExport(caller, types);
  if (!/respond-async/.test(c.req.header('prefer') ?? ''))
    throw new FhirError(400, 'invalid', 'A bulk export needs the header "Prefer: respond-async".');
  const { db, files, now, exportJobs } = c.get('deps');
  if (!files || !exportJobs)
    throw new FhirError(503, 'transient', 'This server runs no export jobs; try again later.');
  const job = await db
    .insertInto('fhir_exports')
    .values({
      clinic_id: caller.clinicId,
      level,
      types,
      since,
      request_url: url.toString(),
      requested_by: caller.actor?.userId ?? null,
      smart_client_id: caller.smartClientId,
      created_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    await exportJobs.enqueue(caller.clinicId, job.id);
  } catch (error) {
    await markExportFailed(db, { clinicId: caller.clinicId, exportId: job.id }, now());
    throw error;
  }
  await auditFhir(c, caller, {
    action: 'fhir.export',
    subjectType: 'fhir_export',
    subjectId: job.id,
    details: { level, types },
  });
  c.header('content-location', `${base(c)}/$export-status/${job.id}`);
  return sendFhir(c, operationOutcome('information', 'informational', 'Export started.'), 202);
}

async function findJob(c: AppContext, caller: FhirCaller) {
  const id = c.req.param('exportId') ?? '';
  if (!uuidParam.safeParse(id).success)
    throw new FhirError(404, 'not-found', 'This export was not found.');
  const job = await c
    .get('deps')
    .db.selectFrom('fhir_exports')
    .selectAll()
    .where('clinic_id', '=', caller.clinicId)
    .where('id', '=', id)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  if (!job) throw new FhirError(404, 'not-found', 'This export was not found.');
  authorizeExport(caller, job.types);
  return job;
}

/** The manifest (Bulk Data 2.0): one entry per NDJSON file. */
export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: string; url: string; count: number }[];
  error: { type: string; url: string }[];
}

export async function exportStatus(c: AppContext): Promise<Response> {
  const caller = await fhirCaller(c);
  const job = await findJob(c, caller);
  if (job.status === 'in-progress') {
    c.header('x-progress', job.progress ?? 'queued');
    c.header('retry-after', '2');
    return c.body(null, 202);
  }
  if (job.status === 'failed')
    throw new FhirError(422, 'exception', 'The export failed; start a new one.');
  const output = (job.output ?? []) as ExportOutput[];
  const manifest: ExportManifest = {
    transactionTime: job.created_at.toISOString(),
    request: job.request_url,
    requiresAccessToken: true,
    output: output.map((o) => ({
      type: o.type,
      url: `${base(c)}/$export-file/${job.id}/${o.file}`,
      count: o.count,
    })),
    error: [],
  };
  return c.json(manifest, 200, { expires: new Date(Date.now() + 3_600_000).toUTCString() });
}

/** DELETE on the status address: the export stops (the job sees it at its next page) and its files go. */
export async function cancelExport(c: AppContext): Promise<Response> {
  const caller = await fhirCaller(c);
  const job = await findJob(c, caller);
  const { db, files } = c.get('deps');
  await db
    .updateTable('fhir_exports')
    .set({ status: 'cancelled', progress: null })
    .where('clinic_id', '=', caller.clinicId)
    .where('id', '=', job.id)
    .execute();
  if (files) await removeFiles(files, caller.clinicId, job.id, job.output);
  await auditFhir(c, caller, {
    action: 'fhir.export.cancel',
    subjectType: 'fhir_export',
    subjectId: job.id,
  });
  return sendFhir(c, operationOutcome('information', 'informational', 'Export cancelled.'), 202);
}

export async function exportFile(c: AppContext): Promise<Response> {
  const caller = await fhirCaller(c);
  const job = await findJob(c, caller);
  const file = c.req.param('file') ?? '';
  const entry =
    job.status === 'completed'
      ? ((job.output ?? []) as ExportOutput[]).find((o) => o.file === file)
      : undefined;
  const bytes = entry
    ? await c.get('deps').files?.get(exportFileKey(caller.clinicId, job.id, entry.file))
    : undefined;
  if (!entry || !bytes) throw new FhirError(404, 'not-found', 'This export file was not found.');
  await auditFhir(c, caller, {
    action: 'fhir.export.download',
    subjectType: 'fhir_export',
    subjectId: `${job.id}/${file}`,
    details: { type: entry.type, count: entry.count },
  });
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/fhir+ndjson',
  });
}
