import type { Checkin, HistoryEntry } from '../checkin/checkin.ts';
import type { IsoDate } from '../dates/dates.ts';
import type { Source, Statement } from '../sources/source.ts';
import type { Region, Surgery } from '../surgery/surgery.ts';
import type { ResolvedTriageSettings } from './settings.ts';

/**
 * - emergency: call emergency services now.
 * - urgent: call the surgical team today.
 * - contact: tell the care team in the next days or at the next visit.
 * - routine: expected; self-care guidance.
 */
export const triageLevels = ['routine', 'contact', 'urgent', 'emergency'] as const;
export type TriageLevel = (typeof triageLevels)[number];

export const levelRank: Readonly<Record<TriageLevel, number>> = {
  routine: 0,
  contact: 1,
  urgent: 2,
  emergency: 3,
};

export function higherLevel(a: TriageLevel, b: TriageLevel): TriageLevel {
  return levelRank[a] >= levelRank[b] ? a : b;
}

/** A past check-in with its distance from today worked out once (wrapped, not copied: it is cheaper). */
export interface PastCheckin {
  readonly entry: HistoryEntry;
  readonly daysAgo: number;
}

/** Everything a rule may look at. History is sorted oldest first and holds only days up to today. */
export interface TriageContext {
  readonly checkin: Checkin;
  readonly surgery: Surgery;
  readonly region: Region;
  readonly today: IsoDate;
  /** Whole days since the operation (0 = the day of surgery; negative before it). */
  readonly day: number;
  readonly history: readonly PastCheckin[];
  readonly settings: ResolvedTriageSettings;
}

/** A text that differs by region ("leg" after lumbar surgery, "arm" after cervical). */
export type RegionalStatement = Statement | Readonly<Record<Region, Statement>>;

/** One finding, one rule: a reader finds "fever" by grepping its id and lands here. */
export interface TriageRule {
  readonly id: string;
  readonly level: TriageLevel;
  readonly regions: readonly Region[];
  /** Trajectory rules: the patient is off the expected course (shown on the care team's calmer list). */
  readonly offTrack?: boolean;
  readonly fires: (ctx: TriageContext) => boolean;
  /** The patient's own words that go with the finding (where the numbness is, for example). */
  readonly patientWords?: (ctx: TriageContext) => string | undefined;
  readonly instruction: RegionalStatement;
  readonly clinicianSummary: string;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export interface TriageFinding {
  readonly ruleId: string;
  readonly level: TriageLevel;
  readonly instruction: Statement;
  readonly clinicianSummary: string;
  readonly sources: readonly Source[];
  readonly offTrack: boolean;
  readonly patientWords?: string;
}

/** A red-flag question the patient did not answer (or answered "unsure"). */
export interface UnansweredQuestion {
  readonly question: string;
  /** The level the answer "yes" would have raised. */
  readonly levelIfYes: TriageLevel;
  readonly prompt: Statement;
}

export interface TriageDecision {
  readonly level: TriageLevel;
  /** True when a trajectory rule says the recovery is off its expected course. */
  readonly offTrack: boolean;
  readonly daysSinceSurgery: number;
  /** The headline for the level: what to do now. */
  readonly instruction: Statement;
  /** Most urgent first. */
  readonly findings: readonly TriageFinding[];
  /** Routine guidance for today (empty when the patient must act now). */
  readonly selfCare: readonly Statement[];
  readonly unanswered: readonly UnansweredQuestion[];
  readonly disclaimer: Statement;
}
