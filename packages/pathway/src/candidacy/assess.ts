import type { Statement } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';
import type { CandidacyAnswers } from './questionnaire.ts';
import {
  candidacyNextSteps as next,
  candidacyQuestions as q,
  candidacyStatements as t,
} from './statements.ts';

/**
 * How well a person's answers fit nerve compression that decompression treats. Never a
 * diagnosis: it sorts answers into a fit category with reasons and next steps.
 */
export const candidacyCategories = [
  'urgent',
  'strong-fit',
  'possible-fit',
  'conservative-care-first',
  'unlikely',
  'need-more-answers',
] as const;
export type CandidacyCategory = (typeof candidacyCategories)[number];

export type CandidacyNextStepId = keyof typeof next;

export interface CandidacyNextStep {
  readonly id: CandidacyNextStepId;
  /** True for the services Lamina itself offers (scan review, treatment request, PT first). */
  readonly offeredByLamina: boolean;
  readonly statement: Statement;
}

export type CandidacyMimic = 'back-pain-only' | 'vascular-claudication' | 'shifting-pattern';

export interface CandidacyResult {
  readonly region: Region;
  readonly category: CandidacyCategory;
  /** True when an emergency answer ended the questionnaire. */
  readonly stoppedEarly: boolean;
  readonly summary: Statement;
  readonly notADiagnosis: Statement;
  readonly emergencyInstruction?: Statement;
  readonly reasons: readonly Statement[];
  readonly mimics: readonly CandidacyMimic[];
  readonly questionsForSurgeon: readonly Statement[];
  readonly nextSteps: readonly CandidacyNextStep[];
  /** Answer paths that were left out and would change the result. */
  readonly unanswered: readonly string[];
}

/** Studies required 6 (ref:96) to 12 (ref:70) weeks of care without surgery; ⚠️ no guideline number, we take the lower bound. */
export const minimumConservativeCareWeeks = 6;

/**
 * Walking that must stop before this many minutes is lost daily function. seed:001's own example:
 * "I have to sit after five minutes of walking because my leg goes numb"; the line at 15 minutes
 * (the top of the check's "5 to 15 minutes" answer) is the team's judgement (pathway README).
 */
export const walkingToleranceLostBelowMinutes = 15;

const laminaOffers: ReadonlySet<CandidacyNextStepId> = new Set([
  'mriCtReview',
  'treatmentRequest',
  'ptFirst',
]);
const step = (id: CandidacyNextStepId): CandidacyNextStep => ({
  id,
  offeredByLamina: laminaOffers.has(id),
  statement: next[id],
});

const emergencySigns = [
  ['newBladderOrBowelTrouble', t.emergencyBladderBowel],
  ['saddleNumbness', t.emergencySaddle],
  ['rapidlyWorseningWeakness', t.emergencyWeakness],
] as const;

export function assessCandidacy(answers: CandidacyAnswers): CandidacyResult {
  const base = { region: answers.region, notADiagnosis: t.notADiagnosis };
  const goNow =
    answers.region === 'cervical' ? t.emergencyInstructionCervical : t.emergencyInstruction;

  // 1. Emergencies first: any "yes" stops everything else.
  const present = emergencySigns.filter(([key]) => answers.emergency[key] === true);
  if (present.length > 0) {
    return {
      ...base,
      category: 'urgent',
      stoppedEarly: true,
      summary: goNow,
      emergencyInstruction: goNow,
      reasons: present.map(([, statement]) => statement),
      mimics: [],
      questionsForSurgeon: [],
      nextSteps: [step('emergencyCare')],
      unanswered: [],
    };
  }
  const emergencyUnanswered = emergencySigns
    .filter(([key]) => answers.emergency[key] === undefined)
    .map(([key]) => `emergency.${key}`);
  if (emergencyUnanswered.length > 0) {
    return needMoreAnswers(base, emergencyUnanswered, t.emergencyNotAnswered);
  }

  // 2. Nerve-compression features, region by region.
  const { symptoms, walking, spinalCord, conservativeCare: care, imaging } = answers;
  const lumbar = answers.region === 'lumbar';
  const reasons: Statement[] = [];
  const unanswered: string[] = [];
  const note = (path: string, value: unknown) => value === undefined && unanswered.push(path);

  note('symptoms.painTravelsIntoLimb', symptoms.painTravelsIntoLimb);
  note('symptoms.nervePatternNumbnessOrTingling', symptoms.nervePatternNumbnessOrTingling);
  note('symptoms.weakness', symptoms.weakness);
  const radiating = symptoms.painTravelsIntoLimb === true;
  const numbness = symptoms.nervePatternNumbnessOrTingling === true;
  const weakness = symptoms.weakness === 'stable' || symptoms.weakness === 'slowly-worsening';
  const worseningWeakness = symptoms.weakness === 'slowly-worsening';
  if (radiating) reasons.push(t.radiatingPain);
  if (numbness) reasons.push(t.nervePatternNumbness);
  if (weakness) reasons.push(worseningWeakness ? t.worseningWeakness : t.stableWeakness);

  let claudication = false;
  let cordSigns = false;
  if (lumbar) {
    note('walking.worseWithStandingOrWalking', walking.worseWithStandingOrWalking);
    const eased =
      walking.easedBySittingOrBendingForward === true ||
      walking.easierLeaningOnShoppingCart === true;
    claudication = walking.worseWithStandingOrWalking === true && eased;
    if (claudication) reasons.push(t.neurogenicClaudication);
    if (walking.easierLeaningOnShoppingCart === true) reasons.push(t.shoppingCart);
    if (claudication && walking.symptomsAboveKnee === true) reasons.push(t.aboveKnee);
  } else {
    note('spinalCord.clumsyHandsOrDroppingThings', spinalCord.clumsyHandsOrDroppingThings);
    note('spinalCord.balanceOrWalkingTrouble', spinalCord.balanceOrWalkingTrouble);
    cordSigns =
      spinalCord.clumsyHandsOrDroppingThings === true ||
      spinalCord.balanceOrWalkingTrouble === true;
    if (cordSigns) reasons.push(t.spinalCordSigns);
  }
  const nerveFeatures = [radiating, numbness, weakness, claudication, cordSigns].filter(
    Boolean,
  ).length;

  // 3. What does not fit: blood-flow claudication, pain that stays in the spine, symptoms with no pattern.
  const mimics: CandidacyMimic[] = [];
  const vascular = lumbar && walking.calfPainEasedByStandingStill === true;
  const shifting = symptoms.pattern === 'shifts-with-no-pattern';
  if (nerveFeatures === 0) {
    if (vascular)
      return unlikely(
        base,
        ['vascular-claudication'],
        [t.vascular],
        [step('checkCirculation')],
        [q.circulation],
      );
    if (shifting)
      return unlikely(
        base,
        ['shifting-pattern'],
        [t.shifting],
        [step('seeDoctor')],
        [q.otherCauses],
      );
    if (unanswered.length > 0) return needMoreAnswers(base, unanswered, t.moreAnswersNeeded);
    return unlikely(
      base,
      ['back-pain-only'],
      [t.backPainOnly],
      [step('seeDoctor'), step('ptFirst')],
      [q.otherCauses],
    );
  }
  if (vascular) {
    mimics.push('vascular-claudication');
    reasons.push(t.vascularMixed);
  }
  if (shifting) {
    mimics.push('shifting-pattern');
    reasons.push(t.shifting);
  }
  if (shifting && nerveFeatures === 1 && !weakness && !cordSigns) {
    return unlikely(base, mimics, reasons, [step('seeDoctor')], [q.otherCauses]);
  }

  // 4. Function, conservative care and imaging decide how strong the fit is.
  // Walking tolerance is daily function too (seed:001: "I have to sit after five minutes of walking").
  const minutes = lumbar ? walking.minutesBeforeStopping : undefined;
  const walkingLimited = minutes !== undefined && minutes < walkingToleranceLostBelowMinutes;
  const tasksLost =
    answers.dailyTasksLost === undefined ? undefined : answers.dailyTasksLost.length > 0;
  const functionLost = walkingLimited || tasksLost;
  if (!walkingLimited) note('dailyTasksLost', answers.dailyTasksLost);
  if (walkingLimited) reasons.push(t.walkingLimited);
  if (tasksLost === true) reasons.push(t.functionLost);
  if (functionLost === false) reasons.push(t.noFunctionLost);

  const hasImages = imaging.type === 'mri' || imaging.type === 'ct' || imaging.type === 'both';
  const imagingShowsCompression = hasImages && imaging.showed === 'nerve-compression';
  note('imaging.type', imaging.type);
  if (imagingShowsCompression) reasons.push(t.imagingMatches);
  else if (
    hasImages &&
    (imaging.showed === 'something-else' || imaging.showed === 'nothing-found')
  ) {
    reasons.push(t.imagingOther);
  } else reasons.push(t.imagingMissing);

  note('conservativeCare.tried', care.tried);
  note('conservativeCare.weeks', care.weeks);
  note('conservativeCare.result', care.result);
  const triedNone = care.tried !== undefined && care.tried.length === 0;
  const helping = care.result === 'helped-enough';
  const notLongEnough =
    triedNone ||
    care.result === 'still-trying' ||
    (care.weeks !== undefined && care.weeks < minimumConservativeCareWeeks);
  const triedEnough =
    (care.tried?.length ?? 0) > 0 &&
    care.weeks !== undefined &&
    care.weeks >= minimumConservativeCareWeeks &&
    (care.result === 'no-help' || care.result === 'some-help-not-enough');
  const shortDuration =
    symptoms.durationWeeks !== undefined && symptoms.durationWeeks < minimumConservativeCareWeeks;

  // Worsening weakness and spinal-cord signs should not wait out a long trial of therapy (ref:98, ref:110).
  const seeSurgeonSoon = worseningWeakness || cordSigns;
  const questions = [q.scanMatches, q.whichProcedure, q.fusion, q.recovery, q.waiting];
  if (worseningWeakness) questions.unshift(q.weaknessTiming);
  if (cordSigns) questions.unshift(q.spinalCord);
  if (vascular) questions.push(q.circulation);
  if (shifting) questions.push(q.otherCauses);
  const imagingStep = hasImages ? step('mriCtReview') : step('askAboutImaging');
  // A vascular pattern is checked first, before scans or a surgeon (ref:106–108).
  const circulationFirst = vascular ? [step('checkCirculation')] : [];

  if (!seeSurgeonSoon && (helping || notLongEnough || shortDuration)) {
    reasons.push(
      helping
        ? t.conservativeCareHelping
        : shortDuration
          ? t.shortDuration
          : t.conservativeCareNotYet,
    );
    return {
      ...base,
      category: 'conservative-care-first',
      stoppedEarly: false,
      summary: t.fitConservative,
      reasons,
      mimics,
      questionsForSurgeon: [q.therapyPlan, ...questions],
      nextSteps: [
        ...circulationFirst,
        step('ptFirst'),
        ...(hasImages ? [step('mriCtReview')] : []),
      ],
      unanswered,
    };
  }
  if (triedEnough) reasons.push(t.conservativeCareTried);
  else if (!seeSurgeonSoon) reasons.push(t.conservativeCareUnknown);

  const keyFeature = radiating || claudication || cordSigns;
  const strong =
    keyFeature &&
    nerveFeatures >= 2 &&
    functionLost === true &&
    imagingShowsCompression &&
    (triedEnough || seeSurgeonSoon) &&
    !vascular &&
    !shifting;
  return {
    ...base,
    category: strong ? 'strong-fit' : 'possible-fit',
    stoppedEarly: false,
    summary: strong ? t.fitStrong : t.fitPossible,
    reasons,
    mimics,
    questionsForSurgeon: questions,
    nextSteps: [...circulationFirst, imagingStep, step('treatmentRequest')],
    unanswered,
  };
}

type Base = Pick<CandidacyResult, 'region' | 'notADiagnosis'>;

function needMoreAnswers(base: Base, unanswered: string[], why: Statement): CandidacyResult {
  return {
    ...base,
    category: 'need-more-answers',
    stoppedEarly: false,
    summary: why,
    reasons: [why],
    mimics: [],
    questionsForSurgeon: [],
    nextSteps: [step('answerMissing')],
    unanswered,
  };
}

function unlikely(
  base: Base,
  mimics: CandidacyMimic[],
  reasons: Statement[],
  nextSteps: CandidacyNextStep[],
  questionsForSurgeon: Statement[],
): CandidacyResult {
  return {
    ...base,
    category: 'unlikely',
    stoppedEarly: false,
    summary: t.fitUnlikely,
    reasons,
    mimics,
    questionsForSurgeon,
    nextSteps,
    unanswered: [],
  };
}
