import {
  answeredScores,
  bandOf,
  definePromInstrument,
  numberedOptions,
  type PromAnswers,
  type PromScore,
  scaleScore,
  scoredChoiceItem,
  unscored,
} from '../instrument.ts';

/**
 * Modified Japanese Orthopaedic Association score (Benzel), rated by a clinician: 0–18, lower is
 * worse (ref:46). Anchors paraphrased for clinicians; each domain is scored from 0 upwards.
 */
const items = [
  scoredChoiceItem(
    'mjoa',
    'upper-limb-motor',
    'Hand and arm function (motor)',
    numberedOptions(0, [
      'Cannot move hands',
      'Moves hands but cannot eat with a spoon',
      'Eats with a spoon but cannot button a shirt',
      'Buttons a shirt with great difficulty',
      'Buttons a shirt with slight difficulty',
      'Normal',
    ]),
  ),
  scoredChoiceItem(
    'mjoa',
    'lower-limb-motor',
    'Leg function and walking (motor)',
    numberedOptions(0, [
      'No movement or feeling in the legs',
      'Feeling present, cannot move legs',
      'Moves legs, cannot walk',
      'Walks on flat ground with a cane or crutch',
      'Uses stairs only with a handrail',
      'Marked unsteadiness; stairs without a handrail',
      'Mild unsteadiness; walks without aid',
      'Normal',
    ]),
  ),
  scoredChoiceItem(
    'mjoa',
    'upper-limb-sensory',
    'Hand sensation',
    numberedOptions(0, [
      'Complete loss of feeling in the hand',
      'Severe loss of feeling, or pain',
      'Mild loss of feeling',
      'Normal',
    ]),
  ),
  scoredChoiceItem(
    'mjoa',
    'urinary',
    'Bladder function',
    numberedOptions(0, [
      'Cannot pass urine voluntarily',
      'Marked difficulty passing urine',
      'Mild to moderate difficulty',
      'Normal',
    ]),
  ),
];
const itemIds = items.map((i) => i.linkId);

/** Severity bands (ref:44): 18 is normal function. */
const mjoaBands = [
  { atLeast: 18, id: 'normal', label: 'No myelopathy-related loss' },
  { atLeast: 15, id: 'mild', label: 'Mild myelopathy' },
  { atLeast: 12, id: 'moderate', label: 'Moderate myelopathy' },
  { atLeast: 0, id: 'severe', label: 'Severe myelopathy' },
] as const;

export function scoreMjoa(answers: PromAnswers): PromScore {
  const { scores, missing } = answeredScores(answers, itemIds);
  // No published rule for a missing item was found: a clinician-rated total must be complete.
  if (missing > 0) {
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
      scaleScore('mjoa', value, scores.length, items.length, { band: bandOf(band, ['ref:44']) }),
    ],
  };
}

export const mjoa = definePromInstrument({
  id: 'mjoa',
  respondent: 'clinician',
  regions: ['cervical'],
  questionnaire: {
    name: 'modified_japanese_orthopaedic_association',
    title: 'Modified Japanese Orthopaedic Association score (clinician-rated)',
    codeDisplay: 'mJOA',
    item: items,
  },
  licence: {
    status: 'terms-unverified',
    requiresClinicConfirmation: false,
    holder: 'unknown',
    terms: {
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
    text: 'Sum of four clinician-rated domains (arm motor 0–5, leg motor 0–7, hand sensation 0–3, bladder 0–3), 0–18; mild 15–17, moderate 12–14, severe 0–11.',
    sources: ['ref:46', 'ref:44'],
  },
  score: scoreMjoa,
});
