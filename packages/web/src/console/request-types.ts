/** The intake requests' shapes as the API answers them (issue 8). */

import {
  insuranceOutcomes,
  type RequestKind as Kind,
  type InsuranceOutcome as Outcome,
  requestKinds,
  requestStatuses,
  type RequestStatus as Status,
} from '@lamina/contract/words';

export type { RequestNote as Note, StaffRequest as RequestRow } from '@lamina/contract';
export type { Kind, Outcome, Status };
export const kinds: readonly Kind[] = requestKinds;
export const statuses: readonly Status[] = requestStatuses;
export const outcomes: readonly Outcome[] = insuranceOutcomes;
// Mirrors the server's transitions (intake/transitions.ts); the server refuses anything else.
export const nextStatuses: Record<Status, Status[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['done', 'closed'],
  done: [],
  closed: [],
};

export interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
}
