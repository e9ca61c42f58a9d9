import type { Source } from '../../sources/source.ts';
import {
  answeredScores,
  bandOf,
  definePromInstrument,
  type PromAnswers,
  type PromScore,
  roundTo,
  scaleScore,
  sharedDisabilitySections as shared,
  unscored,
  zeroToFiveItems,
} from '../instrument.ts';

/**
 * The two 0–5 disability indexes: the Oswestry Disability Index for the low back and the Neck
 * Disability Index. Ten sections each, four with the same short summaries
 * (sharedDisabilitySections); the scoring and missing-item rules differ and are each instrument's own.
 */

/**
 * Oswestry Disability Index 2.1a: 10 sections scored 0–5 (ref:32). The licensed wording of each
 * statement comes from the licence holder (Mapi Research Trust, ref:30b); Lamina stores the
 * structure and its own short section summaries, never the copyrighted text.
 */
const odiSections = [
  shared.painIntensity,
  shared.personalCare,
  shared.lifting,
  ['walking', 'Walking', 'no limit', 'in bed most of the time'],
  ['sitting', 'Sitting', 'no limit', 'cannot sit'],
  ['standing', 'Standing', 'no limit', 'cannot stand'],
  shared.sleeping,
  ['sex-life', 'Sex life (if it applies to you)', 'normal', 'none because of pain'],
  ['social-life', 'Social life', 'normal', 'none because of pain'],
  ['travelling', 'Travelling', 'no limit', 'only to get treatment'],
] as const;

export const odiSectionIds = odiSections.map(([linkId]) => linkId);

const odiBandSources: readonly Source[] = ['ref:33'];
/** Published bands on the 0–100 index (ref:33). */
const odiBands = [
  { upTo: 20, id: 'minimal', label: 'Minimal disability' },
  { upTo: 40, id: 'moderate', label: 'Moderate disability' },
  { upTo: 60, id: 'severe', label: 'Severe disability' },
  { upTo: 80, id: 'crippled', label: 'Crippling disability' },
  { upTo: 100, id: 'bed-bound', label: 'Bed-bound, or the answers overstate the problem' },
] as const;

/** The manual lets one section be missed or not apply (the sex-life section often does); more gaps make the index unreliable. */
export const odiMaxMissingSections = 1;

export function scoreOdi(answers: PromAnswers): PromScore {
  const { scores, missing } = answeredScores(answers, odiSectionIds);
  if (missing > odiMaxMissingSections) {
    return {
      instrument: 'odi',
      scales: [
        unscored(
          'odi',
          scores.length,
          odiSectionIds.length,
          `${missing} sections unanswered; the index allows at most ${odiMaxMissingSections}`,
        ),
      ],
    };
  }
  const sum = scores.reduce((a, b) => a + b, 0);
  // Manual: total scored ÷ (5 × sections answered) × 100, so a skipped section shrinks the denominator.
  const value = roundTo((sum / (5 * scores.length)) * 100, 1);
  const band = odiBands.find((b) => value <= b.upTo) ?? odiBands[odiBands.length - 1];
  return {
    instrument: 'odi',
    scales: [
      scaleScore('odi', value, scores.length, odiSectionIds.length, {
        band: bandOf(band, odiBandSources),
        note:
          missing > 0 ? 'one section unanswered: scored out of the answered sections' : undefined,
      }),
    ],
  };
}

export const odi = definePromInstrument({
  id: 'odi',
  respondent: 'patient',
  regions: ['lumbar'],
  questionnaire: {
    name: 'oswestry_disability_index_2_1a',
    title: 'Oswestry Disability Index 2.1a',
    codeDisplay: 'Oswestry Disability Index 2.1a',
    copyright: '© Jeremy Fairbank 1980; distributed by Mapi Research Trust. Licence required.',
    item: zeroToFiveItems('odi', odiSections, 'sex-life'),
  },
  licence: {
    status: 'free-for-clinical-use-fee-for-commercial',
    requiresClinicConfirmation: true,
    holder: 'Mapi Research Trust (ePROVIDE), for Jeremy Fairbank',
    terms: {
      text: 'Free for clinicians; commercial users and software companies may have to pay. A clinic must confirm its licence before Lamina shows the ODI.',
      sources: ['ref:30b', 'ref:31'],
      uncertain: true,
    },
  },
  scales: [
    { id: 'odi', label: 'Disability', min: 0, max: 100, higherIsWorse: true, unit: 'percent' },
  ],
  scoring: {
    text: 'Sum of the section scores ÷ (5 × sections answered) × 100; one missed or not-applicable section allowed; bands 0–20 minimal to 81–100 bed-bound.',
    sources: ['ref:32', 'ref:33'],
  },
  score: scoreOdi,
});

/** Neck Disability Index (Vernon & Mior): 10 items scored 0–5, raw 0–50 (ref:39b). Own section summaries, not the published wording. */
const ndiItems = [
  shared.painIntensity,
  shared.personalCare,
  shared.lifting,
  ['reading', 'Reading', 'no neck pain', 'cannot read'],
  ['headaches', 'Headaches', 'none', 'almost all the time'],
  ['concentration', 'Concentration', 'no difficulty', 'cannot concentrate'],
  ['work', 'Work', 'as much as I want', 'cannot work'],
  ['driving', 'Driving (if you drive)', 'no neck pain', 'cannot drive'],
  shared.sleeping,
  ['recreation', 'Recreation', 'all my activities', 'none'],
] as const;

export const ndiItemIds = ndiItems.map(([linkId]) => linkId);

const ndiBandSources: readonly Source[] = ['ref:39b'];
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
  const band = bandOf(
    ndiBands.find((b) => raw < b.below),
    ndiBandSources,
  );
  const note =
    missing > 0
      ? `${missing} item(s) unanswered: each replaced by the mean of the others`
      : undefined;
  return {
    instrument: 'ndi',
    scales: [
      scaleScore('raw', raw, scores.length, total, { band, note }),
      scaleScore('percent', roundTo(raw * 2, 1), scores.length, total, { note }),
    ],
  };
}

export const ndi = definePromInstrument({
  id: 'ndi',
  respondent: 'patient',
  regions: ['cervical'],
  questionnaire: {
    name: 'neck_disability_index',
    title: 'Neck Disability Index',
    codeDisplay: 'Neck Disability Index',
    copyright: '© Howard Vernon 1989.',
    item: zeroToFiveItems('ndi', ndiItems, 'driving'),
  },
  licence: {
    status: 'terms-unverified',
    requiresClinicConfirmation: false,
    holder: 'Howard Vernon',
    terms: {
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
    text: 'Raw score is the sum of 10 items (0–50), ×2 for a percentage; a skipped item gets the mean of the answered items; raw bands 0–4 none, 5–14 mild, 15–24 moderate, 25–34 severe, above 34 complete.',
    sources: ['ref:39b', 'ref:41'],
  },
  score: scoreNdi,
});
