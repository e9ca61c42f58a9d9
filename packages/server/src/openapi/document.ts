import { z } from 'zod';
import type { RouteDoc } from './registry.ts';

/** The one error shape (http/problem.ts), as a schema for the document. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Field-level messages for invalid input'),
    requestId: z
      .string()
      .optional()
      .describe('On a 500: names the server log line about it; quote it in a bug report'),
  })
  .meta({ title: 'Problem', description: 'RFC 9457 problem details' });

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => {
  // Request bodies are what clients send: the input side of transforms and defaults.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
};

/** '/api/patients/:patientId' → '/api/patients/{patientId}' */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function operation(doc: RouteDoc) {
  const pathParameters = [...doc.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = doc.query ? jsonSchema(doc.query) : undefined;
  const queryProperties = (query?.properties ?? {}) as Record<string, unknown>;
  const requiredQuery = new Set((query?.required as string[] | undefined) ?? []);
  const queryParameters = Object.entries(queryProperties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: requiredQuery.has(name),
    schema,
  }));
  const success = doc.success ?? { status: 200, description: 'OK' };
  return {
    summary: doc.summary,
    description: `Who may call: ${doc.access}.`,
    operationId: `${doc.method}${doc.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase())}`,
    parameters: [...pathParameters, ...queryParameters],
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(doc.body) } },
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        content: {
          [success.contentType ?? 'application/json']: doc.response
            ? { schema: jsonSchema(doc.response, 'output') }
            : {},
        },
      },
      '4XX': problemResponse('The request was refused: see title, detail and errors.'),
      '5XX': problemResponse('The server could not finish; nothing was saved.'),
    },
  };
}

/** An OpenAPI 3.1 document for the given routes, with every body schema generated from zod. */
export function openApiDocument(docs: readonly RouteDoc[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of docs) {
    const path = openApiPath(doc.path);
    paths[path] ??= {};
    paths[path][doc.method] = operation(doc);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lamina API',
      version: '0.1.0',
      description:
        'JSON over HTTP. Sign-in sets an HttpOnly session cookie; writes must be application/json. Errors are RFC 9457 problem details.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas: { Problem: jsonSchema(problemSchema) } },
  };
}
