import { cervicalOnly, defineRule } from './define-rule.ts';
import { answered } from './questions.ts';
import type { TriageContext, TriageRule } from './types.ts';

/**
 * Mild swallowing trouble or a hoarse voice is expected early after posterior neck surgery (ref:36).
 * The source gives no end date; 14 days is our judgement (clinician to confirm).
 */
export const expectedThroatSymptomDays = 14;

const earlyForThroat = (c: TriageContext): boolean =>
  c.day >= 0 && c.day <= expectedThroatSymptomDays;

/** After neck surgery the airway and the C5 nerve root are close to the operation. */
export const cervicalRules: readonly TriageRule[] = [
  defineRule({
    id: 'cannot-swallow',
    level: 'emergency',
    regions: cervicalOnly,
    fires: answered('swallowing', 'cannot'),
    say: 'Not being able to swallow after neck surgery needs care right away. Call 911 now.',
    clinicianSummary:
      'Unable to swallow after cervical surgery: possible airway-threatening hematoma or swelling (hematoma 6–24 h, swelling 24–72 h, abscess >72 h).',
    sources: ['ref:22', 'ref:20', 'ref:21'],
    uncertain: true,
  }),
  defineRule({
    id: 'cannot-speak',
    level: 'emergency',
    regions: cervicalOnly,
    fires: answered('voice', 'cannot-speak'),
    say: 'Not being able to speak after neck surgery needs care right away. Call 911 now.',
    clinicianSummary: 'Unable to speak after cervical surgery: possible airway compromise.',
    sources: ['ref:22', 'ref:20', 'ref:21'],
    uncertain: true,
  }),
  defineRule({
    id: 'neck-swelling-fast',
    level: 'emergency',
    regions: cervicalOnly,
    fires: answered('neckSwelling', 'growing-fast'),
    say: 'Neck swelling that is getting bigger quickly needs care right away. Call 911 now. Sit up while you wait.',
    clinicianSummary:
      'Rapidly increasing neck swelling after cervical surgery: possible hematoma with airway risk (0.2–1.9% after anterior surgery).',
    sources: ['ref:20', 'ref:21', 'ref:22'],
  }),
  defineRule({
    id: 'swallowing-getting-worse',
    level: 'urgent',
    regions: cervicalOnly,
    fires: answered('swallowing', 'getting-worse'),
    say: 'Swallowing that is getting harder should be checked. Call your surgical team today. If you also have trouble breathing, call 911.',
    clinicianSummary:
      'Worsening dysphagia without reported breathing trouble after cervical surgery: consider swelling, hematoma or (after 72 h) abscess.',
    sources: ['ref:20', 'ref:21', 'ref:36'],
  }),
  defineRule({
    id: 'swallowing-mild-late',
    level: 'urgent',
    regions: cervicalOnly,
    fires: (c) => c.checkin.swallowing === 'mild' && !earlyForThroat(c),
    say: 'Some trouble swallowing is common in the first days after neck surgery, but it should be gone by now. Call your surgical team today.',
    clinicianSummary: `Mild dysphagia after day ${expectedThroatSymptomDays}: outside the expected early window after posterior surgery; treated as new swallowing difficulty.`,
    sources: ['ref:36', 'ref:20'],
    uncertain: true,
  }),
  defineRule({
    id: 'hoarse-voice-persisting',
    level: 'contact',
    regions: cervicalOnly,
    fires: (c) => c.checkin.voice === 'hoarse' && !earlyForThroat(c),
    say: 'A hoarse voice is common soon after neck surgery. Since it is still there, tell your care team in the next few days.',
    clinicianSummary: `Hoarseness persisting beyond day ${expectedThroatSymptomDays} after cervical surgery.`,
    sources: ['ref:36'],
    uncertain: true,
  }),
  defineRule({
    id: 'neck-swelling',
    level: 'contact',
    regions: cervicalOnly,
    fires: answered('neckSwelling', 'some'),
    say: 'Some neck swelling can happen after surgery. Mention it to your care team in the next few days. If it grows quickly, or breathing or swallowing gets hard, call 911.',
    clinicianSummary: 'Stable neck swelling reported without breathing or swallowing trouble.',
    sources: ['ref:20', 'ref:36'],
    uncertain: true,
  }),
  defineRule({
    id: 'c5-weakness',
    level: 'urgent',
    regions: cervicalOnly,
    fires: answered('newShoulderArmWeakness', 'yes'),
    say: 'New weakness lifting your arm at the shoulder or bending your elbow should be checked. Call your surgical team today. This often gets better over months, but your team needs to know now.',
    clinicianSummary:
      'New deltoid/biceps weakness after cervical surgery: possible C5 palsy (5.3% pooled, 11% after laminectomy + fusion; usually within 3 days; 81% resolve).',
    sources: ['ref:17', 'ref:18', 'ref:19'],
  }),
];
