// The API contract: one module per route group; add yours at the end (decision 025).

export * from './account.ts';
export * from './alerts.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './candidacy.ts';
export * from './checkins.ts';
export * from './clinic-settings.ts';
export * from './common.ts';
export * from './fhir.ts';
export * from './fhir-integration.ts';
export * from './messages.ts';
export * from './outcomes.ts';
export * from './patients.ts';
export * from './peers.ts';
export * from './proms.ts';
export * from './requests.ts';
export * from './second-opinions.ts';
export * from './smart-clients.ts';
export * from './staff.ts';
export * from './words.ts';
export * from './worklist.ts';
