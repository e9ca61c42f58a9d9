import { z } from 'zod';
import { isoDateSchema } from '../dates/dates.ts';
import type { Region } from '../surgery/surgery.ts';
import { safeText } from '../text/safe-text.ts';

/**
 * A daily check-in: how the patient is today, in their own answers. Every question is optional,
 * and a missing answer is never read as "no": triage acts on "yes" and lists what was left
 * unanswered (see `unansweredRedFlags` in triage). "unsure" counts as not answered.
 */
export const answers = ['yes', 'no', 'unsure'] as const;
export type Answer = (typeof answers)[number];
const answer = z.enum(answers).optional();

/** How a nerve symptom compares with the last few days. 'none' means the symptom is not there. */
export const nerveChanges = ['none', 'improving', 'unchanged', 'worse', 'rapidly-worse'] as const;
export type NerveChange = (typeof nerveChanges)[number];

export const drainageKinds = ['none', 'bloody', 'clear-watery', 'cloudy'] as const;
export const swellingKinds = ['none', 'some', 'growing'] as const;
/** 'gradually-worse' was added later (issue 13): older stored check-ins simply never carry it. */
export const walkingChanges = ['improving', 'same', 'gradually-worse', 'suddenly-worse'] as const;
export const swallowingStates = ['normal', 'mild', 'getting-worse', 'cannot'] as const;
export const voiceStates = ['normal', 'hoarse', 'cannot-speak'] as const;
export const neckSwellingStates = ['none', 'some', 'growing-fast'] as const;
export const exerciseAmounts = ['all', 'some', 'none'] as const;

const score = z.number().int().min(0).max(10);

/** Plausible body temperatures; anything outside is a typing slip (or a broken thermometer), not a reading. */
export const plausibleTemperature = {
  C: { min: 34, max: 43.5 },
  F: { min: 93.2, max: 110.3 },
} as const;

export const temperatureSchema = z
  .strictObject({ value: z.number(), unit: z.enum(['C', 'F']) })
  .superRefine((t, ctx) => {
    const range = plausibleTemperature[t.unit];
    if (t.value < range.min || t.value > range.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `must be a body temperature between ${range.min} and ${range.max} °${t.unit}`,
      });
    }
  });
export type Temperature = z.output<typeof temperatureSchema>;

export function toCelsius(t: Temperature): number {
  const celsius = t.unit === 'C' ? t.value : ((t.value - 32) * 5) / 9;
  // Two decimals, so 100.4 °F is exactly 38.0 °C and not 38.000000000000004.
  return Math.round(celsius * 100) / 100;
}

/**
 * Below this a reading is low (issue 13): the patient is asked to measure again and whether they
 * feel very unwell (`feelsVeryUnwell`). A judgement: no listed source gives a low threshold.
 */
export const lowTemperatureC = 35.5;
export const isLowTemperature = (t: Temperature): boolean => toCelsius(t) < lowTemperatureC;

const nerveSymptomSchema = z.strictObject({
  change: z.enum(nerveChanges).optional(),
  /** Not there before surgery, or started since the last check-in. */
  new: answer,
  /** The patient's words for where ("left foot", "right thumb"). */
  where: safeText().trim().max(200).optional(),
});

/**
 * Which legs or arms are weak, asked as choices (issue 13) so triage can read the cord / cauda
 * equina pattern (both legs; arms and legs). Optional and additive: older check-ins carry only the
 * free-text `where`, and a missing answer is read as "not known", never as "one side only".
 */
export const limbSides = ['none', 'left', 'right', 'both', 'unsure'] as const;
export type LimbSide = (typeof limbSides)[number];

const weaknessSchema = nerveSymptomSchema.extend({
  legs: z.enum(limbSides).optional(),
  arms: z.enum(limbSides).optional(),
});

/** New clumsy hands after neck surgery: dropping things, trouble with buttons or writing (issue 13). */
export const handClumsinessStates = ['no', 'new', 'rapidly-worse', 'unsure'] as const;

const incisionSchema = z.strictObject({
  redness: answer,
  warmth: answer,
  swelling: z.enum(swellingKinds).optional(),
  drainage: z.enum(drainageKinds).optional(),
  opening: answer,
  dressingSoaked: answer,
});

/** Questions asked after surgery in either region. Back/leg for lumbar, neck/arm for cervical. */
const commonShape = {
  /** Back pain (lumbar) or neck pain (cervical), 0–10. */
  axialPain: score.optional(),
  /** Leg pain (lumbar) or arm pain (cervical), 0–10. */
  limbPain: score.optional(),
  /** Is the pain under control with the plan the team gave you? 'no' is a red flag. */
  painControlled: answer,
  temperature: temperatureSchema.optional(),
  incision: incisionSchema.optional(),
  /** Bleeding that does not stop with pressure. */
  severeBleeding: answer,
  numbness: nerveSymptomSchema.optional(),
  weakness: weaknessSchema.optional(),
  /** Cannot move the legs (lumbar) or the arms or legs (cervical). */
  unableToMoveLimbs: answer,
  /** Cannot pass urine, or the bladder feels full and nothing comes. */
  urinaryRetention: answer,
  bladderIncontinence: answer,
  bowelIncontinence: answer,
  /** Numbness between the legs or around the bottom ("saddle" area). */
  saddleNumbness: answer,
  daysSinceBowelMovement: z.number().int().min(0).max(60).optional(),
  walkingBalance: z.enum(walkingChanges).optional(),
  fell: answer,
  /** Headache that is worse sitting or standing and better lying flat. */
  positionalHeadache: answer,
  calfPainOrSwelling: answer,
  chestPain: answer,
  shortOfBreath: answer,
  coughingBlood: answer,
  walkingMinutes: z.number().int().min(0).max(1440).optional(),
  opioidDoses: z.number().int().min(0).max(50).optional(),
  otherPainDoses: z.number().int().min(0).max(50).optional(),
  exercises: z.enum(exerciseAmounts).optional(),
  /** Free text for the care team. Lamina does not read it for warning signs, and says so. */
  note: safeText().trim().max(2000).optional(),
  /** Asked when the temperature is low (below 35.5 °C): feeling very unwell, shivery, confused or very weak. */
  feelsVeryUnwell: answer,
};

/** Asked only after neck surgery: the airway and the C5 root sit there. */
const cervicalShape = {
  swallowing: z.enum(swallowingStates).optional(),
  voice: z.enum(voiceStates).optional(),
  neckSwelling: z.enum(neckSwellingStates).optional(),
  /** New weakness lifting the arm at the shoulder or bending the elbow (C5, ref:17). */
  newShoulderArmWeakness: answer,
  /** New or worse clumsy hands since surgery (a spinal cord sign, ref:110; asked before surgery by the candidacy check too). */
  handClumsiness: z.enum(handClumsinessStates).optional(),
};

export const lumbarCheckinSchema = z.strictObject(commonShape);
export const cervicalCheckinSchema = z.strictObject({ ...commonShape, ...cervicalShape });

/** The check-in for a region: a lumbar check-in that carries neck questions is rejected, not silently ignored. */
export function checkinSchemaFor(region: Region) {
  return region === 'cervical' ? cervicalCheckinSchema : lumbarCheckinSchema;
}

/** Any check-in, as triage reads it (the neck questions are simply absent after lumbar surgery). */
export type Checkin = z.output<typeof cervicalCheckinSchema>;
/** What a client sends (server and web use this). */
export type CheckinInput = z.input<typeof cervicalCheckinSchema>;

/** A past check-in: the same answers, plus the day they describe. */
export function historyEntrySchemaFor(region: Region) {
  return checkinSchemaFor(region).extend({ date: isoDateSchema });
}
/**
 * The answers of an earlier check-in that triage reads (the trajectory rules: pain, numbness,
 * weakness, walking). A store loads only these of each past check-in (issue 19: the history is
 * read on every check-in); `HistoryEntry` holds only these, so a rule that reads another answer
 * of the past does not compile until it is added here.
 */
export const historyAnswerKeys = [
  'axialPain',
  'limbPain',
  'numbness',
  'weakness',
  'walkingMinutes',
] as const satisfies readonly (keyof Checkin)[];
export type HistoryAnswers = Pick<Checkin, (typeof historyAnswerKeys)[number]>;
export type HistoryEntry = HistoryAnswers & { readonly date: z.output<typeof isoDateSchema> };
export type HistoryEntryInput = CheckinInput & { date: string };

export const isYes = (a: Answer | undefined): boolean => a === 'yes';
/** Not answered, or answered "unsure": never treated as "no". */
export const isUnanswered = (a: Answer | undefined): boolean => a === undefined || a === 'unsure';

/**
 * Whether a check-in says anything about the patient (issue 17): at least one answer besides the
 * free-text note. An empty check-in is refused (by the app and by the server), never stored as
 * "routine" with nothing behind it.
 */
export function hasAnyAnswer(checkin: CheckinInput): boolean {
  // Loops, not Object.entries: this runs on every check-in the server receives (issue 19).
  for (const key in checkin) {
    const value = checkin[key as keyof CheckinInput];
    if (!Object.hasOwn(checkin, key) || key === 'note' || value === undefined) continue;
    if (key === 'temperature' || typeof value !== 'object' || value === null) return true;
    for (const k in value) {
      if (Object.hasOwn(value, k) && k !== 'where' && value[k as keyof typeof value] !== undefined)
        return true;
    }
  }
  return false;
}
