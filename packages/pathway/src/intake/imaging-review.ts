import { z } from 'zod';
import { statementsEs } from '../i18n/statements.es.ts';
import { type Statement, statement as s } from '../sources/source.ts';

/**
 * The free MRI/CT review (seed:002: "We'll provide a free review of a recent MRI or CT-scan"): a
 * clinician looks at a requester's scans and writes a plain-language result with one structured next
 * step. Lamina carries the clinician's words and the fixed texts below; it decides nothing itself.
 */

export const imagingReviewNextSteps = [
  'consultation',
  'conservative_care',
  'nothing_needed',
] as const;
export type ImagingReviewNextStep = (typeof imagingReviewNextSteps)[number];

/** Long enough to say something, short enough to read on a phone. */
export const imagingReviewTextLimits = {
  summary: { min: 20, max: 2000 },
  addendum: { min: 10, max: 2000 },
} as const;

export const imagingReviewResultSchema = z.strictObject({
  nextStep: z.enum(imagingReviewNextSteps, {
    error: 'choose consultation, more care without surgery, or nothing needed',
  }),
  /** Plain words for the requester, in the language of their request. */
  summary: z
    .string()
    .trim()
    .min(
      imagingReviewTextLimits.summary.min,
      `write at least ${imagingReviewTextLimits.summary.min} characters for the requester`,
    )
    .max(
      imagingReviewTextLimits.summary.max,
      `write at most ${imagingReviewTextLimits.summary.max} characters`,
    ),
});
export type ImagingReviewResult = z.output<typeof imagingReviewResultSchema>;

/** A correction after the result: the result itself never changes. */
export const imagingReviewAddendumSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(
      imagingReviewTextLimits.addendum.min,
      `write at least ${imagingReviewTextLimits.addendum.min} characters`,
    )
    .max(
      imagingReviewTextLimits.addendum.max,
      `write at most ${imagingReviewTextLimits.addendum.max} characters`,
    ),
});

/** Shown with every result: a scan review is not a diagnosis, and what to do in an emergency. */
export const imagingReviewNotice = s(
  'imaging-review.notice',
  'This is a review of your scans, not a diagnosis. Scans alone cannot tell what causes your symptoms; that needs a visit with a doctor who examines you. If you get new weakness in your legs, numbness between your legs, or new trouble with your bladder or bowels, call the emergency number now.',
  ['seed:002', 'ref:1', 'ref:2', 'ref:3'],
);

export interface ImagingReviewGuidance {
  /** What the clinician's next step means, in plain words. */
  readonly meaning: Statement;
  /** What the requester can do now. */
  readonly doNow: Statement;
}

export const imagingReviewGuidance: Readonly<Record<ImagingReviewNextStep, ImagingReviewGuidance>> =
  {
    consultation: {
      meaning: s(
        'imaging-review.consultation.meaning',
        'The clinician thinks you should see a spine specialist to talk about your scans and your choices for treatment.',
        ['seed:002'],
      ),
      doNow: s(
        'imaging-review.consultation.do-now',
        'Ask the clinic for a consultation, or call them. Bring your scans and a list of your symptoms.',
        ['seed:002'],
      ),
    },
    conservative_care: {
      meaning: s(
        'imaging-review.conservative-care.meaning',
        'The clinician thinks care without surgery is the next step, such as physical therapy. Surgery is usually thought about only after this kind of care was tried for some weeks and did not help enough.',
        ['seed:002', 'ref:70', 'ref:96'],
        true,
      ),
      doNow: s(
        'imaging-review.conservative-care.do-now',
        'Talk with your own doctor about a plan, like physical therapy. If your pain or weakness gets worse, or the care does not help after several weeks, ask the clinic again.',
        ['seed:002', 'ref:70', 'ref:96'],
        true,
      ),
    },
    nothing_needed: {
      meaning: s(
        'imaging-review.nothing-needed.meaning',
        'The clinician did not see anything in these scans that needs treatment at this clinic now.',
        ['seed:002'],
      ),
      doNow: s(
        'imaging-review.nothing-needed.do-now',
        'There is nothing you need to do for this clinic. If your symptoms change or get worse, talk with your doctor or ask the clinic again.',
        ['seed:002'],
      ),
    },
  };

/** A statement in the requester's language (Spanish by its id; English when there is none). */
function inLanguage(
  statement: Statement,
  language: 'en' | 'es',
): Statement & { lang: 'en' | 'es' } {
  const spanish = language === 'es' ? statementsEs[statement.id] : undefined;
  return spanish === undefined
    ? { ...statement, lang: 'en' }
    : { ...statement, text: spanish, lang: 'es' };
}

/** The fixed texts that go with a result, in the language the requester used for their request. */
export function imagingReviewTexts(nextStep: ImagingReviewNextStep, language: 'en' | 'es') {
  const guidance = imagingReviewGuidance[nextStep];
  return {
    notice: inLanguage(imagingReviewNotice, language),
    meaning: inLanguage(guidance.meaning, language),
    doNow: inLanguage(guidance.doNow, language),
  };
}
