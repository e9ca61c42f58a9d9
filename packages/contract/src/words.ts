/**
 * Word lists the server checks and the web app offers as choices: one copy (no zod, so the web app
 * can import them without the schemas: `@lamina/contract/words`).
 */

/** What a peer volunteer had (peers, issue 5). */
export const peerConditions = [
  'lumbar-spinal-stenosis',
  'herniated-disc',
  'cervical-myelopathy',
  'cervical-radiculopathy',
  'spondylolisthesis',
  'other',
] as const;
export type PeerCondition = (typeof peerConditions)[number];

export const ageBands = ['18-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80+'] as const;
export type AgeBand = (typeof ageBands)[number];

export const peerLanguages = ['en', 'es'] as const;
export type PeerLanguage = (typeof peerLanguages)[number];

export const availabilityChoices = ['weekday-daytime', 'weekday-evening', 'weekend'] as const;
export type AvailabilityChoice = (typeof availabilityChoices)[number];

/** Intake requests (issue 8): what can be asked, where a request stands, an insurance check's outcome. */
export const requestKinds = [
  'treatment',
  'imaging_review',
  'insurance',
  'info_kit',
  'callback',
] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ['new', 'in_progress', 'done', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const insuranceOutcomes = ['verified', 'not_covered', 'needs_information'] as const;
export type InsuranceOutcome = (typeof insuranceOutcomes)[number];
