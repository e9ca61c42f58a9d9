import type { z } from 'zod';
import type { AppContext } from './context.ts';
import { badRequest } from './problem.ts';

/** Parses the query string with a zod schema: a 400 naming the parameter, never a 500. */
export function readQuery<S extends z.ZodType>(c: AppContext, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}
