import { assessCandidacy, candidacyAnswersSchema } from '@lamina/pathway';
import type { z } from 'zod';
import { type Command, UsageError } from './io.ts';

const help = `Usage: lamina assess < answers.json

Reads candidacy questionnaire answers (JSON) on stdin and prints the fit result (JSON).
Shapes: packages/pathway/src/candidacy/README.md. It never diagnoses.`;

/** Parses stdin as JSON, or fails with one line that says so. */
export function parseJsonInput(text: string, what: string): unknown {
  if (text.trim() === '') throw new UsageError(`expected ${what} as JSON on stdin, got nothing`);
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`stdin is not valid JSON (expected ${what})`);
  }
}

/** The first schema problem as "field.path: message", the one line a user needs. */
export function firstIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root}: invalid`;
  if (issue.code === 'unrecognized_keys') {
    const at = [root, ...issue.path.map(String)].join('.');
    return `${at}.${issue.keys[0]}: unknown field`;
  }
  return `${[root, ...issue.path.map(String)].join('.')}: ${issue.message}`;
}

export const assessCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help);
    return 0;
  }
  if (args.length > 0)
    throw new UsageError(`unexpected argument "${args[0]}"; answers come on stdin`);
  const parsed = candidacyAnswersSchema.safeParse(
    parseJsonInput(await io.readStdin(), 'candidacy answers'),
  );
  if (!parsed.success) throw new UsageError(firstIssue(parsed.error, 'answers'));
  io.out(JSON.stringify(assessCandidacy(parsed.data), null, 2));
  return 0;
};
