import type { Checkin } from '../checkin/checkin.ts';
import type { TriageContext } from './types.ts';

/** The check-in's groups of questions: the incision, and numbness and weakness (with where they are). */
type Groups = { readonly [G in 'incision' | 'numbness' | 'weakness']-?: NonNullable<Checkin[G]> };

/** A check-in question by its field: `chestPain`, or `group.field` inside a group (`incision.redness`). */
export type Question =
  | Exclude<keyof Checkin, keyof Groups>
  | { [G in keyof Groups]: `${G}.${Extract<keyof Groups[G], string>}` }[keyof Groups];

type AnswerTo<Q extends Question> = Q extends `${infer G extends keyof Groups}.${infer F}`
  ? F extends keyof Groups[G]
    ? Groups[G][F]
    : never
  : Q extends keyof Checkin
    ? Checkin[Q]
    : never;

/** Reads today's answer to `question` (undefined when it was not answered). The path is split once, here. */
export function answerTo<Q extends Question>(
  question: Q,
): (checkin: Checkin) => AnswerTo<Q> | undefined {
  const [field, inner] = question.split('.') as [string, string | undefined];
  const fields = (checkin: Checkin) => checkin as unknown as Record<string, unknown>;
  return inner === undefined
    ? (checkin) => fields(checkin)[field] as AnswerTo<Q> | undefined
    : (checkin) =>
        (fields(checkin)[field] as Record<string, unknown> | undefined)?.[inner] as
          | AnswerTo<Q>
          | undefined;
}

/** A rule that fires on one answer: today's answer to `question` is `value`. */
export function answered<Q extends Question>(question: Q, value: NonNullable<AnswerTo<Q>>) {
  const read = answerTo(question);
  return (ctx: TriageContext): boolean => read(ctx.checkin) === value;
}

/** The patient's own words for where the numbness or weakness is. */
export const wordsAbout =
  (symptom: 'numbness' | 'weakness') =>
  (ctx: TriageContext): string | undefined =>
    ctx.checkin[symptom]?.where;

/** The temperature as the patient entered it ("38.4 °C"). */
export const temperatureWords = (ctx: TriageContext): string | undefined =>
  ctx.checkin.temperature && `${ctx.checkin.temperature.value} °${ctx.checkin.temperature.unit}`;
