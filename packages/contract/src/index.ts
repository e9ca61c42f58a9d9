// The API contract: one module per route group; add yours at the end (decision 025).

export * from './alerts.ts';
export * from './auth.ts';
export * from './candidacy.ts';
export * from './checkins.ts';
export * from './common.ts';
export * from './imaging.ts';
export * from './messages.ts';
export * from './outcomes.ts';
export * from './patient-enrolment.ts';
export * from './patient-invitations.ts';
export * from './patient-settings.ts';
export * from './patients.ts';
export * from './proms.ts';
export * from './staff.ts';
export * from './words.ts';
