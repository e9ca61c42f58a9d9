import { z } from 'zod';
import {
  allowedValues,
  type PromInstrument,
  type PromInstrumentId,
  type PromScore,
  promInstrumentIds,
} from './instrument.ts';
import { ndi, odi } from './instruments/disability-indexes.ts';
import { painMedication, workStatus } from './instruments/ichom.ts';
import { mjoa } from './instruments/mjoa.ts';
import { nrsBackLeg, nrsNeckArm } from './instruments/nrs.ts';
import { zcq } from './instruments/zcq.ts';

export const promInstruments: Readonly<Record<PromInstrumentId, PromInstrument>> = {
  'nrs-back-leg': nrsBackLeg,
  'nrs-neck-arm': nrsNeckArm,
  odi,
  ndi,
  zcq,
  mjoa,
  'work-status': workStatus,
  'pain-medication': painMedication,
};

export function isPromInstrumentId(value: string): value is PromInstrumentId {
  return (promInstrumentIds as readonly string[]).includes(value);
}

/** An instrument whose licence needs a fee or permission stays off until the clinic says it holds the licence. */
export function isPromInstrumentEnabled(
  id: PromInstrumentId,
  licensedInstruments: readonly string[] = [],
): boolean {
  return (
    !promInstruments[id].licence.requiresClinicConfirmation || licensedInstruments.includes(id)
  );
}

const schemaCache = new WeakMap<PromInstrument, ReturnType<typeof buildAnswersSchema>>();

/** A strict schema for one instrument's answers, built once from its FHIR items: unknown items and off-scale values are refused. */
export function promAnswersSchema(instrument: PromInstrument) {
  let schema = schemaCache.get(instrument);
  if (!schema) {
    schema = buildAnswersSchema(instrument);
    schemaCache.set(instrument, schema);
  }
  return schema;
}

function buildAnswersSchema(instrument: PromInstrument) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of instrument.questionnaire.item) {
    const values = allowedValues(item);
    shape[item.linkId] = z
      .any()
      .refine((v) => v === null || values.includes(v), {
        message: `must be one of ${values.join(', ')} (or null when skipped)`,
      })
      .optional();
  }
  return z.strictObject(shape);
}

export type PromScoreResult =
  | { readonly ok: true; readonly score: PromScore }
  | {
      readonly ok: false;
      readonly reason: 'unknown-instrument' | 'licence-not-confirmed' | 'invalid-answers';
      /** The answer field at fault, when there is one. */
      readonly field?: string;
      readonly message: string;
    };

export interface PromScoringOptions {
  /** Instruments the clinic has confirmed it holds a licence for (ODI needs this). */
  readonly licensedInstruments?: readonly string[];
}

export function scorePromAnswers(
  instrumentId: string,
  answers: unknown,
  options: PromScoringOptions = {},
): PromScoreResult {
  if (!isPromInstrumentId(instrumentId)) {
    return {
      ok: false,
      reason: 'unknown-instrument',
      message: `unknown instrument "${instrumentId}"; known: ${promInstrumentIds.join(', ')}`,
    };
  }
  const instrument = promInstruments[instrumentId];
  if (!isPromInstrumentEnabled(instrumentId, options.licensedInstruments)) {
    return {
      ok: false,
      reason: 'licence-not-confirmed',
      message: `${instrumentId} is disabled until the clinic confirms its licence (${instrument.licence.holder})`,
    };
  }
  const parsed = promAnswersSchema(instrument).safeParse(answers);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unknown item "${issue.keys.join('", "')}"`
        : field === ''
          ? 'answers must be a JSON object keyed by item id'
          : `${field}: ${issue?.message}`;
    const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : field;
    return { ok: false, reason: 'invalid-answers', ...(key ? { field: key } : {}), message };
  }
  return {
    ok: true,
    score: instrument.score(parsed.data as Record<string, number | string | null>),
  };
}
