import { isLowTemperature, isYes, lowTemperatureC } from '../checkin/checkin.ts';
import { defineRule } from './define-rule.ts';
import { temperatureWords } from './questions.ts';
import { hasNeuroFinding, hematomaWindowDays, inHematomaWindow } from './rules-cord.ts';
import type { TriageContext, TriageRule } from './types.ts';

/**
 * Severe pain in the first week, and a low temperature (issue 13). The first days at home are
 * when a hematoma shows, in lumbar cases mainly as severe pain (ref:10), and the pain-jump rule
 * cannot help then because it needs earlier check-ins.
 */

/** Severe pain on the 0–10 scale; the same cut as the pain-jump rule. */
export const severePainAtLeast = 8;
/** "Rising": an earlier check-in in the last few days with worst pain at least this much lower (ref:50, ref:51: 2 points is a real change). */
export const risingPain = { byAtLeast: 2, lookBackDays: 3 } as const;

function worstPain(entry: { axialPain?: number; limbPain?: number }): number | undefined {
  if (entry.axialPain === undefined && entry.limbPain === undefined) return undefined;
  return Math.max(entry.axialPain ?? 0, entry.limbPain ?? 0);
}

function severeEarly(c: TriageContext): boolean {
  const today = worstPain(c.checkin);
  return inHematomaWindow(c) && today !== undefined && today >= severePainAtLeast;
}

/** Pain is rising when the plan is not (known to be) controlling it, or an earlier check-in shows it lower. */
function rising(c: TriageContext): boolean {
  if (c.checkin.painControlled !== 'yes') return true;
  const today = worstPain(c.checkin) ?? 0;
  return c.history.some(({ entry, daysAgo }) => {
    if (daysAgo < 1 || daysAgo > risingPain.lookBackDays) return false;
    const earlier = worstPain(entry);
    return earlier !== undefined && today - earlier >= risingPain.byAtLeast;
  });
}

const low = (c: TriageContext): boolean =>
  c.checkin.temperature !== undefined && isLowTemperature(c.checkin.temperature);

export const earlyRules: readonly TriageRule[] = [
  defineRule({
    id: 'pain-severe-early-neuro',
    level: 'emergency',
    fires: (c) => severeEarly(c) && rising(c) && hasNeuroFinding(c.checkin),
    say: 'You have severe pain that is getting worse, and a change in feeling, strength, walking, or bladder or bowel control. In the first week after surgery this needs care right away. Call 911 or go to the nearest emergency room now.',
    clinicianSummary: `Worst pain ≥${severePainAtLeast}/10 within ${hematomaWindowDays} days of surgery, rising (not controlled by the plan, or ≥${risingPain.byAtLeast} points above a check-in in the last ${risingPain.lookBackDays} days), with a neurological finding: epidural hematoma pattern (ref:10).`,
    sources: ['ref:10', 'ref:9', 'seed:001'],
  }),
  defineRule({
    id: 'pain-severe-early',
    level: 'urgent',
    fires: (c) => severeEarly(c) && c.checkin.painControlled !== 'yes',
    say: 'Severe pain in the first week after surgery that your medicine plan is not controlling should be checked. Call your surgical team today. If you also get weak or numb, or have trouble with your bladder or bowels, call 911.',
    clinicianSummary: `Worst pain ≥${severePainAtLeast}/10 within ${hematomaWindowDays} days of surgery, not reported as controlled by the prescribed plan ("no", "not sure" or not answered). Lumbar hematoma presents mainly as severe pain (ref:10).`,
    sources: ['seed:001', 'ref:10', 'ref:7'],
  }),
  defineRule({
    id: 'pain-severe-early-controlled',
    level: 'contact',
    fires: (c) => severeEarly(c) && c.checkin.painControlled === 'yes',
    say: 'Your pain is severe, but your medicine plan is controlling it. Tell your care team in the next few days. If your medicine stops working or the pain keeps rising, call them today. If you also get weak or numb, call 911.',
    clinicianSummary: `Worst pain ≥${severePainAtLeast}/10 within ${hematomaWindowDays} days of surgery, reported as controlled by the plan (judgement: contact, so the team sees severe early pain).`,
    sources: ['seed:001', 'ref:10'],
    uncertain: true,
  }),
  defineRule({
    id: 'temperature-low-unwell',
    level: 'urgent',
    fires: (c) => low(c) && isYes(c.checkin.feelsVeryUnwell),
    patientWords: temperatureWords,
    say: 'A low temperature while you feel very unwell should be checked. Call your surgical team today. If you are confused, very drowsy or find it hard to breathe, call 911.',
    clinicianSummary: `Temperature below ${lowTemperatureC} °C with the patient feeling very unwell: consider sepsis (hypothermia) or a measuring error; no listed source gives a low threshold (judgement).`,
    sources: ['ref:7', 'ref:3'],
    uncertain: true,
  }),
  defineRule({
    id: 'feels-very-unwell',
    level: 'contact',
    fires: (c) => isYes(c.checkin.feelsVeryUnwell) && !low(c),
    say: 'You said you feel very unwell. Tell your care team. If you get worse, call your surgical team today, and call 911 if you find it hard to breathe or are very drowsy.',
    clinicianSummary:
      'Patient reports feeling very unwell without a low temperature reading (asked in the app only with a low reading; may come through the API). Judgement: contact.',
    sources: ['seed:001', 'ref:3', 'ref:7'],
    uncertain: true,
  }),
  defineRule({
    id: 'temperature-low',
    level: 'contact',
    fires: low,
    patientWords: temperatureWords,
    say: 'Your temperature reading is lower than normal. Thermometers often read low, so take it again in 15 minutes, under your tongue with your mouth closed. If it is still below 35.5 °C (95.9 °F), tell your care team. If you also feel very unwell, shivery, confused or very weak, call your surgical team today.',
    clinicianSummary: `Temperature below ${lowTemperatureC} °C (95.9 °F): the patient is asked to re-measure; a confirmed low reading is a contact item (judgement, no listed source).`,
    sources: ['ref:7', 'ref:3'],
    uncertain: true,
  }),
];
