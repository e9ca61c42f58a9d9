import type { RequestStatus } from './schemas.ts';

/** Where a request can go from each status. Done and closed are final: a new need is a new request. */
export const allowedTransitions: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  new: ['in_progress', 'closed'],
  in_progress: ['done', 'closed'],
  done: [],
  closed: [],
};

export function mayMove(from: RequestStatus, to: RequestStatus): boolean {
  return allowedTransitions[from].includes(to);
}
