// The public face of @lamina/pathway. One export line per module; add yours at the end.

export * from './candidacy/candidacy.ts';
export * from './checkin/checkin.ts';
export * from './dates/clinic-time.ts';
export * from './dates/dates.ts';
export * from './exercises/exercises.ts';
export * from './i18n/statements.es.ts';
export * from './intake/clinic-hours.ts';
export * from './intake/imaging-review.ts';
export * from './intake/red-flag-words.ts';
export * from './nerve-healing/expectations.ts';
export * from './plan/overrides.ts';
export * from './plan/plan.ts';
export * from './proms/plain-names.ts';
export * from './proms/proms.ts';
export * from './protocols/good-to-know.ts';
export * from './protocols/protocols.ts';
export type * from './protocols/types.ts';
export * from './reminders/quiet-after-alert.ts';
export * from './reminders/schedule.ts';
export * from './second-opinion/prompt.ts';
export * from './second-opinion/second-opinion.ts';
export * from './sources/source.ts';
export * from './sources/source-names.ts';
export * from './surgery/surgery.ts';
export * from './text/safe-text.ts';
export * from './treatment-finder/procedures.ts';
export * from './triage/triage.ts';
