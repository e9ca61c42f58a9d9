import { z } from 'zod';
import { passwordProblem } from './password.ts';

/** The fields of the sign-in and account forms, checked the same way in each. */

/** The clinic's code (its slug) as a person types it. */
export const clinicCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a clinic code like "demo"');

/** An email address as typed: trimmed and lower-cased. */
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }))
  .pipe(z.string().max(320));

/** A password being chosen: refused with the reason `passwordProblem` gives. */
export const newPassword = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
