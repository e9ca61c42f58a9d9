import { type Checkin, isUnanswered } from '../checkin/checkin.ts';
import type { Source } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';
import { answerTo, type Question } from './questions.ts';
import type { TriageLevel, UnansweredQuestion } from './types.ts';

/**
 * Red-flag questions the patient skipped (or answered "unsure"). A skipped question is never read
 * as "no": the decision lists it, with what to do if the answer is yes.
 */
interface RedFlagQuestion {
  readonly question: string;
  readonly regions: readonly Region[];
  readonly levelIfYes: TriageLevel;
  readonly isUnanswered: (c: Checkin) => boolean;
  readonly text: string;
  readonly sources: readonly Source[];
}

const both: readonly Region[] = ['lumbar', 'cervical'];
const cervical: readonly Region[] = ['cervical'];
const call911 = 'If yes, call 911 now.';
const callToday = 'If yes, call your surgical team today.';

/**
 * A question read from the check-in answer of the same name (triage/questions.ts): skipped, or
 * answered "unsure", is unanswered, unless `unansweredWhen` says otherwise.
 */
function ask(
  question: Question,
  regions: readonly Region[],
  levelIfYes: TriageLevel,
  text: string,
  sources: readonly Source[],
  unansweredWhen?: (c: Checkin) => boolean,
): RedFlagQuestion {
  const read = answerTo(question);
  return {
    question,
    regions,
    levelIfYes,
    isUnanswered:
      unansweredWhen ??
      ((c) => {
        const answer = read(c);
        return answer === undefined || answer === 'unsure';
      }),
    text,
    sources,
  };
}

const questions: readonly RedFlagQuestion[] = [
  ask(
    'saddleNumbness',
    both,
    'emergency',
    `Is there new numbness between your legs or around your bottom? ${call911}`,
    ['ref:1', 'ref:3'],
  ),
  ask(
    'urinaryRetention',
    both,
    'emergency',
    `Are you unable to pee, or does your bladder feel full with nothing coming out? ${call911}`,
    ['ref:1', 'ref:3'],
  ),
  ask(
    'bladderIncontinence',
    both,
    'emergency',
    `Are you leaking pee without meaning to? ${call911}`,
    ['seed:001', 'ref:3'],
  ),
  ask(
    'bowelIncontinence',
    both,
    'emergency',
    `Are you leaking poop without meaning to? ${call911}`,
    ['seed:001', 'ref:3'],
  ),
  ask(
    'unableToMoveLimbs',
    both,
    'emergency',
    `Are you unable to move your legs (or, after neck surgery, your arms)? ${call911}`,
    ['ref:3'],
  ),
  ask('weakness.change', both, 'emergency', `Is any weakness getting worse quickly? ${call911}`, [
    'ref:3',
  ]),
  // Issue 13: where the weakness is decides between "call today" and "call 911".
  ask(
    'weakness.legs',
    both,
    'emergency',
    `Is weakness getting worse in both legs (or, after neck surgery, in your arms and legs)? ${call911}`,
    ['ref:1', 'ref:10'],
    (c) => {
      const w = c.weakness;
      const maybeWorse =
        w?.change === undefined ||
        w.change === 'worse' ||
        w.change === 'rapidly-worse' ||
        w.new === 'yes' ||
        w.new === 'unsure';
      return maybeWorse && (w?.legs === undefined || w.legs === 'unsure');
    },
  ),
  ask('chestPain', both, 'emergency', `Do you have chest pain? ${call911}`, ['ref:3', 'ref:8']),
  ask(
    'shortOfBreath',
    both,
    'emergency',
    `Are you suddenly short of breath, or is breathing hard? ${call911}`,
    ['ref:3', 'ref:8'],
  ),
  ask('swallowing', cervical, 'emergency', `Are you unable to swallow? ${call911}`, [
    'ref:22',
    'ref:20',
  ]),
  ask(
    'neckSwelling',
    cervical,
    'emergency',
    `Is your neck swelling getting bigger quickly? ${call911}`,
    ['ref:20', 'ref:21'],
  ),
  ask(
    'temperature',
    both,
    'urgent',
    `Do you feel hot or shivery? Take your temperature. If it is 38.0 °C (100.4 °F) or higher, call your surgical team today.`,
    ['ref:3', 'ref:4'],
  ),
  {
    question: 'incision',
    regions: both,
    levelIfYes: 'urgent',
    isUnanswered: (c) =>
      c.incision === undefined ||
      (isUnanswered(c.incision.redness) &&
        isUnanswered(c.incision.opening) &&
        c.incision.drainage === undefined),
    text: `Is your cut red, warm, leaking or opening? ${callToday}`,
    sources: ['seed:001', 'ref:7'],
  },
  ask(
    'positionalHeadache',
    both,
    'urgent',
    `Do you have a headache that is worse sitting up and better lying flat? ${callToday}`,
    ['ref:13'],
  ),
  ask(
    'calfPainOrSwelling',
    both,
    'urgent',
    `Do you have pain or swelling in a calf? ${callToday}`,
    ['ref:3', 'ref:4'],
  ),
  ask(
    'painControlled',
    both,
    'urgent',
    `Is your pain out of control even with your medicine plan? ${callToday}`,
    ['seed:001'],
  ),
  ask(
    'newShoulderArmWeakness',
    cervical,
    'urgent',
    `Is it newly hard to lift your arm at the shoulder or bend your elbow? ${callToday}`,
    ['ref:17'],
  ),
  ask(
    'handClumsiness',
    cervical,
    'urgent',
    `Are your hands newly clumsy: dropping things, or trouble with buttons or writing? ${callToday} If it is getting worse fast, call 911.`,
    ['ref:110', 'ref:10'],
  ),
];

/** The id of each red-flag question, for tests and for clients that render the list. */
export const redFlagQuestionIds: readonly string[] = questions.map((q) => q.question);

export function unansweredRedFlags(checkin: Checkin, region: Region): UnansweredQuestion[] {
  const result: UnansweredQuestion[] = [];
  for (const q of questions) {
    if (!q.regions.includes(region) || !q.isUnanswered(checkin)) continue;
    result.push({
      question: q.question,
      levelIfYes: q.levelIfYes,
      prompt: { id: `triage.unanswered.${q.question}`, text: q.text, sources: q.sources },
    });
  }
  return result;
}
