import type { Statement } from '../../sources/source.ts';
import {
  choiceItem,
  type PromAnswers,
  type PromInstrument,
  type PromLicence,
  promQuestionnaire,
} from '../instrument.ts';

/**
 * Two unscored items from the ICHOM low back pain set (ref:69): work status and pain medicine.
 * ⚠️ The ICHOM wording was not retrieved; these are our own questions covering the same facts.
 */
const ichomLicence = (id: string): PromLicence => ({
  status: 'free',
  requiresClinicConfirmation: false,
  holder: 'ICHOM (questions written by Lamina)',
  terms: {
    id: `prom.${id}.licence`,
    text: 'Lamina wrote these questions itself, so no licence is needed.',
    sources: ['ref:69'],
    uncertain: true,
  },
});

function categories(answers: PromAnswers, linkIds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of linkIds) {
    const value = answers[id];
    if (typeof value === 'string') out[id] = value;
  }
  return out;
}

export const workStatus: PromInstrument = {
  id: 'work-status',
  respondent: 'patient',
  regions: ['lumbar', 'cervical'],
  questionnaire: promQuestionnaire({
    id: 'work-status',
    name: 'work_status',
    title: 'Work status',
    codeDisplay: 'Work status (ICHOM low back pain set)',
    item: [
      choiceItem('work-status', 'status', 'Which best describes your work right now?', [
        ['full-duties', 'Working, doing my usual job'],
        ['reduced-duties', 'Working, but fewer hours or lighter tasks'],
        ['off-because-of-spine', 'Not working because of my back or neck'],
        ['off-other-reason', 'Not working for another reason'],
        ['not-in-paid-work', 'Retired, student, or not in paid work'],
      ]),
    ],
  }),
  licence: ichomLicence('work-status'),
  scales: [],
  scoring: {
    id: 'prom.work-status.scoring',
    text: 'Not scored: the answer is reported as it is.',
    sources: ['ref:69'],
  },
  score: (answers) => ({
    instrument: 'work-status',
    scales: [],
    categories: categories(answers, ['status']),
  }),
};

const opioidFlag: Statement = {
  id: 'prom.pain-medication.opioid-flag',
  text: 'Uses opioid pain medicine. The care team may want to plan how to taper it.',
  sources: ['ref:80', 'ref:81'],
};

export const painMedication: PromInstrument = {
  id: 'pain-medication',
  respondent: 'patient',
  regions: ['lumbar', 'cervical'],
  questionnaire: promQuestionnaire({
    id: 'pain-medication',
    name: 'pain_medication',
    title: 'Pain medicine use',
    codeDisplay: 'Pain medicine use (ICHOM low back pain set)',
    item: [
      choiceItem(
        'pain-medication',
        'frequency',
        'In the last week, how often did you take medicine for your back or neck pain?',
        [
          ['none', 'Not at all'],
          ['some-days', 'On some days'],
          ['daily', 'Every day'],
        ],
      ),
      choiceItem('pain-medication', 'strongest', 'What is the strongest pain medicine you took?', [
        ['none', 'None'],
        ['over-the-counter', 'Over-the-counter (like acetaminophen or ibuprofen)'],
        ['nerve-pain', 'Nerve pain medicine (like gabapentin)'],
        ['opioid', 'Opioid (like oxycodone, hydrocodone or tramadol)'],
      ]),
    ],
  }),
  licence: ichomLicence('pain-medication'),
  scales: [],
  scoring: {
    id: 'prom.pain-medication.scoring',
    text: 'Not scored: the answers are reported as they are; opioid use is flagged for the care team.',
    sources: ['ref:69', 'ref:80', 'ref:81'],
  },
  score: (answers) => ({
    instrument: 'pain-medication',
    scales: [],
    categories: categories(answers, ['frequency', 'strongest']),
    ...(answers.strongest === 'opioid' ? { flags: [opioidFlag] } : {}),
  }),
};
