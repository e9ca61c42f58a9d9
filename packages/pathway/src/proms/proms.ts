// The public face of the PROMs feature: instruments as data, scoring, MCID and the schedule.
// Only prom-named exports, so the package index stays free of generic names.
export type {
  FhirAnswerOption,
  FhirCoding,
  FhirQuestionnaire,
  FhirQuestionnaireItem,
  LicenceStatus,
  PromAnswers,
  PromInstrument,
  PromInstrumentId,
  PromLicence,
  PromScaleDefinition,
  PromScaleScore,
  PromScore,
} from './instrument.ts';
export { promInstrumentIds } from './instrument.ts';
export * from './mcid.ts';
export * from './registry.ts';
export * from './schedule.ts';
