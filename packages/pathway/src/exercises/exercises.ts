import { daysBetween } from '../dates/dates.ts';
import type { RecoveryPlan } from '../plan/plan.ts';
import { type Statement, statement } from '../sources/source.ts';

/**
 * The physical-therapy program in three stages, from seed:001 ("Your Post-Laminectomy Physical
 * Therapy Plan"), in our own plain words. The exact counts and minutes are our judgement
 * (uncertain: true) until a clinician approves them; they belong in @lamina/pathway next.
 */
export type ExerciseStage = 'early' | 'mid' | 'late';

/**
 * A timer the patient can start: hold for `holdSeconds` (when given), rest `restSeconds`, and do it
 * `repeats` times. Only where the exercise's own text gives the numbers.
 */
export interface ExerciseTimer {
  readonly repeats: number;
  readonly holdSeconds?: number;
  readonly restSeconds?: number;
}

export interface Exercise extends Statement {
  readonly name: Statement;
  readonly timer?: ExerciseTimer;
}

const s = (id: string, text: string, uncertain?: true): Statement =>
  statement(id, text, ['seed:001'], uncertain);
const ex = (
  id: string,
  name: string,
  text: string,
  uncertain?: true,
  timer?: ExerciseTimer,
): Exercise => ({
  ...s(`exercise.${id}`, text, uncertain),
  name: s(`exercise.${id}.name`, name),
  ...(timer ? { timer } : {}),
});

export const stageGoals: Record<ExerciseStage, Statement> = {
  early: s(
    'exercise.stage.early',
    'Early stage: protect the healing area and get basic movement back. The exercises look easy on purpose.',
  ),
  mid: s(
    'exercise.stage.mid',
    'Middle stage: once your incision has healed and your surgeon agrees, build control and strength for daily life.',
  ),
  late: s(
    'exercise.stage.late',
    'Late stage: train for your real life: lifting, carrying, work and hobbies. Keep going even when the pain is gone.',
  ),
};

/** Late-stage exercises both programmes share (seed:001's late phase holds for the neck too). */
const lateStrength = ex(
  'late.strength',
  'Strength',
  'Keep making your exercises a little harder over time, as your therapist advises.',
);
const lateLife = ex(
  'late.life',
  'Your real tasks',
  'Practice the tasks of your work and hobbies, a little at a time.',
);
const lateHome = ex(
  'late.home',
  'Home program',
  'Keep a home program you can do on your own after therapy ends.',
);

export const exercises: Record<ExerciseStage, readonly Exercise[]> = {
  early: [
    ex(
      'early.walk',
      'Short walks',
      'Walk a few minutes several times a day. Add a little time when it feels OK.',
    ),
    ex(
      'early.breathing',
      'Slow breathing',
      'Lie on your back with your knees bent. Breathe in slowly and let your belly rise, then breathe out and let your shoulders and back relax. 5 slow breaths, 3 times a day.',
      true,
      { repeats: 5 },
    ),
    ex(
      'early.tummy',
      'Gentle tummy tightening',
      'Lying on your back with knees bent, gently pull your belly button in. Keep breathing. Hold for 5 seconds. Do it 10 times.',
      true,
      { repeats: 10, holdSeconds: 5, restSeconds: 5 },
    ),
    ex(
      'early.glutes',
      'Buttock squeeze',
      'Squeeze your buttocks together, hold for 5 seconds, then relax. Do it 10 times, lying down or standing.',
      true,
      { repeats: 10, holdSeconds: 5, restSeconds: 5 },
    ),
    ex(
      'early.moving',
      'Safe moving',
      'Practice getting in and out of bed by rolling like a log, standing up from a firm chair using your legs, and getting into a car or up stairs the way your team showed you.',
    ),
  ],
  mid: [
    ex(
      'mid.walk',
      'Longer walks',
      'Walk a little longer each week, so errands and housework stop feeling like big events.',
    ),
    ex(
      'mid.core',
      'Core control',
      'Keep your back steady while you slowly move an arm or a leg, in positions your therapist shows you.',
    ),
    ex(
      'mid.hips',
      'Hip strength',
      'Strengthen your hips, for example with bridges or side-lying leg lifts, as your therapist shows you.',
    ),
    ex(
      'mid.moves',
      'Everyday moves',
      'Practice squatting, bending at the hips, reaching, stairs and carrying light things, with good form.',
    ),
  ],
  late: [
    lateStrength,
    ex(
      'late.lifting',
      'Lifting practice',
      'Practice bending and lifting the safe way, starting light.',
    ),
    ex(
      'late.turning',
      'Turning control',
      'Practice turning and twisting movements slowly and with control.',
    ),
    lateLife,
    lateHome,
  ],
};

/**
 * After neck surgery (seed:000): walking from the first days, the neck kept neutral and protected
 * for 6 weeks, then supervised range of motion and strength "for the muscles that support your
 * neck and upper back"; sport and heavy exercise only once the surgeon agrees (often at 6 months).
 * Not the low-back core and bridge programme.
 */
const neck = (id: string, name: string, text: string, uncertain?: true): Exercise => {
  const statement = (sid: string, t: string, u?: true): Statement =>
    u
      ? { id: sid, text: t, sources: ['seed:000'], uncertain: u }
      : { id: sid, text: t, sources: ['seed:000'] };
  return {
    ...statement(`exercise.neck.${id}`, text, uncertain),
    name: statement(`exercise.neck.${id}.name`, name),
  };
};

export const neckExercises: Record<ExerciseStage, readonly Exercise[]> = {
  early: [
    neck(
      'early.walk',
      'Short walks',
      'Start with 5-minute walks at home, several times a day. Add a little time as you feel able.',
    ),
    neck(
      'early.posture',
      'Neck in a neutral position',
      'Sit and stand tall with your head level, not pushed forward. If you have a collar, wear it the way you were shown.',
    ),
    neck(
      'early.moving',
      'Safe moving',
      'Turn your whole body to look around instead of twisting your neck. Avoid lifting and sudden head movements.',
    ),
  ],
  mid: [
    neck('mid.walk', 'Longer walks', 'Walk a little longer each week, as you feel able.'),
    neck(
      'mid.range',
      'Gentle neck movement',
      'Slowly move your neck only as far as your therapist shows you, for example turning or tilting your head a little, without pain.',
    ),
    neck(
      'mid.strength',
      'Neck and upper-back strength',
      'Strengthen the muscles that support your neck and upper back, as your therapist shows you, for example by gently squeezing your shoulder blades together.',
      true,
    ),
  ],
  late: [
    lateStrength,
    neck(
      'late.sport',
      'Sport and heavy exercise',
      'Ask your surgeon, often at the 6-month visit, when you can return to sports, high-impact or heavy exercise.',
    ),
    lateLife,
    lateHome,
  ],
};

/** The programme for the patient's region: neck after cervical surgery, low back otherwise. */
export function exercisesFor(
  region: 'lumbar' | 'cervical',
): Record<ExerciseStage, readonly Exercise[]> {
  return region === 'cervical' ? neckExercises : exercises;
}

export const exerciseSafety = s(
  'exercise.safety',
  'Do only the exercises your surgeon or physical therapist has given you. Stop, and call your team, if an exercise brings new numbness, weakness, or pain going down your leg or arm.',
  true,
);

/** Minutes per walk and walks per day, by week after surgery. Our judgement from seed:000 and seed:001. */
export const walkingProgression: readonly {
  fromWeek: number;
  toWeek?: number;
  minutes: string;
  times: string;
}[] = [
  { fromWeek: 1, toWeek: 1, minutes: '5', times: '3–4' },
  { fromWeek: 2, toWeek: 2, minutes: '10', times: '3' },
  { fromWeek: 3, toWeek: 4, minutes: '15–20', times: '2–3' },
  { fromWeek: 5, toWeek: 6, minutes: '20–30', times: '2' },
  { fromWeek: 7, minutes: '30+', times: '1–2' },
];
export const walkingSources: Statement = {
  id: 'exercise.walking.progression',
  text: 'A walking plan that adds a few minutes each week. Go by how you feel: it is fine to stay at a step for longer.',
  sources: ['seed:001', 'seed:000'],
  uncertain: true,
};

/** Every exercise id of both programmes (what the server accepts in an exercise log). */
export const allExerciseIds: readonly string[] = [
  ...new Set(
    [exercises, neckExercises].flatMap((programme) =>
      Object.values(programme).flatMap((list) => list.map((e) => e.id)),
    ),
  ),
];

/** An exercise of either programme by id (names in logs and on the console). */
export function exerciseById(id: string): Exercise | undefined {
  for (const programme of [exercises, neckExercises])
    for (const list of Object.values(programme)) {
      const found = list.find((e) => e.id === id);
      if (found) return found;
    }
  return undefined;
}

/**
 * The stage of the programme on the plan's day: early until physical therapy starts (the plan's
 * milestone, else day 21), middle until week 12, then late.
 */
export function currentExerciseStage(plan: RecoveryPlan): ExerciseStage {
  const ptStart = plan.milestones.find((m) => m.id === 'start-physical-therapy');
  const ptDay = ptStart ? daysBetween(plan.surgery.surgeryDate, ptStart.from) : 21;
  const day = plan.dayOfRecovery;
  return day < ptDay ? 'early' : day < 84 ? 'mid' : 'late';
}
