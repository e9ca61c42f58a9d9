/**
 * Console types that are not answers: the overrides editor's input and the role helper. Answer
 * types come from @lamina/contract (decision 025).
 */
export type StaffRole = 'care_manager' | 'clinician' | 'admin' | 'reviewer';

export interface Offset {
  days?: number;
  weeks?: number;
  months?: number;
}

export interface Overrides {
  restrictions: Record<
    string,
    { maxLoadLb?: number; lifts?: Offset | 'when-cleared' | 'lifted'; note?: string }
  >;
  milestones: Record<string, { from?: Offset; to?: Offset; note?: string }>;
  followUps: Record<string, { date?: string; note?: string }>;
}

/** What each role may see in the console; the server checks every call again (deny by default). */
export function can(role: string) {
  const team = role === 'care_manager' || role === 'clinician' || role === 'admin';
  return {
    queue: team,
    // A reviewer's console is their assigned second opinions only (issue 8); the API still answers them.
    patients: team,
    messages: team,
    leads: role === 'care_manager' || role === 'admin',
    /** Clinicians write free MRI/CT review results: their Requests screen holds those only. */
    imagingReviews: role === 'clinician',
    assignInbox: role === 'care_manager' || role === 'admin',
    outcomes: team,
    settings: role === 'admin',
    editOverrides: role === 'clinician' || role === 'admin',
    /** Enrol patients, one by one or from a CSV file (issue 15). */
    enrol: role === 'care_manager' || role === 'admin',
    secondOpinions: team || role === 'reviewer',
  };
}
