import { addDays, addOffset, daysBetween, describeOffset, type IsoDate } from '../dates/dates.ts';
import {
  type NerveSymptom,
  noCountdownNote,
  slowerHealingFactorsFor,
  spinalCordNote,
  symptomTimelines,
  whenToAskAboutNumbness,
} from '../nerve-healing/expectations.ts';
import { moreLevelsNote, notADiagnosis, surgeonFirst } from '../protocols/common.ts';
import { type GoodToKnowTopic, goodToKnow } from '../protocols/good-to-know.ts';
import {
  conditionHolds,
  milestoneTextId,
  protocolFor,
  restrictionDetailId,
  restrictionTextId,
} from '../protocols/protocols.ts';
import type { Milestone, Protocol, Restriction } from '../protocols/types.ts';
import type { Source, Statement } from '../sources/source.ts';
import type { PatientFactors, Surgery } from '../surgery/surgery.ts';
import { type PlanOverrides, unknownOverrideIds } from './overrides.ts';

export type SetBy = 'protocol' | 'surgeon';

export interface PlannedPhase {
  readonly id: string;
  readonly title: string;
  readonly startDate: IsoDate;
  /** Last day of the phase; null for the open-ended last phase. */
  readonly endDate: IsoDate | null;
  readonly current: boolean;
  readonly focus: readonly Statement[];
  readonly avoid: readonly Statement[];
}

export interface Load {
  readonly lb: number;
  readonly lbHigh?: number;
  readonly kg: number;
  readonly kgHigh?: number;
}

export type RestrictionLifting =
  | 'on-date'
  | 'on-date-if-cleared'
  | 'when-cleared'
  | 'ongoing'
  | 'lifted';

export interface PlannedRestriction {
  /** The key for the surgeon's overrides; several variants (fusion, region) share it. */
  readonly id: string;
  readonly kind: Restriction['kind'];
  readonly text: string;
  /** Translation key of `text`: one key, one English text. */
  readonly textId: string;
  readonly detail?: string;
  /** Translation key of `detail`, present with it. */
  readonly detailId?: string;
  readonly maxLoad?: Load;
  readonly startsOn: IsoDate;
  /** The day it no longer applies; null when it ends only with the surgeon's clearance or never. */
  readonly liftsOn: IsoDate | null;
  readonly lifting: RestrictionLifting;
  readonly inForce: boolean;
  readonly setBy: SetBy;
  readonly surgeonNote?: string;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export type TimingStatus = 'upcoming' | 'now' | 'past';

export interface PlannedMilestone {
  readonly id: string;
  readonly text: string;
  /** Translation key of `text`: one key, one English text. */
  readonly textId: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly status: TimingStatus;
  readonly setBy: SetBy;
  readonly surgeonNote?: string;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export interface PlannedFollowUp {
  readonly id: string;
  readonly title: string;
  readonly date: IsoDate;
  readonly windowStart: IsoDate;
  readonly windowEnd: IsoDate;
  readonly status: TimingStatus;
  /** True when the date is a booked appointment (set by the care team), not an estimate. */
  readonly booked: boolean;
  readonly setBy: SetBy;
  readonly surgeonNote?: string;
  readonly sources: readonly Source[];
}

export interface SymptomExpectation {
  readonly symptom: NerveSymptom;
  readonly label: string;
  /** Whether the patient had it before surgery; null when not recorded. */
  readonly hadBeforeSurgery: boolean | null;
  readonly usuallyImproves: {
    readonly from: IsoDate;
    readonly to: IsoDate;
    readonly withinText: string;
  };
  readonly askTeamIfStillPresentAfter: IsoDate;
  readonly mayBePermanentAfter: IsoDate;
  readonly outlook: 'usual' | 'may-take-longer';
  readonly explanation: Statement;
}

export interface RecoveryPlan {
  readonly protocol: { readonly id: string; readonly title: string; readonly summary: Statement };
  readonly surgery: Surgery;
  readonly factors: PatientFactors;
  readonly today: IsoDate;
  /** Days since the day of surgery (0 on the day itself, negative before it). */
  readonly dayOfRecovery: number;
  readonly stage: 'before-surgery' | 'recovering';
  readonly currentPhase: PlannedPhase | null;
  readonly phases: readonly PlannedPhase[];
  readonly restrictions: readonly PlannedRestriction[];
  readonly milestones: readonly PlannedMilestone[];
  readonly followUps: readonly PlannedFollowUp[];
  readonly symptomCourse: {
    readonly symptoms: readonly SymptomExpectation[];
    readonly slowerHealing: readonly Statement[];
    readonly notes: readonly Statement[];
  };
  readonly warningSigns: readonly Statement[];
  readonly notices: readonly Statement[];
  /** Good to know: risks, comfort, healing habits, pain medicine, numbness (seed:000–003). */
  readonly goodToKnow: readonly GoodToKnowTopic[];
}

export class PlanInputError extends Error {}

const kgPerLb = 0.45359237;
const toKg = (lb: number) => Math.round(lb * kgPerLb * 10) / 10;

export function describeLoad(load: Load): string {
  return load.lbHigh === undefined
    ? `${load.lb} lb (${load.kg} kg)`
    : `${load.lb} to ${load.lbHigh} lb (${load.kg} to ${load.kgHigh} kg)`;
}

function loadFrom(low: number, high: number): Load {
  return low === high
    ? { lb: low, kg: toKg(low) }
    : { lb: low, lbHigh: high, kg: toKg(low), kgHigh: toKg(high) };
}

function timing(today: IsoDate, from: IsoDate, to: IsoDate): TimingStatus {
  if (today < from) return 'upcoming';
  return today > to ? 'past' : 'now';
}

function withSurgeon(sources: readonly Source[]): readonly Source[] {
  return sources.includes('surgeon') ? sources : ['surgeon', ...sources];
}

/** Who set a planned item: the protocol, or the surgeon's override (with its note, and the surgeon among the sources). */
function setBy(override: { readonly note?: string } | undefined, sources: readonly Source[]) {
  return {
    setBy: override ? ('surgeon' as const) : ('protocol' as const),
    ...(override?.note === undefined ? {} : { surgeonNote: override.note }),
    sources: override ? withSurgeon(sources) : sources,
  };
}

/** What every part of the plan is worked out from. */
interface Planning {
  readonly protocol: Protocol;
  readonly surgery: Surgery;
  readonly factors: PatientFactors;
  readonly today: IsoDate;
  readonly overrides: PlanOverrides;
  /** The surgery date: day 0 of every offset. */
  readonly start: IsoDate;
}

/**
 * The personalized recovery plan: protocol data for this surgery, placed on the calendar from the
 * surgery date, with the surgeon's overrides applied on top. Pure: `today` is an argument.
 */
export function plan(
  surgery: Surgery,
  factors: PatientFactors,
  today: IsoDate,
  overrides: PlanOverrides = { restrictions: {}, milestones: {}, followUps: {} },
): RecoveryPlan {
  const protocol = protocolFor(surgery);
  const problems = unknownOverrideIds(protocol, overrides);
  if (problems.length > 0) throw new PlanInputError(`unknown override: ${problems.join('; ')}`);

  const start = surgery.surgeryDate;
  const planning: Planning = { protocol, surgery, factors, today, overrides, start };
  const dayOfRecovery = daysBetween(start, today);
  const phases = planPhases(planning);
  return {
    protocol: { id: protocol.id, title: protocol.title, summary: protocol.summary },
    surgery,
    factors,
    today,
    dayOfRecovery,
    stage: dayOfRecovery < 0 ? 'before-surgery' : 'recovering',
    currentPhase: phases.find((phase) => phase.current) ?? null,
    phases,
    restrictions: planRestrictions(planning),
    milestones: planMilestones(planning),
    followUps: planFollowUps(planning),
    symptomCourse: planSymptomCourse(surgery, factors),
    warningSigns: protocol.warningSigns,
    notices: [surgeonFirst, notADiagnosis, ...(surgery.levels >= 2 ? [moreLevelsNote] : [])],
    goodToKnow: goodToKnow(surgery),
  };
}

function planPhases({ protocol, start, today }: Planning): PlannedPhase[] {
  const starts = protocol.phases.map((phase) => addOffset(start, phase.starts));
  return protocol.phases.map((phase, index) => {
    const startDate = starts[index] as IsoDate;
    const next = starts[index + 1];
    const endDate = next === undefined ? null : addDays(next, -1);
    return {
      id: phase.id,
      title: phase.title,
      startDate,
      endDate,
      current: today >= startDate && (endDate === null || today <= endDate),
      focus: phase.focus,
      avoid: phase.avoid,
    };
  });
}

function planRestrictions({
  protocol,
  surgery,
  today,
  overrides,
  start,
}: Planning): PlannedRestriction[] {
  return protocol.restrictions
    .filter((restriction) => conditionHolds(restriction.when, surgery))
    .map((restriction) => {
      const override = overrides.restrictions[restriction.id];
      const startsOn = addOffset(start, restriction.starts ?? { days: 0 });
      let liftsOn: IsoDate | null = null;
      let lifting: RestrictionLifting;
      const lifts = override?.lifts;
      if (lifts === 'lifted') {
        lifting = 'lifted';
        liftsOn = start;
      } else if (lifts === 'when-cleared') {
        lifting = 'when-cleared';
      } else if (lifts !== undefined) {
        lifting = 'on-date';
        liftsOn = addOffset(start, lifts);
      } else if (restriction.lifts.kind === 'after') {
        lifting = restriction.lifts.needsClearance ? 'on-date-if-cleared' : 'on-date';
        liftsOn = addOffset(start, restriction.lifts.offset);
      } else {
        lifting = restriction.lifts.kind;
      }
      const maxLoad =
        override?.maxLoadLb !== undefined
          ? loadFrom(override.maxLoadLb, override.maxLoadLb)
          : restriction.maxLoadLb &&
            loadFrom(restriction.maxLoadLb.low, restriction.maxLoadLb.high);
      const detail = override?.maxLoadLb === undefined ? restriction.detail : undefined;
      return {
        id: restriction.id,
        kind: restriction.kind,
        text: maxLoad
          ? restriction.text.replace('{load}', describeLoad(maxLoad))
          : restriction.text,
        textId: restrictionTextId(restriction),
        ...(detail === undefined ? {} : { detail, detailId: restrictionDetailId(restriction) }),
        ...(maxLoad ? { maxLoad } : {}),
        startsOn,
        liftsOn,
        lifting,
        inForce: lifting !== 'lifted' && today >= startsOn && (liftsOn === null || today < liftsOn),
        ...setBy(override, restriction.sources),
        ...(restriction.uncertain ? { uncertain: true } : {}),
      };
    });
}

function applies(milestone: Milestone, surgery: Surgery, factors: PatientFactors): boolean {
  if (!conditionHolds(milestone.when, surgery)) return false;
  if (milestone.forJobs === undefined || factors.jobDemand === undefined) return true;
  return milestone.forJobs.includes(factors.jobDemand);
}

function planMilestones({
  protocol,
  surgery,
  factors,
  today,
  overrides,
  start,
}: Planning): PlannedMilestone[] {
  return protocol.milestones
    .filter((milestone) => applies(milestone, surgery, factors))
    .map((milestone) => {
      const override = overrides.milestones[milestone.id];
      let from = addOffset(start, override?.from ?? milestone.expected.from);
      let to = addOffset(start, override?.to ?? milestone.expected.to);
      if (to < from) {
        // The end the surgeon set wins; the protocol's other end moves to meet it.
        if (override?.from && override.to) {
          throw new PlanInputError(`milestones.${milestone.id}: "to" is before "from"`);
        }
        if (override?.to) from = to;
        else to = from;
      }
      return {
        id: milestone.id,
        text: milestone.text,
        textId: milestoneTextId(milestone),
        from,
        to,
        status: timing(today, from, to),
        ...setBy(override, milestone.sources),
        ...(milestone.uncertain ? { uncertain: true } : {}),
      } satisfies PlannedMilestone;
    })
    .sort((a, b) => (a.from === b.from ? a.to.localeCompare(b.to) : a.from.localeCompare(b.from)));
}

function planFollowUps({ protocol, start, today, overrides }: Planning): PlannedFollowUp[] {
  return protocol.followUps
    .map((visit) => {
      const override = overrides.followUps[visit.id];
      const booked = override?.date !== undefined;
      const date = override?.date ?? addOffset(start, visit.at);
      const windowStart = booked ? date : addDays(date, -visit.windowDays);
      const windowEnd = booked ? date : addDays(date, visit.windowDays);
      return {
        id: visit.id,
        title: visit.title,
        date,
        windowStart,
        windowEnd,
        status: timing(today, windowStart, windowEnd),
        booked,
        ...setBy(override, visit.sources),
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

function hadBeforeSurgery(symptom: NerveSymptom, factors: PatientFactors): boolean | null {
  if (symptom === 'weakness') return factors.preopWeakness ?? null;
  if (symptom === 'numbness')
    return factors.preopNumbness === undefined ? null : factors.preopNumbness !== 'none';
  return null;
}

function planSymptomCourse(
  surgery: Surgery,
  factors: PatientFactors,
): RecoveryPlan['symptomCourse'] {
  const start = surgery.surgeryDate;
  const slower = slowerHealingFactorsFor(surgery, factors);
  const symptoms = symptomTimelines.map((timeline) => ({
    symptom: timeline.symptom,
    label: timeline.label[surgery.region],
    hadBeforeSurgery: hadBeforeSurgery(timeline.symptom, factors),
    usuallyImproves: {
      from: addOffset(start, timeline.usuallyImprovesWithin.from),
      to: addOffset(start, timeline.usuallyImprovesWithin.to),
      withinText: `usually within ${describeOffset(timeline.usuallyImprovesWithin.to)}`,
    },
    askTeamIfStillPresentAfter: addOffset(start, timeline.askTeamIfStillPresentAfter),
    mayBePermanentAfter: addOffset(start, timeline.mayBePermanentAfter),
    outlook: slower.length > 0 ? ('may-take-longer' as const) : ('usual' as const),
    explanation: timeline.explanation,
  }));
  return {
    symptoms,
    slowerHealing: slower.map((factor) => factor.explanation),
    notes: [
      noCountdownNote,
      whenToAskAboutNumbness,
      ...(surgery.region === 'cervical' ? [spinalCordNote] : []),
    ],
  };
}
