import type { Region } from '../surgery/surgery.ts';
import { bodyRules, severePainJump } from './rules-body.ts';
import { cervicalRules } from './rules-cervical.ts';
import { cordRules } from './rules-cord.ts';
import { earlyRules, risingPain } from './rules-early.ts';
import { nerveRules } from './rules-nerves.ts';
import { trajectoryLimits, trajectoryRules } from './trajectory.ts';
import type { TriageRule } from './types.ts';
import { unsureRules } from './unsure.ts';

/** Every triage rule, as data. Red flags read only today's check-in (history can add, never lower). */
export const redFlagRules: readonly TriageRule[] = [
  ...nerveRules,
  ...bodyRules,
  ...cervicalRules,
  ...cordRules,
  ...earlyRules,
  ...unsureRules,
];
export const allTriageRules: readonly TriageRule[] = [...redFlagRules, ...trajectoryRules];

export const rulesByRegion: Readonly<Record<Region, readonly TriageRule[]>> = {
  lumbar: allTriageRules.filter((rule) => rule.regions.includes('lumbar')),
  cervical: allTriageRules.filter((rule) => rule.regions.includes('cervical')),
};

/** The same rules split in two, so triage looks at the "not sure" rules only when an answer is "not sure". */
const isUnsureRule = new Set(unsureRules.map((rule) => rule.id));
function split(rules: readonly TriageRule[]) {
  const sure = rules.filter((rule) => !isUnsureRule.has(rule.id));
  return { sure, withUnsure: [...sure, ...rules.filter((rule) => isUnsureRule.has(rule.id))] };
}
export const rulesByRegionSplit: Readonly<
  Record<
    Region,
    { readonly sure: readonly TriageRule[]; readonly withUnsure: readonly TriageRule[] }
  >
> = { lumbar: split(rulesByRegion.lumbar), cervical: split(rulesByRegion.cervical) };

export function findRule(id: string): TriageRule | undefined {
  return allTriageRules.find((rule) => rule.id === id);
}

/**
 * The history triage reads, so a store can load just that: check-ins from the last `recentDays`
 * days, and from the first `earlyDaysAfterSurgery` days after surgery (the early baseline); of
 * each, only the answers `historyAnswerKeys` names (checkin.ts).
 */
export const triageHistoryNeeded = {
  recentDays: Math.max(
    trajectoryLimits.numbnessIncreaseWindowDays,
    trajectoryLimits.weaknessConfirmWindowDays,
    trajectoryLimits.walkingBaselineWindowDays,
    severePainJump.lookBackDays,
    risingPain.lookBackDays,
  ),
  earlyDaysAfterSurgery: trajectoryLimits.earlyBaselineLastDay,
} as const;
