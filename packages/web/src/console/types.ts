/** What the console reads from the API (see GET /api/openapi.json for the routes). */
import type { CheckinInput, PromChange, Statement, TriageLevel } from '@lamina/pathway';

export type AlertLevel = 'emergency' | 'urgent' | 'contact';
export type StaffRole = 'care_manager' | 'clinician' | 'admin' | 'reviewer';

export interface Finding {
  ruleId: string;
  level: TriageLevel;
  instruction: Statement;
  clinicianSummary: string;
  patientWords?: string;
}

export interface QueueAlert {
  id: string;
  level: AlertLevel;
  status: 'open' | 'acknowledged';
  findings: Finding[];
  created_at: string;
  deadline_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  notes: string | null;
  patient_id: string;
  off_track: boolean;
  escalation_step: number;
  escalated_at: string | null;
  /** No check-in in the day since this urgent/emergency alert (issue 16). */
  no_checkin_since?: boolean;
  given_name: string;
  family_name: string;
  triage: { level: TriageLevel; instruction?: Statement; daysSinceSurgery?: number } | null;
  answers: CheckinInput | null;
  overdue: boolean;
}

/** One card of the live queue (GET /api/alerts/queue and /api/alerts/:alertId/card). */
export interface QueueCard {
  id: string;
  level: AlertLevel;
  status: 'open' | 'acknowledged';
  /** Server order: priority (lower first), then createdAt, then id. */
  priority: number;
  offTrack: boolean;
  findings: Finding[];
  instruction: Statement | null;
  createdAt: string;
  deadlineAt: string | null;
  overdue: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  notes: string | null;
  escalationStep: number;
  escalatedAt: string | null;
  patient: {
    id: string;
    givenName: string;
    familyName: string;
    surgeryDate: string | null;
    daysSinceSurgery: number | null;
  };
}

export interface AlertEvent {
  alert_id: string;
  kind: string;
  note: string | null;
  at: string;
  actor: string | null;
}

export interface PatientAlert {
  id: string;
  level: AlertLevel;
  status: 'open' | 'acknowledged' | 'resolved';
  off_track: boolean;
  findings: Finding[];
  created_at: string;
  deadline_at: string | null;
  acknowledged_at: string | null;
  resolved_at: string | null;
  escalation_step: number;
  events: AlertEvent[];
}

export interface PromResponse {
  id: string;
  instrument: string;
  completedOn: string;
  score: { scales: { scale: string; value: number | undefined }[] } | null;
  change: Omit<PromChange, 'rule' | 'instrument'>[];
}

export interface Message {
  id: string;
  body: string;
  sentAt: string;
  readAt: string | null;
  from: { userId: string; name: string; role: string; side: 'patient' | 'care-team' };
}

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

export interface Lead {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: 'new' | 'contacted' | 'closed';
  created_at: string;
  category: string | null;
  region: string | null;
  assignee: Assignee | null;
}

/** Whom an inbox item (a patient's messages, a lead) is assigned to. */
export interface Assignee {
  id: string;
  name: string;
}

/** GET /api/clinic/staff: the care team, who can be assigned the inbox or put on call. */
export interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

export type Deadline = { seconds: number } | { businessDays: number };
export interface AlertSettings {
  ackDeadlines: Record<AlertLevel, Deadline>;
  onCall: { position: number; id: string; display_name: string; role: string }[];
}

export interface OutcomeGroup {
  region: string;
  procedure: string;
  patients: number;
  promCompletion: { timepoint: string; opened: number; completed: number; rate: number | null }[];
  mcid: { timepoint: string; measured: number; improved: number; share: number | null }[];
  patientWeeks: number;
  alertsPer100PatientWeeks: Record<AlertLevel, number>;
  medianMinutesToAcknowledge: Record<AlertLevel, number | null>;
  overdue: number;
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
