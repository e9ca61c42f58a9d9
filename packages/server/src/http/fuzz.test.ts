import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { forEachEngine } from '../db/test-engines.ts';
import type { RouteDoc } from '../openapi/registry.ts';
import { allRouteDocs } from '../openapi/routes.ts';
import type { TestClient } from './test-client.ts';
import { aSignedInPatient, feverCheckin, sendCheckin, signInStaff } from './test-fixtures.ts';

/**
 * Fuzzes every documented JSON route (the OpenAPI registry) with random and adversarial bodies and
 * query strings, signed in as each kind of actor: no answer may be a 5xx, and every error must be an
 * RFC 9457 problem (FHIR routes: an OperationOutcome; the SMART token endpoint: an OAuth error). LAMINA_FUZZ_RUNS sets the cases per route and actor (default 3).
 */
const runsPerRoute = Number(process.env.LAMINA_FUZZ_RUNS ?? 3);
const seed = Number(process.env.LAMINA_FUZZ_SEED ?? Date.now() % 1_000_000);

type Json = unknown;
type Schema = Record<string, unknown>;

/** Strings a fuzzer found or a database dislikes. */
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '😀',
  '\u202e',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  'x'.repeat(5_000),
  '9'.repeat(400),
  '1e999',
  'NaN',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  '__proto__',
  'constructor',
);
const nastyNumbers = fc.constantFrom(
  0,
  -1,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  2 ** 63,
  0.5,
  1e-320,
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  nastyStrings,
);
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  text,
  nastyNumbers,
  fc.constant(null),
);

const deeplyNested = fc.integer({ min: 30, max: 3000 }).map((depth) => {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** A string the schema would accept (length and pattern), the raw material for poisoned copies. */
function validString(schema: Schema): fc.Arbitrary<string> {
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((v) => v.length <= 200);
    } catch {
      // a pattern JavaScript cannot compile: fall through
    }
  }
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date') return fc.constantFrom('2026-11-10', '2026-12-01');
  if (schema.format === 'date-time')
    return fc.constantFrom('2026-11-20T15:00:00Z', '2026-11-21T05:00:00.000Z');
  if (schema.format === 'email') return fc.constantFrom('pat@mail.example', 'sam@mail.example');
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : min + 40;
  return fc.string({ minLength: min, maxLength: Math.min(max, min + 40) });
}

/** A valid string with a NUL, a lone surrogate or a control character put inside it. */
const poisoned = (valid: fc.Arbitrary<string>) =>
  fc
    .tuple(
      valid,
      fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', '\u0001', '\u202e'),
      fc.nat(),
    )
    .map(([v, bad, at]) => {
      const i = v.length ? at % (v.length + 1) : 0;
      return `${v.slice(0, i)}${bad}${v.slice(i)}`;
    });

/**
 * An object schema's properties as arbitraries (each made by `child`), which of them are required,
 * and the schema of any further keys it allows.
 */
function objectParts(schema: Schema, child: (sub: Schema) => fc.Arbitrary<Json>) {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = ((schema.required ?? []) as string[]).filter((k) => k in properties);
  const shape: Record<string, fc.Arbitrary<Json>> = {};
  for (const [name, sub] of Object.entries(properties)) shape[name] = child(sub);
  const additional =
    schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? (schema.additionalProperties as Schema)
      : undefined;
  return { shape, required, additional };
}

/**
 * A value shaped like the schema: mostly valid (so requests reach the handlers and the database),
 * with poisoned strings, hostile leaves, missing and unknown keys mixed in.
 */
function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return anyJson;
  const valid: fc.Arbitrary<Json>[] = [];
  if (Array.isArray(schema.enum)) valid.push(fc.constantFrom(...(schema.enum as Json[])));
  if ('const' in schema) valid.push(fc.constant(schema.const as Json));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const variants = schema[key] as Schema[] | undefined;
    if (variants?.length) valid.push(fc.oneof(...variants.map((v) => fromSchema(v, depth + 1))));
  }
  const types = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []);
  for (const type of types) {
    if (type === 'object') {
      const { shape, required, additional } = objectParts(schema, (sub) =>
        fromSchema(sub, depth + 1),
      );
      const extra = additional
        ? fc.dictionary(
            fc.oneof(
              fc.string({ minLength: 1, maxLength: 8 }),
              poisoned(fc.string({ maxLength: 4 })),
            ),
            fromSchema(additional, depth + 1),
            { maxKeys: 3 },
          )
        : fc.constant({});
      valid.push(
        fc
          .tuple(
            fc.oneof(
              { weight: 4, arbitrary: fc.record(shape, { requiredKeys: required }) },
              { weight: 1, arbitrary: fc.record(shape, { requiredKeys: [] }) },
            ),
            extra,
            fc.dictionary(text, anyJson, { maxKeys: 2 }),
            fc.integer({ min: 0, max: 9 }),
          )
          .map(([known, allowed, unknown, roll]) => ({
            ...(roll === 0 ? unknown : {}),
            ...(allowed as object),
            ...(known as object),
          })),
      );
    } else if (type === 'array') {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      valid.push(
        fc.array(fromSchema(schema.items as Schema, depth + 1), {
          minLength: min,
          maxLength: Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, min + 4),
        }),
      );
    } else if (type === 'string') {
      const ok = validString(schema);
      valid.push(
        fc.oneof(
          { weight: 3, arbitrary: ok },
          { weight: 2, arbitrary: poisoned(ok) },
          { weight: 1, arbitrary: text },
        ),
      );
    } else if (type === 'integer' || type === 'number') {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -5;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 120;
      valid.push(
        type === 'integer'
          ? fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) })
          : fc.double({ min, max, noNaN: true }),
        nastyNumbers,
      );
    } else if (type === 'boolean') {
      valid.push(fc.boolean());
    } else if (type === 'null') {
      valid.push(fc.constant(null));
    }
  }
  if (valid.length === 0) return anyJson;
  return fc.oneof({ weight: 8, arbitrary: fc.oneof(...valid) }, { weight: 1, arbitrary: anyJson });
}

/** A value the schema accepts, as far as JSON Schema can say (refinements aside). */
function validFromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return fc.constant(null);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  if ('const' in schema) return fc.constant(schema.const as Json);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const variants = schema[key] as Schema[] | undefined;
    if (variants?.length) return fc.oneof(...variants.map((v) => validFromSchema(v, depth + 1)));
  }
  const type = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? [])[0];
  if (type === 'object') {
    const { shape, required, additional } = objectParts(schema, (sub) =>
      validFromSchema(sub, depth + 1),
    );
    const extra = additional
      ? fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          validFromSchema(additional, depth + 1),
          { maxKeys: 3 },
        )
      : fc.constant({});
    return fc
      .tuple(fc.record(shape, { requiredKeys: required }), extra)
      .map(([known, allowed]) => ({ ...(allowed as object), ...(known as object) }));
  }
  if (type === 'array') {
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : min + 3;
    return fc.array(validFromSchema(schema.items as Schema, depth + 1), {
      minLength: min,
      maxLength: Math.min(max, min + 3),
    });
  }
  if (type === 'string') return validString(schema);
  if (type === 'integer' || type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 100;
    return type === 'integer'
      ? fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) })
      : fc.double({ min, max, noNaN: true });
  }
  if (type === 'boolean') return fc.boolean();
  return fc.constant(null);
}

/** Puts a NUL or a lone surrogate into one string (value or key) of an otherwise valid body. */
function poisonOne(value: Json, pick: number, bad: string): Json {
  const slots: { get(): string; set(v: string): void }[] = [];
  const visit = (node: Json, set: (v: Json) => void) => {
    if (typeof node === 'string') slots.push({ get: () => node, set: (v) => set(v) });
    else if (Array.isArray(node))
      for (const [i, child] of node.entries())
        visit(child, (v) => {
          node[i] = v;
        });
    else if (node && typeof node === 'object') {
      const record = node as Record<string, Json>;
      for (const key of Object.keys(record)) {
        slots.push({
          get: () => key,
          set: (renamed) => {
            record[renamed] = record[key];
            delete record[key];
          },
        });
        visit(record[key], (v) => {
          record[key] = v;
        });
      }
    }
  };
  const copy = structuredClone(value);
  let root = copy;
  visit(copy, (v) => {
    root = v;
  });
  const slot = slots[pick % Math.max(1, slots.length)];
  if (!slot) return root;
  const text = slot.get();
  const at = text.length ? pick % (text.length + 1) : 0;
  slot.set(`${text.slice(0, at)}${bad}${text.slice(at)}`);
  return root;
}

function jsonSchemaOf(body: z.ZodType | undefined): Schema | undefined {
  if (!body) return undefined;
  try {
    return z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) as Schema;
  } catch {
    return undefined;
  }
}

/** Raw bodies no JSON serializer would write. */
const brokenBodies = fc.constantFrom(
  '',
  '{',
  '{"a":',
  'nul',
  '[1,2,',
  '{"a":1}{"b":2}',
  '\u0000',
  '"\\ud800"',
  '{"\\u0000":1}',
  '1e99999',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
);

type Actor = 'visitor' | 'patient' | 'care_manager' | 'clinician' | 'reviewer' | 'admin';

/** Routes that would end the fuzzing actor's own session: fuzzed only as a visitor. */
const endsSession = new Set(['post /api/auth/sign-out', 'post /api/auth/sessions/revoke-all']);

function isProblem(
  response: {
    status: number;
    headers: Headers;
    json: Record<string, unknown>;
  },
  path = '',
): string | undefined {
  const type = response.headers.get('content-type') ?? '';
  const body0 = response.json ?? {};
  // The SMART token endpoint answers errors as OAuth 2.0 says (RFC 6749 §5.2: {"error": …}).
  if (path.endsWith('/auth/token')) {
    if (!type.startsWith('application/json')) return `content-type ${type}`;
    return typeof body0.error === 'string' ? undefined : 'no OAuth error';
  }
  // The FHIR API answers errors as FHIR says: an OperationOutcome naming the problem.
  if (path.startsWith('/fhir/')) {
    if (!type.startsWith('application/fhir+json')) return `content-type ${type}`;
    const issues = body0.issue as { severity?: unknown; code?: unknown }[] | undefined;
    return body0.resourceType === 'OperationOutcome' &&
      Array.isArray(issues) &&
      issues.length > 0 &&
      issues.every((i) => typeof i.severity === 'string' && typeof i.code === 'string')
      ? undefined
      : 'not an OperationOutcome';
  }
  if (type !== 'application/problem+json')
    return `content-type ${response.headers.get('content-type')}`;
  const body = response.json ?? {};
  if (typeof body.type !== 'string' || typeof body.title !== 'string') return 'no type/title';
  if (body.status !== response.status) return `status ${String(body.status)}`;
  return undefined;
}

forEachEngine((engine) => {
  engine.test(
    'fuzzing every JSON route as every actor: no 5xx, every error a problem',
    async () => {
      const { clinic, admin, patientId, patient } = await aSignedInPatient(engine);
      const clients: Record<Actor, TestClient> = {
        visitor: admin.fork(),
        patient,
        admin,
        care_manager: admin.fork(),
        clinician: admin.fork(),
        reviewer: admin.fork(),
      };
      for (const role of ['care_manager', 'clinician', 'reviewer'] as const)
        await signInStaff(clients[role], clinic, role);
      // Real ids, so fuzzed bodies get past the look-up to the handlers' writes.
      const fever = await sendCheckin(patient, patientId, feverCheckin);
      const request = await clients.visitor.post(`/api/public/${clinic.slug}/requests`, {
        kind: 'callback',
        callback: { urgency: 'today', description: 'Questions about the waiting list.' },
        contact: { name: 'Sam Lee', email: 'sam@mail.example' },
        consent: true,
      });
      assert.equal(fever.status, 201, fever.text);
      assert.equal(request.status, 201, request.text);

      const pathValue = (name: string) => {
        const real: Record<string, string> = {
          patientId,
          clinicSlug: clinic.slug,
          userId: clinic.staff.reviewer.id,
          instrument: 'odi',
          alertId: (fever.json.alert as { id: string }).id,
          requestId: request.json.requestId as string,
        };
        return fc.oneof(
          { weight: 5, arbitrary: fc.constant(real[name] ?? randomUUID()) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              randomUUID(),
              'not-an-id',
              '%00',
              '%ED%A0%80',
              'x'.repeat(300),
            ),
          },
        );
      };
      const fuzzed = (doc: RouteDoc) =>
        doc.method !== 'get' ? true : doc.query !== undefined && !doc.path.endsWith('/stream');
      const routes = allRouteDocs.filter(fuzzed);
      assert.ok(routes.length > 60, `expected the whole API, found ${routes.length} routes`);

      const failures: string[] = [];
      let requests = 0;
      const started = Date.now();
      for (const doc of routes) {
        const params = [...doc.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
        const path = fc
          .tuple(...params.map(pathValue))
          .map((values) =>
            params.reduce((p, name, i) => p.replace(`:${name}`, values[i] ?? ''), doc.path),
          );
        const querySchema = jsonSchemaOf(doc.query);
        const query = fc
          .oneof(
            fromSchema(querySchema),
            fc.dictionary(
              fc.constantFrom('from', 'to', 'cursor', 'pageSize', 'kind', 'status', 'action', 'x'),
              text,
              { maxKeys: 3 },
            ),
          )
          .map((q) => {
            if (!q || typeof q !== 'object' || Array.isArray(q)) return '';
            const search = Object.entries(q as Record<string, unknown>)
              .map(
                ([k, v]) =>
                  `${encodeURIComponent(k.toWellFormed())}=${encodeURIComponent(String(typeof v === 'object' ? JSON.stringify(v) : v).toWellFormed())}`,
              )
              .join('&');
            return search ? `?${search}` : '';
          });
        const bodySchema = jsonSchemaOf(doc.body);
        const poisonedValid = fc
          .tuple(
            validFromSchema(bodySchema),
            fc.nat(),
            fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d'),
          )
          .map(([v, pick, bad]) => JSON.stringify(poisonOne(v, pick, bad)) ?? 'null');
        const body = fc.oneof(
          { weight: 3, arbitrary: poisonedValid },
          { weight: 3, arbitrary: fromSchema(bodySchema).map((v) => JSON.stringify(v) ?? 'null') },
          { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
          { weight: 1, arbitrary: deeplyNested.map((v) => JSON.stringify(v)) },
          { weight: 1, arbitrary: brokenBodies },
        );
        const actors = (Object.keys(clients) as Actor[]).filter(
          (actor) => actor === 'visitor' || !endsSession.has(`${doc.method} ${doc.path}`),
        );
        const cases = fc.sample(fc.tuple(fc.constantFrom(...actors), path, query, body), {
          numRuns: runsPerRoute * actors.length,
          seed: seed + requests,
        });
        for (const [actor, url, search, raw] of cases) {
          const client = clients[actor];
          const method = doc.method.toUpperCase();
          const target = doc.method === 'get' ? `${url}${search}` : url;
          let response: Awaited<ReturnType<TestClient['request']>>;
          try {
            response =
              method === 'GET'
                ? await client.request('GET', target)
                : await client.request(method, target, raw);
          } catch (error) {
            failures.push(`${actor} ${method} ${target}: threw ${(error as Error).message}`);
            continue;
          }
          requests++;
          if (response.status >= 500)
            failures.push(
              `${actor} ${method} ${target} ${raw.slice(0, 200)} → ${response.status} ${response.text.slice(0, 200)}`,
            );
          else if (response.status >= 400) {
            const wrong = isProblem(response, url);
            if (wrong) failures.push(`${actor} ${method} ${target} → ${response.status}: ${wrong}`);
          }
        }
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `fuzz (${engine.name}, seed ${seed}): ${requests} requests over ${routes.length} routes in ${seconds.toFixed(1)} s`,
      );
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures (seed ${seed})`);
    },
  );
});
