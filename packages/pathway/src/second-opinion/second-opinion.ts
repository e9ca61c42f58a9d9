import { z } from 'zod';
import { type Statement, statement as s } from '../sources/source.ts';
import { safeText } from '../text/safe-text.ts';

/**
 * The virtual second opinion (seed:000): an independent neurosurgeon reviews a patient's scans and
 * progress. Here: the reviewer's structured report and what each recommendation tells the patient.
 * Lamina carries the reviewer's words; it decides nothing itself.
 */

export const secondOpinionRecommendations = [
  'continue_plan',
  'see_surgeon',
  'more_imaging',
  'urgent_care',
] as const;
export type SecondOpinionRecommendation = (typeof secondOpinionRecommendations)[number];

export const reviewAnswers = ['yes', 'no', 'unclear'] as const;
export const fusionAnswers = [...reviewAnswers, 'not_applicable'] as const;

/** Limits a reviewer's text must fit: long enough to say something, short enough to read on a phone. */
export const reportTextLimits = {
  concerns: { max: 4000 },
  patientSummary: { min: 20, max: 2000 },
} as const;

export const secondOpinionReportSchema = z.strictObject({
  decompressionAdequate: z.enum(reviewAnswers, { error: 'choose yes, no or unclear' }),
  fusionForming: z.enum(fusionAnswers, {
    error: 'choose yes, no, unclear or not applicable',
  }),
  concerns: safeText().trim().max(reportTextLimits.concerns.max).default(''),
  recommendation: z.enum(secondOpinionRecommendations, {
    error: 'choose one of the four recommendations',
  }),
  patientSummary: z
    .string()
    .trim()
    .min(
      reportTextLimits.patientSummary.min,
      `write at least ${reportTextLimits.patientSummary.min} characters for the patient`,
    )
    .max(reportTextLimits.patientSummary.max),
});
export type SecondOpinionReport = z.output<typeof secondOpinionReportSchema>;

/**
 * Whether a fusion is forming is asked only when the surgery included one (seed:000: imaging at
 * six months confirms "if applicable, that a fusion has formed"). Returns the field problem, if any.
 */
export function fusionAnswerProblem(
  fusionForming: SecondOpinionReport['fusionForming'],
  surgeryIncludedFusion: boolean,
): string | undefined {
  if (surgeryIncludedFusion && fusionForming === 'not_applicable')
    return 'the surgery included a fusion: answer yes, no or unclear';
  if (!surgeryIncludedFusion && fusionForming !== 'not_applicable')
    return 'the surgery had no fusion: answer not applicable';
  return undefined;
}

export interface RecommendationGuidance {
  /** What the recommendation means, in plain words. */
  readonly meaning: Statement;
  /** What the patient should do now. */
  readonly doNow: Statement;
  /** The care team must act (an alert is raised) and the patient sees how to reach help now. */
  readonly urgent: boolean;
}

export const recommendationGuidance: Readonly<
  Record<SecondOpinionRecommendation, RecommendationGuidance>
> = {
  continue_plan: {
    meaning: s(
      'second-opinion.continue-plan.meaning',
      'The reviewer thinks your recovery is going the way it should. Keep following the plan from your care team.',
      ['seed:000'],
    ),
    doNow: s(
      'second-opinion.continue-plan.do-now',
      'Keep up your walks, exercises and daily check-ins, and go to your follow-up visits as planned.',
      ['seed:000', 'seed:001'],
    ),
    urgent: false,
  },
  see_surgeon: {
    meaning: s(
      'second-opinion.see-surgeon.meaning',
      'The reviewer thinks you should talk with your surgeon about what they found.',
      ['seed:000'],
    ),
    doNow: s(
      'second-opinion.see-surgeon.do-now',
      'Call your clinic to book a visit with your surgeon in the next few weeks. Your care team can see this report in Lamina.',
      ['seed:000'],
    ),
    urgent: false,
  },
  more_imaging: {
    meaning: s(
      'second-opinion.more-imaging.meaning',
      'The reviewer thinks new scans would help answer your question.',
      ['seed:000'],
    ),
    doNow: s(
      'second-opinion.more-imaging.do-now',
      'Ask your care team if you need new scans and which ones. Your own surgeon decides what to order.',
      ['seed:000'],
    ),
    urgent: false,
  },
  urgent_care: {
    meaning: s(
      'second-opinion.urgent-care.meaning',
      'The reviewer saw something a doctor should check soon. Your care team has been told.',
      ['seed:000'],
    ),
    doNow: s(
      'second-opinion.urgent-care.do-now',
      'Call your clinic today. If you cannot reach them, or you have new weakness, numbness between your legs, or new trouble with your bladder or bowels, call the emergency number or go to the emergency room now.',
      ['ref:1', 'ref:2', 'ref:97', 'ref:98', 'seed:001'],
    ),
    urgent: true,
  },
};

/** Shown with every request and every report. */
export const secondOpinionNotice = s(
  'second-opinion.notice',
  'A second opinion does not replace your own surgeon, and Lamina does not diagnose. Talk with your care team before you change anything in your care.',
  ['seed:000'],
);

/** What the clinic's alert says to the nurse when a reviewer recommends urgent care. */
export const urgentCareClinicianSummary =
  'Independent reviewer recommends urgent care after a second-opinion review. Call the patient today.';
