import { type Checkin, type HistoryEntry, toCelsius } from '../checkin/checkin.ts';
import { daysBetween, type IsoDate } from '../dates/dates.ts';
import { symptomTimelines, whenToAskAboutNumbness } from '../nerve-healing/expectations.ts';
import { protocolSelfCare } from '../protocols/protocols.ts';
import type { Statement } from '../sources/source.ts';
import type { Surgery } from '../surgery/surgery.ts';
import { instructionFor } from './define-rule.ts';
import { rulesByRegionSplit } from './rules.ts';
import { expectedThroatSymptomDays } from './rules-cervical.ts';
import {
  defaultTriageSettings,
  type ResolvedTriageSettings,
  resolveTriageSettings,
  type TriageSettings,
} from './settings.ts';
import {
  contactUnsureHeadline,
  disclaimer,
  earlyLowTemperature,
  earlyThroatSymptoms,
  headlines,
  noDrivingOnOpioids,
  noteNotRead,
  numbnessImprovingSlowly,
  routineWithUnansweredHeadline,
  selfCareTips,
} from './statements.ts';
import { dayOf } from './trajectory.ts';
import {
  levelRank,
  type PastCheckin,
  type TriageContext,
  type TriageDecision,
  type TriageFinding,
  type TriageLevel,
} from './types.ts';
import { unansweredRedFlags } from './unanswered.ts';
import { hasUnsureAnswer, unsureRuleIds } from './unsure.ts';

export * from './rules.ts';
export * from './settings.ts';
export * from './types.ts';
export { redFlagQuestionIds } from './unanswered.ts';

/**
 * Turns today's check-in into a decision: a level, every finding that raised it (each with its
 * patient instruction and sources), self-care for a calm day, and the red-flag questions left
 * unanswered. Pure: `today` is passed in. History can add findings; it never removes one.
 */
export function triage(
  checkin: Checkin,
  surgery: Surgery,
  history: readonly HistoryEntry[] = [],
  today: IsoDate,
  settings?: TriageSettings,
): TriageDecision {
  const ctx: TriageContext = {
    checkin,
    surgery,
    region: surgery.region,
    today,
    day: daysBetween(surgery.surgeryDate, today),
    history: pastCheckins(history, today),
    settings: settings === undefined ? defaultTriageSettings : resolveTriageSettings(settings),
  };

  const findings: TriageFinding[] = [];
  let level: TriageLevel = 'routine';
  const { sure, withUnsure } = rulesByRegionSplit[ctx.region];
  const rules = hasUnsureAnswer(checkin) ? withUnsure : sure;
  for (const rule of rules) {
    if (!rule.fires(ctx)) continue;
    const patientWords = rule.patientWords?.(ctx);
    findings.push({
      ruleId: rule.id,
      level: rule.level,
      instruction: instructionFor(rule, ctx.region),
      clinicianSummary: rule.clinicianSummary,
      sources: rule.sources,
      offTrack: rule.offTrack === true,
      ...(patientWords ? { patientWords } : {}),
    });
    if (levelRank[rule.level] > levelRank[level]) level = rule.level;
  }
  findings.sort((a, b) => levelRank[b.level] - levelRank[a.level]);

  const unanswered = unansweredRedFlags(checkin, ctx.region);
  const dangerSignsSkipped = unanswered.some((q) => q.levelIfYes === 'emergency');
  const unsureAbout = level === 'contact' && findings.some((f) => unsureRuleIds.has(f.ruleId));
  return {
    level,
    offTrack: findings.some((f) => f.offTrack),
    daysSinceSurgery: ctx.day,
    instruction:
      level === 'routine' && dangerSignsSkipped
        ? routineWithUnansweredHeadline
        : unsureAbout
          ? contactUnsureHeadline
          : headlines[level],
    findings,
    selfCare: levelRank[level] <= levelRank.contact ? selfCareFor(ctx, ctx.settings) : [],
    unanswered,
    disclaimer,
  };
}

/** Earlier check-ins up to today, oldest first, each knowing how many days ago it was. */
function pastCheckins(history: readonly HistoryEntry[], today: IsoDate): PastCheckin[] {
  const past: PastCheckin[] = [];
  for (const entry of history) {
    const daysAgo = daysBetween(entry.date, today);
    if (daysAgo >= 0) past.push({ entry, daysAgo });
  }
  return past.sort((a, b) => b.daysAgo - a.daysAgo);
}

function selfCareFor(ctx: TriageContext, settings: ResolvedTriageSettings): Statement[] {
  const { checkin, day, region } = ctx;
  const tips: Statement[] = [];
  const temperature = checkin.temperature ? toCelsius(checkin.temperature) : undefined;
  const early = day >= 0 && day <= settings.earlyFeverDays;
  if (early && temperature !== undefined && temperature >= settings.feverC) {
    tips.push(earlyLowTemperature);
  }
  const throatEarly = region === 'cervical' && day >= 0 && day <= expectedThroatSymptomDays;
  if (throatEarly && (checkin.swallowing === 'mild' || checkin.voice === 'hoarse')) {
    tips.push(earlyThroatSymptoms);
  }
  const numbness = checkin.numbness?.change;
  if (numbness !== undefined && numbness !== 'none') {
    const askAfter = symptomTimelines.find(
      (t) => t.symptom === 'numbness',
    )?.askTeamIfStillPresentAfter;
    if (numbness === 'improving' && askAfter && day >= dayOf(ctx, askAfter)) {
      tips.push(numbnessImprovingSlowly);
    }
    tips.push(whenToAskAboutNumbness);
  }
  if ((checkin.opioidDoses ?? 0) > 0) tips.push(noDrivingOnOpioids);
  for (const tip of selfCareTips) {
    if (tip.region !== undefined && tip.region !== region) continue;
    if (day < 0 || (tip.untilDay !== undefined && day > tip.untilDay)) continue;
    tips.push(tip.statement);
  }
  tips.push(...protocolSelfCare(ctx.surgery, day));
  if (checkin.note) tips.push(noteNotRead);
  return tips;
}
