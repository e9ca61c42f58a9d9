/** The intake requests' shapes as the API answers them (issue 8). */

export type Kind = 'treatment' | 'imaging_review' | 'insurance' | 'info_kit' | 'callback';
export type Status = 'new' | 'in_progress' | 'done' | 'closed';
export type Outcome = 'verified' | 'not_covered' | 'needs_information';
export const kinds: Kind[] = ['treatment', 'imaging_review', 'insurance', 'info_kit', 'callback'];
export const statuses: Status[] = ['new', 'in_progress', 'done', 'closed'];
export const outcomes: Outcome[] = ['verified', 'not_covered', 'needs_information'];
// Mirrors the server's transitions (intake/transitions.ts); the server refuses anything else.
export const nextStatuses: Record<Status, Status[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['done', 'closed'],
  done: [],
  closed: [],
};

export interface RequestRow {
  id: string;
  kind: Kind;
  status: Status;
  urgent: boolean;
  redFlags: { id: string; concern: string; level: string; matched: string[] }[];
  patientId: string | null;
  contact: { name: string; email: string | null; phone: string | null; language: string };
  region: string | null;
  symptoms: string | null;
  details: Record<string, unknown>;
  assignee: { id: string; name: string } | null;
  createdAt: string;
  firstResponseAt: string | null;
  minutesToFirstResponse: number | null;
  insuranceOutcome: { outcome: Outcome; message: string; at: string } | null;
  reviewWrittenAt: string | null;
}
export interface Note {
  id: string;
  body: string;
  at: string;
  author: { id: string; name: string };
}
export interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
}
