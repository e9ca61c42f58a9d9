import type { Source, Statement } from '../../sources/source.ts';
import {
  choiceItem,
  definePromInstrument,
  type FhirQuestionnaireItem,
  type PromAnswers,
  type PromInstrument,
  type PromScore,
} from '../instrument.ts';

/**
 * Two unscored items from the ICHOM low back pain set (ref:69): work status and pain medicine.
 * ⚠️ The ICHOM wording was not retrieved; these are our own questions covering the same facts.
 */
function categories(answers: PromAnswers, linkIds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of linkIds) {
    const value = answers[id];
    if (typeof value === 'string') out[id] = value;
  }
  return out;
}

/** An unscored ICHOM instrument for both regions: the answers are reported as they are, plus any `flags`. */
function ichomInstrument(spec: {
  readonly id: 'work-status' | 'pain-medication';
  readonly title: string;
  readonly item: readonly FhirQuestionnaireItem[];
  readonly scoring: { readonly text: string; readonly sources: readonly Source[] };
  readonly flags?: (answers: PromAnswers) => readonly Statement[];
}): PromInstrument {
  const linkIds = spec.item.map((i) => i.linkId);
  return definePromInstrument({
    id: spec.id,
    respondent: 'patient',
    regions: ['lumbar', 'cervical'],
    questionnaire: {
      name: spec.id.replaceAll('-', '_'),
      title: spec.title,
      codeDisplay: `${spec.title} (ICHOM low back pain set)`,
      item: spec.item,
    },
    licence: {
      status: 'free',
      requiresClinicConfirmation: false,
      holder: 'ICHOM (questions written by Lamina)',
      terms: {
        text: 'Lamina wrote these questions itself, so no licence is needed.',
        sources: ['ref:69'],
        uncertain: true,
      },
    },
    scales: [],
    scoring: spec.scoring,
    score: (answers): PromScore => {
      const flags = spec.flags?.(answers) ?? [];
      return {
        instrument: spec.id,
        scales: [],
        categories: categories(answers, linkIds),
        ...(flags.length > 0 ? { flags } : {}),
      };
    },
  });
}

export const workStatus = ichomInstrument({
  id: 'work-status',
  title: 'Work status',
  item: [
    choiceItem('work-status', 'status', 'Which best describes your work right now?', [
      ['full-duties', 'Working, doing my usual job'],
      ['reduced-duties', 'Working, but fewer hours or lighter tasks'],
      ['off-because-of-spine', 'Not working because of my back or neck'],
      ['off-other-reason', 'Not working for another reason'],
      ['not-in-paid-work', 'Retired, student, or not in paid work'],
    ]),
  ],
  scoring: { text: 'Not scored: the answer is reported as it is.', sources: ['ref:69'] },
});

const opioidFlag: Statement = {
  id: 'prom.pain-medication.opioid-flag',
  text: 'Uses opioid pain medicine. The care team may want to plan how to taper it.',
  sources: ['ref:80', 'ref:81'],
};

export const painMedication = ichomInstrument({
  id: 'pain-medication',
  title: 'Pain medicine use',
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
  scoring: {
    text: 'Not scored: the answers are reported as they are; opioid use is flagged for the care team.',
    sources: ['ref:69', 'ref:80', 'ref:81'],
  },
  flags: (answers) => (answers.strongest === 'opioid' ? [opioidFlag] : []),
});
