import {
  cervicalCheckinSchema,
  checkinSchemaFor,
  daysBetween,
  historyEntrySchemaFor,
  type IsoDate,
  isoDateSchema,
  surgerySchema,
  triage,
  triageSettingsSchema,
} from '@lamina/pathway';
import { z } from 'zod';
import { type Command, UsageError } from './io.ts';

const help = `Usage: lamina triage < input.json

Reads { "surgery": {...}, "checkin": {...}, "history": [...], "today": "YYYY-MM-DD" } on stdin
and prints the triage decision as JSON. "history" and "today" are optional (today defaults to
the local date); a clinic may add "settings" (e.g. { "feverC": 37.8 }) within safe floors.
The shapes are documented in packages/pathway/src/triage/README.md.

Invalid input: one line naming the field on stderr, exit code 2, nothing on stdout.`;

const envelopeSchema = z.strictObject({
  surgery: z.unknown(),
  checkin: z.unknown(),
  history: z.array(z.unknown()).optional(),
  today: isoDateSchema.optional(),
  settings: triageSettingsSchema.optional(),
});

/** "checkin.temperature.value: must be …", from the first problem zod found. */
function describe(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix || 'input'}: is not valid`;
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') {
    const neckOnly = issue.keys.filter(
      (key) => key in cervicalCheckinSchema.shape && prefix === 'checkin',
    );
    const hint =
      neckOnly.length > 0 ? ' (neck questions are asked only after cervical surgery)' : '';
    return `${path || 'input'}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}${hint}`;
  }
  const message = /received undefined/.test(issue.message) ? 'is required' : issue.message;
  return `${path || 'input'}: ${message}`;
}

function parseOrExplain<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(describe(result.error, prefix));
  return result.data;
}

export const triageCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help);
    return 0;
  }
  if (args.length > 0)
    throw new UsageError(`unexpected argument "${args[0]}" (input comes on stdin; see --help)`);

  const text = (await io.readStdin()).trim();
  if (text === '')
    throw new UsageError('expected JSON on stdin: { "surgery", "checkin", "history"?, "today"? }');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`stdin is not valid JSON (${(error as Error).message})`);
  }

  const input = parseOrExplain(envelopeSchema, raw, '');
  if (input.surgery === undefined) throw new UsageError('surgery: is required');
  if (input.checkin === undefined) throw new UsageError('checkin: is required');
  const surgery = parseOrExplain(surgerySchema, input.surgery, 'surgery');
  const checkin = parseOrExplain(checkinSchemaFor(surgery.region), input.checkin, 'checkin');
  const today: IsoDate = input.today ?? io.today();
  const history = (input.history ?? []).map((entry, i) => {
    const parsed = parseOrExplain(historyEntrySchemaFor(surgery.region), entry, `history[${i}]`);
    // A check-in from the future is a data error, not something to reason over.
    if (daysBetween(parsed.date, today) < 0) {
      throw new UsageError(`history[${i}].date: ${parsed.date} is after today (${today})`);
    }
    return parsed;
  });

  const decision = triage(checkin, surgery, history, today, input.settings);
  io.out(JSON.stringify(decision, null, 2));
  return 0;
};
