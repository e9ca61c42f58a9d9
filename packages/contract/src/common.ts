import type { Statement } from '@lamina/pathway';
import { z } from 'zod';

/**
 * Building blocks of the answer schemas. Every answer is a camelCase DTO built by the server's
 * explicit mapping from rows (never a row sent as it is); objects are strict, so a stray key
 * (a snake_case column) fails the contract check in the server's tests.
 */

/** A timestamp as JSON carries it (Date → ISO string, PostgreSQL or PGlite alike). */
export const timestamp = z.string().min(1);
export const id = z.string().min(1);

/** An answer object as the OpenAPI document names it: strict (a stray key fails), with its title. */
export const dto = <const Shape extends z.core.$ZodLooseShape>(title: string, shape: Shape) =>
  z.strictObject(shape).meta({ title });

/** The same fields, each of them allowed to be null. */
export const eachNullable = <Shape extends Record<string, z.ZodType>>(shape: Shape) =>
  Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.nullable()])) as {
    [K in keyof Shape]: z.ZodNullable<Shape[K]>;
  };

/** The same fields, each of them optional. */
export const eachOptional = <Shape extends Record<string, z.ZodType>>(shape: Shape) =>
  Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.optional()])) as {
    [K in keyof Shape]: z.ZodOptional<Shape[K]>;
  };

/** A sourced statement of the clinical core (id, text, sources): pathway's own type. */
export const statementDto = z
  .custom<Statement>(
    (value) =>
      typeof value === 'object' && value !== null && typeof (value as Statement).text === 'string',
  )
  .meta({ title: 'Statement' });

/** One triage finding, as the clinical core writes it. */
export const findingDto = z.looseObject({
  ruleId: z.string(),
  level: z.string(),
  instruction: statementDto,
  clinicianSummary: z.string(),
  patientWords: z.string().optional(),
});
export type FindingDto = z.output<typeof findingDto>;

export const alertLevels = ['emergency', 'urgent', 'contact'] as const;
export const alertLevel = z.enum(alertLevels);
export type AlertLevel = z.output<typeof alertLevel>;

/** A value the clinical core computes and documents itself (a plan, a score): typed, not re-checked. */
export const computed = <T>(title: string) =>
  z.custom<T>((value) => typeof value === 'object' && value !== null).meta({ title });

/** `{ ok: true }`: a change that answers nothing else. */
export const okDto = z.strictObject({ ok: z.literal(true) });
