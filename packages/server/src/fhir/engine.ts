import type { Resource } from '@medplum/fhirtypes';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { uuidParam } from '../http/context.ts';
import type { FhirCaller } from './caller.ts';
import {
  type DateBound,
  type ParamSpec,
  parseDate,
  parseToken,
  referenceId,
  type SearchRequest,
  type SortKey,
} from './search.ts';

/**
 * The one read/search engine of the FHIR API (decision 024): each resource type is a row of a
 * definition table (resources.ts) — its search parameters, the SQL of each source table, its sort
 * keys and the pure mapper to FHIR — and this file turns that row into read, search and count,
 * always inside the caller's clinic.
 */
export interface FhirContext {
  readonly db: Kysely<Database>;
  readonly caller: FhirCaller;
  /** Lamina's public address (for links to its own download routes); absent outside a request. */
  readonly appUrl?: string;
}

export interface Found {
  readonly resource: Resource;
  /** The patient whose record this is (for the audit entry); null when none. */
  readonly patientId: string | null;
}

export interface SearchResult {
  readonly matches: Resource[];
  readonly more: boolean;
}

/** What every type names: its type, the read route's id and its search parameters. */
interface Named {
  readonly type: string;
  /** The read route's path parameter (named like the console's, so the access matrix fills it). */
  readonly idParam: string;
  readonly params: readonly ParamSpec[];
}

/** What routes, $everything and $export use of a type: the same for a table-driven or a static type. */
export interface ResourceDefinition extends Named {
  /** `_sort` keys (each also with `-` for descending). */
  readonly sorts: readonly string[];
  /** `_include` values: `<Type>:<reference parameter with a path>`. */
  readonly includes: readonly string[];
  read(ctx: FhirContext, id: string): Promise<Found | undefined>;
  search(ctx: FhirContext, request: SearchRequest): Promise<SearchResult>;
  count(ctx: FhirContext, request: SearchRequest): Promise<number>;
}

// biome-ignore lint/suspicious/noExplicitAny: one engine for every table's query builder
export type AnyQuery = SelectQueryBuilder<any, any, any>;
/** A column name (`c.received_at`) or an SQL expression. */
export type Column = string | RawBuilder<unknown>;

/** One search parameter in SQL: the query narrowed, or null when nothing of this source can match. */
export type SqlFilter = (q: AnyQuery, values: readonly string[], name: string) => AnyQuery | null;

/** A table a type's resources come from. */
export interface Source {
  /** The select (tables, joins, columns); the engine bounds it by the caller's clinic. */
  readonly from: (db: Kysely<Database>) => AnyQuery;
  /** The clinic column the engine bounds every query by (default `clinic_id`). */
  readonly clinic?: string;
  readonly id: string;
  /** The patient column (`patient`/`subject` parameters). */
  readonly patient?: string;
  /** The row key a resource id names; undefined when the id is not one of this source's. */
  readonly key?: (id: string) => string | undefined;
  readonly filters?: Readonly<Record<string, SqlFilter>>;
  /** The column of each sort key of the type (every key of `defaultSort` and `sorts`). */
  readonly sortColumns: Readonly<Record<string, Column>>;
  // biome-ignore lint/suspicious/noExplicitAny: each source's row shape is its mapper's input
  readonly toResources: (row: any, ctx: FhirContext) => Resource[];
  /** The patient of the row for the audit entry (default: its patient_id). */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly patientOf?: (row: any) => string | null;
  /** Whether the caller may see this source's resources at all (a staff role's own rules). */
  readonly visible?: (caller: FhirCaller) => boolean;
}

/** A resource-level filter, for what is decided on the mapped resource (one row → many resources). */
export type Matcher = (values: readonly string[]) => (resource: Resource) => boolean;

export interface TableType extends Named {
  readonly sources: readonly Source[];
  /** The order without `_sort` (its keys may be internal: every source has their columns). */
  readonly defaultSort: readonly SortKey[];
  /** The `_sort` keys offered. */
  readonly sorts?: readonly string[];
  readonly matchers?: Readonly<Record<string, Matcher>>;
  /** A row gives several resources, or none (a surgery and its fusion; a check-in's observations). */
  readonly manyPerRow?: boolean;
  /**
   * With manyPerRow: pages count rows, not resources (a surgery's fusion travels on its page), so
   * paging stays in SQL; `_summary=count` still counts resources.
   */
  readonly pageByRow?: boolean;
}

export const isUuid = (id: string) => uuidParam.safeParse(id).success;
const col = (c: Column) => (typeof c === 'string' ? sql.ref(c) : c);

/** Several values of one parameter are ANDed, the comma-separated ones inside a value ORed. */
function intersect(values: readonly string[], map: (one: string) => string | null | undefined) {
  const sets = values.map((v) =>
    v
      .split(',')
      .map(map)
      .filter((x): x is string => typeof x === 'string'),
  );
  const [first, ...rest] = sets;
  return (first ?? []).filter((x) => rest.every((set) => set.includes(x)));
}

// ---- Filters a definition is written with ----

export function dateFilter(column: Column, dateOnly = false): SqlFilter {
  return (query, values, name) => {
    const v = (d: Date) => (dateOnly ? d.toISOString().slice(0, 10) : d);
    let q = query;
    for (const { op, start, end } of values.map((value): DateBound => parseDate(name, value))) {
      const c = col(column);
      if (op === 'eq') q = q.where(c, '>=', v(start)).where(c, '<', v(end));
      else if (op === 'ne') q = q.where((eb) => eb.or([eb(c, '<', v(start)), eb(c, '>=', v(end))]));
      else if (op === 'gt') q = q.where(c, '>=', v(end));
      else if (op === 'ge') q = q.where(c, '>=', v(start));
      else if (op === 'lt') q = q.where(c, '<', v(start));
      else q = q.where(c, '<', v(end));
    }
    return q;
  };
}

/** A token compared with a column (its code; `lower` for e-mail addresses), ORed by commas. */
export function tokenFilter(column: Column, lower = false): SqlFilter {
  return (query, values) => {
    let q = query;
    for (const value of values) {
      const codes = value.split(',').map((one) => parseToken(one).code ?? '');
      q = q.where(
        lower ? sql`lower(${col(column)})` : col(column),
        'in',
        lower ? codes.map((c) => c.toLowerCase()) : codes,
      );
    }
    return q;
  };
}

/** Token values mapped to a column's values (e.g. active → open, acknowledged). */
export function codeFilter(column: Column, codes: Readonly<Record<string, readonly string[]>>) {
  return tokenFilterMapped(column, (code) => codes[code] ?? []);
}

function tokenFilterMapped(column: Column, map: (code: string) => readonly string[]): SqlFilter {
  return (query, values) => {
    let q = query;
    for (const value of values) {
      const wanted = value.split(',').flatMap((one) => map(parseToken(one).code ?? ''));
      q = q.where(col(column), 'in', wanted.length ? wanted : ['(none)']);
    }
    return q;
  };
}

/** Whether a token value (`system|code`, commas ORed) names one of the codings. */
export function tokenMatches(
  value: string,
  codings: readonly { system?: string | undefined; code?: string | undefined }[],
): boolean {
  return value.split(',').some((one) => {
    const token = parseToken(one);
    return codings.some(
      (c) =>
        (token.system === undefined || token.system === c.system) &&
        (token.code === undefined || token.code === c.code),
    );
  });
}

/** The codes every resource of a source carries (system|code): the source is in or out. */
export function constantToken(codings: readonly { system: string; code: string }[]): SqlFilter {
  return (q, values) => (values.every((value) => tokenMatches(value, codings)) ? q : null);
}

/** Case-insensitive text: `starts` (FHIR's default) or `contains`, on any of the columns. */
export function textFilter(columns: readonly Column[], how: 'starts' | 'contains'): SqlFilter {
  return (query, values) => {
    let q = query;
    for (const value of values) {
      const escaped = value.toLowerCase().replaceAll(/[\\%_]/g, (m) => `\\${m}`);
      const pattern = how === 'starts' ? `${escaped}%` : `%${escaped}%`;
      q = q.where((eb) => eb.or(columns.map((c) => eb(sql`lower(${col(c)})`, 'like', pattern))));
    }
    return q;
  };
}

/** A reference to another type (`Flag/<id>` or `<id>`). */
export function referenceFilter(
  column: Column,
  target: string,
  /** The row key the target's id names (a derived id like `checkin-<uuid>`). */
  key: (id: string) => string | undefined = (id) => id,
): SqlFilter {
  return (q, values) => {
    const ids = intersect(values, (one) =>
      key(one.startsWith(`${target}/`) ? one.slice(target.length + 1) : one),
    ).filter(isUuid);
    return ids.length ? q.where(col(column), 'in', ids) : null;
  };
}

// ---- The engine ----

type Row = Record<string, unknown>;

/** Tenancy in one place: every query of every source is bounded by the caller's clinic. */
const inClinic = (source: Source, ctx: FhirContext) =>
  source.from(ctx.db).where(sql.ref(source.clinic ?? 'clinic_id'), '=', ctx.caller.clinicId);

/** Each source's rows with the filters of the request, or null when the source cannot match. */
function sourceQuery(source: Source, ctx: FhirContext, request: SearchRequest): AnyQuery | null {
  if (source.visible && !source.visible(ctx.caller)) return null;
  let q: AnyQuery | null = inClinic(source, ctx);
  for (const [name, values] of request.values) {
    if (!q) return null;
    if (name === '_id') {
      const keys = intersect(values, (id) => (source.key ? source.key(id) : id)).filter(isUuid);
      q = keys.length ? q.where(sql.ref(source.id), 'in', keys) : null;
    } else if (name === 'patient' || name === 'subject') {
      const ids = intersect(values, (one) => referenceId(one, 'Patient'));
      q = source.patient && ids.length ? q.where(sql.ref(source.patient), 'in', ids) : null;
    } else if (source.filters?.[name]) {
      q = source.filters[name](q, values, name);
    }
  }
  return q;
}

function ordered(source: Source, q: AnyQuery, sort: readonly SortKey[]): AnyQuery {
  let out = q;
  sort.forEach((key, i) => {
    const column = source.sortColumns[key.name] ?? source.id;
    out = out
      .select(col(column).as(`sort_${i}`))
      .orderBy(sql`${col(column)} ${sql.raw(key.desc ? 'desc' : 'asc')} nulls last`);
  });
  return out.orderBy(sql.ref(source.id));
}

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/** The order of `ordered` (nulls last both ways), to merge several sources' rows. */
function compareRows(a: Row, b: Row, sort: readonly SortKey[]): number {
  for (let i = 0; i < sort.length; i++) {
    const x = comparable(a[`sort_${i}`]);
    const y = comparable(b[`sort_${i}`]);
    if (x === y) continue;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const c = (x as number | string) < (y as number | string) ? -1 : 1;
    return sort[i]?.desc ? -c : c;
  }
  return 0;
}

/** Rows of one source in order, fetched in batches as the search walks them. */
async function* batches(q: AnyQuery, batch: number): AsyncGenerator<Row> {
  for (let offset = 0; ; offset += batch) {
    const rows = (await q.limit(batch).offset(offset).execute()) as Row[];
    yield* rows;
    if (rows.length < batch) return;
  }
}

/** Several sources' ordered rows merged into one order (ties: the sources' order). */
async function* merged(
  streams: AsyncGenerator<Row>[],
  sort: readonly SortKey[],
): AsyncGenerator<{ row: Row; source: number }> {
  const heads = await Promise.all(streams.map((s) => s.next()));
  for (;;) {
    let best = -1;
    heads.forEach((head, i) => {
      const current = heads[best];
      if (head.done) return;
      if (
        best < 0 ||
        (current && !current.done && compareRows(head.value, current.value, sort) < 0)
      )
        best = i;
    });
    const head = heads[best];
    const stream = streams[best];
    if (best < 0 || !head || head.done || !stream) return;
    yield { row: head.value, source: best };
    heads[best] = await stream.next();
  }
}

interface Plan {
  readonly sources: { source: Source; q: AnyQuery }[];
  readonly keep: (resource: Resource) => boolean;
  /** Whether paging can be left to SQL (one source, no resource filter, rows are the pages). */
  readonly inSql: boolean;
  /** Whether counting can: one resource a row too. */
  readonly countInSql: boolean;
}

function plan(definition: TableType, ctx: FhirContext, request: SearchRequest): Plan {
  const sources = definition.sources
    .map((source) => ({ source, q: sourceQuery(source, ctx, request) }))
    .filter((s): s is { source: Source; q: AnyQuery } => s.q !== null);
  const ids = request.values.get('_id');
  const wantedIds = ids ? intersect(ids, (id) => id) : undefined;
  const tests = [...request.values]
    .filter(([name]) => definition.matchers?.[name])
    .map(([name, values]) => definition.matchers?.[name]?.(values) ?? (() => true));
  const keep = (r: Resource) =>
    (!wantedIds || wantedIds.includes(r.id ?? '')) && tests.every((test) => test(r));
  const inSql =
    sources.length <= 1 &&
    tests.length === 0 &&
    (!definition.manyPerRow || definition.pageByRow === true);
  return { sources, keep, inSql, countInSql: inSql && !definition.manyPerRow };
}

async function search(
  definition: TableType,
  ctx: FhirContext,
  request: SearchRequest,
): Promise<SearchResult> {
  const { sources, keep, inSql } = plan(definition, ctx, request);
  const sort = request.sort?.length ? request.sort : definition.defaultSort;
  const [only] = sources;
  if (!only) return { matches: [], more: false };
  if (inSql) {
    const rows = (await ordered(only.source, only.q, sort)
      .limit(request.count + 1)
      .offset(request.offset)
      .execute()) as Row[];
    return {
      matches: rows
        .slice(0, request.count)
        .flatMap((row) => only.source.toResources(row, ctx))
        .filter(keep),
      more: rows.length > request.count,
    };
  }
  const batch = Math.min(1000, Math.max(200, request.offset + request.count + 1));
  const rows = merged(
    sources.map(({ source, q }) => batches(ordered(source, q, sort), batch)),
    sort,
  );
  const matches: Resource[] = [];
  let skipped = 0;
  for await (const { row, source } of rows) {
    for (const resource of sources[source]?.source.toResources(row, ctx) ?? []) {
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

async function count(
  definition: TableType,
  ctx: FhirContext,
  request: SearchRequest,
): Promise<number> {
  const { sources, countInSql } = plan(definition, ctx, request);
  if (countInSql) {
    const [only] = sources;
    if (!only) return 0;
    const row = (await only.q
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirst()) as { n: string | number } | undefined;
    return Number(row?.n ?? 0);
  }
  const all = await search(definition, ctx, {
    ...request,
    count: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  return all.matches.length;
}

async function read(
  definition: TableType,
  ctx: FhirContext,
  id: string,
): Promise<Found | undefined> {
  for (const source of definition.sources) {
    const key = source.key ? source.key(id) : id;
    if (key === undefined || !isUuid(key)) continue;
    if (source.visible && !source.visible(ctx.caller)) continue;
    const row = (await inClinic(source, ctx)
      .where(sql.ref(source.id), '=', key)
      .executeTakeFirst()) as Row | undefined;
    const resource = row && source.toResources(row, ctx).find((r) => r.id === id);
    if (row && resource)
      return {
        resource,
        patientId: source.patientOf
          ? source.patientOf(row)
          : ((row.patient_id as string | null) ?? null),
      };
  }
  return undefined;
}

/** A definition the engine could not serve fails when the module loads, not on a request. */
function checkDefinition(definition: TableType): void {
  const sortKeys = [...definition.defaultSort.map((k) => k.name), ...(definition.sorts ?? [])];
  for (const source of definition.sources) {
    for (const { name } of definition.params) {
      const generic =
        name === '_id' || ((name === 'patient' || name === 'subject') && source.patient);
      if (!generic && !source.filters?.[name] && !definition.matchers?.[name])
        throw new Error(`${definition.type}: a source has no filter for ${name}`);
    }
    for (const key of sortKeys)
      if (source.sortColumns[key] === undefined)
        throw new Error(`${definition.type}: a source has no column to sort by ${key}`);
  }
}

/** A type of the definition table, made into its read, search and count. */
export function tableType(definition: TableType): ResourceDefinition {
  checkDefinition(definition);
  return {
    type: definition.type,
    idParam: definition.idParam,
    params: definition.params,
    sorts: definition.sorts ?? [],
    includes: definition.params.filter((p) => p.path).map((p) => `${definition.type}:${p.name}`),
    read: (ctx, id) => read(definition, ctx, id),
    search: (ctx, request) => search(definition, ctx, request),
    count: (ctx, request) => count(definition, ctx, request),
  };
}

/** A type whose resources are the same for every clinic (definitions, not data): filtered in memory. */
export function staticType(
  definition: Named & {
    readonly all: () => readonly Resource[];
    readonly matchers: Readonly<Record<string, Matcher>>;
  },
): ResourceDefinition {
  const matching = (request: SearchRequest) => {
    const tests = [...request.values].map(
      ([name, values]) => definition.matchers[name]?.(values) ?? (() => false),
    );
    return definition.all().filter((r) => tests.every((test) => test(r)));
  };
  return {
    type: definition.type,
    idParam: definition.idParam,
    params: definition.params,
    sorts: [],
    includes: [],
    read: async (_ctx, id) => {
      const resource = definition.all().find((r) => r.id === id);
      return resource ? { resource, patientId: null } : undefined;
    },
    search: async (_ctx, request) => {
      const all = matching(request);
      return {
        matches: all.slice(request.offset, request.offset + request.count),
        more: all.length > request.offset + request.count,
      };
    },
    count: async (_ctx, request) => matching(request).length,
  };
}
