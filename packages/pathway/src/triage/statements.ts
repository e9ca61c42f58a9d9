import type { Statement } from '../sources/source.ts';
import type { TriageLevel } from './types.ts';

/** The headline a patient sees first: what to do now, for each level. */
export const headlines: Readonly<Record<TriageLevel, Statement>> = {
  emergency: {
    id: 'triage.headline.emergency',
    text: 'Call 911 (or your local emergency number) now, or have someone take you to the nearest emergency room. Do not drive yourself. When you can, let your surgical team know.',
    sources: ['ref:3', 'ref:8'],
  },
  urgent: {
    id: 'triage.headline.urgent',
    text: 'Call your surgical team today. If you cannot reach them, go to urgent care or an emergency room. If you get worse, call 911.',
    sources: ['seed:001', 'ref:3', 'ref:4', 'ref:5', 'ref:7'],
  },
  contact: {
    id: 'triage.headline.contact',
    text: 'This is not an emergency. Tell your care team about it in the next few days, or at your next visit.',
    sources: ['ref:4', 'ref:38', 'ref:39'],
  },
  routine: {
    id: 'triage.headline.routine',
    text: 'What you told us today fits a normal recovery. Keep following your plan.',
    sources: ['seed:001', 'seed:003'],
  },
};

/** Used instead of the routine headline when danger-sign questions were skipped. */
export const routineWithUnansweredHeadline: Statement = {
  id: 'triage.headline.routine-unanswered',
  text: 'Nothing you answered today needs a call. Some safety questions were not answered, so please read them below.',
  sources: ['seed:001', 'ref:3'],
};

/**
 * Used instead of the contact headline when the patient answered "not sure" to a warning sign
 * (issue 13): the plain contact headline says "not an emergency", which a "not sure" cannot promise.
 */
export const contactUnsureHeadline: Statement = {
  id: 'triage.headline.contact-unsure',
  text: 'You were not sure about a warning sign. Read it below. If the answer is yes, do what it says now, and do not wait for your care team. Your care team will see that you were not sure.',
  sources: ['seed:001', 'ref:3'],
};

export const disclaimer: Statement = {
  id: 'triage.disclaimer',
  text: 'Lamina gives information and tells you when to get help. It does not diagnose, and it does not replace your care team. If you feel very unwell or you are worried, call your team or 911, whatever this app says.',
  sources: ['seed:001', 'ref:3'],
};

export const noteNotRead: Statement = {
  id: 'triage.note-not-read',
  text: 'Lamina does not read your written note for warning signs. Your care team can see it. If you wrote about a new problem, answer the questions about it too, or call your team.',
  sources: ['seed:001'],
};

export const earlyLowTemperature: Statement = {
  id: 'triage.selfcare.early-temperature',
  text: 'A slightly raised temperature is common in the first 2 days after surgery. Take deep breaths, walk a little, and drink fluids. Check again in a few hours. If it goes higher, or is still raised after the second day, call your surgical team.',
  sources: ['ref:7', 'ref:37', 'ref:3'],
  uncertain: true,
};

export const earlyThroatSymptoms: Statement = {
  id: 'triage.selfcare.early-throat',
  text: 'Mild trouble swallowing or a hoarse voice is common in the first days after neck surgery. Eat soft food and take small sips. Call 911 if you cannot swallow, cannot speak, or find it hard to breathe.',
  sources: ['ref:36', 'ref:22'],
  uncertain: true,
};

export const numbnessImprovingSlowly: Statement = {
  id: 'triage.selfcare.numbness-improving',
  text: 'Your numbness is getting better. Numbness is often the slowest thing to heal. Mention it at your next visit.',
  sources: ['ref:4', 'ref:38', 'ref:39', 'ref:94'],
};

/**
 * Everyday guidance, picked by the day after surgery and the region. Sitting and bending advice is
 * not here: it comes from the protocol's restrictions (protocolSelfCare), so it matches the plan.
 */
export interface SelfCareTip {
  readonly statement: Statement;
  readonly region?: 'lumbar' | 'cervical';
  readonly untilDay?: number;
}

export const selfCareTips: readonly SelfCareTip[] = [
  {
    statement: {
      id: 'triage.selfcare.walk',
      text: 'Keep walking a little several times a day. Add a few minutes when you feel ready. Walking is the best exercise while you heal.',
      sources: ['seed:001', 'seed:000', 'ref:6', 'ref:7'],
    },
  },
  {
    statement: {
      id: 'triage.selfcare.incision',
      text: 'Keep your cut clean and dry, and look at it each day. Do not soak it in a bath, hot tub or pool until your team says it is fine.',
      sources: ['seed:000', 'ref:6'],
    },
    untilDay: 21,
  },
  {
    statement: {
      id: 'triage.selfcare.neck-care',
      text: 'Avoid heavy lifting, twisting and sudden head movements while your neck heals.',
      sources: ['seed:000', 'ref:74'],
    },
    region: 'cervical',
    untilDay: 42,
  },
  {
    statement: {
      id: 'triage.selfcare.tired',
      text: 'Feeling tired is normal for up to about 6 weeks. Rest between short walks.',
      sources: ['ref:4'],
    },
    untilDay: 42,
  },
];

export const noDrivingOnOpioids: Statement = {
  id: 'triage.selfcare.no-driving-opioids',
  text: 'Do not drive while you take opioid pain medicine.',
  sources: ['ref:6', 'ref:7'],
};
