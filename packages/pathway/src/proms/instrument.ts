import type { Source, Statement } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';

/**
 * Outcome instruments as data. Each questionnaire is a FHIR R4 `Questionnaire` resource (so a
 * FHIR server or form renderer can take it as is); what Lamina needs beyond FHIR (licence,
 * scales, sources) sits beside it in `PromInstrument`, never inside the resource.
 */
export const promInstrumentIds = [
  'nrs-back-leg',
  'nrs-neck-arm',
  'odi',
  'ndi',
  'zcq',
  'mjoa',
  'work-status',
  'pain-medication',
] as const;
export type PromInstrumentId = (typeof promInstrumentIds)[number];

export interface FhirCoding {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

export interface FhirExtension {
  readonly url: string;
  readonly valueDecimal?: number;
  readonly valueInteger?: number;
}

export interface FhirAnswerOption {
  readonly valueCoding: FhirCoding;
  /** The score of this answer (SDC `ordinalValue`); absent for unscored answers. */
  readonly extension?: readonly FhirExtension[];
}

export interface FhirQuestionnaireItem {
  readonly linkId: string;
  readonly code: readonly FhirCoding[];
  readonly text: string;
  readonly type: 'choice' | 'integer';
  readonly required: boolean;
  readonly answerOption?: readonly FhirAnswerOption[];
  /** minValue / maxValue for integer items. */
  readonly extension?: readonly FhirExtension[];
}

export interface FhirQuestionnaire {
  readonly resourceType: 'Questionnaire';
  readonly id: string;
  readonly url: string;
  readonly name: string;
  readonly title: string;
  readonly status: 'active' | 'draft';
  readonly subjectType: readonly ['Patient'];
  readonly code: readonly FhirCoding[];
  readonly copyright?: string;
  readonly item: readonly FhirQuestionnaireItem[];
}

export const ordinalValueUrl = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const minValueUrl = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const maxValueUrl = 'http://hl7.org/fhir/StructureDefinition/maxValue';
export const laminaPromSystem = 'https://lamina.health/fhir/CodeSystem/prom-items';

/** Whether Lamina may show an instrument without a clinic first confirming that it holds a licence. */
export type LicenceStatus =
  | 'free'
  | 'free-for-clinical-use-fee-for-commercial'
  | 'permission-required'
  | 'terms-unverified';

export interface PromLicence {
  readonly status: LicenceStatus;
  /** True: disabled until a clinic lists the instrument in `licensedInstruments`. */
  readonly requiresClinicConfirmation: boolean;
  readonly holder: string;
  readonly terms: Statement;
}

/** One score an instrument produces (ZCQ has three, NRS two, ODI one). */
export interface PromScaleDefinition {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly higherIsWorse: boolean;
  readonly unit: 'points' | 'percent' | 'mean-item-score';
}

export interface PromScaleScore {
  readonly scale: string;
  /** Undefined when the missing-item rule says the scale cannot be scored. */
  readonly value: number | undefined;
  readonly answeredItems: number;
  readonly totalItems: number;
  readonly band?: {
    readonly id: string;
    readonly label: string;
    readonly sources: readonly Source[];
  };
  /** Why there is no value, or how missing items were handled. */
  readonly note?: string;
}

export interface PromScore {
  readonly instrument: PromInstrumentId;
  readonly scales: readonly PromScaleScore[];
  /** Unscored answers that are reported as they are (work status, medication). */
  readonly categories?: Readonly<Record<string, string>>;
  readonly flags?: readonly Statement[];
}

/** Answers keyed by item linkId: the answer's ordinal score for scored items, its code otherwise. */
export type PromAnswers = Readonly<Record<string, number | string | null | undefined>>;

export interface PromInstrument {
  readonly id: PromInstrumentId;
  readonly questionnaire: FhirQuestionnaire;
  readonly respondent: 'patient' | 'clinician';
  readonly regions: readonly Region[];
  readonly licence: PromLicence;
  readonly scales: readonly PromScaleDefinition[];
  /** How it is scored, in one sentence, with the manual it follows. */
  readonly scoring: Statement;
  /** Items shown only after treatment (ZCQ satisfaction). */
  readonly afterTreatmentOnly?: readonly string[];
  score(answers: PromAnswers): PromScore;
}

export function coding(system: string, code: string, display: string): FhirCoding {
  return { system, code, display };
}

/**
 * A choice item; each option is `[code, display]`, coded `<instrument>.<linkId>.<code>`, and with a
 * third element, the score it carries (FHIR ordinalValue).
 */
export function choiceItem(
  instrument: string,
  linkId: string,
  text: string,
  options: readonly (readonly [code: string, display: string, ordinal?: number])[],
  required = true,
): FhirQuestionnaireItem {
  return {
    linkId,
    code: [coding(laminaPromSystem, `${instrument}.${linkId}`, text)],
    text,
    type: 'choice',
    required,
    answerOption: options.map(([code, display, ordinal]) => ({
      valueCoding: coding(laminaPromSystem, `${instrument}.${linkId}.${code}`, display),
      ...(ordinal === undefined
        ? {}
        : { extension: [{ url: ordinalValueUrl, valueDecimal: ordinal }] }),
    })),
  };
}

/** A choice item whose options score `values` (0..5 unless told). */
export function scoredChoiceItem(
  instrument: string,
  linkId: string,
  text: string,
  options: readonly { readonly value: number; readonly display: string }[],
  required = true,
): FhirQuestionnaireItem {
  const coded = options.map(({ value, display }) => [String(value), display, value] as const);
  return choiceItem(instrument, linkId, text, coded, required);
}

/** Six options scored 0 (no difficulty) to 5 (most difficulty), as in the ODI and NDI. */
export function zeroToFiveOptions(least: string, most: string) {
  return [0, 1, 2, 3, 4, 5].map((value) => ({
    value,
    display: value === 0 ? `0 – ${least}` : value === 5 ? `5 – ${most}` : String(value),
  }));
}

/** Answer options scored `first`, `first + 1`, … in the order given. */
export function numberedOptions(first: number, displays: readonly string[]) {
  return displays.map((display, i) => ({ value: first + i, display }));
}

/** A Lamina PROM questionnaire: its url and code follow the instrument id. */
export function promQuestionnaire(q: {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly codeDisplay: string;
  readonly copyright?: string;
  readonly item: readonly FhirQuestionnaireItem[];
}): FhirQuestionnaire {
  return {
    resourceType: 'Questionnaire',
    id: q.id,
    url: `https://lamina.health/fhir/Questionnaire/${q.id}`,
    name: q.name,
    title: q.title,
    status: 'active',
    subjectType: ['Patient'],
    code: [coding(laminaPromSystem, q.id, q.codeDisplay)],
    ...(q.copyright === undefined ? {} : { copyright: q.copyright }),
    item: q.item,
  };
}

/** A sentence about an instrument; its id is `prom.<instrument>.<what>`. */
interface InstrumentText {
  readonly text: string;
  readonly sources: readonly Source[];
  readonly uncertain?: true;
}

/** An instrument as written in instruments/: the questionnaire, licence terms and scoring note take their ids from `id`. */
export interface PromInstrumentSpec
  extends Omit<PromInstrument, 'questionnaire' | 'licence' | 'scoring'> {
  readonly questionnaire: Omit<Parameters<typeof promQuestionnaire>[0], 'id'>;
  readonly licence: Omit<PromLicence, 'terms'> & { readonly terms: InstrumentText };
  readonly scoring: InstrumentText;
}

export function definePromInstrument(spec: PromInstrumentSpec): PromInstrument {
  const said = (what: 'licence' | 'scoring', { text, sources, uncertain }: InstrumentText) => ({
    id: `prom.${spec.id}.${what}`,
    text,
    sources,
    ...(uncertain ? { uncertain } : {}),
  });
  return {
    id: spec.id,
    respondent: spec.respondent,
    regions: spec.regions,
    questionnaire: promQuestionnaire({ id: spec.id, ...spec.questionnaire }),
    ...(spec.afterTreatmentOnly ? { afterTreatmentOnly: spec.afterTreatmentOnly } : {}),
    licence: { ...spec.licence, terms: said('licence', spec.licence.terms) },
    scales: spec.scales,
    scoring: said('scoring', spec.scoring),
    score: spec.score,
  };
}

/** The sections the ODI and the NDI have in common, in the same short summaries for both. */
export const sharedDisabilitySections = {
  painIntensity: ['pain-intensity', 'Pain intensity', 'no pain', 'worst pain imaginable'],
  personalCare: [
    'personal-care',
    'Personal care (washing, dressing)',
    'no difficulty',
    'cannot do it',
  ],
  lifting: ['lifting', 'Lifting', 'no difficulty', 'cannot lift anything'],
  sleeping: ['sleeping', 'Sleeping', 'not disturbed', 'cannot sleep'],
} as const;

/** Items scored 0–5 from `[linkId, text, least, most]` rows (ODI, NDI); `optional` may be skipped. */
export function zeroToFiveItems(
  instrument: string,
  rows: readonly (readonly [string, string, string, string])[],
  optional: string,
): FhirQuestionnaireItem[] {
  return rows.map(([linkId, text, least, most]) =>
    scoredChoiceItem(instrument, linkId, text, zeroToFiveOptions(least, most), linkId !== optional),
  );
}

/** The scores of the answered items among `ids`, and how many were left unanswered. */
export function answeredScores(
  answers: PromAnswers,
  ids: readonly string[],
): { readonly scores: number[]; readonly missing: number } {
  const scores = ids
    .map((id) => numericAnswer(answers, id))
    .filter((v): v is number => v !== undefined);
  return { scores, missing: ids.length - scores.length };
}

/** One scale's score; `band` and `note` are left out when there is none. */
export function scaleScore(
  scale: string,
  value: number | undefined,
  answeredItems: number,
  totalItems: number,
  extra: { readonly band?: PromScaleScore['band']; readonly note?: string | undefined } = {},
): PromScaleScore {
  return {
    scale,
    value,
    answeredItems,
    totalItems,
    ...(extra.band ? { band: extra.band } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

/** A scale the missing-item rule leaves without a value, and why. */
export function unscored(
  scale: string,
  answeredItems: number,
  totalItems: number,
  note: string,
): PromScaleScore {
  return scaleScore(scale, undefined, answeredItems, totalItems, { note });
}

/** The published band a score falls in, with the source of the bands (undefined when none fits). */
export function bandOf(
  band: { readonly id: string; readonly label: string } | undefined,
  sources: readonly Source[],
): PromScaleScore['band'] {
  return band && { id: band.id, label: band.label, sources };
}

/** The scores an item accepts, read from the FHIR data so scoring and validation cannot drift apart. */
export function allowedValues(item: FhirQuestionnaireItem): readonly (number | string)[] {
  if (item.type === 'integer') {
    const min = item.extension?.find((e) => e.url === minValueUrl)?.valueInteger ?? 0;
    const max = item.extension?.find((e) => e.url === maxValueUrl)?.valueInteger ?? 0;
    return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  }
  return (item.answerOption ?? []).map((option) => {
    const ordinal = option.extension?.find((e) => e.url === ordinalValueUrl)?.valueDecimal;
    return ordinal ?? option.valueCoding.code.split('.').at(-1) ?? option.valueCoding.code;
  });
}

export function numericAnswer(answers: PromAnswers, linkId: string): number | undefined {
  const value = answers[linkId];
  return typeof value === 'number' ? value : undefined;
}

/** Rounds for display and comparison; the manuals report one decimal place. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
