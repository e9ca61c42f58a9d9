import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { uuidParam } from '../http/context.ts';
import { invalidParameter, unknownParameter } from './outcome.ts';

/**
 * Search parameters as the API reads them: every parameter must be known (handling=strict, decision
 * 020), values are checked, and paging is `_count` + `_offset` with Bundle links. Pure.
 */
export type ParamType = 'token' | 'reference' | 'date' | 'string';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly documentation: string;
  /** A reference parameter: the type it points to (what `_revinclude` follows back). */
  readonly target?: string;
  /** The element holding the reference (what `_include` follows). */
  readonly path?: string;
}

export interface SortKey {
  readonly name: string;
  readonly desc: boolean;
}

export interface SearchRequest {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly count: number;
  readonly offset: number;
  readonly includes: readonly string[];
  /** `_revinclude`: `<Type>:<parameter>` of the resources pointing at the matches. */
  readonly revincludes?: readonly string[];
  /** `_sort`; absent: the type's own order. */
  readonly sort?: readonly SortKey[];
  /** `_summary=count`: the total only. */
  readonly summary?: 'count';
}

/** What a type accepts besides its parameters. */
export interface SearchOptions {
  readonly params: readonly ParamSpec[];
  readonly includes: readonly string[];
  readonly revincludes: readonly string[];
  readonly sorts: readonly string[];
}

export const maxCount = 1000;
export const defaultCount = 50;

const oneOf = (list: readonly string[]) => `must be one of: ${list.join(', ') || '(none here)'}`;

export function parseSearch(url: URL, options: SearchOptions): SearchRequest {
  const { params, includes, revincludes, sorts } = options;
  const known = new Map(params.map((p) => [p.name, p]));
  const values = new Map<string, string[]>();
  let count = defaultCount;
  let offset = 0;
  const wantedIncludes: string[] = [];
  const wantedRevincludes: string[] = [];
  const sort: SortKey[] = [];
  let summary: 'count' | undefined;
  for (const [name, value] of url.searchParams) {
    if (name === '_count') {
      if (!/^\d{1,4}$/.test(value) || Number(value) > maxCount)
        throw invalidParameter('_count', `must be a whole number from 0 to ${maxCount}`);
      count = Number(value);
    } else if (name === '_offset') {
      if (!/^\d{1,9}$/.test(value)) throw invalidParameter('_offset', 'must be a whole number');
      offset = Number(value);
    } else if (name === '_include') {
      if (!includes.includes(value)) throw invalidParameter('_include', oneOf(includes));
      wantedIncludes.push(value);
    } else if (name === '_revinclude') {
      if (!revincludes.includes(value)) throw invalidParameter('_revinclude', oneOf(revincludes));
      wantedRevincludes.push(value);
    } else if (name === '_sort') {
      for (const key of value.split(',')) {
        const desc = key.startsWith('-');
        const keyName = desc ? key.slice(1) : key;
        if (!sorts.includes(keyName))
          throw invalidParameter('_sort', `${oneOf(sorts)} (with - for descending)`);
        sort.push({ name: keyName, desc });
      }
    } else if (name === '_summary') {
      if (value === 'count') summary = 'count';
      else if (value !== 'false')
        throw invalidParameter(
          '_summary',
          'must be count or false (true, text and data are not supported)',
        );
    } else if (name === '_format') {
      if (!['json', 'application/json', 'application/fhir+json'].includes(value))
        throw invalidParameter('_format', 'must be json (only JSON is served)');
    } else if (known.has(name)) {
      // A bad date is a 400 even where no source would look at it.
      if (known.get(name)?.type === 'date') parseDate(name, value);
      const list = values.get(name) ?? [];
      list.push(value);
      values.set(name, list);
    } else {
      throw unknownParameter(name);
    }
  }
  return {
    values,
    count,
    offset,
    includes: wantedIncludes,
    ...(wantedRevincludes.length ? { revincludes: wantedRevincludes } : {}),
    ...(sort.length ? { sort } : {}),
    ...(summary ? { summary } : {}),
  };
}

/** `Patient/<uuid>` or `<uuid>`: the id, or null when it cannot name a Lamina patient (no match). */
export function referenceId(value: string, type: string): string | null {
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  return uuidParam.safeParse(id).success ? id : null;
}

export interface DateBound {
  readonly op: 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le';
  /** Inclusive start and exclusive end of the value's precision (a day, or an instant). */
  readonly start: Date;
  readonly end: Date;
}

/** A date search value (`ge2026-11-01`, `2026-11-10`, `lt2026-11-20T08:00:00Z`). */
export function parseDate(name: string, value: string): DateBound {
  const match =
    /^(eq|ne|gt|lt|ge|le)?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(
      value,
    );
  if (!match?.[2])
    throw invalidParameter(
      name,
      'must be a date (YYYY-MM-DD) or an instant, with an optional prefix ge, gt, le, lt, eq or ne',
    );
  const op = (match[1] ?? 'eq') as DateBound['op'];
  if (match[3]) {
    const at = new Date(`${match[2]}${match[3]}`);
    if (Number.isNaN(at.getTime())) throw invalidParameter(name, 'is not a real date and time');
    return { op, start: at, end: new Date(at.getTime() + 1) };
  }
  const start = new Date(`${match[2]}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== match[2])
    throw invalidParameter(name, 'is not a real date');
  return { op, start, end: new Date(start.getTime() + 86_400_000) };
}

/** Whether an instant matches every bound (the bounds of one parameter are ANDed). */
export function matchesDates(at: Date, bounds: readonly DateBound[]): boolean {
  const t = at.getTime();
  return bounds.every(({ op, start, end }) => {
    switch (op) {
      case 'eq':
        return t >= start.getTime() && t < end.getTime();
      case 'ne':
        return t < start.getTime() || t >= end.getTime();
      case 'gt':
        return t >= end.getTime();
      case 'ge':
        return t >= start.getTime();
      case 'lt':
        return t < start.getTime();
      default:
        return t < end.getTime();
    }
  });
}

/** `system|code`, `|code`, `system|` or `code`. */
export function parseToken(value: string): { system?: string; code?: string } {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  return { ...(system ? { system } : {}), ...(code ? { code } : {}) };
}

export function searchsetBundle(
  base: string,
  type: string,
  url: URL,
  request: SearchRequest,
  matches: readonly Resource[],
  more: boolean,
  included: readonly Resource[],
): Bundle {
  const page = (offset: number) => {
    const next = new URL(`${base}/${type}`);
    for (const [name, value] of url.searchParams)
      if (name !== '_offset') next.searchParams.append(name, value);
    next.searchParams.set('_count', String(request.count));
    next.searchParams.set('_offset', String(offset));
    return next.toString();
  };
  const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: page(request.offset) }];
  if (more) link.push({ relation: 'next', url: page(request.offset + request.count) });
  if (request.offset > 0)
    link.push({ relation: 'previous', url: page(Math.max(0, request.offset - request.count)) });
  const entry: BundleEntry[] = [
    ...matches.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' as const },
    })),
    ...included.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'include' as const },
    })),
  ];
  return { resourceType: 'Bundle', type: 'searchset', link, entry };
}

/** `_summary=count`: the total and no entries. */
export function countBundle(base: string, type: string, url: URL, total: number): Bundle {
  const self = new URL(`${base}/${type}`);
  for (const [name, value] of url.searchParams) self.searchParams.append(name, value);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: self.toString() }],
  };
}
