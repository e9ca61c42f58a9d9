import {
  capabilityStatementDto,
  fhirResourceDto,
  searchsetBundleDto,
  transactionResponseDto,
} from '@lamina/contract';
import type { Bundle, CapabilityStatement, Resource, ResourceType } from '@medplum/fhirtypes';
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../http/context.ts';
import { callers, documentedRoutes, type RouteSpec } from '../openapi/registry.ts';
import { auditFhir, authorizeFhir, type FhirCaller, fhirCaller } from './caller.ts';
import { FhirError, fhirHandler, fhirJson, resourceNotFound, sendFhir } from './outcome.ts';
import {
  definitionFor,
  type FhirContext,
  type ResourceDefinition,
  referenceParam,
  resourceDefinitions,
  revincludesOf,
} from './resources.ts';
import { allows } from './scopes.ts';
import { countBundle, maxCount, parseSearch, searchsetBundle } from './search.ts';
import { transaction } from './write.ts';

/** The FHIR R4 API at /fhir/r4 (issue 18, decision 024): read, search, $everything, metadata. */
export const fhirBase = '/fhir/r4';

export function fhirBaseUrl(c: AppContext): string {
  const url = c.get('deps').publicUrl;
  return `${url.origin}${url.pathname.replace(/\/$/, '')}${fhirBase}`;
}

function context(c: AppContext, caller: FhirCaller): FhirContext {
  const url = c.get('deps').publicUrl;
  return {
    db: c.get('deps').db,
    caller,
    appUrl: `${url.origin}${url.pathname.replace(/\/$/, '')}`,
  };
}

/** Whether the caller may read this type (scopes for a client, the access table for staff). */
function mayRead(caller: FhirCaller, type: string): boolean {
  if (caller.scopes) return allows(caller.scopes, type, 'r');
  try {
    authorizeFhir(caller, type, 'r');
    return true;
  } catch {
    return false;
  }
}

const referencePattern = /^([A-Za-z]+)\/([A-Za-z0-9.-]{1,64})$/;

/** `_include`: the resources the matches point to, fetched through the same definitions (same clinic). */
async function included(
  ctx: FhirContext,
  includes: readonly string[],
  matches: readonly Resource[],
) {
  const wanted = new Map<string, Set<string>>();
  for (const include of includes) {
    const path = referenceParam(include)?.param.path ?? '';
    for (const resource of matches) {
      const value = (resource as unknown as Record<string, unknown>)[path];
      const refs = (Array.isArray(value) ? value : [value]) as (
        | { reference?: string }
        | undefined
      )[];
      for (const ref of refs) {
        const match = referencePattern.exec(ref?.reference ?? '');
        if (!match?.[1] || !match[2]) continue;
        const ids = wanted.get(match[1]) ?? new Set<string>();
        ids.add(match[2]);
        wanted.set(match[1], ids);
      }
    }
  }
  const out: Resource[] = [];
  for (const [type, ids] of wanted) {
    const definition = definitionFor(type);
    if (!definition) continue;
    authorizeFhir(ctx.caller, type, 'r');
    const found = await definition.search(ctx, {
      values: new Map([['_id', [[...ids].join(',')]]]),
      count: ids.size,
      offset: 0,
      includes: [],
    });
    out.push(...found.matches);
  }
  return out;
}

/** `_revinclude`: the resources pointing at the matches (`Observation:patient` on Patients), at most 1000 each. */
async function revincluded(
  ctx: FhirContext,
  revincludes: readonly string[],
  matches: readonly Resource[],
) {
  const ids = matches.map((r) => r.id ?? '').filter(Boolean);
  const out: Resource[] = [];
  if (ids.length === 0) return out;
  for (const revinclude of revincludes) {
    const named = referenceParam(revinclude);
    const definition = named && definitionFor(named.type);
    if (!named || !definition) continue;
    authorizeFhir(ctx.caller, named.type, 's');
    const found = await definition.search(ctx, {
      values: new Map([[named.param.name, [ids.join(',')]]]),
      count: maxCount,
      offset: 0,
      includes: [],
    });
    out.push(...found.matches);
  }
  return out;
}

const searchAudit = { actions: ['fhir.search'] } as const;

function searchRoute(definition: ResourceDefinition): RouteSpec {
  const revincludes = revincludesOf(definition.type);
  const control = [
    '_count',
    '_offset',
    '_summary=count',
    ...(definition.sorts.length ? ['_sort'] : []),
    ...(definition.includes.length ? ['_include'] : []),
    ...(revincludes.length ? ['_revinclude'] : []),
  ];
  return {
    method: 'get',
    path: `${fhirBase}/${definition.type}`,
    summary: `FHIR search: ${definition.type} (${[...definition.params.map((p) => p.name), ...control].join(', ')})`,
    access: accessText(definition.type, 's'),
    response: searchsetBundleDto,
    audit: searchAudit,
    success: {
      status: 200,
      description: 'A searchset Bundle with paging links.',
      contentType: fhirJson,
    },
    handler: fhirHandler(async (c) => {
      const caller = await fhirCaller(c);
      authorizeFhir(caller, definition.type, 's');
      const url = new URL(c.req.url);
      const request = parseSearch(url, { ...definition, revincludes });
      const ctx = context(c, caller);
      const params = [...request.values.keys()].sort();
      if (request.summary === 'count') {
        const total = await definition.count(ctx, request);
        await auditFhir(c, caller, {
          action: 'fhir.search',
          subjectType: definition.type,
          details: { params, summary: 'count', count: total },
        });
        return sendFhir(c, countBundle(fhirBaseUrl(c), definition.type, url, total));
      }
      const { matches, more } = await definition.search(ctx, request);
      const extra = [
        ...(request.includes.length > 0 ? await included(ctx, request.includes, matches) : []),
        ...(request.revincludes ? await revincluded(ctx, request.revincludes, matches) : []),
      ];
      await auditFhir(c, caller, {
        action: 'fhir.search',
        subjectType: definition.type,
        details: { params, count: matches.length, included: extra.length },
      });
      return sendFhir(
        c,
        searchsetBundle(fhirBaseUrl(c), definition.type, url, request, matches, more, extra),
      );
    }),
  };
}

function readRoute(definition: ResourceDefinition): RouteSpec {
  return {
    method: 'get',
    path: `${fhirBase}/${definition.type}/:${definition.idParam}`,
    summary: `FHIR read: ${definition.type}`,
    access: accessText(definition.type, 'r'),
    response: fhirResourceDto(definition.type),
    audit: { actions: ['fhir.read'] },
    success: { status: 200, description: `The ${definition.type}.`, contentType: fhirJson },
    handler: fhirHandler(async (c) => {
      const caller = await fhirCaller(c);
      authorizeFhir(caller, definition.type, 'r');
      const id = c.req.param(definition.idParam) ?? '';
      const found = await definition.read(context(c, caller), id);
      if (!found) throw resourceNotFound(definition.type, id);
      await auditFhir(c, caller, {
        action: 'fhir.read',
        subjectType: definition.type,
        subjectId: id,
        patientId: found.patientId,
      });
      return sendFhir(c, found.resource);
    }),
  };
}

/**
 * The types $everything gathers for a patient, each through its own search: every type with a
 * `patient` parameter but the audit log (the record of who read the chart, not the chart).
 */
const everythingTypes = resourceDefinitions
  .filter((d) => d.type !== 'AuditEvent' && d.params.some((p) => p.name === 'patient'))
  .map((d) => d.type);

const everythingRoute: RouteSpec = {
  method: 'get',
  path: `${fhirBase}/Patient/:patientId/$everything`,
  summary:
    'FHIR Patient/$everything: the patient and every resource about them the caller may read',
  access: accessText('Patient', 'r'),
  response: searchsetBundleDto,
  audit: { actions: ['fhir.everything'] },
  success: { status: 200, description: 'A searchset Bundle.', contentType: fhirJson },
  handler: fhirHandler(async (c) => {
    const caller = await fhirCaller(c);
    authorizeFhir(caller, 'Patient', 'r');
    const url = new URL(c.req.url);
    parseSearch(url, { params: [], includes: [], revincludes: [], sorts: [] });
    const ctx = context(c, caller);
    const patientId = c.req.param('patientId') ?? '';
    const patient = await definitionFor('Patient')?.read(ctx, patientId);
    if (!patient) throw resourceNotFound('Patient', patientId);
    const resources: Resource[] = [patient.resource];
    for (const type of everythingTypes) {
      if (!mayRead(caller, type)) continue;
      const found = await definitionFor(type)?.search(ctx, {
        values: new Map([['patient', [patientId]]]),
        count: 100_000,
        offset: 0,
        includes: [],
      });
      resources.push(...(found?.matches ?? []));
    }
    await auditFhir(c, caller, {
      action: 'fhir.everything',
      subjectType: 'Patient',
      subjectId: patientId,
      patientId,
      details: { count: resources.length },
    });
    const base = fhirBaseUrl(c);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      link: [{ relation: 'self', url: `${base}/Patient/${patientId}/$everything` }],
      entry: resources.map((resource) => ({
        fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: 'match' as const },
      })),
    };
    return sendFhir(c, bundle);
  }),
};

function accessText(type: string, op: 'r' | 's'): string {
  const staff = type === 'AuditEvent' ? 'admins' : 'care managers, clinicians and admins';
  return `a SMART system client with system/${type}.${op} (or wider), or ${staff} signed in to the console; their own clinic only`;
}

export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-06',
    publisher: 'Lamina',
    kind: 'instance',
    software: { name: 'Lamina' },
    implementation: { description: 'Lamina FHIR R4 API', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: `${base}/auth/token` }],
            },
          ],
          description:
            'SMART Backend Services (client_credentials with a signed JWT assertion); see /.well-known/smart-configuration.',
        },
        resource: resourceDefinitions.map((definition) => ({
          type: definition.type as ResourceType,
          interaction: [
            { code: 'read' as const },
            { code: 'search-type' as const },
            ...(definition.type === 'Patient' || definition.type === 'Procedure'
              ? [
                  {
                    code: 'create' as const,
                    documentation: 'Only inside a transaction Bundle (enrolment)',
                  },
                ]
              : []),
          ],
          ...(definition.type === 'Patient' ? { conditionalCreate: true } : {}),
          searchParam: definition.params.map((p) => ({
            name: p.name,
            type: p.type,
            documentation: p.documentation,
          })),
          ...(definition.includes.length ? { searchInclude: [...definition.includes] } : {}),
          ...(revincludesOf(definition.type).length
            ? { searchRevInclude: revincludesOf(definition.type) }
            : {}),
          ...(definition.sorts.length
            ? {
                documentation: `_sort: ${definition.sorts.join(', ')} (- for descending)`,
              }
            : {}),
          ...(definition.type === 'Patient'
            ? {
                operation: [
                  {
                    name: 'everything',
                    definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
                  },
                  {
                    name: 'export',
                    definition:
                      'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
                  },
                ],
              }
            : {}),
        })),
        operation: [
          {
            name: 'export',
            definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
            documentation: 'Bulk Data export of the clinic (and Patient/$export); fhir/export.ts',
          },
        ],
        interaction: [
          {
            code: 'transaction' as const,
            documentation: 'Enrolment: one Patient and its Procedure',
          },
        ],
        searchParam: [
          { name: '_count', type: 'number', documentation: `Page size (default 50, at most 1000)` },
          {
            name: '_offset',
            type: 'number',
            documentation: 'Paging offset (use the Bundle links)',
          },
          {
            name: '_sort',
            type: 'string',
            documentation: 'The keys each resource lists in its documentation, - for descending',
          },
          {
            name: '_summary',
            type: 'token',
            documentation: 'count (the total only) or false; true, text and data are refused',
          },
        ],
      },
    ],
  };
}

const metadataRoute: RouteSpec = {
  method: 'get',
  path: `${fhirBase}/metadata`,
  summary: 'FHIR CapabilityStatement: what this server implements',
  access: callers.anyone,
  response: capabilityStatementDto,
  audit: 'none',
  success: { status: 200, description: 'The CapabilityStatement.', contentType: fhirJson },
  handler: fhirHandler((c) => sendFhir(c, capabilityStatement(fhirBaseUrl(c)))),
};

const transactionRoute: RouteSpec = {
  method: 'post',
  path: fhirBase,
  summary:
    'FHIR transaction: enrol a patient from a Bundle of a Patient (ifNoneExist identifier=… for a safe resend) and its Procedure',
  access:
    'a SMART system client with system/Patient.c and system/Procedure.c, or care managers and admins signed in; their own clinic only',
  response: transactionResponseDto,
  audit: {
    actions: ['patient.enrol'],
    when: 'written by patients/enrol.ts (enrolChecked) when a patient is enrolled; a resend found by its identifier enrols nobody',
  },
  success: { status: 200, description: 'A transaction-response Bundle.', contentType: fhirJson },
  handler: fhirHandler(transaction),
};

export const fhir = documentedRoutes([
  metadataRoute,
  transactionRoute,
  everythingRoute,
  ...resourceDefinitions.flatMap((definition) => [searchRoute(definition), readRoute(definition)]),
]);

/** After the documented routes: anything else under /fhir/r4 is answered in FHIR's words. */
export function fhirFallback(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.all(
    `${fhirBase}/*`,
    fhirHandler((c) => {
      const type = c.req.path.slice(fhirBase.length + 1).split('/')[0] ?? '';
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        const contentType = c.req.header('content-type') ?? '';
        if (!contentType.startsWith(fhirJson) && !contentType.startsWith('application/json'))
          throw new FhirError(415, 'not-supported', `Send ${fhirJson}.`);
        throw new FhirError(
          405,
          'not-supported',
          `${c.req.method} is not supported on ${c.req.path}.`,
        );
      }
      if (!definitionFor(type))
        throw new FhirError(
          404,
          'not-supported',
          `The resource type "${type}" is not supported by this server.`,
        );
      throw new FhirError(404, 'not-found', `Nothing here for ${type}.`);
    }),
  );
  return routes;
}
