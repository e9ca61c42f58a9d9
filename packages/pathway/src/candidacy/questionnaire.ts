import { z } from 'zod';
import { regions } from '../surgery/surgery.ts';

/**
 * The candidacy questionnaire's answers. Every answer is optional except the region: a question
 * left out stays undefined and is never read as "no".
 */
const answer = z.boolean().optional();

export const dailyTasks = [
  'walking-errands',
  'standing-to-cook',
  'sleep',
  'work',
  'self-care',
  'housework',
  'hobbies-or-exercise',
  'driving',
  'hand-tasks',
] as const;
export type DailyTask = (typeof dailyTasks)[number];

export const conservativeTreatments = [
  'physical-therapy',
  'chiropractic',
  'injections',
  'medication',
] as const;
export type ConservativeTreatment = (typeof conservativeTreatments)[number];

export const candidacyAnswersSchema = z.strictObject({
  region: z.enum(regions),
  /** Asked first; any "yes" stops the questionnaire. */
  emergency: z
    .strictObject({
      newBladderOrBowelTrouble: answer,
      saddleNumbness: answer,
      rapidlyWorseningWeakness: answer,
    })
    .default({}),
  symptoms: z
    .strictObject({
      /** Into the leg for lumbar, the arm for cervical. */
      painTravelsIntoLimb: answer,
      limbPainWorseThanSpinePain: answer,
      nervePatternNumbnessOrTingling: answer,
      weakness: z.enum(['none', 'stable', 'slowly-worsening']).optional(),
      pattern: z.enum(['consistent', 'shifts-with-no-pattern']).optional(),
      durationWeeks: z.number().min(0).max(5200).optional(),
    })
    .default({}),
  /** Lumbar: what standing and walking do. */
  walking: z
    .strictObject({
      worseWithStandingOrWalking: answer,
      easedBySittingOrBendingForward: answer,
      easierLeaningOnShoppingCart: answer,
      symptomsAboveKnee: answer,
      calfPainEasedByStandingStill: answer,
      minutesBeforeStopping: z.number().min(0).max(600).optional(),
    })
    .default({}),
  /** Cervical: signs that the spinal cord itself may be squeezed. */
  spinalCord: z
    .strictObject({
      clumsyHandsOrDroppingThings: answer,
      balanceOrWalkingTrouble: answer,
    })
    .default({}),
  /** Tasks lost to the symptoms; an empty list means "none", a missing list means "not answered". */
  dailyTasksLost: z.array(z.enum(dailyTasks)).optional(),
  conservativeCare: z
    .strictObject({
      /** An empty list means "tried none". */
      tried: z.array(z.enum(conservativeTreatments)).optional(),
      weeks: z.number().min(0).max(5200).optional(),
      result: z
        .enum(['no-help', 'some-help-not-enough', 'helped-enough', 'still-trying'])
        .optional(),
    })
    .default({}),
  imaging: z
    .strictObject({
      type: z.enum(['mri', 'ct', 'both', 'none']).optional(),
      showed: z
        .enum(['nerve-compression', 'something-else', 'nothing-found', 'not-sure'])
        .optional(),
    })
    .default({}),
});

export type CandidacyAnswers = z.output<typeof candidacyAnswersSchema>;
export type CandidacyAnswersInput = z.input<typeof candidacyAnswersSchema>;
