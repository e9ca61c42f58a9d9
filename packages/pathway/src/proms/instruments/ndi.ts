import type { Source } from '../../sources/source.ts';
import {
  answeredScores,
  type PromAnswers,
  type PromInstrument,
  type PromScore,
  promQuestionnaire,
  roundTo,
  unscored,
  zeroToFiveItems,
} from '../instrument.ts';

/** Neck Disability Index (Vernon & Mior): 10 items scored 0–5, raw 0–50 (ref:39b). Own section summaries, not the published wording. */
const items = [
  ['pain-intensity', 'Pain intensity', 'no pain', 'worst pain imaginable'],
  ['personal-care', 'Personal care (washing, dressing)', 'no difficulty', 'cannot do it'],
  ['lifting', 'Lifting', 'no difficulty', 'cannot lift anything'],
  ['reading', 'Reading', 'no neck pain', 'cannot read'],
  ['headaches', 'Headaches', 'none', 'almost all the time'],
  ['concentration', 'Concentration', 'no difficulty', 'cannot concentrate'],
  ['work', 'Work', 'as much as I want', 'cannot work'],
  ['driving', 'Driving (if you drive)', 'no neck pain', 'cannot drive'],
  ['sleeping', 'Sleeping', 'not disturbed', 'cannot sleep'],
  ['recreation', 'Recreation', 'all my activities', 'none'],
] as const;

export const ndiItemIds = items.map(([linkId]) => linkId);

const bandSources: readonly Source[] = ['ref:39b'];
/** Vernon's interpretation bands on the raw 0–50 score (ref:39b): 0–4, 5–14, 15–24, 25–34, above 34. */
const ndiBands = [
  { below: 5, id: 'none', label: 'No disability' },
  { below: 15, id: 'mild', label: 'Mild disability' },
  { below: 25, id: 'moderate', label: 'Moderate disability' },
  { below: 35, id: 'severe', label: 'Severe disability' },
  { below: Number.POSITIVE_INFINITY, id: 'complete', label: 'Complete disability' },
] as const;

/** Vernon adds the mean of the answered items for a skipped item; we stop at two gaps (the driving item is often skipped, ref:41). */
export const ndiMaxMissingItems = 2;

export function scoreNdi(answers: PromAnswers): PromScore {
  const { scores, missing } = answeredScores(answers, ndiItemIds);
  const total = ndiItemIds.length;
  if (missing > ndiMaxMissingItems) {
    const note = `${missing} items unanswered; the index allows at most ${ndiMaxMissingItems}`;
    return {
      instrument: 'ndi',
      scales: [
        unscored('raw', scores.length, total, note),
        unscored('percent', scores.length, total, note),
      ],
    };
  }
  const sum = scores.reduce((a, b) => a + b, 0);
  const mean = sum / scores.length;
  // Each missing item is replaced by the mean of the answered ones (ref:39b).
  const raw = roundTo(sum + missing * mean, 1);
  const band = ndiBands.find((b) => raw < b.below);
  const note =
    missing > 0
      ? `${missing} item(s) unanswered: each replaced by the mean of the others`
      : undefined;
  return {
    instrument: 'ndi',
    scales: [
      {
        scale: 'raw',
        value: raw,
        answeredItems: scores.length,
        totalItems: total,
        ...(band ? { band: { id: band.id, label: band.label, sources: bandSources } } : {}),
        ...(note ? { note } : {}),
      },
      {
        scale: 'percent',
        value: roundTo(raw * 2, 1),
        answeredItems: scores.length,
        totalItems: total,
        ...(note ? { note } : {}),
      },
    ],
  };
}

export const ndi: PromInstrument = {
  id: 'ndi',
  respondent: 'patient',
  regions: ['cervical'],
  questionnaire: promQuestionnaire({
    id: 'ndi',
    name: 'neck_disability_index',
    title: 'Neck Disability Index',
    codeDisplay: 'Neck Disability Index',
    copyright: '© Howard Vernon 1989.',
    item: zeroToFiveItems('ndi', items, 'driving'),
  }),
  licence: {
    status: 'terms-unverified',
    requiresClinicConfirmation: false,
    holder: 'Howard Vernon',
    terms: {
      id: 'prom.ndi.licence',
      text: 'The author encourages copying and use. Terms for commercial software are not confirmed.',
      sources: ['ref:40'],
      uncertain: true,
    },
  },
  scales: [
    {
      id: 'raw',
      label: 'Neck disability (raw)',
      min: 0,
      max: 50,
      higherIsWorse: true,
      unit: 'points',
    },
    {
      id: 'percent',
      label: 'Neck disability (%)',
      min: 0,
      max: 100,
      higherIsWorse: true,
      unit: 'percent',
    },
  ],
  scoring: {
    id: 'prom.ndi.scoring',
    text: 'Raw score is the sum of 10 items (0–50), ×2 for a percentage; a skipped item gets the mean of the answered items; raw bands 0–4 none, 5–14 mild, 15–24 moderate, 25–34 severe, above 34 complete.',
    sources: ['ref:39b', 'ref:41'],
  },
  score: scoreNdi,
};
