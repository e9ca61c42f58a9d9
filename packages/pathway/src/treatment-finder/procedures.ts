import { type Statement, statement as s } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';

/** The decompression operations compared side by side, in plain words, each sentence with its sources. */
export const treatmentOptionIds = [
  'laminotomy',
  'laminectomy',
  'microlaminectomy',
  'decompression-with-fusion',
] as const;
export type TreatmentOptionId = (typeof treatmentOptionIds)[number];

export const spineProblems = [
  'spinal-stenosis',
  'disc-herniation',
  'spondylolisthesis',
  'bone-or-ligament-overgrowth',
  'cyst',
] as const;
export type SpineProblem = (typeof spineProblems)[number];

export interface TreatmentOption {
  readonly id: TreatmentOptionId;
  readonly name: string;
  readonly whatIsRemoved: Statement;
  readonly problemsAddressed: readonly SpineProblem[];
  readonly problemsStatement: Statement;
  readonly howItIsDone: Statement;
  /** Per region, because neck and low-back stays differ; each agrees with the plan's go-home window. */
  readonly typicalStay: Readonly<Record<Region, Statement>>;
  /** Per region: neck recovery follows seed:000, low-back recovery seed:001/seed:002. */
  readonly typicalRecovery: Readonly<Record<Region, Statement>>;
}

const lumbarStay = s(
  'treatment.stay.lumbar-decompression',
  'Often home the same day or after 1 to 4 days.',
  ['seed:002', 'ref:4', 'ref:71'],
);
const cervicalStay = s(
  'treatment.stay.cervical-decompression',
  'Usually 1 to 3 days in the hospital.',
  ['seed:000', 'ref:72'],
);
/** seed:002 (laminotomy is usually outpatient, any region) next to seed:000 and ref:72 (neck laminectomy): see the pathway README. */
const cervicalLaminotomyStay = s(
  'treatment.stay.cervical-laminotomy',
  'Some people go home the same day; others stay up to 3 days.',
  ['team', 'seed:002', 'seed:000', 'ref:72'],
);
const cervicalRecovery = s(
  'treatment.recovery.cervical',
  'Walking starts within a day. Physical therapy often starts around 6 weeks, and desk work may be possible in months 2 to 3. Full recovery takes 6 to 12 months.',
  ['seed:000'],
);
const microStay = s(
  'treatment.microlaminectomy.stay',
  'Most people go home 1 to 2 days after surgery.',
  ['seed:004'],
);
const microRecovery = s(
  'treatment.microlaminectomy.recovery',
  'Light work after several weeks; normal activities after about 4 to 6 weeks.',
  ['seed:004'],
);
const fusionRecovery = s(
  'treatment.fusion.recovery',
  'Slower than decompression alone. X-rays at about 6 months check that the bones have joined; full recovery can take 6 to 12 months.',
  ['seed:000', 'seed:003'],
);

export const treatmentOptions: readonly TreatmentOption[] = [
  {
    id: 'laminotomy',
    name: 'Laminotomy',
    whatIsRemoved: s(
      'treatment.laminotomy.removes',
      'Only a small piece of the lamina, the bony roof over the back of the spinal canal.',
      ['seed:002'],
    ),
    problemsAddressed: ['spinal-stenosis', 'disc-herniation', 'bone-or-ligament-overgrowth'],
    problemsStatement: s(
      'treatment.laminotomy.problems',
      'Used when a nerve is squeezed in one small spot, for example by a bulging disc or narrowing.',
      ['seed:002'],
    ),
    howItIsDone: s(
      'treatment.laminotomy.how',
      'Often done through a cut under an inch long, with a thin tube that moves muscle aside instead of cutting it.',
      ['seed:002'],
    ),
    typicalStay: { lumbar: lumbarStay, cervical: cervicalLaminotomyStay },
    typicalRecovery: {
      lumbar: s(
        'treatment.laminotomy.recovery',
        'Many people are back to their usual activities within several weeks.',
        ['seed:002'],
      ),
      cervical: cervicalRecovery,
    },
  },
  {
    id: 'laminectomy',
    name: 'Laminectomy',
    whatIsRemoved: s(
      'treatment.laminectomy.removes',
      'The whole lamina at the level being treated, to open the canal and the side exits where nerves leave.',
      ['seed:002', 'seed:001'],
    ),
    problemsAddressed: [
      'spinal-stenosis',
      'disc-herniation',
      'bone-or-ligament-overgrowth',
      'cyst',
    ],
    problemsStatement: s(
      'treatment.laminectomy.problems',
      'Used most for spinal stenosis, and sometimes for disc problems, cysts or overgrown arthritic tissue pressing on nerves.',
      ['seed:001'],
    ),
    howItIsDone: s(
      'treatment.laminectomy.how',
      'Done as open surgery or through small tubes; for one level the cut is usually 3 to 4 cm.',
      ['seed:001'],
    ),
    typicalStay: { lumbar: lumbarStay, cervical: cervicalStay },
    typicalRecovery: {
      lumbar: s(
        'treatment.laminectomy.recovery',
        'Walking starts within a day. Most recovery happens over 6 weeks; nerves can keep healing for 6 to 12 months.',
        ['seed:001', 'seed:003', 'ref:4'],
      ),
      cervical: cervicalRecovery,
    },
  },
  {
    id: 'microlaminectomy',
    name: 'Microlaminectomy',
    whatIsRemoved: s(
      'treatment.microlaminectomy.removes',
      'Part of the lamina, like a laminectomy, but through a much smaller cut.',
      ['seed:004'],
    ),
    problemsAddressed: ['spinal-stenosis', 'disc-herniation', 'spondylolisthesis'],
    problemsStatement: s(
      'treatment.microlaminectomy.problems',
      'Used to ease nerve pressure from a herniated disc or a vertebra that has slipped forward, or to reach a damaged disc.',
      ['seed:004'],
    ),
    howItIsDone: s(
      'treatment.microlaminectomy.how',
      'A minimally invasive operation through a small cut, which tends to mean less pain after surgery.',
      ['seed:004'],
    ),
    // seed:004 is not region-specific; the cervical plan follows it too (pathway README).
    typicalStay: { lumbar: microStay, cervical: microStay },
    typicalRecovery: { lumbar: microRecovery, cervical: microRecovery },
  },
  {
    id: 'decompression-with-fusion',
    name: 'Decompression with fusion',
    whatIsRemoved: s(
      'treatment.fusion.removes',
      'The same bone as a decompression. Then two or more vertebrae are joined so they heal into one solid piece.',
      ['seed:002', 'seed:000'],
    ),
    problemsAddressed: ['spinal-stenosis', 'spondylolisthesis'],
    problemsStatement: s(
      'treatment.fusion.problems',
      'Sometimes added when a vertebra has slipped or the spine is not stable. Your surgeon decides if you need it.',
      ['seed:002', 'seed:004', 'ref:114'],
      true,
    ),
    howItIsDone: s(
      'treatment.fusion.how',
      'A bigger operation than decompression alone, with more risk of serious problems and of going back to hospital.',
      ['ref:105'],
    ),
    typicalStay: {
      lumbar: s(
        'treatment.fusion.stay.lumbar',
        'Usually longer than decompression alone; ask your surgeon.',
        ['ref:105'],
        true,
      ),
      cervical: s(
        'treatment.fusion.stay.cervical',
        'Usually 1 to 3 days; you may wear a neck collar while the bone heals.',
        ['seed:000', 'ref:72'],
      ),
    },
    typicalRecovery: { lumbar: fusionRecovery, cervical: fusionRecovery },
  },
];

export const treatmentFinderDisclaimer = s(
  'treatment.disclaimer',
  'This compares common options. It is not advice for you: your surgeon picks the operation after an exam and your scans.',
  ['seed:001', 'seed:002'],
);

export interface TreatmentComparison {
  readonly region: Region;
  readonly problem?: SpineProblem;
  readonly options: readonly {
    readonly id: TreatmentOptionId;
    readonly name: string;
    readonly whatIsRemoved: Statement;
    readonly problemsAddressed: Statement;
    readonly howItIsDone: Statement;
    readonly typicalStay: Statement;
    readonly typicalRecovery: Statement;
  }[];
  readonly disclaimer: Statement;
}

/** Side-by-side comparison for a region, narrowed to the options that address `problem` when one is given. */
export function compareTreatmentOptions(
  region: Region,
  problem?: SpineProblem,
): TreatmentComparison {
  const options = treatmentOptions
    .filter((option) => problem === undefined || option.problemsAddressed.includes(problem))
    .map((option) => ({
      id: option.id,
      name: option.name,
      whatIsRemoved: option.whatIsRemoved,
      problemsAddressed: option.problemsStatement,
      howItIsDone: option.howItIsDone,
      typicalStay: option.typicalStay[region],
      typicalRecovery: option.typicalRecovery[region],
    }));
  return {
    region,
    ...(problem ? { problem } : {}),
    options,
    disclaimer: treatmentFinderDisclaimer,
  };
}
