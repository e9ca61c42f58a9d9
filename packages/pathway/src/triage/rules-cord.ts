import { type Checkin, isYes, type LimbSide } from '../checkin/checkin.ts';
import { bothRegions, cervicalOnly, defineRule } from './define-rule.ts';
import { answered, wordsAbout } from './questions.ts';
import type { TriageContext, TriageRule } from './types.ts';

/**
 * Spinal cord and cauda equina patterns (issue 13): weakness in both legs, or in arms and legs
 * after neck surgery, and the slow cord signs (clumsy hands, walking getting worse). An epidural
 * hematoma or new compression shows this way, mostly in the first week (ref:9, ref:10), and
 * cauda equina often starts in both legs (ref:1). Hours matter, so these are emergencies.
 */

/** The first days after surgery, when a hematoma shows (ref:10: onset days 0–7, 43% on day 4 or later). */
export const hematomaWindowDays = 7;

export const inHematomaWindow = (c: TriageContext): boolean =>
  c.day >= 0 && c.day <= hematomaWindowDays;

const worsening = (c: Checkin): boolean =>
  c.weakness?.change === 'worse' || c.weakness?.change === 'rapidly-worse';

const some = (side: LimbSide | undefined): boolean =>
  side === 'left' || side === 'right' || side === 'both';

/** Weakness that is new or getting worse, in a leg, or where the patient did not say (read as maybe a leg). */
function legWeakness(c: Checkin): boolean {
  if (!worsening(c) && !isYes(c.weakness?.new)) return false;
  const legs = c.weakness?.legs;
  return legs === undefined || legs === 'unsure' || some(legs);
}

/**
 * Any nerve finding in today's answers: weakness, numbness, bladder, bowel or saddle signs, walking
 * getting worse, and after neck surgery clumsy hands or C5 weakness. "Not sure" is not counted here;
 * it raises its own item (unsure.ts).
 */
export function hasNeuroFinding(c: Checkin): boolean {
  return (
    worsening(c) ||
    isYes(c.weakness?.new) ||
    isYes(c.numbness?.new) ||
    c.numbness?.change === 'worse' ||
    c.numbness?.change === 'rapidly-worse' ||
    isYes(c.saddleNumbness) ||
    isYes(c.urinaryRetention) ||
    isYes(c.bladderIncontinence) ||
    isYes(c.bowelIncontinence) ||
    isYes(c.unableToMoveLimbs) ||
    c.walkingBalance === 'suddenly-worse' ||
    c.walkingBalance === 'gradually-worse' ||
    c.handClumsiness === 'new' ||
    c.handClumsiness === 'rapidly-worse' ||
    isYes(c.newShoulderArmWeakness)
  );
}

const cordSign = (c: Checkin): boolean =>
  c.handClumsiness === 'new' ||
  c.handClumsiness === 'rapidly-worse' ||
  c.walkingBalance === 'gradually-worse' ||
  c.walkingBalance === 'suddenly-worse';

const call911 = 'Call 911 or go to the nearest emergency room now.';

export const cordRules: readonly TriageRule[] = [
  defineRule({
    id: 'weakness-both-legs-worse',
    level: 'emergency',
    regions: bothRegions,
    fires: (c) => worsening(c.checkin) && c.checkin.weakness?.legs === 'both',
    patientWords: wordsAbout('weakness'),
    say: `Weakness that is getting worse in both legs needs care right away. ${call911}`,
    clinicianSummary:
      'Worsening weakness in both legs: possible cauda equina / cord compression (epidural hematoma, recurrent compression). Emergency assessment.',
    sources: ['ref:1', 'ref:9', 'ref:10', 'ref:3'],
  }),
  defineRule({
    id: 'weakness-arms-and-legs-worse',
    level: 'emergency',
    regions: cervicalOnly,
    fires: (c) =>
      worsening(c.checkin) && some(c.checkin.weakness?.arms) && some(c.checkin.weakness?.legs),
    patientWords: wordsAbout('weakness'),
    say: `Weakness that is getting worse in your arms and legs after neck surgery needs care right away. ${call911}`,
    clinicianSummary:
      'Worsening weakness in arm(s) and leg(s) after cervical surgery: possible cord compression (cervical epidural hematoma presents as paralysis, ref:10).',
    sources: ['ref:10', 'ref:9', 'ref:3'],
  }),
  defineRule({
    id: 'weakness-with-spreading-numbness-early',
    level: 'emergency',
    fires: (c) =>
      inHematomaWindow(c) && worsening(c.checkin) && c.checkin.numbness?.change === 'rapidly-worse',
    patientWords: (c) => c.checkin.weakness?.where ?? c.checkin.numbness?.where,
    say: `Weakness that is getting worse, with numbness that is spreading fast, in the first week after surgery needs care right away. ${call911}`,
    clinicianSummary: `Worsening weakness with rapidly increasing numbness within ${hematomaWindowDays} days of surgery: epidural hematoma window (ref:10: onset days 0–7). Emergency assessment.`,
    sources: ['ref:10', 'ref:9', 'seed:001'],
  }),
  defineRule({
    id: 'cord-signs-rapidly-worse',
    level: 'emergency',
    regions: cervicalOnly,
    fires: (c) =>
      c.checkin.handClumsiness === 'rapidly-worse' || c.checkin.walkingBalance === 'suddenly-worse',
    say: `Hands getting clumsy fast, or walking or balance getting worse fast, after neck surgery needs care right away. ${call911}`,
    clinicianSummary:
      'Rapidly worsening hand clumsiness or gait/balance after cervical surgery: possible cord compression (hematoma presents as paralysis in cervical cases, ref:10). Emergency tier where sources differ (walking change is "call today" in lumbar sheets).',
    sources: ['ref:10', 'ref:9', 'ref:110'],
    uncertain: true,
  }),
  defineRule({
    id: 'cord-signs-with-leg-weakness',
    level: 'emergency',
    regions: cervicalOnly,
    fires: (c) => cordSign(c.checkin) && legWeakness(c.checkin),
    patientWords: wordsAbout('weakness'),
    say: `Clumsy hands or worse walking, together with weakness that is new or getting worse, after neck surgery needs care right away. ${call911}`,
    clinicianSummary:
      'Cord signs (hand clumsiness or worsening gait) with new/worsening weakness in the legs (or location not given) after cervical surgery: possible cord compression.',
    sources: ['ref:10', 'ref:9', 'ref:110'],
    uncertain: true,
  }),
  defineRule({
    id: 'cord-hands-clumsy',
    level: 'urgent',
    regions: cervicalOnly,
    fires: answered('handClumsiness', 'new'),
    say: 'New clumsy hands after neck surgery, like dropping things or trouble with buttons or writing, should be checked. Call your surgical team today. If it gets worse fast, or your legs get weak, call 911.',
    clinicianSummary:
      'New hand clumsiness after cervical surgery (dropping things, buttons, writing): possible cord sign (myelopathy), same question as the candidacy check.',
    sources: ['ref:110', 'ref:46', 'ref:10', 'seed:001'],
    uncertain: true,
  }),
  defineRule({
    id: 'cord-walking-gradually-worse',
    level: 'urgent',
    regions: cervicalOnly,
    fires: answered('walkingBalance', 'gradually-worse'),
    say: 'Walking or balance that is slowly getting worse after neck surgery should be checked. Call your surgical team today. Use a walker or hold on to someone. If it gets worse fast, or your legs get weak, call 911.',
    clinicianSummary:
      'Gradually worsening gait or balance after cervical surgery: possible cord sign (myelopathy / recurrent compression).',
    sources: ['ref:110', 'ref:46', 'seed:001', 'ref:3'],
    uncertain: true,
  }),
  defineRule({
    id: 'walking-gradually-worse',
    level: 'contact',
    regions: ['lumbar'],
    fires: answered('walkingBalance', 'gradually-worse'),
    say: 'Your walking or balance is slowly getting worse. Tell your care team in the next few days. If it gets worse suddenly, or your legs get weak, call them today.',
    clinicianSummary:
      'Walking or balance reported as gradually worse after lumbar surgery (not sudden): review at the next contact; consider recurrent stenosis.',
    sources: ['seed:001', 'ref:4'],
    uncertain: true,
  }),
];
