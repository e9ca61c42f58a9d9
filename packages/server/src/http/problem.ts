import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** Errors leave the API in one shape: RFC 9457 problem details, with field-level messages for bad input. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  /** On a 500: the id of the log line that says what went wrong, for a bug report. */
  requestId?: string;
}

export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(
    status: ContentfulStatusCode,
    title: string,
    detail?: string,
    errors?: Problem['errors'],
  ) {
    super(detail ?? title);
    this.problem = {
      type: `https://lamina.dev/problems/${title
        .toLowerCase()
        .replace(/[^a-z]+/g, '-')
        .replace(/^-|-$/g, '')}`,
      title,
      status,
      ...(detail === undefined ? {} : { detail }),
      ...(errors === undefined ? {} : { errors }),
    };
  }
}

export function fieldErrors(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
}

export const badRequest = (error: z.ZodError) =>
  new HttpProblem(
    400,
    'Invalid input',
    'Some fields are missing or not valid. See errors.',
    fieldErrors(error),
  );
/** A 400 about one field: `message` stands by the field, `detail` says it in a sentence. */
export const invalidField = (field: string, message: string, detail: string) =>
  new HttpProblem(400, 'Invalid input', detail, [{ field, message }]);
export const unauthorized = (detail = 'Sign in first.') =>
  new HttpProblem(401, 'Not signed in', detail);
export const forbidden = () =>
  new HttpProblem(403, 'Not allowed', 'You do not have access to this.');
export const notFound = (what = 'This item') =>
  new HttpProblem(404, 'Not found', `${what} was not found.`);
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);
export const tooManyRequests = (detail: string) =>
  new HttpProblem(429, 'Too many requests', detail);

export function sendProblem(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}
