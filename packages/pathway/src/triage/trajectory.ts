import type { NerveChange } from '../checkin/checkin.ts';
import { addOffset, daysBetween, type Offset } from '../dates/dates.ts';
import { type NerveSymptom, symptomTimelines } from '../nerve-healing/expectations.ts';
import { defineRule } from './define-rule.ts';
import { wordsAbout } from './questions.ts';
import type { PastCheckin, TriageContext, TriageRule } from './types.ts';

/**
 * Rules over the patient's own course. They raise `contact` and mark the patient off track, so the
 * care team hears about the few who drift from the expected course — never about one sore day:
 * every rule here needs a persistent state or more than one check-in that agrees.
 * Time limits come from nerve-healing/expectations.ts, one place for each fact.
 */

function timeline(symptom: NerveSymptom) {
  const found = symptomTimelines.find((t) => t.symptom === symptom);
  if (!found) throw new Error(`no nerve-healing timeline for ${symptom}`);
  return found;
}

// Calendar months vary in length, so the day is worked out per surgery date; remembered because it is asked on every check-in.
const dayOfCache = new WeakMap<Offset, Map<string, number>>();

/** The day after surgery on which an offset from the expectations is reached (months are calendar months). */
export function dayOf(ctx: TriageContext, offset: Offset): number {
  const date = ctx.surgery.surgeryDate;
  let byDate = dayOfCache.get(offset);
  if (!byDate || byDate.size > 10_000) {
    byDate = new Map();
    dayOfCache.set(offset, byDate);
  }
  const known = byDate.get(date);
  if (known !== undefined) return known;
  const day = daysBetween(date, addOffset(date, offset));
  byDate.set(date, day);
  return day;
}

/** Whether today is at or past a point of a symptom's expected course (expectations.ts). */
function reached(
  ctx: TriageContext,
  symptom: NerveSymptom,
  point: 'askTeamIfStillPresentAfter' | 'mayBePermanentAfter',
): boolean {
  return ctx.day >= dayOf(ctx, timeline(symptom)[point]);
}

const present = (change: NerveChange | undefined): boolean =>
  change !== undefined && change !== 'none';
const increasing = (change: NerveChange | undefined): boolean =>
  change === 'worse' || change === 'rapidly-worse';
const notImproving = (change: NerveChange | undefined): boolean =>
  change === 'unchanged' || increasing(change);

function within(history: readonly PastCheckin[], fromDaysAgo: number, toDaysAgo: number) {
  return history.filter((h) => h.daysAgo >= fromDaysAgo && h.daysAgo <= toDaysAgo);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Judgement values (the sources give none); documented in the triage README. */
export const trajectoryLimits = {
  /** "Keeps increasing": numbness reported worse on at least 2 days within this many days. */
  numbnessIncreaseWindowDays: 14,
  /** Limb pain at or above this (0–10) still counts as present. */
  limbPainPresentAtLeast: 4,
  /** An improvement this large (points or fraction) counts as improving (ref:50, ref:51). */
  limbPainImprovedPoints: 2,
  limbPainImprovedFraction: 0.3,
  /** The patient's early baseline: check-ins from the first two weeks. */
  earlyBaselineLastDay: 14,
  /** Weakness must be reported unchanged in another check-in within this window too. */
  weaknessConfirmWindowDays: 28,
  /** Walking "well below" the patient's own level: under this share of their recent median. */
  walkingShareOfUsual: 0.5,
  walkingBaselineMinCheckins: 3,
  walkingBaselineMinMinutes: 10,
  walkingBaselineWindowDays: 14,
  walkingPreviousWithinDays: 3,
} as const;

function numbnessKeepsIncreasing(c: TriageContext): boolean {
  if (!increasing(c.checkin.numbness?.change)) return false;
  const window = within(c.history, 1, trajectoryLimits.numbnessIncreaseWindowDays - 1);
  return window.some((h) => increasing(h.entry.numbness?.change));
}

function limbPainNotImproving(c: TriageContext): boolean {
  const { limbPainPresentAtLeast: floor } = trajectoryLimits;
  if (!reached(c, 'limb-pain', 'askTeamIfStillPresentAfter')) return false;
  const today = c.checkin.limbPain;
  if (today === undefined || today < floor) return false;
  const recent = within(c.history, 1, 14).filter((h) => (h.entry.limbPain ?? -1) >= floor);
  if (recent.length === 0) return false;
  const early = c.history
    .filter(
      (h) => c.day - h.daysAgo >= 0 && c.day - h.daysAgo <= trajectoryLimits.earlyBaselineLastDay,
    )
    .flatMap((h) => (h.entry.limbPain === undefined ? [] : [h.entry.limbPain]));
  if (early.length === 0) return true;
  const baseline = median(early);
  const gain = baseline - today;
  const improved =
    gain >= trajectoryLimits.limbPainImprovedPoints ||
    (baseline > 0 && gain / baseline >= trajectoryLimits.limbPainImprovedFraction);
  return !improved;
}

function weaknessNotImproving(c: TriageContext): boolean {
  if (!reached(c, 'weakness', 'askTeamIfStillPresentAfter')) return false;
  if (c.checkin.weakness?.change !== 'unchanged') return false;
  const window = within(c.history, 1, trajectoryLimits.weaknessConfirmWindowDays);
  return window.some((h) => notImproving(h.entry.weakness?.change));
}

function walkingFalling(c: TriageContext): boolean {
  const limits = trajectoryLimits;
  const today = c.checkin.walkingMinutes;
  if (today === undefined) return false;
  const walked = c.history.filter((h) => h.entry.walkingMinutes !== undefined && h.daysAgo >= 1);
  const previous = walked.at(-1);
  if (!previous || previous.daysAgo > limits.walkingPreviousWithinDays) return false;
  const baseline = walked
    .filter((h) => h.daysAgo > previous.daysAgo && h.daysAgo <= limits.walkingBaselineWindowDays)
    .map((h) => h.entry.walkingMinutes as number);
  if (baseline.length < limits.walkingBaselineMinCheckins) return false;
  const usual = median(baseline);
  if (usual < limits.walkingBaselineMinMinutes) return false;
  const low = usual * limits.walkingShareOfUsual;
  // Two check-ins in a row must agree, so one bad day never raises the flag.
  return today < low && (previous.entry.walkingMinutes as number) < low;
}

/** A trajectory rule: recovery off its expected course, for the care team to hear about (contact). */
const offTrackRule = (spec: Omit<Parameters<typeof defineRule>[0], 'level' | 'offTrack'>) =>
  defineRule({ ...spec, level: 'contact', offTrack: true });

export const trajectoryRules: readonly TriageRule[] = [
  offTrackRule({
    id: 'numbness-keeps-increasing',
    fires: numbnessKeepsIncreasing,
    patientWords: wordsAbout('numbness'),
    say: 'Your numbness has been getting worse over several days. Tell your care team in the next few days. Call them today if it spreads fast or you feel weaker.',
    clinicianSummary: `Numbness reported as increasing on 2 or more days within ${trajectoryLimits.numbnessIncreaseWindowDays} days.`,
    sources: ['seed:003'],
  }),
  offTrackRule({
    id: 'numbness-persisting',
    fires: (c) =>
      reached(c, 'numbness', 'askTeamIfStillPresentAfter') &&
      !reached(c, 'numbness', 'mayBePermanentAfter') &&
      notImproving(c.checkin.numbness?.change),
    patientWords: wordsAbout('numbness'),
    say: 'Your numbness is still there and not getting better, some months after surgery. Tell your care team in the next few days, or at your next visit. They may want to check the nerve.',
    clinicianSummary:
      'Numbness present and not improving beyond 3 months (seed:003: ask if it lasts more than 3–6 months).',
    sources: ['seed:003', 'ref:96', 'ref:94'],
  }),
  offTrackRule({
    id: 'numbness-may-be-permanent',
    fires: (c) =>
      reached(c, 'numbness', 'mayBePermanentAfter') && present(c.checkin.numbness?.change),
    patientWords: wordsAbout('numbness'),
    say: 'Numbness that is still there a year or more after surgery may not go away fully. This happens most when a nerve was squeezed for a long time before surgery. Talk with your care team. They can check the nerve and help you manage daily life with it.',
    clinicianSummary:
      'Numbness persisting 12+ months after surgery: likely permanent per sources; consider evaluation (imaging / nerve studies) and counselling.',
    sources: ['seed:003', 'ref:39', 'ref:96'],
  }),
  offTrackRule({
    id: 'limb-pain-not-improving',
    fires: limbPainNotImproving,
    say: {
      lumbar:
        'Leg pain usually eases a lot within 6 to 8 weeks after surgery. Yours is not easing as expected. Tell your care team in the next few days.',
      cervical:
        'Arm pain usually eases a lot within 6 to 8 weeks after surgery. Yours is not easing as expected. Tell your care team in the next few days.',
    },
    clinicianSummary:
      'Limb pain ≥4/10 on two check-ins past 8 weeks and not improved by 2 points or 30% from the first-2-weeks median (or no early baseline).',
    sources: ['seed:003', 'ref:94', 'ref:50', 'ref:51'],
    uncertain: true,
  }),
  offTrackRule({
    id: 'weakness-not-improving',
    fires: weaknessNotImproving,
    patientWords: wordsAbout('weakness'),
    say: 'Your weakness has not been getting better. Strength often returns slowly, but your care team should know. Tell them in the next few days.',
    clinicianSummary:
      'Weakness reported unchanged beyond 3 months, confirmed by another check-in within 28 days.',
    sources: ['seed:003', 'ref:97', 'ref:18'],
  }),
  offTrackRule({
    id: 'weakness-persisting',
    fires: (c) =>
      notImproving(c.checkin.weakness?.change) &&
      reached(c, 'weakness', 'askTeamIfStillPresentAfter'),
    patientWords: wordsAbout('weakness'),
    say: 'Your weakness is still there and not getting better, some months after surgery. Strength often comes back slowly, but your care team should know. Tell them in the next few days, or at your next visit.',
    clinicianSummary:
      'Weakness present and not improving beyond 3 months on a single check-in (seed:003: weakness from compression usually improves within weeks to months; the plan expects most change by 3 months).',
    sources: ['seed:003', 'ref:97', 'ref:18'],
  }),
  offTrackRule({
    id: 'walking-falling',
    fires: walkingFalling,
    patientWords: (c) =>
      c.checkin.walkingMinutes === undefined ? undefined : `${c.checkin.walkingMinutes} min`,
    say: 'You have walked much less than usual for two check-ins in a row. Tell your care team in the next few days. If walking got worse suddenly, or your balance changed, call them today.',
    clinicianSummary:
      'Walking minutes below half of the patient’s own median over the prior 2 weeks, on two consecutive check-ins.',
    sources: ['seed:001', 'ref:4'],
    uncertain: true,
  }),
];
