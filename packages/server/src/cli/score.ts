import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { promInstrumentIds, promInstruments, scorePromAnswers } from '@lamina/pathway';
import { parseJsonInput } from './assess.ts';
import { type Command, UsageError } from './io.ts';

const help = `Usage: lamina score <instrument> [--licensed odi,...] < answers.json
       lamina score --list

Scores one questionnaire. Answers are a JSON object keyed by item id (the item's score, or its
code for unscored items; null for a skipped item). Instruments: ${promInstrumentIds.join(', ')}.
--licensed lists instruments your clinic holds a licence for (ODI is off without it).
Shapes: packages/pathway/src/proms/README.md.`;

export function parseLicensed(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

export function parseCliArgs(args: string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export const scoreCommand: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, {
    licensed: { type: 'string' },
    list: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (values.list) {
    const list = promInstrumentIds.map((id) => ({
      instrument: id,
      title: promInstruments[id].questionnaire.title,
      respondent: promInstruments[id].respondent,
      licence: promInstruments[id].licence.status,
      needsClinicLicence: promInstruments[id].licence.requiresClinicConfirmation,
    }));
    io.out(JSON.stringify(list, null, 2));
    return 0;
  }
  const [instrument, extra] = positionals;
  if (instrument === undefined)
    throw new UsageError(`name an instrument: ${promInstrumentIds.join(', ')}`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const answers = parseJsonInput(await io.readStdin(), `${instrument} answers`);
  const result = scorePromAnswers(instrument, answers, {
    licensedInstruments: parseLicensed(values.licensed as string | undefined),
  });
  if (!result.ok) {
    const message =
      result.reason === 'invalid-answers' ? `answers.${result.message}` : result.message;
    throw new UsageError(
      result.reason === 'licence-not-confirmed'
        ? `${message}; pass --licensed ${instrument} once it does`
        : message,
    );
  }
  io.out(JSON.stringify(result.score, null, 2));
  return 0;
};
