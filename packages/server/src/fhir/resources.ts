import {
  type IsoDate,
  isPromInstrumentId,
  PlanInputError,
  patientFactorsSchema,
  plan,
  planOverridesSchema,
  promInstrumentIds,
  promInstruments,
  surgerySchema,
} from '@lamina/pathway';
import type { Questionnaire, Resource } from '@medplum/fhirtypes';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { uuidParam } from '../http/context.ts';
import type { FhirCaller } from './caller.ts';
import {
  type AlertEventRow,
  type AlertRow,
  type AuditRow,
  type CheckinRow,
  checkinToObservations,
  checkinToResponse,
  type ImagingStudyRow,
  type PromRow,
  promToObservations,
  promToResponse,
  type SurgeryRow,
  toAuditEvent,
  toCarePlan,
  toCommunication,
  toFlag,
  toImagingStudy,
  toPatient,
  toPractitioner,
  toProcedures,
} from './mappers.ts';
import {
  type DateBound,
  matchesDates,
  type ParamSpec,
  parseDate,
  parseToken,
  referenceId,
  type SearchRequest,
} from './search.ts';

/**
 * Each resource type the API serves: its search parameters, `_include`s, read and search, all over
 * Lamina's own tables and always inside the caller's clinic (decision 024).
 */
export interface FhirContext {
  readonly db: Kysely<Database>;
  readonly caller: FhirCaller;
}

export interface Found {
  readonly resource: Resource;
  /** The patient whose record this is (for the audit entry); null when none. */
  readonly patientId: string | null;
}

export interface ResourceDefinition {
  readonly type: string;
  /** The read route's path parameter (named like the console's, so the access matrix fills it). */
  readonly idParam: string;
  readonly params: readonly ParamSpec[];
  readonly includes: readonly string[];
  read(ctx: FhirContext, id: string): Promise<Found | undefined>;
  search(ctx: FhirContext, request: SearchRequest): Promise<{ matches: Resource[]; more: boolean }>;
}

const p = (name: string, type: ParamSpec['type'], documentation: string): ParamSpec => ({
  name,
  type,
  documentation,
});
const idParam = p('_id', 'token', 'The resource id');
const patientParam = p('patient', 'reference', 'The patient (Patient/<id>)');
const subjectParam = p('subject', 'reference', 'The patient (Patient/<id>)');
const lastUpdated = p('_lastUpdated', 'date', 'When Lamina received or last changed it');

const isUuid = (id: string) => uuidParam.safeParse(id).success;

/** The patient ids a search is limited to: undefined (no limit) or a list (maybe empty: nothing matches). */
function patientFilter(request: SearchRequest): string[] | undefined {
  const wanted = [
    ...(request.values.get('patient') ?? []),
    ...(request.values.get('subject') ?? []),
  ];
  if (wanted.length === 0) return undefined;
  // Several values of one parameter are ORed (comma) and several parameters ANDed.
  const sets = wanted.map((value) =>
    value
      .split(',')
      .map((v) => referenceId(v, 'Patient'))
      .filter((id): id is string => id !== null),
  );
  const [first, ...rest] = sets;
  return (first ?? []).filter((id) => rest.every((set) => set.includes(id)));
}

function idFilter(request: SearchRequest): string[] | undefined {
  const values = request.values.get('_id');
  if (!values) return undefined;
  const sets = values.map((v) => v.split(','));
  const [first, ...rest] = sets;
  return (first ?? []).filter((id) => rest.every((set) => set.includes(id)));
}

function dates(request: SearchRequest, name: string): DateBound[] {
  return (request.values.get(name) ?? []).map((value) => parseDate(name, value));
}

// biome-ignore lint/suspicious/noExplicitAny: one helper for every table's query builder
type AnyQuery = SelectQueryBuilder<any, any, any>;

function whereDates(
  query: AnyQuery,
  column: string,
  bounds: readonly DateBound[],
  dateOnly = false,
): AnyQuery {
  const v = (d: Date) => (dateOnly ? d.toISOString().slice(0, 10) : d);
  let q = query;
  for (const { op, start, end } of bounds) {
    const col = sql.ref(column);
    if (op === 'eq') q = q.where(col, '>=', v(start)).where(col, '<', v(end));
    else if (op === 'ne')
      q = q.where((eb) => eb.or([eb(col, '<', v(start)), eb(col, '>=', v(end))]));
    else if (op === 'gt') q = q.where(col, '>=', v(end));
    else if (op === 'ge') q = q.where(col, '>=', v(start));
    else if (op === 'lt') q = q.where(col, '<', v(start));
    else q = q.where(col, '<', v(end));
  }
  return q;
}

function page<T>(rows: T[], request: SearchRequest) {
  return { rows: rows.slice(0, request.count), more: rows.length > request.count };
}

const patientColumns = [
  'id',
  'given_name',
  'family_name',
  'date_of_birth',
  'email',
  'phone',
  'mrn',
  'language',
] as const;

const patient: ResourceDefinition = {
  type: 'Patient',
  idParam: 'patientId',
  params: [
    idParam,
    p('identifier', 'token', 'The clinic’s MRN (system|value or value)'),
    p('family', 'string', 'Family name (starts with, any case)'),
    p('given', 'string', 'Given name (starts with, any case)'),
    p('name', 'string', 'Given or family name (starts with, any case)'),
    p('birthdate', 'date', 'Date of birth'),
    p('email', 'token', 'Email address'),
  ],
  includes: [],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = await db
      .selectFrom('patients')
      .select(patientColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { resource: toPatient(row), patientId: row.id } : undefined;
  },
  async search({ db, caller }, request) {
    let q: AnyQuery = db
      .selectFrom('patients')
      .select(patientColumns)
      .where('clinic_id', '=', caller.clinicId);
    const ids = idFilter(request);
    if (ids)
      q = q.where(
        'id',
        'in',
        ids.filter(isUuid).length ? ids.filter(isUuid) : ['00000000-0000-0000-0000-000000000000'],
      );
    for (const value of request.values.get('identifier') ?? [])
      q = q.where('mrn', '=', parseToken(value).code ?? '');
    const starts = (v: string) => `${v.toLowerCase().replaceAll(/[\\%_]/g, (m) => `\\${m}`)}%`;
    for (const v of request.values.get('family') ?? [])
      q = q.where(sql`lower(family_name)`, 'like', starts(v));
    for (const v of request.values.get('given') ?? [])
      q = q.where(sql`lower(given_name)`, 'like', starts(v));
    for (const v of request.values.get('name') ?? [])
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(family_name)`, 'like', starts(v)),
          eb(sql`lower(given_name)`, 'like', starts(v)),
        ]),
      );
    for (const v of request.values.get('email') ?? [])
      q = q.where(sql`lower(email)`, '=', (parseToken(v).code ?? '').toLowerCase());
    q = whereDates(q, 'date_of_birth', dates(request, 'birthdate'), true);
    const rows = await q
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute();
    const { rows: shown, more } = page(rows as Parameters<typeof toPatient>[0][], request);
    return { matches: shown.map(toPatient), more };
  },
};

const staffColumns = ['id', 'role', 'email', 'display_name', 'disabled_at'] as const;

const practitioner: ResourceDefinition = {
  type: 'Practitioner',
  idParam: 'userId',
  params: [
    idParam,
    p('name', 'string', 'Display name (contains, any case)'),
    p('email', 'token', 'Email address'),
  ],
  includes: [],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = await db
      .selectFrom('users')
      .select(staffColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '=', id)
      .where('role', '!=', 'patient')
      .executeTakeFirst();
    return row ? { resource: toPractitioner(row), patientId: null } : undefined;
  },
  async search({ db, caller }, request) {
    let q: AnyQuery = db
      .selectFrom('users')
      .select(staffColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('role', '!=', 'patient');
    const ids = idFilter(request);
    if (ids)
      q = q.where('id', 'in', [...ids.filter(isUuid), '00000000-0000-0000-0000-000000000000']);
    for (const v of request.values.get('name') ?? [])
      q = q.where(
        sql`lower(display_name)`,
        'like',
        `%${v.toLowerCase().replaceAll(/[\\%_]/g, (m) => `\\${m}`)}%`,
      );
    for (const v of request.values.get('email') ?? [])
      q = q.where(sql`lower(email)`, '=', (parseToken(v).code ?? '').toLowerCase());
    const rows = await q
      .orderBy('display_name')
      .orderBy('id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute();
    const { rows: shown, more } = page(rows as Parameters<typeof toPractitioner>[0][], request);
    return { matches: shown.map(toPractitioner), more };
  },
};

const surgeryColumns = [
  'id',
  'patient_id',
  'surgeon_id',
  'region',
  'procedure',
  'approach',
  'fusion',
  'levels',
  'surgery_date',
  'cancelled_at',
  'factors',
  'overrides',
] as const;
type SurgeryFullRow = SurgeryRow & { factors: unknown; overrides: unknown };

function surgeryQuery(
  db: Kysely<Database>,
  caller: FhirCaller,
  request: SearchRequest,
  idColumnSuffix = '',
): AnyQuery | undefined {
  let q: AnyQuery = db
    .selectFrom('surgeries')
    .select(surgeryColumns)
    .where('clinic_id', '=', caller.clinicId);
  const patients = patientFilter(request);
  if (patients) {
    if (patients.length === 0) return undefined;
    q = q.where('patient_id', 'in', patients);
  }
  const ids = idFilter(request);
  if (ids) {
    const surgeryIds = ids
      .map((id) =>
        idColumnSuffix && id.endsWith(idColumnSuffix) ? id.slice(0, -idColumnSuffix.length) : id,
      )
      .filter(isUuid);
    if (surgeryIds.length === 0) return undefined;
    q = q.where('id', 'in', surgeryIds);
  }
  return q;
}

const procedure: ResourceDefinition = {
  type: 'Procedure',
  idParam: 'surgeryId',
  params: [idParam, patientParam, subjectParam, p('date', 'date', 'The surgery date')],
  includes: ['Procedure:patient', 'Procedure:subject'],
  async read({ db, caller }, id) {
    const surgeryId = id.endsWith('-fusion') ? id.slice(0, -'-fusion'.length) : id;
    if (!isUuid(surgeryId)) return undefined;
    const row = await db
      .selectFrom('surgeries')
      .select(surgeryColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '=', surgeryId)
      .executeTakeFirst();
    const found = row ? toProcedures(row, caller.today).find((r) => r.id === id) : undefined;
    return found && row ? { resource: found, patientId: row.patient_id } : undefined;
  },
  async search({ db, caller }, request) {
    const q = surgeryQuery(db, caller, request, '-fusion');
    if (!q) return { matches: [], more: false };
    const rows = (await whereDates(q, 'surgery_date', dates(request, 'date'), true)
      .orderBy('surgery_date', 'desc')
      .orderBy('id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as SurgeryRow[];
    const { rows: shown, more } = page(rows, request);
    const ids = idFilter(request);
    // A fusion is its own Procedure, part of the surgery's: it travels on the same page.
    const matches = shown
      .flatMap((row) => toProcedures(row, caller.today))
      .filter((r) => !ids || ids.includes(r.id ?? ''));
    return { matches, more };
  },
};

function carePlanFor(row: SurgeryFullRow, today: IsoDate) {
  try {
    const surgery = surgerySchema.parse({
      region: row.region,
      procedure: row.procedure,
      approach: row.approach,
      fusion: row.fusion,
      levels: row.levels,
      surgeryDate: row.surgery_date,
    });
    const result = plan(
      surgery,
      patientFactorsSchema.parse(row.factors ?? {}),
      today,
      planOverridesSchema.parse(row.overrides ?? {}),
    );
    return toCarePlan(row, result);
  } catch (error) {
    if (error instanceof PlanInputError) return undefined;
    throw error;
  }
}

const carePlan: ResourceDefinition = {
  type: 'CarePlan',
  idParam: 'surgeryId',
  params: [idParam, patientParam, subjectParam],
  includes: ['CarePlan:patient', 'CarePlan:subject'],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = (await db
      .selectFrom('surgeries')
      .select(surgeryColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '=', id)
      .executeTakeFirst()) as SurgeryFullRow | undefined;
    const resource = row ? carePlanFor(row, caller.today) : undefined;
    return resource && row ? { resource, patientId: row.patient_id } : undefined;
  },
  async search({ db, caller }, request) {
    const q = surgeryQuery(db, caller, request);
    if (!q) return { matches: [], more: false };
    const rows = (await q
      .orderBy('surgery_date', 'desc')
      .orderBy('id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as SurgeryFullRow[];
    const { rows: shown, more } = page(rows, request);
    return {
      matches: shown.map((row) => carePlanFor(row, caller.today)).filter((r) => r !== undefined),
      more,
    };
  },
};

const questionnaire: ResourceDefinition = {
  type: 'Questionnaire',
  idParam: 'instrument',
  params: [
    idParam,
    p('url', 'token', 'The canonical URL'),
    p('name', 'string', 'The computable name'),
  ],
  includes: [],
  async read(_ctx, id) {
    return isPromInstrumentId(id)
      ? { resource: promInstruments[id].questionnaire as unknown as Questionnaire, patientId: null }
      : undefined;
  },
  async search(_ctx, request) {
    const ids = idFilter(request);
    const all = promInstrumentIds
      .map((id) => promInstruments[id].questionnaire)
      .filter((q) => !ids || ids.includes(q.id))
      .filter((q) => (request.values.get('url') ?? []).every((u) => u === q.url))
      .filter((q) =>
        (request.values.get('name') ?? []).every((n) =>
          q.name.toLowerCase().startsWith(n.toLowerCase()),
        ),
      );
    const rows = all.slice(request.offset, request.offset + request.count + 1);
    const { rows: shown, more } = page(rows, request);
    return { matches: shown as unknown as Questionnaire[], more };
  },
};

/** Rows of one source, newest first, fetched in batches as the search walks them. */
async function* newestFirst<T>(
  fetch: (offset: number, limit: number) => Promise<T[]>,
  batch = 200,
): AsyncGenerator<T> {
  for (let offset = 0; ; offset += batch) {
    const rows = await fetch(offset, batch);
    yield* rows;
    if (rows.length < batch) return;
  }
}

type Sourced =
  | { kind: 'checkin'; row: CheckinRow & { region: string | null } }
  | { kind: 'prom'; row: PromRow };

/** Check-ins and PROMs of the clinic, newest first, merged: the sources of QuestionnaireResponse and Observation. */
async function* reportedRows(
  ctx: FhirContext,
  request: SearchRequest,
  patients: string[] | undefined,
  only?: { checkins: string[]; proms: string[] },
): AsyncGenerator<Sourced> {
  const { db, caller } = ctx;
  const updated = dates(request, '_lastUpdated');
  const checkins = newestFirst(async (offset, limit) => {
    if (only && only.checkins.length === 0) return [];
    let q: AnyQuery = db
      .selectFrom('checkins as c')
      .leftJoin('surgeries as s', (join) =>
        join.onRef('s.clinic_id', '=', 'c.clinic_id').onRef('s.id', '=', 'c.surgery_id'),
      )
      .select([
        'c.id',
        'c.patient_id',
        'c.answers',
        'c.level',
        'c.submitted_at',
        'c.received_at',
        's.region',
      ])
      .where('c.clinic_id', '=', caller.clinicId);
    if (patients) q = q.where('c.patient_id', 'in', patients);
    if (only) q = q.where('c.id', 'in', only.checkins);
    q = whereDates(q, 'c.received_at', updated);
    return (await q
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id')
      .limit(limit)
      .offset(offset)
      .execute()) as (CheckinRow & { region: string | null })[];
  });
  const proms = newestFirst(async (offset, limit) => {
    if (only && only.proms.length === 0) return [];
    let q: AnyQuery = db
      .selectFrom('prom_responses')
      .select(['id', 'patient_id', 'instrument', 'answers', 'scores', 'completed_at', 'entered_by'])
      .where('clinic_id', '=', caller.clinicId);
    if (patients) q = q.where('patient_id', 'in', patients);
    if (only) q = q.where('id', 'in', only.proms);
    q = whereDates(q, 'completed_at', updated);
    return (await q
      .orderBy('completed_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute()) as PromRow[];
  });
  let a = await checkins.next();
  let b = await proms.next();
  while (!a.done || !b.done) {
    if (!a.done && (b.done || a.value.received_at >= b.value.completed_at)) {
      yield { kind: 'checkin', row: a.value };
      a = await checkins.next();
    } else if (!b.done) {
      yield { kind: 'prom', row: b.value };
      b = await proms.next();
    }
  }
}

/** The check-in and PROM ids named by `_id` values like checkin-<uuid>[-…] and prom-<uuid>[-…]. */
function sourceIds(ids: string[]): { checkins: string[]; proms: string[] } {
  const checkins: string[] = [];
  const proms: string[] = [];
  for (const id of ids) {
    const match = /^(checkin|prom)-([0-9a-f-]{36})/.exec(id);
    if (!match?.[2] || !isUuid(match[2])) continue;
    (match[1] === 'checkin' ? checkins : proms).push(match[2]);
  }
  return { checkins, proms };
}

async function collect(
  rows: AsyncGenerator<Sourced>,
  toResources: (s: Sourced) => Resource[],
  keep: (r: Resource) => boolean,
  request: SearchRequest,
) {
  const matches: Resource[] = [];
  let skipped = 0;
  for await (const source of rows) {
    for (const resource of toResources(source)) {
      if (!keep(resource)) continue;
      if (skipped < request.offset) {
        skipped++;
        continue;
      }
      if (matches.length === request.count) {
        await rows.return(undefined);
        return { matches, more: true };
      }
      matches.push(resource);
    }
  }
  return { matches, more: false };
}

function reportedSearch(
  toResources: (s: Sourced) => Resource[],
  keepFor: (request: SearchRequest) => (r: Resource) => boolean,
) {
  return async (ctx: FhirContext, request: SearchRequest) => {
    const patients = patientFilter(request);
    if (patients && patients.length === 0) return { matches: [], more: false };
    const ids = idFilter(request);
    const only = ids ? sourceIds(ids) : undefined;
    const keep = keepFor(request);
    return collect(
      reportedRows(ctx, request, patients, only),
      toResources,
      (r) => (!ids || ids.includes(r.id ?? '')) && keep(r),
      request,
    );
  };
}

const responsesOf = (s: Sourced) => [
  s.kind === 'checkin' ? checkinToResponse(s.row) : promToResponse(s.row),
];
const observationsOf = (s: Sourced) =>
  s.kind === 'checkin' ? checkinToObservations(s.row, s.row.region) : promToObservations(s.row);

async function readReported(
  ctx: FhirContext,
  id: string,
  toResources: (s: Sourced) => Resource[],
): Promise<Found | undefined> {
  const only = sourceIds([id]);
  if (only.checkins.length + only.proms.length !== 1) return undefined;
  for await (const source of reportedRows(
    ctx,
    { values: new Map(), count: 1, offset: 0, includes: [] },
    undefined,
    only,
  )) {
    const resource = toResources(source).find((r) => r.id === id);
    if (resource) return { resource, patientId: source.row.patient_id };
  }
  return undefined;
}

const questionnaireResponse: ResourceDefinition = {
  type: 'QuestionnaireResponse',
  idParam: 'questionnaireResponseId',
  params: [
    idParam,
    patientParam,
    subjectParam,
    p('authored', 'date', 'When it was answered'),
    p('questionnaire', 'reference', 'The Questionnaire’s canonical URL'),
    lastUpdated,
  ],
  includes: ['QuestionnaireResponse:patient', 'QuestionnaireResponse:subject'],
  read: (ctx, id) => readReported(ctx, id, responsesOf),
  search: reportedSearch(responsesOf, (request) => {
    const authored = dates(request, 'authored');
    const questionnaires = request.values.get('questionnaire') ?? [];
    return (r) => {
      const qr = r as { authored?: string; questionnaire?: string };
      return (
        matchesDates(new Date(qr.authored ?? 0), authored) &&
        questionnaires.every((q) => q.split(',').includes(qr.questionnaire ?? ''))
      );
    };
  }),
};

function codeMatches(resource: Resource, values: readonly string[], field: 'code' | 'category') {
  const concepts =
    field === 'code'
      ? [(resource as { code?: { coding?: { system?: string; code?: string }[] } }).code]
      : ((resource as { category?: { coding?: { system?: string; code?: string }[] }[] })
          .category ?? []);
  const codings = concepts.flatMap((c) => c?.coding ?? []);
  return values.every((value) =>
    value.split(',').some((one) => {
      const token = parseToken(one);
      return codings.some(
        (c) =>
          (token.system === undefined || c.system === token.system) &&
          (token.code === undefined || c.code === token.code),
      );
    }),
  );
}

const observation: ResourceDefinition = {
  type: 'Observation',
  idParam: 'observationId',
  params: [
    idParam,
    patientParam,
    subjectParam,
    p('code', 'token', 'What was measured (LOINC or Lamina’s code, system|code)'),
    p('category', 'token', 'survey, vital-signs or activity'),
    p('date', 'date', 'When it was measured'),
    p('derived-from', 'reference', 'The QuestionnaireResponse it comes from'),
    lastUpdated,
  ],
  includes: ['Observation:patient', 'Observation:subject', 'Observation:derived-from'],
  read: (ctx, id) => readReported(ctx, id, observationsOf),
  search: reportedSearch(observationsOf, (request) => {
    const date = dates(request, 'date');
    const codes = request.values.get('code') ?? [];
    const categories = request.values.get('category') ?? [];
    const derived = request.values.get('derived-from') ?? [];
    return (r) => {
      const o = r as { effectiveDateTime?: string; derivedFrom?: { reference?: string }[] };
      return (
        matchesDates(new Date(o.effectiveDateTime ?? 0), date) &&
        codeMatches(r, codes, 'code') &&
        codeMatches(r, categories, 'category') &&
        derived.every((d) =>
          d
            .split(',')
            .some((one) =>
              o.derivedFrom?.some(
                (ref) => ref.reference === one || ref.reference === `QuestionnaireResponse/${one}`,
              ),
            ),
        )
      );
    };
  }),
};

const alertColumns = [
  'id',
  'patient_id',
  'level',
  'status',
  'findings',
  'created_at',
  'acknowledged_by',
  'acknowledged_at',
  'resolved_by',
  'resolved_at',
  'off_track',
] as const;

const flag: ResourceDefinition = {
  type: 'Flag',
  idParam: 'alertId',
  params: [
    idParam,
    patientParam,
    subjectParam,
    p('status', 'token', 'active (open or acknowledged) or inactive (resolved)'),
    p('date', 'date', 'When the alert was raised'),
  ],
  includes: ['Flag:patient', 'Flag:subject'],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = await db
      .selectFrom('alerts')
      .select(alertColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { resource: toFlag(row as AlertRow), patientId: row.patient_id } : undefined;
  },
  async search({ db, caller }, request) {
    let q: AnyQuery = db
      .selectFrom('alerts')
      .select(alertColumns)
      .where('clinic_id', '=', caller.clinicId);
    const patients = patientFilter(request);
    if (patients) {
      if (patients.length === 0) return { matches: [], more: false };
      q = q.where('patient_id', 'in', patients);
    }
    const ids = idFilter(request);
    if (ids)
      q = q.where('id', 'in', [...ids.filter(isUuid), '00000000-0000-0000-0000-000000000000']);
    for (const v of request.values.get('status') ?? []) {
      const wanted = v.split(',').map((s) => parseToken(s).code);
      const statuses = [
        ...(wanted.includes('active') ? ['open', 'acknowledged'] : []),
        ...(wanted.includes('inactive') ? ['resolved'] : []),
      ];
      q = q.where('status', 'in', statuses.length ? statuses : ['none']);
    }
    q = whereDates(q, 'created_at', dates(request, 'date'));
    const rows = (await q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as AlertRow[];
    const { rows: shown, more } = page(rows, request);
    return { matches: shown.map(toFlag), more };
  },
};

function alertEventQuery(db: Kysely<Database>, clinicId: string): AnyQuery {
  return db
    .selectFrom('alert_events as e')
    .innerJoin('alerts as a', (join) =>
      join.onRef('a.clinic_id', '=', 'e.clinic_id').onRef('a.id', '=', 'e.alert_id'),
    )
    .select(['e.id', 'e.alert_id', 'a.patient_id', 'e.actor_id', 'e.kind', 'e.note', 'e.at'])
    .where('e.clinic_id', '=', clinicId)
    .where('e.kind', '!=', 'created');
}

const communication: ResourceDefinition = {
  type: 'Communication',
  idParam: 'communicationId',
  params: [
    idParam,
    patientParam,
    subjectParam,
    p('about', 'reference', 'The Flag (alert) it is about'),
    p('sent', 'date', 'When it was done'),
  ],
  includes: ['Communication:patient', 'Communication:subject'],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = (await alertEventQuery(db, caller.clinicId)
      .where('e.id', '=', id)
      .executeTakeFirst()) as AlertEventRow | undefined;
    return row ? { resource: toCommunication(row), patientId: row.patient_id } : undefined;
  },
  async search({ db, caller }, request) {
    let q = alertEventQuery(db, caller.clinicId);
    const patients = patientFilter(request);
    if (patients) {
      if (patients.length === 0) return { matches: [], more: false };
      q = q.where('a.patient_id', 'in', patients);
    }
    const ids = idFilter(request);
    if (ids)
      q = q.where('e.id', 'in', [...ids.filter(isUuid), '00000000-0000-0000-0000-000000000000']);
    for (const v of request.values.get('about') ?? []) {
      const alerts = v
        .split(',')
        .map((one) => referenceId(one, 'Flag'))
        .filter((x): x is string => x !== null);
      q = q.where(
        'e.alert_id',
        'in',
        alerts.length ? alerts : ['00000000-0000-0000-0000-000000000000'],
      );
    }
    q = whereDates(q, 'e.at', dates(request, 'sent'));
    const rows = (await q
      .orderBy('e.at', 'desc')
      .orderBy('e.id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as AlertEventRow[];
    const { rows: shown, more } = page(rows, request);
    return { matches: shown.map(toCommunication), more };
  },
};

const auditColumns = [
  'id',
  'at',
  'actor_id',
  'actor_role',
  'action',
  'subject_type',
  'subject_id',
  'patient_id',
  'ip',
] as const;

const auditEvent: ResourceDefinition = {
  type: 'AuditEvent',
  idParam: 'auditEventId',
  params: [
    idParam,
    patientParam,
    p('date', 'date', 'When it was recorded'),
    p('subtype', 'token', 'Lamina’s action, e.g. patient.read'),
    lastUpdated,
  ],
  includes: [],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = await db
      .selectFrom('audit_log')
      .select(auditColumns)
      .where('clinic_id', '=', caller.clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { resource: toAuditEvent(row as AuditRow), patientId: null } : undefined;
  },
  async search({ db, caller }, request) {
    let q: AnyQuery = db
      .selectFrom('audit_log')
      .select(auditColumns)
      .where('clinic_id', '=', caller.clinicId);
    const patients = patientFilter(request);
    if (patients) {
      if (patients.length === 0) return { matches: [], more: false };
      q = q.where('patient_id', 'in', patients);
    }
    const ids = idFilter(request);
    if (ids)
      q = q.where('id', 'in', [...ids.filter(isUuid), '00000000-0000-0000-0000-000000000000']);
    for (const v of request.values.get('subtype') ?? [])
      q = q.where(
        'action',
        'in',
        v.split(',').map((one) => parseToken(one).code ?? ''),
      );
    q = whereDates(q, 'at', [...dates(request, 'date'), ...dates(request, '_lastUpdated')]);
    const rows = (await q
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as AuditRow[];
    const { rows: shown, more } = page(rows, request);
    return { matches: shown.map(toAuditEvent), more };
  },
};

function studyQuery(db: Kysely<Database>, clinicId: string): AnyQuery {
  return db
    .selectFrom('imaging_studies as st')
    .select([
      'st.id',
      'st.patient_id',
      'st.study_instance_uid',
      'st.modality',
      'st.study_date',
      'st.description',
      'st.created_at',
      (eb) =>
        eb
          .selectFrom('imaging_files as f')
          .select(sql<number>`count(distinct f.series_instance_uid)`.as('n'))
          .whereRef('f.clinic_id', '=', 'st.clinic_id')
          .whereRef('f.study_id', '=', 'st.id')
          .as('series'),
      (eb) =>
        eb
          .selectFrom('imaging_files as f')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('f.clinic_id', '=', 'st.clinic_id')
          .whereRef('f.study_id', '=', 'st.id')
          .as('instances'),
    ])
    .where('st.clinic_id', '=', clinicId)
    .where('st.patient_id', 'is not', null);
}

const imagingStudy: ResourceDefinition = {
  type: 'ImagingStudy',
  idParam: 'studyId',
  params: [idParam, patientParam, subjectParam],
  includes: ['ImagingStudy:patient', 'ImagingStudy:subject'],
  async read({ db, caller }, id) {
    if (!isUuid(id)) return undefined;
    const row = (await studyQuery(db, caller.clinicId)
      .where('st.id', '=', id)
      .executeTakeFirst()) as ImagingStudyRow | undefined;
    return row ? { resource: toImagingStudy(row), patientId: row.patient_id } : undefined;
  },
  async search({ db, caller }, request) {
    let q = studyQuery(db, caller.clinicId);
    const patients = patientFilter(request);
    if (patients) {
      if (patients.length === 0) return { matches: [], more: false };
      q = q.where('st.patient_id', 'in', patients);
    }
    const ids = idFilter(request);
    if (ids)
      q = q.where('st.id', 'in', [...ids.filter(isUuid), '00000000-0000-0000-0000-000000000000']);
    const rows = (await q
      .orderBy('st.created_at', 'desc')
      .orderBy('st.id')
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as ImagingStudyRow[];
    const { rows: shown, more } = page(rows, request);
    return { matches: shown.map(toImagingStudy), more };
  },
};

export const resourceDefinitions: readonly ResourceDefinition[] = [
  patient,
  practitioner,
  procedure,
  carePlan,
  questionnaire,
  questionnaireResponse,
  observation,
  flag,
  communication,
  imagingStudy,
  auditEvent,
];

export const definitionFor = (type: string) => resourceDefinitions.find((d) => d.type === type);
