// The API contract: one module per route group; add yours at the end (decision 020).

export * from './checkins.ts';
export * from './common.ts';
export * from './patients.ts';
