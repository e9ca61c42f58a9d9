import type { Offset } from '../dates/dates.ts';
import type { Source, Statement } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';
import type { FollowUp, Milestone, Phase, Restriction } from './types.ts';

/** Pieces every decompression protocol shares. Region-specific items live in lumbar.ts and cervical.ts. */

export const followUpVisits: readonly FollowUp[] = [
  {
    id: 'visit-wound-check',
    title: 'Wound check (stitches or staples out if needed)',
    at: { days: 12 },
    windowDays: 2,
    sources: ['ref:84', 'ref:85', 'ref:6', 'ref:7'],
  },
  {
    id: 'visit-6-weeks',
    title: '6-week visit',
    at: { weeks: 6 },
    windowDays: 7,
    sources: ['ref:84'],
  },
  {
    id: 'visit-3-months',
    title: '3-month visit',
    at: { months: 3 },
    windowDays: 14,
    sources: ['ref:84'],
  },
  {
    id: 'visit-6-months',
    title: '6-month visit',
    at: { months: 6 },
    windowDays: 30,
    sources: ['ref:84', 'seed:000'],
  },
  {
    id: 'visit-12-months',
    title: '1-year visit',
    at: { months: 12 },
    windowDays: 30,
    sources: ['ref:84'],
  },
];

export const incisionRestrictions: readonly Restriction[] = [
  {
    id: 'no-shower-first-days',
    kind: 'showering',
    text: 'Keep the incision dry for the first 3 days. Wait to shower until then, unless your team told you the wound was sealed with skin glue.',
    lifts: { kind: 'after', offset: { days: 3 } },
    sources: ['ref:6', 'ref:38'],
  },
  {
    id: 'no-soaking',
    kind: 'soaking',
    text: 'Do not soak the incision: no bath, swimming pool or hot tub until it is fully healed, usually 2 to 3 weeks.',
    lifts: { kind: 'after', offset: { weeks: 3 }, needsClearance: true },
    sources: ['ref:6'],
  },
];

export const opioidDriving: Restriction = {
  id: 'no-driving-on-opioids',
  kind: 'driving',
  text: 'Never drive while you take opioid pain medicine (for example oxycodone or hydrocodone).',
  lifts: { kind: 'ongoing' },
  sources: ['ref:6', 'ref:7'],
};

interface LiftingLimitVariant {
  readonly detail: string;
  readonly detailId?: string;
  /** When the two variants rest on different sources. */
  readonly sources?: readonly Source[];
}

/**
 * A region's weight limit, in its two variants: without a fusion it lifts `after` that long once the
 * surgeon clears it; after a fusion it lasts until the surgeon clears it. `sources` serve both
 * variants unless a variant names its own.
 */
export function liftingLimit(spec: {
  readonly maxLoadLb: { readonly low: number; readonly high: number };
  readonly after: Offset;
  readonly sources?: readonly Source[];
  readonly withoutFusion: LiftingLimitVariant;
  readonly withFusion: LiftingLimitVariant;
}): readonly Restriction[] {
  const variant = (
    { detail, detailId, sources = spec.sources }: LiftingLimitVariant,
    lifts: Restriction['lifts'],
    fusion: boolean,
  ): Restriction => {
    if (sources === undefined) throw new Error('liftingLimit: a variant has no sources');
    return {
      id: 'lifting-limit',
      kind: 'lifting',
      text: 'Do not lift anything heavier than {load}.',
      detail,
      ...(detailId === undefined ? {} : { detailId }),
      maxLoadLb: spec.maxLoadLb,
      lifts,
      when: { fusion },
      sources,
    };
  };
  return [
    variant(spec.withoutFusion, { kind: 'after', offset: spec.after, needsClearance: true }, false),
    variant(spec.withFusion, { kind: 'when-cleared' }, true),
  ];
}

/** The last phase of both regions (seed:003): what is still there after 18 months may stay. `focusId` is its statement's id. */
export const beyond18Months = (region: Region, focusId: string): Phase => ({
  id: `${region}-beyond-18-months`,
  title: 'Beyond 18 months',
  starts: { months: 18 },
  focus: [
    {
      id: focusId,
      text: 'Numbness or weakness that is still there now may not go away. Your doctor can check it and talk about other options.',
      sources: ['seed:003'],
    },
  ],
  avoid: [],
});

export const walkWithin24Hours = (sources: Milestone['sources']): Milestone => ({
  id: 'walk-within-24-hours',
  text: 'Stand up and take a short walk with help',
  expected: { from: { days: 0 }, to: { days: 1 } },
  sources,
});

export const fullRecovery = (sources: Milestone['sources']): Milestone => ({
  id: 'full-recovery',
  text: 'Full recovery, including most nerve healing',
  expected: { from: { months: 6 }, to: { months: 12 } },
  sources,
});

export const imagingWhenFused: Milestone = {
  id: 'imaging-6-months',
  text: 'X-rays to check that the spine is stable and the fusion has grown solid',
  expected: { from: { months: 6 }, to: { months: 6 } },
  when: { fusion: true },
  // seed:000 gives 6-month X-rays after a neck fusion; using it after a low-back fusion is our judgement.
  sources: ['seed:000', 'team'],
};

/** Not the triage rules (those live in triage/): a short pointer so the plan always shows when to get help. */
export const commonWarningSigns: readonly Statement[] = [
  {
    id: 'warn.emergency-bladder-legs',
    text: 'Call 911 (or your local emergency number) if you cannot pee, lose control of your bladder or bowels, feel numb between your legs, or your legs get weak fast.',
    sources: ['ref:1', 'ref:3', 'seed:001'],
  },
  {
    id: 'warn.emergency-chest',
    text: 'Call 911 for chest pain, sudden trouble breathing, coughing up blood, or heavy bleeding.',
    sources: ['ref:3', 'ref:8'],
  },
  {
    id: 'warn.urgent-infection',
    text: 'Call your surgical team today for a fever, or redness, warmth, swelling or fluid coming from the incision.',
    sources: ['seed:001', 'ref:3', 'ref:7'],
  },
  {
    id: 'warn.urgent-nerves',
    text: 'Call your surgical team today for new or worse weakness, numbness that is quickly getting worse, pain your medicine does not control, or a sudden change in your walking or balance.',
    sources: ['seed:001'],
  },
  {
    id: 'warn.urgent-leak-clot',
    text: 'Call your surgical team today for a headache that gets worse when you sit or stand and better when you lie down, or for pain or swelling in your calf.',
    sources: ['ref:13', 'ref:3', 'ref:4'],
  },
];

export const surgeonFirst: Statement = {
  id: 'plan.surgeon-first',
  text: 'Your surgeon’s instructions come first. If they differ from this plan, follow your surgeon.',
  sources: ['seed:001', 'seed:000'],
};

export const notADiagnosis: Statement = {
  id: 'plan.not-a-diagnosis',
  text: 'Lamina gives general information about recovery. It does not diagnose or replace your care team.',
  sources: ['seed:003'],
};

export const moreLevelsNote: Statement = {
  id: 'plan.more-levels',
  text: 'Surgery on several levels of the spine can mean a slower recovery than these usual ranges.',
  sources: ['seed:002', 'seed:001'],
};
