import {
  numericAnswer,
  type PromAnswers,
  type PromInstrument,
  type PromScore,
  promQuestionnaire,
  scoredChoiceItem,
  unscored,
} from '../instrument.ts';

/**
 * Modified Japanese Orthopaedic Association score (Benzel), rated by a clinician: 0–18, lower is
 * worse (ref:46). Anchors paraphrased for clinicians.
 */
const level = (value: number, display: string) => ({ value, display });

const items = [
  scoredChoiceItem('mjoa', 'upper-limb-motor', 'Hand and arm function (motor)', [
    level(0, 'Cannot move hands'),
    level(1, 'Moves hands but cannot eat with a spoon'),
    level(2, 'Eats with a spoon but cannot button a shirt'),
    level(3, 'Buttons a shirt with great difficulty'),
    level(4, 'Buttons a shirt with slight difficulty'),
    level(5, 'Normal'),
  ]),
  scoredChoiceItem('mjoa', 'lower-limb-motor', 'Leg function and walking (motor)', [
    level(0, 'No movement or feeling in the legs'),
    level(1, 'Feeling present, cannot move legs'),
    level(2, 'Moves legs, cannot walk'),
    level(3, 'Walks on flat ground with a cane or crutch'),
    level(4, 'Uses stairs only with a handrail'),
    level(5, 'Marked unsteadiness; stairs without a handrail'),
    level(6, 'Mild unsteadiness; walks without aid'),
    level(7, 'Normal'),
  ]),
  scoredChoiceItem('mjoa', 'upper-limb-sensory', 'Hand sensation', [
    level(0, 'Complete loss of feeling in the hand'),
    level(1, 'Severe loss of feeling, or pain'),
    level(2, 'Mild loss of feeling'),
    level(3, 'Normal'),
  ]),
  scoredChoiceItem('mjoa', 'urinary', 'Bladder function', [
    level(0, 'Cannot pass urine voluntarily'),
    level(1, 'Marked difficulty passing urine'),
    level(2, 'Mild to moderate difficulty'),
    level(3, 'Normal'),
  ]),
];

/** Severity bands (ref:44): 18 is normal function. */
const mjoaBands = [
  { atLeast: 18, id: 'normal', label: 'No myelopathy-related loss' },
  { atLeast: 15, id: 'mild', label: 'Mild myelopathy' },
  { atLeast: 12, id: 'moderate', label: 'Moderate myelopathy' },
  { atLeast: 0, id: 'severe', label: 'Severe myelopathy' },
] as const;

export function scoreMjoa(answers: PromAnswers): PromScore {
  const scores = items
    .map((i) => numericAnswer(answers, i.linkId))
    .filter((v): v is number => v !== undefined);
  // No published rule for a missing item was found: a clinician-rated total must be complete.
  if (scores.length < items.length) {
    return {
      instrument: 'mjoa',
      scales: [unscored('mjoa', scores.length, items.length, 'every domain must be rated')],
    };
  }
  const value = scores.reduce((a, b) => a + b, 0);
  const band = mjoaBands.find((b) => value >= b.atLeast);
  return {
    instrument: 'mjoa',
    scales: [
      {
        scale: 'mjoa',
        value,
        answeredItems: scores.length,
        totalItems: items.length,
        ...(band ? { band: { id: band.id, label: band.label, sources: ['ref:44'] } } : {}),
      },
    ],
  };
}

export const mjoa: PromInstrument = {
  id: 'mjoa',
  respondent: 'clinician',
  regions: ['cervical'],
  questionnaire: promQuestionnaire({
    id: 'mjoa',
    name: 'modified_japanese_orthopaedic_association',
    title: 'Modified Japanese Orthopaedic Association score (clinician-rated)',
    codeDisplay: 'mJOA',
    item: items,
  }),
  licence: {
    status: 'terms-unverified',
    requiresClinicConfirmation: false,
    holder: 'unknown',
    terms: {
      id: 'prom.mjoa.licence',
      text: 'Licence terms are unknown. Check them before commercial use.',
      sources: ['ref:46'],
      uncertain: true,
    },
  },
  scales: [
    {
      id: 'mjoa',
      label: 'Myelopathy function',
      min: 0,
      max: 18,
      higherIsWorse: false,
      unit: 'points',
    },
  ],
  scoring: {
    id: 'prom.mjoa.scoring',
    text: 'Sum of four clinician-rated domains (arm motor 0–5, leg motor 0–7, hand sensation 0–3, bladder 0–3), 0–18; mild 15–17, moderate 12–14, severe 0–11.',
    sources: ['ref:46', 'ref:44'],
  },
  score: scoreMjoa,
};
