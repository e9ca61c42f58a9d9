/**
 * Line drawings of the exercises, drawn for Lamina in one style: a stick figure on a 96 × 64 grid,
 * round 2.5 px strokes in the text colour, no fill, a floor line. Plain path data (about 4 KB for
 * all of them), loaded only with the Exercises screen (a lazy chunk). Each exercise names its
 * drawing in `artFor`; a test checks every exercise has one.
 */
export interface Drawing {
  /** Heads: [cx, cy, r]. */
  readonly heads: readonly (readonly [number, number, number])[];
  readonly lines: readonly string[];
  /** Guides drawn dashed (a plumb line, a mat). */
  readonly dashed?: readonly string[];
}

const floor = 'M4 58H92';
/** A standing person (head at 48,12) without arms, used by several drawings. */
const stand = ['M48 17V36', 'M48 36L41 57', 'M48 36L55 57'];
/** A person lying on their back with knees bent (head at 14,48). */
const lyingKneesBent = ['M19 50H50', 'M50 50L61 38', 'M61 38L70 57', 'M28 50L40 50'];

export const drawings = {
  walk: {
    heads: [[48, 12, 5]],
    lines: [floor, 'M48 17L46 36', 'M46 36L37 57', 'M46 36L56 57', 'M47 23L38 33', 'M47 23L57 31'],
  },
  breathe: {
    heads: [[14, 48, 5]],
    lines: [floor, ...lyingKneesBent, 'M30 40q4-7 8 0', 'M28 32q6-9 12 0'],
  },
  tummy: {
    heads: [[14, 48, 5]],
    lines: [floor, ...lyingKneesBent, 'M36 30v12', 'M32 38l4 4 4-4'],
  },
  glutes: {
    heads: [[48, 12, 5]],
    lines: [floor, ...stand, 'M48 23L40 34', 'M48 23L56 34', 'M38 38q-4 4 0 8', 'M58 38q4 4 0 8'],
  },
  logroll: {
    heads: [[14, 46, 5]],
    lines: [
      floor,
      'M19 48H56',
      'M56 48L82 50',
      'M30 48L40 40',
      'M30 30a14 10 0 0 1 26 0',
      'M51 26l5 4-6 2',
    ],
  },
  core: {
    heads: [[18, 24, 5]],
    lines: [
      floor,
      'M23 28H56',
      'M26 28L28 57',
      'M56 28L58 44L70 57',
      'M24 26L6 20',
      'M56 28L86 24',
    ],
  },
  bridge: {
    heads: [[12, 52, 5]],
    lines: [floor, 'M17 54H28', 'M28 54L54 36', 'M54 36L68 40', 'M68 40L72 57', 'M26 54L36 57'],
  },
  squat: {
    heads: [[46, 14, 5]],
    lines: [floor, 'M46 19L42 38', 'M42 38L58 40', 'M58 40L55 57', 'M45 25L64 28'],
  },
  strength: {
    heads: [[48, 12, 5]],
    lines: [
      floor,
      ...stand,
      'M48 23L40 34',
      'M48 23L58 30L58 20',
      'M53 20h10',
      'M53 17v6',
      'M63 17v6',
    ],
  },
  lift: {
    heads: [[40, 16, 5]],
    lines: [
      floor,
      'M40 21L38 38',
      'M38 38L52 40',
      'M52 40L50 57',
      'M39 27L58 42',
      'M56 42h16v15h-16z',
    ],
  },
  turn: {
    heads: [[48, 12, 5]],
    lines: [
      floor,
      ...stand,
      'M48 23L40 34',
      'M48 23L56 34',
      'M30 30a18 6 0 1 0 36 0',
      'M62 25l4 5-6 2',
    ],
  },
  carry: {
    heads: [[46, 12, 5]],
    lines: [
      floor,
      'M46 17L45 36',
      'M45 36L37 57',
      'M45 36L54 57',
      'M46 23L38 33',
      'M46 23L58 34',
      'M54 36h10v12h-10z',
      'M56 36q3-5 6 0',
    ],
  },
  home: {
    heads: [[30, 12, 5]],
    lines: [
      floor,
      'M30 17V36',
      'M30 36L23 57',
      'M30 36L37 57',
      'M30 23L22 34',
      'M30 23L44 28',
      'M56 14h26v30h-26z',
      'M60 22l3 3 5-6',
      'M71 22h8',
      'M60 32l3 3 5-6',
      'M71 32h8',
    ],
  },
  posture: {
    heads: [[48, 12, 5]],
    lines: [floor, ...stand, 'M48 23L42 36', 'M48 23L54 36'],
    dashed: ['M48 2V58'],
  },
  neckrange: {
    heads: [[50, 14, 5]],
    lines: [
      floor,
      'M48 19V38',
      'M48 38L41 57',
      'M48 38L55 57',
      'M48 24L40 35',
      'M48 24L56 35',
      'M38 8a13 13 0 0 1 22-3',
      'M56 2l4 3-5 3',
    ],
  },
  blades: {
    heads: [[48, 12, 5]],
    lines: [
      floor,
      ...stand,
      'M48 22L36 26L39 36',
      'M48 22L60 26L57 36',
      'M26 24l6 2-5 4',
      'M70 24l-6 2 5 4',
    ],
  },
  cycle: {
    heads: [[48, 12, 5]],
    lines: [
      'M4 60H92',
      'M28 50m-9 0a9 9 0 1 0 18 0a9 9 0 1 0-18 0',
      'M70 50m-9 0a9 9 0 1 0 18 0a9 9 0 1 0-18 0',
      'M28 50L44 34L70 50',
      'M44 34L42 28',
      'M48 17L42 30',
      'M47 22L62 30',
      'M42 30L50 44',
    ],
  },
} satisfies Record<string, Drawing>;

export type DrawingName = keyof typeof drawings;

/** The drawing of each exercise (both programmes), by exercise id. */
export const artFor: Readonly<Record<string, DrawingName>> = {
  'exercise.early.walk': 'walk',
  'exercise.early.breathing': 'breathe',
  'exercise.early.tummy': 'tummy',
  'exercise.early.glutes': 'glutes',
  'exercise.early.moving': 'logroll',
  'exercise.mid.walk': 'walk',
  'exercise.mid.core': 'core',
  'exercise.mid.hips': 'bridge',
  'exercise.mid.moves': 'squat',
  'exercise.late.strength': 'strength',
  'exercise.late.lifting': 'lift',
  'exercise.late.turning': 'turn',
  'exercise.late.life': 'carry',
  'exercise.late.home': 'home',
  'exercise.neck.early.walk': 'walk',
  'exercise.neck.early.posture': 'posture',
  'exercise.neck.early.moving': 'turn',
  'exercise.neck.mid.walk': 'walk',
  'exercise.neck.mid.range': 'neckrange',
  'exercise.neck.mid.strength': 'blades',
  'exercise.neck.late.sport': 'cycle',
};
