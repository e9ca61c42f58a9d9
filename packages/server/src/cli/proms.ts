import {
  classifyPromChange,
  isoDateSchema,
  isPromInstrumentId,
  promInstrumentIds,
  promInstruments,
  promsDue,
  regions,
} from '@lamina/pathway';
import { z } from 'zod';
import { firstIssue, parseJsonInput } from './assess.ts';
import { type Command, UsageError } from './io.ts';
import { parseCliArgs, parseLicensed } from './score.ts';

const help = `Usage:
  lamina proms due --surgery-date YYYY-MM-DD --region lumbar|cervical [--today YYYY-MM-DD] [--licensed odi] [< responses.json]
      What is due, overdue or missed. Optional stdin: [{"instrument":"ndi","completedOn":"2026-04-20"}, ...]
  lamina proms change <instrument> --scale <scale> --baseline <n> --follow-up <n>
      Change from baseline classified against the MCID.
  lamina proms questionnaire <instrument>
      The instrument as a FHIR Questionnaire (JSON).
Shapes: packages/pathway/src/proms/README.md.`;

const responsesSchema = z.array(
  z.strictObject({ instrument: z.enum(promInstrumentIds), completedOn: isoDateSchema }),
);

function requireOption(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function dateOption(value: string, name: string) {
  const parsed = isoDateSchema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(`--${name}: must be a real calendar date written YYYY-MM-DD`);
  return parsed.data;
}

function numberOption(value: unknown, name: string): number {
  const text = requireOption(value, name);
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number))
    throw new UsageError(`--${name}: must be a number`);
  return number;
}

export const promsCommand: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, {
    'surgery-date': { type: 'string' },
    region: { type: 'string' },
    today: { type: 'string' },
    licensed: { type: 'string' },
    scale: { type: 'string' },
    baseline: { type: 'string' },
    'follow-up': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const [sub, instrument] = positionals;
  if (values.help || sub === undefined) {
    io.out(help);
    return values.help ? 0 : 2;
  }
  if (sub === 'due') {
    const surgeryDate = dateOption(
      requireOption(values['surgery-date'], 'surgery-date'),
      'surgery-date',
    );
    const region = requireOption(values.region, 'region');
    if (!(regions as readonly string[]).includes(region))
      throw new UsageError(`--region: must be ${regions.join(' or ')}`);
    const today =
      values.today === undefined ? io.today() : dateOption(values.today as string, 'today');
    const stdin = await io.readStdin();
    const parsed = responsesSchema.safeParse(
      stdin.trim() === '' ? [] : parseJsonInput(stdin, 'responses'),
    );
    if (!parsed.success) throw new UsageError(firstIssue(parsed.error, 'responses'));
    const report = promsDue(
      { region: region as (typeof regions)[number], surgeryDate },
      parsed.data,
      today,
      { licensedInstruments: parseLicensed(values.licensed as string | undefined) },
    );
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  if (sub === 'change' || sub === 'questionnaire') {
    if (instrument === undefined || !isPromInstrumentId(instrument)) {
      throw new UsageError(`instrument: must be one of ${promInstrumentIds.join(', ')}`);
    }
    if (sub === 'questionnaire') {
      io.out(JSON.stringify(promInstruments[instrument].questionnaire, null, 2));
      return 0;
    }
    const scales = promInstruments[instrument].scales.map((s) => s.id);
    const scale = requireOption(
      values.scale ?? (scales.length === 1 ? scales[0] : undefined),
      'scale',
    );
    if (!scales.includes(scale))
      throw new UsageError(`--scale: ${instrument} has ${scales.join(', ') || 'no scored scales'}`);
    const change = classifyPromChange(
      instrument,
      scale,
      numberOption(values.baseline, 'baseline'),
      numberOption(values['follow-up'], 'follow-up'),
    );
    io.out(JSON.stringify(change, null, 2));
    return 0;
  }
  throw new UsageError(`unknown subcommand "${sub}"; use due, change or questionnaire`);
};
