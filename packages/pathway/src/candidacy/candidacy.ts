// The public face of the candidacy check: questionnaire schema, assessment and its statements.
export * from './assess.ts';
export * from './questionnaire.ts';
export * from './statements.ts';
