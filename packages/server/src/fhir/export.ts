import type { Resource } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import { mayActInClinic } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { uuidParam } from '../http/context.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { auditFhir, authorizeFhir, type FhirCaller, fhirCaller } from './caller.ts';
import { FhirError, invalidParameter, operationOutcome, sendFhir } from './outcome.ts';
import { definitionFor, type FhirContext } from './resources.ts';
import { parseDate } from './search.ts';

/**
 * Bulk Data export (FHIR Bulk Data Access 2.0, issue 18): kick-off answers 202 with the status
 * address; the job's state is a row (any server process can answer the status), its NDJSON files
 * go to the BlobStore. The export runs in the process that took the kick-off; a job whose process
 * stopped stays in progress (a known limit: pg-boss could own it, see docs/fhir.md).
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

const batch = 1000;

interface ExportOutput {
  type: string;
  file: string;
  count: number;
}

function base(c: AppContext) {
  const url = c.get('deps').publicUrl;
  return `${url.origin}${url.pathname.replace(/\/$/, '')}/fhir/r4`;
}

const fileKey = (clinicId: string, exportId: string, type: string) =>
  `${clinicId}/fhir-export/${exportId}/${type}.ndjson`;

function authorizeExport(caller: FhirCaller, types: readonly string[]) {
  if (caller.actor && !mayActInClinic(caller.actor, 'manage-clinic-settings', caller.clinicId))
    throw new FhirError(403, 'forbidden', 'A bulk export of the clinic is for admins.');
  for (const type of types) {
    authorizeFhir(caller, type, 'r');
    authorizeFhir(caller, type, 's');
  }
}

/** Every resource of a type in the clinic, page by page (the same search the API serves). */
async function* everyResource(
  ctx: FhirContext,
  type: string,
  since: Date | null,
): AsyncGenerator<Resource> {
  const definition = definitionFor(type);
  if (!definition) return;
  const values = new Map<string, string[]>();
  if (since && definition.params.some((p) => p.name === '_lastUpdated'))
    values.set('_lastUpdated', [`ge${since.toISOString()}`]);
  if (type === 'Observation' || type === 'QuestionnaireResponse') {
    // One walk over the rows (no offset re-scans): the whole set in one page.
    const all = await definition.search(ctx, {
      values,
      count: Number.MAX_SAFE_INTEGER,
      offset: 0,
      includes: [],
    });
    yield* all.matches;
    return;
  }
  for (let offset = 0; ; offset += batch) {
    const page = await definition.search(ctx, { values, count: batch, offset, includes: [] });
    yield* page.matches;
    if (!page.more) return;
  }
}

export async function runExport(
  db: Kysely<Database>,
  files: BlobStore,
  caller: FhirCaller,
  job: { id: string; types: readonly string[]; since: Date | null },
  now: () => Date,
): Promise<ExportOutput[]> {
  const ctx: FhirContext = { db, caller };
  const output: ExportOutput[] = [];
  const encoder = new TextEncoder();
  for (const type of job.types) {
    const lines: string[] = [];
    for await (const resource of everyResource(ctx, type, job.since))
      lines.push(JSON.stringify(resource));
    if (lines.length === 0) continue;
    await files.put(
      fileKey(caller.clinicId, job.id, type),
      encoder.encode(`${lines.join('\n')}\n`),
    );
    output.push({ type, file: `${type}.ndjson`, count: lines.length });
  }
  await db
    .updateTable('fhir_exports')
    .set({ status: 'completed', completed_at: now(), output: JSON.stringify(output) })
    .where('clinic_id', '=', caller.clinicId)
    .where('id', '=', job.id)
    .execute();
  return output;
}

/** GET /fhir/r4/$export (system level: the whole clinic) with `Prefer: respond-async`. */
export async function kickOff(c: AppContext): Promise<Response> {
  const caller = await fhirCaller(c);
  const url = new URL(c.req.url);
  let types: string[] = [...exportTypes];
  let since: Date | null = null;
  for (const [name, value] of url.searchParams) {
    if (name === '_type') {
      types = value.split(',');
      const unknown = types.find((t) => !(exportTypes as readonly string[]).includes(t));
      if (unknown)
        throw invalidParameter(
          '_type',
          `names "${unknown}", which is not exported (${exportTypes.join(', ')})`,
        );
    } else if (name === '_since') {
      const bound = parseDate('_since', value);
      since = bound.start;
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
  authorizeExport(caller, types);
  if (!/respond-async/.test(c.req.header('prefer') ?? ''))
    throw new FhirError(400, 'invalid', 'A bulk export needs the header "Prefer: respond-async".');
  const { db, files, now, log } = c.get('deps');
  if (!files)
    throw new FhirError(503, 'transient', 'This server stores no files, so it cannot export.');
  const job = await db
    .insertInto('fhir_exports')
    .values({
      clinic_id: caller.clinicId,
      types,
      since,
      request_url: url.toString(),
      requested_by: caller.actor?.userId ?? null,
      smart_client_id: caller.smartClientId,
      created_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await auditFhir(c, caller, {
    action: 'fhir.export',
    subjectType: 'fhir_export',
    subjectId: job.id,
    details: { types },
  });
  void runExport(db, files, caller, { id: job.id, types, since }, now).catch(
    async (error: unknown) => {
      log?.error({ err: error, exportId: job.id }, 'bulk export failed');
      await db
        .updateTable('fhir_exports')
        .set({ status: 'failed', completed_at: now() })
        .where('clinic_id', '=', caller.clinicId)
        .where('id', '=', job.id)
        .execute();
    },
  );
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
    .executeTakeFirst();
  if (!job) throw new FhirError(404, 'not-found', 'This export was not found.');
  return job;
}

export async function exportStatus(c: AppContext): Promise<Response> {
  const caller = await fhirCaller(c);
  const job = await findJob(c, caller);
  authorizeExport(caller, job.types);
  if (job.status === 'in-progress') {
    c.header('x-progress', 'in progress');
    c.header('retry-after', '2');
    return c.body(null, 202);
  }
  if (job.status === 'failed')
    throw new FhirError(422, 'exception', 'The export failed; start a new one.');
  const output = (job.output ?? []) as ExportOutput[];
  return c.json({
    transactionTime: job.created_at.toISOString(),
    request: job.request_url,
    requiresAccessToken: true,
    output: output.map((o) => ({
      type: o.type,
      url: `${base(c)}/$export-file/${job.id}/${o.file}`,
      count: o.count,
    })),
    error: [],
  });
}

export async function exportFile(c: AppContext): Promise<Response> {
  const caller = await fhirCaller(c);
  const job = await findJob(c, caller);
  authorizeExport(caller, job.types);
  const file = c.req.param('file') ?? '';
  const entry = ((job.output ?? []) as ExportOutput[]).find((o) => o.file === file);
  const bytes = entry
    ? await c.get('deps').files?.get(fileKey(caller.clinicId, job.id, entry.type))
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
