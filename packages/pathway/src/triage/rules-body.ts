import { toCelsius } from '../checkin/checkin.ts';
import { defineRule } from './define-rule.ts';
import { answered, temperatureWords } from './questions.ts';
import type { TriageContext, TriageRule } from './types.ts';

/** The temperature that counts as a fever today: higher only in the first days after surgery (ref:7, ref:37). */
export function feverThresholdC(ctx: TriageContext): number {
  const early = ctx.day >= 0 && ctx.day <= ctx.settings.earlyFeverDays;
  return early ? ctx.settings.earlyFeverC : ctx.settings.feverC;
}

function worstPain(entry: { axialPain?: number; limbPain?: number }): number | undefined {
  if (entry.axialPain === undefined && entry.limbPain === undefined) return undefined;
  return Math.max(entry.axialPain ?? 0, entry.limbPain ?? 0);
}

/** Pain that jumps to severe compared with the patient's own last week (ref:10: lumbar hematoma shows as severe pain). */
export const severePainJump = { atLeast: 8, riseOf: 3, lookBackDays: 7, minEarlierCheckins: 2 };

function painJumped(ctx: TriageContext): boolean {
  const today = worstPain(ctx.checkin);
  if (today === undefined || today < severePainJump.atLeast) return false;
  const earlier: number[] = [];
  for (const { entry, daysAgo } of ctx.history) {
    if (daysAgo < 1 || daysAgo > severePainJump.lookBackDays) continue;
    const pain = worstPain(entry);
    if (pain !== undefined) earlier.push(pain);
  }
  if (earlier.length < severePainJump.minEarlierCheckins) return false;
  earlier.sort((a, b) => a - b);
  const median = earlier[Math.floor(earlier.length / 2)] as number;
  return today - median >= severePainJump.riseOf;
}

/** Whole-body, wound and general red flags, for both regions. */
export const bodyRules: readonly TriageRule[] = [
  defineRule({
    id: 'chest-pain',
    level: 'emergency',
    fires: answered('chestPain', 'yes'),
    say: 'Chest pain needs care right away. Call 911 now.',
    clinicianSummary:
      'Chest pain reported: consider pulmonary embolism (VTE common after spine surgery) and cardiac causes.',
    sources: ['ref:3', 'ref:8', 'ref:23'],
  }),
  defineRule({
    id: 'short-of-breath',
    level: 'emergency',
    fires: answered('shortOfBreath', 'yes'),
    say: {
      lumbar: 'Sudden trouble breathing needs care right away. Call 911 now.',
      cervical:
        'Trouble breathing after neck surgery needs care right away. Call 911 now. Sit up while you wait.',
    },
    clinicianSummary:
      'Shortness of breath reported: consider PE; after cervical surgery also airway compromise from hematoma or swelling (6–72 h peak).',
    sources: ['ref:3', 'ref:8', 'ref:23', 'ref:20', 'ref:21'],
  }),
  defineRule({
    id: 'coughing-blood',
    level: 'emergency',
    fires: answered('coughingBlood', 'yes'),
    say: 'Coughing up blood needs care right away. Call 911 now.',
    clinicianSummary: 'Haemoptysis reported: consider pulmonary embolism.',
    sources: ['ref:3', 'ref:8'],
  }),
  defineRule({
    id: 'severe-bleeding',
    level: 'emergency',
    fires: answered('severeBleeding', 'yes'),
    say: 'Bleeding that does not stop needs care right away. Press firmly on it with a clean cloth and call 911 now.',
    clinicianSummary: 'Uncontrolled bleeding reported.',
    sources: ['ref:3', 'ref:8'],
  }),
  defineRule({
    id: 'fever',
    level: 'urgent',
    fires: (c) =>
      c.checkin.temperature !== undefined && toCelsius(c.checkin.temperature) >= feverThresholdC(c),
    patientWords: temperatureWords,
    say: 'Your temperature is high enough to count as a fever after surgery. Call your surgical team today.',
    clinicianSummary:
      'Temperature at or above the fever threshold (defaults: 38.0 °C / 100.4 °F; 38.6 °C / 101.5 °F in the first 2 days). Consider wound infection, UTI, pneumonia, VTE.',
    sources: ['seed:001', 'ref:3', 'ref:4', 'ref:7', 'ref:37'],
  }),
  defineRule({
    id: 'incision-redness',
    level: 'urgent',
    fires: answered('incision.redness', 'yes'),
    say: 'Redness around your cut (incision) should be checked. Call your surgical team today.',
    clinicianSummary: 'Incision redness reported: possible surgical site infection.',
    sources: ['seed:001', 'ref:7', 'ref:4'],
  }),
  defineRule({
    id: 'incision-warmth',
    level: 'urgent',
    fires: answered('incision.warmth', 'yes'),
    say: 'Skin around your cut (incision) that feels warm should be checked. Call your surgical team today.',
    clinicianSummary: 'Incision warmth reported: possible surgical site infection.',
    sources: ['seed:001', 'ref:7'],
  }),
  defineRule({
    id: 'incision-drainage-cloudy',
    level: 'urgent',
    fires: answered('incision.drainage', 'cloudy'),
    say: 'Cloudy, yellow or green fluid from your cut (incision) should be checked. Call your surgical team today.',
    clinicianSummary: 'Purulent-looking wound drainage reported: possible surgical site infection.',
    sources: ['seed:001', 'ref:7'],
  }),
  defineRule({
    id: 'incision-drainage-bloody',
    level: 'urgent',
    fires: answered('incision.drainage', 'bloody'),
    say: 'Blood or pink fluid coming from your cut (incision) should be checked. Call your surgical team today.',
    clinicianSummary: 'Bloody wound drainage reported.',
    sources: ['seed:001', 'ref:4', 'ref:7'],
  }),
  defineRule({
    id: 'incision-drainage-clear',
    level: 'urgent',
    fires: answered('incision.drainage', 'clear-watery'),
    say: 'Clear, watery fluid from your cut (incision) should be checked. Call your surgical team today. Lie flat until you have spoken to them.',
    clinicianSummary:
      'Clear watery wound drainage reported: possible CSF leak (dural tear; late presentations occur, mean day 17).',
    sources: ['ref:12', 'ref:14', 'ref:15'],
    uncertain: true,
  }),
  defineRule({
    id: 'incision-opening',
    level: 'urgent',
    fires: answered('incision.opening', 'yes'),
    say: 'If your cut (incision) has opened, cover it with a clean dressing and call your surgical team today.',
    clinicianSummary: 'Wound dehiscence reported.',
    sources: ['ref:7', 'ref:3', 'ref:4'],
  }),
  defineRule({
    id: 'dressing-soaked',
    level: 'urgent',
    fires: answered('incision.dressingSoaked', 'yes'),
    say: 'A dressing soaked with blood should be checked. Call your surgical team today.',
    clinicianSummary: 'Dressing soaked with blood reported.',
    sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'],
  }),
  defineRule({
    id: 'incision-swelling-growing',
    level: 'urgent',
    fires: answered('incision.swelling', 'growing'),
    say: 'Swelling at your cut (incision) that keeps getting bigger should be checked. Call your surgical team today.',
    clinicianSummary:
      'Enlarging swelling at the incision: consider hematoma, seroma or CSF collection. (Growing swelling is not named in the discharge sheets; urgent is a judgement.)',
    sources: ['ref:10', 'ref:12'],
    uncertain: true,
  }),
  defineRule({
    id: 'incision-swelling',
    level: 'contact',
    fires: answered('incision.swelling', 'some'),
    say: 'Some swelling near your cut (incision) can happen while it heals. Mention it to your care team in the next few days. Call them today if it grows, turns red or leaks.',
    clinicianSummary: 'Stable swelling at the incision reported, without other wound signs.',
    sources: ['seed:000', 'ref:7'],
    uncertain: true,
  }),
  defineRule({
    id: 'positional-headache',
    level: 'urgent',
    fires: answered('positionalHeadache', 'yes'),
    say: 'A headache that gets worse when you sit or stand and better when you lie down should be checked. Call your surgical team today. Lie flat and drink fluids until you speak to them.',
    clinicianSummary:
      'Orthostatic headache reported: possible CSF leak from dural tear (late presentation mean day 17).',
    sources: ['ref:13', 'ref:14', 'ref:15'],
  }),
  defineRule({
    id: 'calf-pain-or-swelling',
    level: 'urgent',
    fires: answered('calfPainOrSwelling', 'yes'),
    say: 'Pain or swelling in your calf can be a sign of a blood clot. Call your surgical team today. If you also feel short of breath or have chest pain, call 911.',
    clinicianSummary: 'Calf pain or swelling reported: assess for DVT.',
    sources: ['ref:3', 'ref:4', 'ref:23'],
  }),
  defineRule({
    id: 'pain-uncontrolled',
    level: 'urgent',
    fires: answered('painControlled', 'no'),
    say: 'Pain that your medicine plan is not controlling should be checked. Call your surgical team today.',
    clinicianSummary:
      'Pain not controlled by the prescribed regimen. In lumbar cases, epidural hematoma can present mainly as severe pain.',
    sources: ['seed:001', 'ref:3', 'ref:7', 'ref:10'],
  }),
  defineRule({
    id: 'pain-severe-jump',
    level: 'urgent',
    fires: painJumped,
    say: 'Your pain is much worse than in the last few days. Call your surgical team today.',
    clinicianSummary: `Worst pain ≥${severePainJump.atLeast}/10 and ≥${severePainJump.riseOf} points above the patient's median of the previous ${severePainJump.lookBackDays} days. Rising pain: consider infection or hematoma.`,
    sources: ['ref:7', 'ref:10'],
    uncertain: true,
  }),
  defineRule({
    id: 'no-bowel-movement',
    level: 'urgent',
    fires: (c) =>
      c.checkin.daysSinceBowelMovement !== undefined &&
      c.checkin.daysSinceBowelMovement >= c.settings.noBowelMovementDays,
    say: 'Going several days without a bowel movement needs attention. Call your surgical team today. Pain medicine often causes this, and they can help.',
    clinicianSummary: 'No bowel movement for the threshold number of days (default 4).',
    sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'],
  }),
];
