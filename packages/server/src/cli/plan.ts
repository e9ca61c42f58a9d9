import { readFileSync } from 'node:fs';
import {
  approaches,
  jobDemands,
  PlanInputError,
  type PlannedRestriction,
  patientFactorsSchema,
  plan,
  planOverridesSchema,
  procedures,
  type RecoveryPlan,
  regions,
  surgerySchema,
} from '@lamina/pathway';
import type { z } from 'zod';
import { type Command, parseOptions, UsageError } from './io.ts';

const help = `Usage: lamina plan --region lumbar|cervical --procedure laminotomy|laminectomy|microlaminectomy
                   --surgery-date YYYY-MM-DD [options]

Options:
  --approach open|mis        surgical approach (default open; microlaminectomy is always mis)
  --fusion                   the operation included a fusion
  --levels N                 number of spinal levels operated (default 1)
  --today YYYY-MM-DD         the day to plan for (default: today's local date)
  --smoker, --diabetes, --compression-months N,
  --preop-numbness none|mild|severe, --preop-weakness, --preop-weakness-weeks N,
  --preop-bladder, --job none|desk|light|heavy
                             patient factors that change what to expect
  --overrides FILE           the surgeon's overrides as JSON (see packages/pathway/README.md)
  --json                     print the plan as JSON instead of text`;

const flagFor: Record<string, string> = {
  region: '--region',
  procedure: '--procedure',
  approach: '--approach',
  fusion: '--fusion',
  levels: '--levels',
  surgeryDate: '--surgery-date',
  compressionMonths: '--compression-months',
  preopNumbness: '--preop-numbness',
  preopWeaknessWeeks: '--preop-weakness-weeks',
  jobDemand: '--job',
};

const accepted: Record<string, string> = {
  region: regions.join(' or '),
  procedure: procedures.join(', '),
  approach: 'open or mis',
  surgeryDate: 'a date written YYYY-MM-DD',
  levels: 'a whole number from 1 to 8',
  jobDemand: jobDemands.join(', '),
  preopNumbness: 'none, mild or severe',
};

function firstProblem(error: z.ZodError, given: Record<string, unknown> = {}): string {
  const issue = error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const flag = flagFor[key] ?? issue?.path.join('.') ?? '';
  if (issue?.path.length === 1 && key in flagFor && given[key] === undefined) {
    return `${flag} is required${accepted[key] ? ` (${accepted[key]})` : ''}`;
  }
  return `${flag}: ${accepted[key] ? `expected ${accepted[key]}` : issue?.message}`;
}

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new UsageError(`${flag}: expected a number, got "${value}"`);
  return parsed;
}

export const planCommand: Command = async (args, io) => {
  const { values } = parsePlanOptions(args);
  if (values.help) {
    io.out(help);
    return 0;
  }
  const approach = values.approach === 'mis' ? 'minimally-invasive' : values.approach;
  if (approach !== undefined && !(approaches as readonly string[]).includes(approach)) {
    throw new UsageError(`--approach: expected open or mis, got "${values.approach}"`);
  }
  const surgeryInput = {
    region: values.region,
    procedure: values.procedure,
    surgeryDate: values['surgery-date'],
    ...(approach === undefined ? {} : { approach }),
    fusion: values.fusion ?? false,
    ...(values.levels === undefined ? {} : { levels: numberOption(values.levels, '--levels') }),
  };
  const surgery = surgerySchema.safeParse(surgeryInput);
  if (!surgery.success) throw new UsageError(firstProblem(surgery.error, surgeryInput));
  if (values.procedure === 'microlaminectomy' && values.approach === 'open') {
    throw new UsageError(
      '--approach: a microlaminectomy is always minimally invasive (use mis or leave it out)',
    );
  }

  const factorsInput = {
    smoker: values.smoker,
    diabetesOrNeuropathy: values.diabetes,
    compressionMonths: numberOption(values['compression-months'], '--compression-months'),
    preopNumbness: values['preop-numbness'],
    preopWeakness: values['preop-weakness'],
    preopWeaknessWeeks: numberOption(values['preop-weakness-weeks'], '--preop-weakness-weeks'),
    preopBladder: values['preop-bladder'],
    jobDemand: values.job,
  };
  const factors = patientFactorsSchema.safeParse(factorsInput);
  if (!factors.success) throw new UsageError(firstProblem(factors.error, factorsInput));

  const todayInput = values.today ?? io.today();
  const today = surgerySchema.safeParse({ ...surgery.data, surgeryDate: todayInput });
  if (!today.success)
    throw new UsageError(`--today: expected a date written YYYY-MM-DD, got "${todayInput}"`);

  const overrides = planOverridesSchema.safeParse(
    values.overrides ? readJsonFile(values.overrides) : {},
  );
  if (!overrides.success) throw new UsageError(`--overrides: ${firstProblem(overrides.error)}`);

  let result: RecoveryPlan;
  try {
    result = plan(surgery.data, factors.data, today.data.surgeryDate, overrides.data);
  } catch (error) {
    if (error instanceof PlanInputError) throw new UsageError(`--overrides: ${error.message}`);
    throw error;
  }
  io.out(values.json ? JSON.stringify(result, null, 2) : formatPlan(result));
  return 0;
};

function parsePlanOptions(args: string[]) {
  return parseOptions(
    args,
    {
      region: { type: 'string' },
      procedure: { type: 'string' },
      'surgery-date': { type: 'string' },
      approach: { type: 'string' },
      fusion: { type: 'boolean' },
      levels: { type: 'string' },
      today: { type: 'string' },
      smoker: { type: 'boolean' },
      diabetes: { type: 'boolean' },
      'compression-months': { type: 'string' },
      'preop-numbness': { type: 'string' },
      'preop-weakness': { type: 'boolean' },
      'preop-weakness-weeks': { type: 'string' },
      'preop-bladder': { type: 'boolean' },
      job: { type: 'string' },
      overrides: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    { help: 'Run lamina plan --help for the options.' },
  );
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--overrides: cannot read the file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--overrides: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

const cite = (sources: readonly string[]) => `[${sources.join(', ')}]`;

function liftText(restriction: PlannedRestriction): string {
  switch (restriction.lifting) {
    case 'on-date':
      return `until ${restriction.liftsOn}`;
    case 'on-date-if-cleared':
      return `until ${restriction.liftsOn} at the earliest, with your surgeon's OK`;
    case 'when-cleared':
      return 'until your surgeon clears you';
    case 'ongoing':
      return 'the whole time this applies';
    case 'lifted':
      return 'lifted by your surgeon';
  }
}

/** The readable plan: what a patient or nurse wants to see on one screen. */
export function formatPlan(p: RecoveryPlan): string {
  const lines: string[] = [];
  const s = p.surgery;
  const kind = `${s.region} ${s.procedure}${s.fusion ? ' with fusion' : ''}, ${s.approach}, ${s.levels} level${s.levels > 1 ? 's' : ''}`;
  lines.push(`Recovery plan: ${p.protocol.title}`);
  lines.push(`Surgery: ${kind}, on ${s.surgeryDate}`);
  lines.push(
    p.stage === 'before-surgery'
      ? `Today ${p.today}: surgery is in ${-p.dayOfRecovery} day${p.dayOfRecovery === -1 ? '' : 's'}.`
      : `Today ${p.today}: day ${p.dayOfRecovery} after surgery.`,
  );
  lines.push('');
  if (p.currentPhase) {
    const phase = p.currentPhase;
    lines.push(`NOW: ${phase.title} (${phase.startDate} to ${phase.endDate ?? 'onward'})`);
    for (const item of phase.focus) lines.push(`  - ${item.text} ${cite(item.sources)}`);
    for (const item of phase.avoid) lines.push(`  ! ${item.text} ${cite(item.sources)}`);
    lines.push('');
  }
  const inForce = p.restrictions.filter(
    (r) => r.inForce || (p.stage === 'before-surgery' && r.lifting !== 'lifted'),
  );
  lines.push(p.stage === 'before-surgery' ? 'AFTER SURGERY, AVOID' : 'RESTRICTIONS IN FORCE');
  if (inForce.length === 0) lines.push('  none');
  for (const r of inForce) {
    const bySurgeon = r.setBy === 'surgeon' ? ' (set by your surgeon)' : '';
    lines.push(
      `  - ${r.text}${r.detail ? ` ${r.detail}` : ''} Lasts ${liftText(r)}.${bySurgeon} ${cite(r.sources)}`,
    );
    if (r.surgeonNote) lines.push(`    Surgeon's note: ${r.surgeonNote}`);
  }
  lines.push('');
  lines.push('UPCOMING MILESTONES');
  const upcoming = p.milestones.filter((m) => m.status !== 'past');
  if (upcoming.length === 0) lines.push('  none');
  for (const m of upcoming) {
    const when = m.from === m.to ? m.from : `${m.from} to ${m.to}`;
    const now = m.status === 'now' ? ' (about now)' : '';
    const bySurgeon = m.setBy === 'surgeon' ? ' (set by your surgeon)' : '';
    lines.push(`  - ${when}${now}: ${m.text}${bySurgeon} ${cite(m.sources)}`);
  }
  lines.push('');
  lines.push('FOLLOW-UP VISITS');
  for (const v of p.followUps.filter((f) => f.status !== 'past')) {
    const when = v.booked
      ? `${v.date} (booked)`
      : `around ${v.date} (${v.windowStart} to ${v.windowEnd})`;
    lines.push(`  - ${when}: ${v.title} ${cite(v.sources)}`);
  }
  lines.push('');
  lines.push('WHAT TO EXPECT FROM YOUR NERVES');
  for (const symptom of p.symptomCourse.symptoms) {
    lines.push(
      `  - ${symptom.label}: ${symptom.usuallyImproves.withinText}. ${symptom.explanation.text} ${cite(symptom.explanation.sources)}`,
    );
  }
  for (const note of [...p.symptomCourse.slowerHealing, ...p.symptomCourse.notes]) {
    lines.push(`  * ${note.text} ${cite(note.sources)}`);
  }
  lines.push('');
  lines.push('GET HELP');
  for (const sign of p.warningSigns) lines.push(`  - ${sign.text} ${cite(sign.sources)}`);
  lines.push('');
  for (const notice of p.notices) lines.push(`${notice.text} ${cite(notice.sources)}`);
  return lines.join('\n');
}
