import { whenToAskAboutNumbness } from '../nerve-healing/expectations.ts';
import { type Statement, statement as s } from '../sources/source.ts';
import type { Surgery } from '../surgery/surgery.ts';

/**
 * "Good to know": what the seed pages tell patients beyond the timeline — the risks of surgery and
 * how rare they are, comfort (ice, heat, pillows, brace or collar), food, alcohol and smoking,
 * scar-tissue stiffness and equipment at home, tapering pain medicine, and why numbness after
 * surgery is not failure. Each sentence is sourced; ids are translation keys.
 */
export interface GoodToKnowTopic {
  readonly id: string;
  /** The heading, a statement too (its sources are those of the items) so it is translated by id. */
  readonly title: Statement;
  readonly items: readonly Statement[];
}

export const goodToKnowStatements = {
  risksRare: s(
    'gtk.risks.rare',
    'Every spine surgery has some risk. Serious problems are rare. Your surgeon will go over them with you before surgery.',
    ['seed:002', 'seed:001'],
  ),
  infection: s(
    'gtk.risks.infection',
    'Infection of the wound: about 1 in 150 people after a decompression without a fusion.',
    ['seed:001', 'ref:26', 'ref:27'],
  ),
  bleeding: s(
    'gtk.risks.bleeding',
    'Bleeding that presses on the nerves: about 2 to 4 in 1,000 people. It shows up in the first week as severe pain or new weakness.',
    ['seed:001', 'ref:9', 'ref:10'],
  ),
  clots: s(
    'gtk.risks.clots',
    'Blood clots in the legs: walking soon after surgery helps prevent them. Clots that cause symptoms are uncommon.',
    ['seed:001', 'seed:000', 'ref:23'],
  ),
  nerveInjury: s(
    'gtk.risks.nerve-injury',
    'Nerve injury: a new, lasting nerve problem after surgery happens in about 6 in 1,000 operations.',
    ['seed:001', 'ref:117'],
  ),
  c5: s(
    'gtk.risks.c5-palsy',
    'After neck surgery, about 5 in 100 people get new weakness lifting the arm at the shoulder. Most get their strength back over months.',
    ['ref:17', 'ref:18', 'ref:19'],
  ),
  duralTear: s(
    'gtk.risks.dural-tear',
    'A small tear in the lining around the nerves happens in up to about 1 in 10 operations. It is usually fixed during surgery and does not change the long-term result.',
    ['seed:001', 'ref:12', 'ref:16'],
  ),
  leak: s(
    'gtk.risks.leak',
    'If spinal fluid leaks later, it causes a headache that is worse when you sit or stand and better when you lie down. Call your surgical team that day.',
    ['seed:001', 'ref:13', 'ref:15'],
  ),
  symptomsReturn: s(
    'gtk.risks.symptoms-return',
    'Symptoms can last, or come back later as other parts of the spine age. Surgery makes room for the nerves; it does not stop the spine from aging.',
    ['seed:001'],
  ),
  reoperation: s(
    'gtk.risks.reoperation',
    'About 13 in 100 people have another low-back operation within 4 years, and about 18 in 100 within 8 years.',
    ['ref:113', 'ref:114'],
  ),
  ice: s(
    'gtk.comfort.ice',
    'Ice or a cold pack can ease soreness. Use it as your surgeon directs.',
    ['seed:001', 'seed:003'],
  ),
  heat: s(
    'gtk.comfort.heat',
    'A warm pack can help tight muscles relax. Ask your team before you use heat.',
    ['seed:003'],
  ),
  pillows: s(
    'gtk.comfort.pillows',
    'Use pillows to support you when you lie on your side, and to ease strain when you rest on your back.',
    ['seed:001'],
  ),
  brace: s(
    'gtk.comfort.brace',
    'Some people use a back brace for support and pain control. Wear one only if your surgeon gives it to you.',
    ['seed:003'],
  ),
  collar: s(
    'gtk.comfort.collar',
    'After a neck fusion you may get a neck collar to keep your neck still while the bone heals. Wear it the way your surgeon showed you.',
    ['seed:000'],
  ),
  protein: s(
    'gtk.healing.protein',
    'Eat a healthy diet with enough protein and vitamins. It helps your body repair the tissues.',
    ['seed:000'],
  ),
  vitamins: s(
    'gtk.healing.vitamins',
    'Foods rich in vitamins B12, B6 and D, and in omega-3 fats, support nerve healing.',
    ['seed:003'],
  ),
  smoking: s(
    'gtk.healing.smoking',
    'Do not smoke or use tobacco. It slows the healing of nerves and bone.',
    ['seed:000', 'seed:003', 'ref:100'],
  ),
  alcohol: s('gtk.healing.alcohol', 'Avoid alcohol while you heal. It can slow nerve healing.', [
    'seed:003',
  ]),
  scar: s(
    'gtk.scar.stiffness',
    'Some stiffness and pulling around the incision is normal as the tissues heal. Gentle movement and your exercises keep scar tissue from limiting how you move.',
    ['seed:001'],
  ),
  scarTell: s(
    'gtk.scar.tell',
    'If stiffness or pulling keeps limiting how you move, tell your physical therapist.',
    ['seed:001'],
  ),
  equipment: s(
    'gtk.home.equipment',
    'If getting in and out of bed is hard, equipment such as a hospital bed at the right height can help at first. Ask your team.',
    ['seed:001'],
  ),
  painSchedule: s(
    'gtk.pain.schedule',
    'Early on, take pain medicine on the schedule your surgeon set, instead of waiting for the pain to spike.',
    ['seed:001'],
  ),
  painTaper: s(
    'gtk.pain.taper',
    'As the pain eases, your team will help you take less opioid medicine, step by step, and then stop. Do not stop or change it without asking them.',
    ['seed:001'],
  ),
  painWeek: s(
    'gtk.pain.week',
    'After surgery on one level, half of people have stopped opioids within about a week.',
    ['ref:80'],
  ),
  numbnessNotFailure: s(
    'gtk.numbness.not-failure',
    'Numbness after surgery does not mean the surgery failed. A nerve that was squeezed needs time to work normally again, often weeks to months.',
    ['seed:003'],
  ),
  numbnessMayStay: s(
    'gtk.numbness.may-stay',
    'Sometimes some numbness stays for good, most often when the nerve was squeezed for a long time before surgery. Your team can help you live with it.',
    ['seed:003', 'ref:39'],
  ),
} as const satisfies Record<string, Statement>;

const t = goodToKnowStatements;

const title = (id: string, text: string, items: readonly Statement[]): Statement => ({
  id,
  text,
  sources: [...new Set(items.flatMap((item) => item.sources))],
});

const topic = (id: string, heading: string, items: readonly Statement[]): GoodToKnowTopic => ({
  id,
  title: title(`gtk.title.${id}`, heading, items),
  items,
});

function buildTopics(surgery: Pick<Surgery, 'region' | 'fusion'>): readonly GoodToKnowTopic[] {
  const lumbar = surgery.region === 'lumbar';
  return [
    topic('risks', 'Risks of surgery, and how rare they are', [
      t.risksRare,
      t.infection,
      t.bleeding,
      t.clots,
      t.nerveInjury,
      ...(lumbar ? [] : [t.c5]),
      t.duralTear,
      t.leak,
      t.symptomsReturn,
      ...(lumbar ? [t.reoperation] : []),
    ]),
    topic('comfort', 'Ice, heat, pillows and support', [
      t.ice,
      t.heat,
      t.pillows,
      ...(lumbar ? [t.brace] : surgery.fusion ? [t.collar] : []),
    ]),
    topic('healing', 'Food, alcohol and smoking', [t.protein, t.vitamins, t.smoking, t.alcohol]),
    topic('stiffness', 'Stiffness, scar tissue and help at home', [
      t.scar,
      t.scarTell,
      t.equipment,
    ]),
    topic('pain-medicine', 'Pain medicine', [t.painSchedule, t.painTaper, t.painWeek]),
    topic('numbness', 'Numbness after surgery is not failure', [
      t.numbnessNotFailure,
      t.numbnessMayStay,
      whenToAskAboutNumbness,
    ]),
  ];
}

/** Built once per region and fusion: every plan shares them (they are read-only data). */
const built = new Map(
  (['lumbar', 'cervical'] as const).flatMap((region) =>
    [false, true].map(
      (fusion) => [`${region}:${fusion}`, buildTopics({ region, fusion })] as const,
    ),
  ),
);

/** The topics for this surgery: the neck or the low back, with or without a fusion. */
export function goodToKnow(
  surgery: Pick<Surgery, 'region' | 'fusion'>,
): readonly GoodToKnowTopic[] {
  return built.get(`${surgery.region}:${surgery.fusion}`) ?? buildTopics(surgery);
}

/** Every topic any surgery can show (for translation checks). */
export const allGoodToKnowTopics: readonly GoodToKnowTopic[] = [
  ...goodToKnow({ region: 'lumbar', fusion: false }),
  ...goodToKnow({ region: 'cervical', fusion: true }),
];
