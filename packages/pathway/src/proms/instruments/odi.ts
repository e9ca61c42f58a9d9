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

/**
 * Oswestry Disability Index 2.1a: 10 sections scored 0–5 (ref:32). The licensed wording of each
 * statement comes from the licence holder (Mapi Research Trust, ref:30b); Lamina stores the
 * structure and its own short section summaries, never the copyrighted text.
 */
const sections = [
  ['pain-intensity', 'Pain intensity', 'no pain', 'worst pain imaginable'],
  ['personal-care', 'Personal care (washing, dressing)', 'no difficulty', 'cannot do it'],
  ['lifting', 'Lifting', 'no difficulty', 'cannot lift anything'],
  ['walking', 'Walking', 'no limit', 'in bed most of the time'],
  ['sitting', 'Sitting', 'no limit', 'cannot sit'],
  ['standing', 'Standing', 'no limit', 'cannot stand'],
  ['sleeping', 'Sleeping', 'not disturbed', 'cannot sleep'],
  ['sex-life', 'Sex life (if it applies to you)', 'normal', 'none because of pain'],
  ['social-life', 'Social life', 'normal', 'none because of pain'],
  ['travelling', 'Travelling', 'no limit', 'only to get treatment'],
] as const;

export const odiSectionIds = sections.map(([linkId]) => linkId);

const bandSources: readonly Source[] = ['ref:33'];
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
      {
        scale: 'odi',
        value,
        answeredItems: scores.length,
        totalItems: odiSectionIds.length,
        ...(band ? { band: { id: band.id, label: band.label, sources: bandSources } } : {}),
        ...(missing > 0
          ? { note: 'one section unanswered: scored out of the answered sections' }
          : {}),
      },
    ],
  };
}

export const odi: PromInstrument = {
  id: 'odi',
  respondent: 'patient',
  regions: ['lumbar'],
  questionnaire: promQuestionnaire({
    id: 'odi',
    name: 'oswestry_disability_index_2_1a',
    title: 'Oswestry Disability Index 2.1a',
    codeDisplay: 'Oswestry Disability Index 2.1a',
    copyright: '© Jeremy Fairbank 1980; distributed by Mapi Research Trust. Licence required.',
    item: zeroToFiveItems('odi', sections, 'sex-life'),
  }),
  licence: {
    status: 'free-for-clinical-use-fee-for-commercial',
    requiresClinicConfirmation: true,
    holder: 'Mapi Research Trust (ePROVIDE), for Jeremy Fairbank',
    terms: {
      id: 'prom.odi.licence',
      text: 'Free for clinicians; commercial users and software companies may have to pay. A clinic must confirm its licence before Lamina shows the ODI.',
      sources: ['ref:30b', 'ref:31'],
      uncertain: true,
    },
  },
  scales: [
    { id: 'odi', label: 'Disability', min: 0, max: 100, higherIsWorse: true, unit: 'percent' },
  ],
  scoring: {
    id: 'prom.odi.scoring',
    text: 'Sum of the section scores ÷ (5 × sections answered) × 100; one missed or not-applicable section allowed; bands 0–20 minimal to 81–100 bed-bound.',
    sources: ['ref:32', 'ref:33'],
  },
  score: scoreOdi,
};
