import type { OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from '../http/context.ts';
import { HttpProblem } from '../http/problem.ts';

/** The FHIR JSON media type: every answer under /fhir/r4 carries it. */
export const fhirJson = 'application/fhir+json';

type IssueCode = OperationOutcomeIssue['code'];

/** A request the FHIR API refuses: answered as an OperationOutcome with the status the spec gives. */
export class FhirError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: IssueCode;
  readonly expression: string[] | undefined;
  constructor(
    status: ContentfulStatusCode,
    code: IssueCode,
    message: string,
    expression?: string[],
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.expression = expression;
  }
}

export const unknownParameter = (name: string) =>
  new FhirError(400, 'not-supported', `The search parameter "${name}" is not supported here.`, [
    name,
  ]);
export const invalidParameter = (name: string, why: string) =>
  new FhirError(400, 'invalid', `The parameter "${name}" ${why}.`, [name]);
/** The id is not echoed: the same words whether it never existed or belongs to another clinic. */
export const resourceNotFound = (type: string, _id: string) =>
  new FhirError(404, 'not-found', `This ${type} was not found.`);

export function operationOutcome(
  severity: OperationOutcomeIssue['severity'],
  code: IssueCode,
  text: string,
  expression?: string[],
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics: text, ...(expression ? { expression } : {}) }],
  };
}

export function sendFhir(c: AppContext, resource: Resource, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(resource), status, { 'content-type': `${fhirJson}; charset=utf-8` });
}

/** Maps any error thrown under /fhir/r4 to an OperationOutcome; the unexpected ones stay a 500 (logged by the app). */
export function outcomeFor(
  error: unknown,
): { status: ContentfulStatusCode; body: OperationOutcome } | undefined {
  if (error instanceof FhirError)
    return {
      status: error.status,
      body: operationOutcome('error', error.code, error.message, error.expression),
    };
  if (error instanceof HttpProblem) {
    const status = error.problem.status as ContentfulStatusCode;
    const code: IssueCode =
      status === 401
        ? 'login'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not-found'
            : status === 409
              ? 'duplicate'
              : status === 413
                ? 'too-costly'
                : status === 429
                  ? 'throttled'
                  : 'invalid';
    const outcome = operationOutcome('error', code, error.problem.detail ?? error.problem.title);
    const first = outcome.issue[0];
    if (first && error.problem.errors?.length)
      outcome.issue = error.problem.errors.map((e) => ({
        severity: 'error',
        code: 'invalid',
        diagnostics: `${e.field} ${e.message}`,
        expression: [e.field],
      }));
    return { status, body: outcome };
  }
  return undefined;
}

/** Wraps a FHIR handler: its refusals leave as OperationOutcomes, never as problem+json. */
export function fhirHandler(handler: (c: AppContext) => Promise<Response> | Response) {
  return async (c: AppContext): Promise<Response> => {
    try {
      return await handler(c);
    } catch (error) {
      const known = outcomeFor(error);
      if (!known) throw error;
      if (known.status === 401) c.header('www-authenticate', 'Bearer realm="fhir"');
      return sendFhir(c, known.body, known.status);
    }
  };
}
