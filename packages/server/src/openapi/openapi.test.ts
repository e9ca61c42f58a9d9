import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { createApp } from '../app.ts';
import type { AppDeps } from '../http/context.ts';
import { assertSameEntries } from '../lists.test-helper.ts';
import { awaitingResponseSchema } from './contract-progress.test-helper.ts';
import { openApiDocument, openApiPath } from './document.ts';
import { allRouteDocs } from './routes.ts';

/** The app's routes need no database to be listed or to serve the document. */
const newApp = () =>
  createApp({
    db: undefined as unknown as AppDeps['db'],
    now: () => new Date(),
    secureCookies: false,
    trustProxy: false,
    publicUrl: new URL('https://lamina.test/'),
  });
const app = newApp();

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
};

const registered = (from = app) =>
  from.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`);

test('every route the app answers is in the OpenAPI document, and nothing else', async () => {
  const response = await app.request('/api/openapi.json');
  assert.equal(response.status, 200);
  const document = (await response.json()) as Doc;
  assert.equal(document.openapi, '3.1.0');
  const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method} ${path}`),
  );
  const routes = registered();
  assert.ok(routes.length >= 35, `expected the whole API, found ${routes.length} routes`);
  assertSameEntries(
    routes,
    documented,
    'registered but not documented',
    'documented but not registered',
  );
  assert.equal(new Set(routes).size, routes.length, 'no route registered twice');
});

test('the check fails for a route registered without a description', () => {
  const documented = new Set(allRouteDocs.map((doc) => `${doc.method} ${openApiPath(doc.path)}`));
  const extended = newApp();
  extended.get('/api/undocumented', (c) => c.text('hidden'));
  assert.deepEqual(
    registered(extended).filter((route) => !documented.has(route)),
    ['get /api/undocumented'],
  );
});

test('request bodies and query parameters come from the zod schemas the handlers parse', () => {
  const document = openApiDocument(allRouteDocs) as unknown as Doc;
  const body = (path: string, method = 'post') => {
    const operation = document.paths[path]?.[method];
    assert.ok(operation, `${method} ${path}`);
    const requestBody = operation.requestBody as {
      content: { 'application/json': { schema: Record<string, unknown> } };
    };
    return requestBody.content['application/json'].schema;
  };

  const message = body('/api/patients/{patientId}/messages');
  assert.deepEqual(message.required, ['body']);
  assert.equal((message.properties as { body: { maxLength: number } }).body.maxLength, 5000);
  assert.equal(message.additionalProperties, false);

  const candidacy = body('/api/public/{clinicSlug}/candidacy');
  const answers = (
    candidacy.properties as { answers: { properties: { region: { enum: string[] } } } }
  ).answers;
  assert.deepEqual(answers.properties.region.enum, ['lumbar', 'cervical']);

  const invite = body('/api/staff/invitations');
  assert.deepEqual((invite.properties as { role: { enum: string[] } }).role.enum, [
    'care_manager',
    'clinician',
    'reviewer',
    'admin',
  ]);

  const audit = document.paths['/api/audit']?.get?.parameters as { name: string; in: string }[];
  assert.deepEqual(
    audit.filter((p) => p.in === 'query').map((p) => p.name),
    ['patientId', 'actorId', 'action', 'from', 'to', 'cursor', 'pageSize'],
  );
  const prom = document.paths['/api/patients/{patientId}/proms/{instrument}']?.post?.parameters as {
    name: string;
    in: string;
  }[];
  assert.deepEqual(
    prom.map((p) => [p.in, p.name]),
    [
      ['path', 'patientId'],
      ['path', 'instrument'],
    ],
  );
});

test('every operation documents the problem-details error shape', () => {
  const document = openApiDocument(allRouteDocs) as unknown as Doc;
  const problem = document.components.schemas.Problem as { required: string[] };
  assert.deepEqual(problem.required, ['type', 'title', 'status']);
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const responses = operation.responses as Record<string, { content: Record<string, unknown> }>;
      assert.deepEqual(
        Object.keys(responses['4XX']?.content ?? {}),
        ['application/problem+json'],
        `${method} ${path}`,
      );
    }
  }
});

test('every route declares its answer: a response schema, or null for a non-JSON answer', () => {
  const missing = allRouteDocs
    .filter((doc) => doc.response === undefined)
    .map((doc) => `${doc.method} ${openApiPath(doc.path)}`);
  assertSameEntries(
    missing,
    awaitingResponseSchema,
    'routes without a response schema',
    'has a schema now: remove it from awaitingResponseSchema',
  );
  const nonJson = allRouteDocs.filter((doc) => doc.response === null);
  for (const doc of nonJson)
    assert.ok(
      doc.success?.status === 204 ||
        (doc.success?.contentType && !doc.success.contentType.startsWith('application/json')),
      `${doc.method} ${doc.path}: response null needs a non-JSON contentType or 204`,
    );
});

/** Every property name in a JSON schema, with where it stands. */
function propertyNames(schema: unknown, at = ''): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => propertyNames(item, `${at}[${i}]`));
  if (schema === null || typeof schema !== 'object') return [];
  const names: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object')
      for (const name of Object.keys(value)) names.push(`${at}.${name}`);
    names.push(...propertyNames(value, key === 'properties' ? at : `${at}`));
  }
  return names;
}

/**
 * Keys a standard names in snake_case, answered as the standard spells them (issue 18): OAuth 2.0's
 * token answer (RFC 6749 §5.1) and SMART's configuration document. Only under /fhir/r4.
 */
const standardSnakeKeys = new Set([
  'access_token',
  'token_type',
  'expires_in',
  'token_endpoint',
  'token_endpoint_auth_methods_supported',
  'token_endpoint_auth_signing_alg_values_supported',
  'grant_types_supported',
  'scopes_supported',
]);

test('answers are camelCase DTOs: no snake_case key in any response schema', () => {
  const document = openApiDocument(allRouteDocs) as unknown as Doc;
  const snake: string[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods)) {
      const responses = operation.responses as Record<string, { content?: unknown }>;
      for (const [status, response] of Object.entries(responses)) {
        if (!/^2/.test(status)) continue;
        for (const name of propertyNames(response.content))
          if (
            /_/.test(name.split('.').at(-1) ?? '') &&
            !(path.startsWith('/fhir/r4/') && standardSnakeKeys.has(name.split('.').at(-1) ?? ''))
          )
            snake.push(`${method} ${path}: ${name}`);
      }
    }
  assert.deepEqual(snake, []);
});

test('the snake_case check sees a row key', () => {
  const document = openApiDocument([
    {
      method: 'get',
      path: '/api/x',
      summary: 'x',
      access: 'x',
      response: z.strictObject({ rows: z.array(z.strictObject({ given_name: z.string() })) }),
    },
  ]) as unknown as Doc;
  const responses = document.paths['/api/x']?.get?.responses as Record<
    string,
    { content: unknown }
  >;
  const content = responses['200']?.content;
  assert.ok(propertyNames(content).some((name) => name.endsWith('.given_name')));
});

test('in tests, an answer outside its schema or a missing audit row is a 500 naming the route', async () => {
  const { Hono } = await import('hono');
  const { documentedRoutes } = await import('./registry.ts');
  const feature = documentedRoutes([
    {
      method: 'get',
      path: '/api/row',
      summary: 'x',
      access: 'x',
      response: z.strictObject({ givenName: z.string() }),
      audit: 'none',
      handler: (c) => c.json({ givenName: 'Rosa', given_name: 'Rosa' }),
    },
    {
      method: 'get',
      path: '/api/forgets',
      summary: 'x',
      access: 'x',
      response: z.strictObject({ ok: z.boolean() }),
      audit: { actions: ['patient.read'] },
      handler: (c) => c.json({ ok: true }),
    },
    {
      method: 'get',
      path: '/api/fine',
      summary: 'x',
      access: 'x',
      response: z.strictObject({ ok: z.boolean() }),
      audit: 'none',
      handler: (c) => c.json({ ok: true }),
    },
  ]);
  const checked = new Hono<import('../http/context.ts').AppEnv>();
  checked.use('*', async (c, next) => {
    c.set('deps', { checkContract: true } as AppDeps);
    await next();
  });
  checked.route('/', feature.routes());
  const row = await checked.request('/api/row');
  assert.equal(row.status, 500);
  assert.match(((await row.json()) as { detail: string }).detail, /GET \/api\/row.*given_name/);
  const forgets = await checked.request('/api/forgets');
  assert.equal(forgets.status, 500);
  assert.match(
    ((await forgets.json()) as { detail: string }).detail,
    /declares audit patient\.read but wrote none/,
  );
  assert.equal((await checked.request('/api/fine')).status, 200);
});
