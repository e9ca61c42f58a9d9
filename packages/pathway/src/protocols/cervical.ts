import {
  beyond18Months,
  commonWarningSigns,
  followUpVisits,
  fullRecovery,
  incisionRestrictions,
  liftingLimit,
  opioidDriving,
  walkWithin24Hours,
} from './common.ts';
import type { Milestone, Protocol, SurgeryCondition } from './types.ts';

const microWithoutFusion: SurgeryCondition = { procedures: ['microlaminectomy'], fusion: false };
const fusedLaminotomyOrMicro: SurgeryCondition = {
  procedures: ['laminotomy', 'microlaminectomy'],
  fusion: true,
};
/** Every cervical surgery that is not a microlaminectomy without a fusion. */
const notMicroWithoutFusion: readonly SurgeryCondition[] = [
  { procedures: ['laminotomy', 'laminectomy'] },
  { procedures: ['microlaminectomy'], fusion: true },
];

/** Cervical recovery after seed:000's timeline; later months after seed:003's nerve-healing stages. */
export const cervicalDecompression: Protocol = {
  id: 'cervical-decompression',
  title: 'Cervical laminectomy, laminotomy or microlaminectomy',
  region: 'cervical',
  procedures: ['laminotomy', 'laminectomy', 'microlaminectomy'],
  summary: {
    id: 'protocol.cervical-decompression',
    text: 'Part of the bone at the back of your neck (the lamina) was removed to take pressure off your spinal cord and nerves.',
    sources: ['seed:000', 'seed:002'],
  },
  phases: [
    {
      id: 'cervical-first-48-hours',
      title: 'The first 48 hours',
      starts: { days: 0 },
      focus: [
        {
          id: 'cervical.p1.walk',
          text: 'Stand and take short walks within the first day. Moving early helps prevent blood clots and stiffness.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p1.heavy',
          text: 'A sore or "heavy" feeling in your neck and shoulders is normal. It usually eases with medicine.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p1.voice',
          text: 'A slightly hoarse voice or mild trouble swallowing can happen early on.',
          sources: ['ref:36'],
        },
        {
          id: 'cervical.p1.collar',
          text: 'If you had a fusion, wear your neck collar the way you were shown.',
          sources: ['seed:000'],
        },
      ],
      avoid: [
        {
          id: 'cervical.p1.avoid',
          text: 'Avoid lifting, twisting your neck, and sudden head movements.',
          sources: ['seed:000'],
        },
      ],
    },
    {
      id: 'cervical-weeks-1-6',
      title: 'Weeks 1 to 6: early healing',
      starts: { days: 3 },
      focus: [
        {
          id: 'cervical.p2.rest',
          text: 'Rest and protect your neck. This is the main job of these weeks.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p2.walk',
          text: 'Walking is the best exercise. Start with 5-minute walks at home and add a little time as you feel able.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p2.incision',
          text: 'Look at your incision every day for redness or fluid.',
          sources: ['seed:000'],
        },
      ],
      avoid: [
        {
          id: 'cervical.p2.avoid',
          text: 'No heavy lifting, no twisting, and no sudden movements of your head.',
          sources: ['seed:000'],
        },
      ],
    },
    {
      id: 'cervical-months-2-3',
      title: 'Months 2 to 3: rebuilding strength',
      starts: { days: 43 },
      focus: [
        {
          id: 'cervical.p3.pt',
          text: 'Many people start physical therapy around 6 weeks: gentle neck movement and strength for the neck and upper back.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p3.work',
          text: 'You may be able to go back to a desk job or light housework. Physical jobs usually take longer.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p3.inside',
          text: 'The skin has healed, but the nerves and deeper tissues are still healing.',
          sources: ['seed:000'],
        },
      ],
      avoid: [
        {
          id: 'cervical.p3.avoid',
          text: 'Do not skip physical therapy or follow-up visits.',
          sources: ['seed:000'],
        },
      ],
    },
    {
      id: 'cervical-months-3-6',
      title: 'Months 3 to 6',
      starts: { months: 3 },
      focus: [
        {
          id: 'cervical.p4.nerves',
          text: 'Arm pain has often eased. Numbness or weakness can take much longer as the nerves heal.',
          sources: ['seed:000', 'seed:003'],
        },
        {
          id: 'cervical.p4.pt',
          text: 'Keep up your exercises to rebuild strength and movement.',
          sources: ['seed:000', 'seed:003'],
        },
      ],
      avoid: [],
    },
    {
      id: 'cervical-months-6-12',
      title: 'Months 6 to 12',
      starts: { months: 6 },
      focus: [
        {
          id: 'cervical.p5.imaging',
          text: 'Around 6 months your surgeon may order X-rays to check that your spine is stable.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p5.sport',
          text: 'This is a good time to ask your surgeon when you can return to sports or hard exercise.',
          sources: ['seed:000'],
        },
        {
          id: 'cervical.p5.full',
          text: 'Full recovery often takes 6 months to a year.',
          sources: ['seed:000'],
        },
      ],
      avoid: [],
    },
    {
      id: 'cervical-months-12-18',
      title: 'Months 12 to 18',
      starts: { months: 12 },
      focus: [
        {
          id: 'cervical.p6.late',
          text: 'Nerve healing can go on slowly. Tell your doctor about symptoms that are not getting better.',
          sources: ['seed:003'],
        },
      ],
      avoid: [],
    },
    beyond18Months('cervical', 'cervical.p7.followup'),
  ],
  restrictions: [
    ...liftingLimit({
      maxLoadLb: { low: 5, high: 10 },
      after: { weeks: 6 },
      sources: ['seed:000', 'ref:73'],
      withoutFusion: {
        detail: 'Ask your surgeon which number is right for you.',
        detailId: 'restriction.lifting-limit.cervical.detail',
      },
      withFusion: {
        detail: 'After a fusion your surgeon will tell you when this limit ends.',
        detailId: 'restriction.lifting-limit.cervical-fusion.detail',
      },
    }),
    {
      id: 'no-overhead-lifting',
      kind: 'overhead-lifting',
      text: 'Do not lift anything above your shoulders.',
      lifts: { kind: 'after', offset: { weeks: 6 } },
      sources: ['ref:74'],
    },
    {
      id: 'no-neck-twisting',
      kind: 'head-movement',
      text: 'Do not twist your neck or move your head suddenly. Turn your whole body to look around.',
      lifts: { kind: 'after', offset: { weeks: 6 } },
      sources: ['seed:000'],
    },
    {
      id: 'wear-collar',
      kind: 'collar',
      text: 'Wear your neck collar as your surgeon told you, to keep your neck still while the bone heals.',
      lifts: { kind: 'when-cleared' },
      when: { fusion: true },
      sources: ['seed:000'],
    },
    {
      id: 'no-driving',
      kind: 'driving',
      text: 'Do not drive for about 3 weeks, and only once your surgeon says it is OK and you can turn to look safely.',
      textId: 'restriction.no-driving.cervical',
      lifts: { kind: 'after', offset: { weeks: 3 }, needsClearance: true },
      sources: ['ref:75'],
    },
    opioidDriving,
    ...incisionRestrictions,
    {
      id: 'no-impact-sport',
      kind: 'sport',
      text: 'No contact sports, high-impact sports or heavy exercise until your surgeon clears you. Many people talk about this at the 6-month visit.',
      textId: 'restriction.no-impact-sport.cervical',
      lifts: { kind: 'when-cleared' },
      sources: ['seed:000'],
    },
  ],
  milestones: [
    walkWithin24Hours(['seed:000']),
    // Stays: a cervical laminotomy without a fusion may go home the same day (seed:002 says
    // laminotomy is usually outpatient, for any region) or stay like a laminectomy (seed:000,
    // ref:72); a microlaminectomy without a fusion follows seed:004. See the README's judgements.
    {
      id: 'go-home',
      text: 'Go home from the hospital or surgery center',
      expected: { from: { days: 0 }, to: { days: 3 } },
      when: { procedures: ['laminotomy'], fusion: false },
      sources: ['team', 'seed:002', 'seed:000', 'ref:72'],
    },
    {
      id: 'go-home',
      text: 'Go home from the hospital',
      textId: 'milestone.go-home.hospital',
      expected: { from: { days: 1 }, to: { days: 2 } },
      when: microWithoutFusion,
      sources: ['seed:004'],
    },
    ...[{ procedures: ['laminectomy'] } as const, fusedLaminotomyOrMicro].map(
      (when): Milestone => ({
        id: 'go-home',
        text: 'Go home from the hospital',
        textId: 'milestone.go-home.hospital',
        expected: { from: { days: 1 }, to: { days: 3 } },
        when,
        sources: ['seed:000', 'ref:72'],
      }),
    ),
    {
      id: 'start-physical-therapy',
      text: 'Start supervised physical therapy',
      textId: 'milestone.start-physical-therapy.supervised',
      expected: { from: { weeks: 6 }, to: { weeks: 8 } },
      sources: ['seed:000'],
    },
    {
      id: 'return-desk-work',
      text: 'Back to desk work or light housework, if your surgeon agrees',
      textId: 'milestone.return-desk-work.cervical',
      expected: { from: { weeks: 3 }, to: { weeks: 6 } },
      when: microWithoutFusion,
      forJobs: ['desk', 'light'],
      // seed:004: light work "several weeks" after a microlaminectomy; ref:72: desk work at 3–4 weeks.
      sources: ['seed:004', 'ref:72'],
    },
    {
      id: 'normal-activity',
      text: 'Back to normal activities',
      textId: 'milestone.normal-activity.micro',
      expected: { from: { weeks: 4 }, to: { weeks: 6 } },
      when: microWithoutFusion,
      sources: ['seed:004'],
    },
    ...notMicroWithoutFusion.flatMap((when): Milestone[] => [
      {
        id: 'return-desk-work',
        text: 'Back to desk work or light housework, if your surgeon agrees',
        textId: 'milestone.return-desk-work.cervical',
        expected: { from: { weeks: 6 }, to: { months: 3 } },
        when,
        forJobs: ['desk', 'light'],
        sources: ['seed:000'],
      },
      {
        id: 'normal-activity',
        text: 'Back to light household activities and most daily tasks',
        textId: 'milestone.normal-activity.cervical',
        expected: { from: { weeks: 6 }, to: { months: 3 } },
        when,
        sources: ['seed:000'],
      },
    ]),
    {
      id: 'return-manual-work',
      text: 'Back to heavy physical work, once your surgeon agrees',
      expected: { from: { months: 3 }, to: { months: 6 } },
      forJobs: ['heavy'],
      // seed:000: physical labor "may need to wait longer" than months 2 to 3; the 6-month end is our judgement.
      sources: ['seed:000', 'team'],
      uncertain: true,
    },
    {
      id: 'imaging-6-months',
      text: 'X-rays to check that your spine is stable (and, after a fusion, that the bone has grown solid)',
      textId: 'milestone.imaging-6-months.cervical',
      expected: { from: { months: 6 }, to: { months: 6 } },
      sources: ['seed:000'],
    },
    fullRecovery(['seed:000']),
  ],
  followUps: followUpVisits,
  warningSigns: [
    {
      id: 'warn.cervical-airway',
      text: 'Call 911 if your neck swells quickly, or you have trouble breathing, swallowing or speaking.',
      sources: ['ref:20', 'ref:21', 'ref:22'],
      uncertain: true,
    },
    {
      id: 'warn.cervical-arm-weakness',
      text: 'Call your surgical team today if your shoulder or arm becomes newly weak, for example you cannot lift your arm.',
      sources: ['ref:17'],
    },
    ...commonWarningSigns,
  ],
};
