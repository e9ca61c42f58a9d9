import type { Offset } from '../dates/dates.ts';
import type { Statement } from '../sources/source.ts';
import type { PatientFactors, Region, Surgery } from '../surgery/surgery.ts';

/**
 * What nerve symptoms usually do after decompression, as data. Ranges, never a countdown: the
 * "1 mm a day" regrowth figure describes injured peripheral nerves, not compressed roots or the
 * spinal cord (ref:91, ref:93), so Lamina never turns it into a clock.
 */
export const nerveSymptoms = ['limb-pain', 'tingling', 'weakness', 'numbness'] as const;
export type NerveSymptom = (typeof nerveSymptoms)[number];

export interface SymptomTimeline {
  readonly symptom: NerveSymptom;
  /** Plain name for the region: leg pain after lumbar surgery, arm pain after cervical. */
  readonly label: Record<Region, string>;
  /** When most people see most of the change. */
  readonly usuallyImprovesWithin: { readonly from: Offset; readonly to: Offset };
  /** Past this, a symptom that is still there and not getting better is worth raising with the care team (a contact, not an alarm). */
  readonly askTeamIfStillPresentAfter: Offset;
  /** Past this, what remains may be permanent. */
  readonly mayBePermanentAfter: Offset;
  readonly explanation: Statement;
}

export const symptomTimelines: readonly SymptomTimeline[] = [
  {
    symptom: 'limb-pain',
    label: { lumbar: 'Leg pain', cervical: 'Arm pain' },
    usuallyImprovesWithin: { from: { days: 0 }, to: { weeks: 6 } },
    askTeamIfStillPresentAfter: { weeks: 8 },
    mayBePermanentAfter: { months: 12 },
    explanation: {
      id: 'nerve.limb-pain.course',
      text: 'Nerve pain in the leg or arm is usually the first thing to get better. Many people feel some relief right away. Most of the change comes in the first 6 weeks.',
      sources: ['seed:003', 'seed:000', 'seed:002', 'ref:94', 'ref:38'],
    },
  },
  {
    symptom: 'tingling',
    label: { lumbar: 'Tingling in the leg or foot', cervical: 'Tingling in the arm or hand' },
    usuallyImprovesWithin: { from: { weeks: 2 }, to: { months: 3 } },
    askTeamIfStillPresentAfter: { months: 6 },
    mayBePermanentAfter: { months: 18 },
    explanation: {
      id: 'nerve.tingling.course',
      text: 'Pins and needles often come and go while the nerve heals. This is usually part of normal healing. It tends to settle by about 3 months.',
      sources: ['seed:003', 'ref:94'],
    },
  },
  {
    symptom: 'weakness',
    label: { lumbar: 'Weakness in the leg or foot', cervical: 'Weakness in the arm or hand' },
    usuallyImprovesWithin: { from: { weeks: 2 }, to: { months: 6 } },
    askTeamIfStillPresentAfter: { months: 3 },
    mayBePermanentAfter: { months: 18 },
    explanation: {
      id: 'nerve.weakness.course',
      text: 'Strength comes back slowly, over weeks to months. Exercises and physical therapy help. Some people keep getting stronger for a year or more.',
      sources: ['seed:003', 'ref:97', 'ref:18', 'ref:38'],
    },
  },
  {
    symptom: 'numbness',
    label: { lumbar: 'Numbness in the leg or foot', cervical: 'Numbness in the arm or hand' },
    usuallyImprovesWithin: { from: { weeks: 2 }, to: { months: 12 } },
    // seed:003 says ask a physician when numbness lasts more than 3 to 6 months: we use the earlier end.
    askTeamIfStillPresentAfter: { months: 3 },
    mayBePermanentAfter: { months: 12 },
    explanation: {
      id: 'nerve.numbness.course',
      text: 'Numbness is usually the slowest to change. Much of the gain often comes in the first few weeks, then it improves slowly for up to a year. Numbness that is still there after 12 to 18 months may not go away.',
      sources: ['seed:003', 'ref:94', 'ref:95', 'ref:96', 'ref:39'],
    },
  },
];

/** A patient factor or surgery detail that makes nerve recovery tend to take longer. */
export interface SlowerHealingFactor {
  readonly id: string;
  readonly applies: (surgery: Surgery, factors: PatientFactors) => boolean;
  readonly explanation: Statement;
}

export const slowerHealingFactors: readonly SlowerHealingFactor[] = [
  {
    id: 'long-compression',
    // ref:95/ref:97 describe long symptom duration; 12 months is the line we draw for "long".
    applies: (_s, f) => f.compressionMonths !== undefined && f.compressionMonths >= 12,
    explanation: {
      id: 'nerve.factor.long-compression',
      text: 'Your nerve was squeezed for a long time before surgery. Nerves that were pressed for longer often take longer to recover, and may not recover fully.',
      sources: ['seed:003', 'ref:95', 'ref:97'],
    },
  },
  {
    id: 'severe-numbness-before',
    applies: (_s, f) => f.preopNumbness === 'severe',
    explanation: {
      id: 'nerve.factor.severe-numbness',
      text: 'You had strong numbness before surgery. When numbness was severe before, it often improves more slowly.',
      sources: ['ref:96'],
    },
  },
  {
    id: 'weakness-over-3-weeks',
    applies: (_s, f) => f.preopWeakness === true && (f.preopWeaknessWeeks ?? 0) > 3,
    explanation: {
      id: 'nerve.factor.long-weakness',
      text: 'You had weakness for more than 3 weeks before surgery. Strength may come back more slowly, and not always fully.',
      sources: ['ref:98'],
    },
  },
  {
    id: 'smoking',
    applies: (_s, f) => f.smoker === true,
    explanation: {
      id: 'nerve.factor.smoking',
      text: 'Smoking slows nerve and bone healing. Stopping now helps your recovery, at any point.',
      sources: ['seed:003', 'seed:000', 'ref:100', 'ref:101'],
    },
  },
  {
    id: 'diabetes-or-neuropathy',
    applies: (_s, f) => f.diabetesOrNeuropathy === true,
    explanation: {
      id: 'nerve.factor.diabetes',
      text: 'Diabetes or nerve disease (neuropathy) can slow how nerves heal. Keeping blood sugar in your target range helps.',
      sources: ['seed:003', 'ref:103'],
    },
  },
  {
    id: 'fusion',
    applies: (s) => s.fusion,
    explanation: {
      id: 'nerve.factor.fusion',
      text: 'Your surgery included a fusion. Recovery after a fusion usually takes longer than after decompression alone.',
      sources: ['seed:003', 'ref:105'],
    },
  },
  {
    id: 'bladder-before',
    applies: (_s, f) => f.preopBladder === true,
    explanation: {
      id: 'nerve.factor.bladder-before',
      text: 'You had bladder or bowel problems before surgery. These nerves often heal slowly, over months, and may not recover fully. Tell your team how they change. New or worse bladder or bowel problems after surgery are an emergency: call 911.',
      sources: ['seed:003', 'ref:2', 'ref:1'],
    },
  },
  {
    id: 'open-surgery',
    applies: (s) => s.approach === 'open',
    explanation: {
      id: 'nerve.factor.open',
      text: 'You had open surgery. Healing often takes a bit longer than after a small-incision (minimally invasive) operation.',
      sources: ['seed:003'],
    },
  },
];

export const spinalCordNote: Statement = {
  id: 'nerve.cervical.cord',
  text: 'After neck surgery the spinal cord itself may be healing too. The cord heals in its own way and at its own pace, so no one can give you an exact date.',
  sources: ['ref:93', 'seed:000'],
};

export const noCountdownNote: Statement = {
  id: 'nerve.no-countdown',
  text: 'Every nerve heals at its own pace. These are ranges from people with similar surgery, not a promise or a countdown.',
  sources: ['seed:003', 'ref:91', 'ref:93'],
};

/**
 * seed:003 lists numbness "associated with ... urinary or stool incontinence, or severe muscle
 * weakness" among reasons to ask a physician; Lamina's triage treats that picture as an emergency
 * (ref:1, ref:3) and new weakness as a call today (seed:001), so this note says the same.
 */
export const whenToAskAboutNumbness: Statement = {
  id: 'nerve.numbness.when-to-ask',
  text: 'Tell your care team if numbness slowly gets worse over time, or lasts more than 3 to 6 months. Call your surgical team today if it gets worse quickly or comes with new weakness. Call 911 now if it comes with new bladder or bowel problems, numbness between your legs, or weakness that gets worse fast.',
  sources: ['seed:003', 'seed:001', 'ref:1', 'ref:3'],
};

export function slowerHealingFactorsFor(
  surgery: Surgery,
  factors: PatientFactors,
): SlowerHealingFactor[] {
  return slowerHealingFactors.filter((factor) => factor.applies(surgery, factors));
}
