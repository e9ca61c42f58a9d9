import type { Region } from '../../surgery/surgery.ts';
import {
  coding,
  definePromInstrument,
  type FhirQuestionnaireItem,
  laminaPromSystem,
  maxValueUrl,
  minValueUrl,
  numericAnswer,
  type PromAnswers,
  type PromInstrument,
  type PromScaleScore,
  scaleScore,
} from '../instrument.ts';

/** Pain right now on a 0–10 numeric rating scale, one item for the spine and one for the limb (ref:38b core set). */
function nrsItem(instrument: string, linkId: string, text: string): FhirQuestionnaireItem {
  return {
    linkId,
    code: [coding(laminaPromSystem, `${instrument}.${linkId}`, text)],
    text,
    type: 'integer',
    required: true,
    extension: [
      { url: minValueUrl, valueInteger: 0 },
      { url: maxValueUrl, valueInteger: 10 },
    ],
  };
}

function scoreSingleItem(answers: PromAnswers, linkId: string): PromScaleScore {
  const value = numericAnswer(answers, linkId);
  return scaleScore(linkId, value, value === undefined ? 0 : 1, 1, {
    note: value === undefined ? 'not answered: a one-item scale has no score' : undefined,
  });
}

function nrsInstrument(
  id: 'nrs-back-leg' | 'nrs-neck-arm',
  region: Region,
  spine: string,
  limb: string,
): PromInstrument {
  return definePromInstrument({
    id,
    respondent: 'patient',
    regions: [region],
    questionnaire: {
      name: id.replaceAll('-', '_'),
      title: `Pain rating, ${spine} and ${limb} (0–10)`,
      codeDisplay: `Numeric pain rating, ${spine} and ${limb}`,
      item: [
        nrsItem(
          id,
          'axial',
          `How bad has the pain in your ${spine} been in the last week? 0 means no pain. 10 means the worst pain you can imagine.`,
        ),
        nrsItem(
          id,
          'limb',
          `How bad has the pain in your ${limb} been in the last week? 0 means no pain. 10 means the worst pain you can imagine.`,
        ),
      ],
    },
    licence: {
      status: 'free',
      requiresClinicConfirmation: false,
      holder: 'public domain',
      terms: {
        text: 'A 0 to 10 pain rating is free to use.',
        sources: ['ref:50', 'ref:51'],
      },
    },
    scales: [
      { id: 'axial', label: `${spine} pain`, min: 0, max: 10, higherIsWorse: true, unit: 'points' },
      { id: 'limb', label: `${limb} pain`, min: 0, max: 10, higherIsWorse: true, unit: 'points' },
    ],
    scoring: {
      text: 'Each item is its own score from 0 to 10; an unanswered item has no score.',
      sources: ['ref:50', 'ref:51'],
    },
    score: (answers) => ({
      instrument: id,
      scales: [scoreSingleItem(answers, 'axial'), scoreSingleItem(answers, 'limb')],
    }),
  });
}

export const nrsBackLeg = nrsInstrument('nrs-back-leg', 'lumbar', 'back', 'leg');
export const nrsNeckArm = nrsInstrument('nrs-neck-arm', 'cervical', 'neck', 'arm');
