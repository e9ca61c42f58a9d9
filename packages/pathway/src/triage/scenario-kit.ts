/** Test support: builds triage scenarios from a compact table. Not part of the public API. */
import {
  type CheckinInput,
  checkinSchemaFor,
  type HistoryEntry,
  historyEntrySchemaFor,
} from '../checkin/checkin.ts';
import { addDays, type IsoDate } from '../dates/dates.ts';
import type { Source } from '../sources/source.ts';
import { type Region, type Surgery, surgerySchema } from '../surgery/surgery.ts';
import { triage } from './triage.ts';
import type { TriageDecision, TriageLevel } from './types.ts';

export const surgeryDate = '2026-01-05' as IsoDate;

export function surgeryFor(region: Region, overrides: Partial<Surgery> = {}): Surgery {
  return surgerySchema.parse({
    region,
    procedure: 'laminectomy',
    surgeryDate,
    ...overrides,
  });
}

/** The yes/no warning-sign questions every check-in asks, lumbar and cervical alike. */
export const yesNoWarningSigns = [
  'severeBleeding',
  'unableToMoveLimbs',
  'urinaryRetention',
  'bladderIncontinence',
  'bowelIncontinence',
  'saddleNumbness',
  'fell',
  'positionalHeadache',
  'calfPainOrSwelling',
  'chestPain',
  'shortOfBreath',
  'coughingBlood',
] as const;

/** Each of those answered "no". */
export const noWarningSigns = Object.fromEntries(yesNoWarningSigns.map((q) => [q, 'no'])) as Record<
  (typeof yesNoWarningSigns)[number],
  'no'
>;

/** A healing incision: every wound question answered "no" or "none". */
export const calmIncision = {
  redness: 'no',
  warmth: 'no',
  swelling: 'none',
  drainage: 'none',
  opening: 'no',
  dressingSoaked: 'no',
} as const satisfies CheckinInput['incision'];

/** A fully answered, uneventful check-in: every red-flag question answered "no". */
export function calmCheckin(region: Region): CheckinInput {
  const common: CheckinInput = {
    axialPain: 3,
    limbPain: 2,
    painControlled: 'yes',
    temperature: { value: 36.9, unit: 'C' },
    incision: calmIncision,
    ...noWarningSigns,
    numbness: { change: 'none', new: 'no' },
    weakness: { change: 'none', new: 'no' },
    daysSinceBowelMovement: 1,
    walkingBalance: 'improving',
    walkingMinutes: 20,
    opioidDoses: 1,
    otherPainDoses: 3,
    exercises: 'all',
  };
  if (region === 'lumbar') return common;
  return {
    ...common,
    swallowing: 'normal',
    voice: 'normal',
    neckSwelling: 'none',
    newShoulderArmWeakness: 'no',
    handClumsiness: 'no',
  };
}

export type PastInput = CheckinInput & { daysAgo: number };

export interface Scenario {
  readonly name: string;
  /** Where the expected behaviour comes from. */
  readonly sources: readonly Source[];
  readonly regions: readonly Region[];
  /** Days after surgery. */
  readonly day: number;
  /** Changes to the calm check-in (a key set to undefined removes that answer). */
  readonly checkin: CheckinInput;
  /** Start from an empty check-in instead of the calm one. */
  readonly bare?: boolean;
  readonly history?: readonly PastInput[];
  readonly level: TriageLevel;
  /** Rules that must fire (when empty, no finding may appear). */
  readonly fires: readonly string[];
  readonly offTrack?: boolean;
  readonly surgery?: Partial<Surgery>;
}

export const both: readonly Region[] = ['lumbar', 'cervical'];
export const lumbar: readonly Region[] = ['lumbar'];
export const cervical: readonly Region[] = ['cervical'];

export function historyOf(region: Region, today: IsoDate, past: readonly PastInput[] = []) {
  return past.map(({ daysAgo, ...answers }): HistoryEntry => {
    const input = { ...calmCheckin(region), ...answers, date: addDays(today, -daysAgo) };
    return historyEntrySchemaFor(region).parse(input) as HistoryEntry;
  });
}

export function runScenario(scenario: Scenario, region: Region): TriageDecision {
  const surgery = surgeryFor(region, scenario.surgery);
  const today = addDays(surgery.surgeryDate, scenario.day);
  const base = scenario.bare ? {} : calmCheckin(region);
  const merged = Object.fromEntries(
    Object.entries({ ...base, ...scenario.checkin }).filter(([, v]) => v !== undefined),
  );
  const checkin = checkinSchemaFor(region).parse(merged);
  return triage(checkin, surgery, historyOf(region, today, scenario.history), today);
}
