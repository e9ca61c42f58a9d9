import type { Source, Statement } from '../sources/source.ts';

/**
 * When the app suggests a virtual second opinion on its own, rather than only through a link that is
 * always there. Seed 000 names two moments: "Weeks One to Six: The Early Healing Phase … A virtual
 * second opinion can be incredibly helpful during this stage if you have concerns about your
 * progress", and "At the six-month mark … This is an excellent time to seek a virtual second
 * opinion". Pure: the caller passes the days since surgery.
 */

export const secondOpinionPromptWindowIds = ['early-healing', 'six-months'] as const;
export type SecondOpinionPromptWindowId = (typeof secondOpinionPromptWindowIds)[number];

export interface SecondOpinionPromptWindow {
  readonly id: SecondOpinionPromptWindowId;
  /** First and last day after surgery (the surgery day is day 0) on which the prompt shows, inclusive. */
  readonly fromDay: number;
  readonly toDay: number;
  /** Why now, in plain words (shown on the card). */
  readonly why: Statement;
  /** Where the window's edges come from. */
  readonly sources: readonly Source[];
}

export const secondOpinionPromptWindows: readonly SecondOpinionPromptWindow[] = [
  {
    id: 'early-healing',
    // Seed 000's "weeks one to six", once the person is home: most spend one to three days in hospital
    // (seed:000), so from day 3; the six-week mark (day 42) starts the next phase.
    fromDay: 3,
    toDay: 42,
    why: {
      id: 'second-opinion.prompt.early-healing',
      text: 'In the first six weeks, a second opinion from an independent spine surgeon can help if you have concerns about how you are healing, or your symptoms feel different than you expected.',
      sources: ['seed:000'],
    },
    sources: ['seed:000'],
  },
  {
    id: 'six-months',
    // "At the six-month mark" (seed:000), over the same window as the 6-month visit: 6 months (183
    // days) ± 30 days (ref:84, seed:000; protocols/common.ts visit-6-months).
    fromDay: 183 - 30,
    toDay: 183 + 30,
    why: {
      id: 'second-opinion.prompt.six-months',
      text: 'Around six months after surgery is a good time for a second opinion: an independent spine surgeon can check that your long-term results are on track, and talk about when sports or heavy exercise are safe again.',
      sources: ['seed:000'],
    },
    sources: ['seed:000', 'ref:84'],
  },
];

/**
 * The prompt window this day after surgery falls in, or undefined (before surgery, between the
 * windows, after them, or a day that is not a whole number).
 */
export function secondOpinionPrompt(
  daysSinceSurgery: number,
): SecondOpinionPromptWindow | undefined {
  if (!Number.isInteger(daysSinceSurgery)) return undefined;
  return secondOpinionPromptWindows.find(
    (w) => daysSinceSurgery >= w.fromDay && daysSinceSurgery <= w.toDay,
  );
}
