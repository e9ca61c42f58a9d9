import type { Role } from '../db/schema.ts';

/** Who is asking: from the session, never from the request body. */
export interface Actor {
  readonly userId: string;
  readonly clinicId: string;
  readonly role: Role;
  /** The patient record a patient account belongs to (null for staff). */
  readonly patientId: string | null;
  /** Signed in with the password only, where the role must use TOTP: only TOTP setup is open. */
  readonly mfaSetupRequired?: boolean;
}

export type PatientAction =
  | 'read'
  | 'submit-checkin'
  | 'read-messages'
  | 'send-message'
  | 'submit-prom'
  | 'act-on-alert'
  | 'override-plan'
  /** Hand the patient's messages to one care-team member. */
  | 'assign-inbox'
  /** See and download the patient's scans and reports; upload new ones (issue 8). */
  | 'read-imaging'
  | 'upload-imaging'
  /** Ask the clinic for a consultation, review, insurance check, info kit or call back (issue 8). */
  | 'make-request'
  | 'read-requests'
  /** Move, change or cancel the patient's surgery (issue 15). */
  | 'correct-surgery'
  | 'manage'
  /** Invite a patient to the app by email or SMS, resend or revoke it (issue 15). */
  | 'invite'
  /** The patient's language for the app, emails, SMS and PDFs (issue 15). */
  | 'set-language'
  /** Reminder settings, push devices and the calendar feed (issue 16): the patient's own choice. */
  | 'manage-reminders'
  /** The patient's time zone for reminders (issue 16): the patient or the team that knows it. */
  | 'set-time-zone'
  /** Record the exercises done on a day (issue 17): the patient's own log. */
  | 'log-exercise';

export type ClinicAction =
  | 'list-patients'
  | 'view-triage-queue'
  | 'read-message-inbox'
  | 'list-staff'
  | 'read-leads'
  | 'manage-leads'
  | 'enrol-patient'
  | 'invite-staff'
  | 'manage-users'
  | 'manage-clinic-settings'
  | 'assign-reviewer'
  | 'read-audit'
  /** A patient offers to talk with others as a past patient, and manages that offer. */
  | 'volunteer-as-peer'
  /** A patient asks to talk with a past patient and uses their own peer connections. */
  | 'connect-with-peer'
  /** Staff approve or pause peer volunteers and end peer connections (safety). */
  | 'manage-peers'
  /** The intake queue of requests (issue 8). */
  | 'read-requests'
  | 'manage-requests'
  /** Read the free MRI/CT review requests (only that kind) and their scans (issue 13). */
  | 'read-imaging-reviews'
  /** Write the clinical result of a free MRI/CT review, and its addenda: clinicians only (issue 13). */
  | 'write-imaging-review';

/**
 * The access policy as a table: what each role may do. Anything not listed is denied.
 * A patient acts only on their own record; a reviewer only on patients assigned to them;
 * staff only inside their own clinic.
 */
export const patientPermissions: Readonly<Record<Role, readonly PatientAction[]>> = {
  patient: [
    'read',
    'manage-reminders',
    'submit-checkin',
    'read-messages',
    'send-message',
    'submit-prom',
    'read-imaging',
    'upload-imaging',
    'make-request',
    'read-requests',
    'set-language',
    'set-time-zone',
    'log-exercise',
  ],
  care_manager: [
    'read',
    'read-messages',
    'send-message',
    'act-on-alert',
    'assign-inbox',
    'read-imaging',
    'upload-imaging',
    'read-requests',
    'correct-surgery',
    'invite',
    'set-language',
    'set-time-zone',
  ],
  clinician: [
    'read',
    'read-messages',
    'send-message',
    'act-on-alert',
    'override-plan',
    'submit-prom',
    'read-imaging',
    'upload-imaging',
    'correct-surgery',
  ],
  // Reviewers read the clinical record of assigned cases, not the private thread with the team.
  // No imaging yet: second-opinion cases will grant de-identified scans of assigned cases only.
  reviewer: ['read'],
  admin: [
    'read',
    'read-messages',
    'send-message',
    'act-on-alert',
    'override-plan',
    'assign-inbox',
    'manage',
    'read-imaging',
    'upload-imaging',
    'read-requests',
    'correct-surgery',
    'invite',
    'set-language',
    'set-time-zone',
  ],
};

export const clinicPermissions: Readonly<Record<Role, readonly ClinicAction[]>> = {
  patient: ['volunteer-as-peer', 'connect-with-peer'],
  care_manager: [
    'list-patients',
    'view-triage-queue',
    'read-message-inbox',
    'list-staff',
    'read-leads',
    'manage-leads',
    'manage-peers',
    'read-requests',
    'manage-requests',
    // Nurses enrol the patients they coordinate (issue 15).
    'enrol-patient',
  ],
  // A clinician (surgeon, physical therapist) writes free MRI/CT review results; care managers and
  // admins run the queue but write no clinical results (decision 015).
  clinician: [
    'list-patients',
    'view-triage-queue',
    'read-message-inbox',
    'list-staff',
    'read-imaging-reviews',
    'write-imaging-review',
  ],
  reviewer: [],
  admin: [
    'list-patients',
    'view-triage-queue',
    'read-message-inbox',
    'list-staff',
    'read-leads',
    'manage-leads',
    'enrol-patient',
    'invite-staff',
    'manage-users',
    'manage-clinic-settings',
    'assign-reviewer',
    'read-audit',
    'manage-peers',
    'read-requests',
    'manage-requests',
    'read-imaging-reviews',
  ],
};

export interface PatientTarget {
  readonly clinicId: string;
  readonly patientId: string;
  /** Whether this patient's case is assigned to the acting reviewer. */
  readonly assignedToActor?: boolean;
}

export function mayActOnPatient(
  actor: Actor,
  action: PatientAction,
  target: PatientTarget,
): boolean {
  if (actor.clinicId !== target.clinicId) return false;
  if (!patientPermissions[actor.role].includes(action)) return false;
  if (actor.role === 'patient') return actor.patientId === target.patientId;
  if (actor.role === 'reviewer') return target.assignedToActor === true;
  return true;
}

export function mayActInClinic(actor: Actor, action: ClinicAction, clinicId: string): boolean {
  return actor.clinicId === clinicId && clinicPermissions[actor.role].includes(action);
}

/** What a role may do with virtual second opinions (issue 8). Anything not listed is denied. */
export type SecondOpinionAction = 'request' | 'list' | 'read' | 'withdraw' | 'assign' | 'report';

export const secondOpinionPermissions: Readonly<Record<Role, readonly SecondOpinionAction[]>> = {
  patient: ['request', 'list', 'read', 'withdraw'],
  care_manager: ['list', 'read'],
  clinician: ['list', 'read'],
  // Reviewers reach only the cases assigned to them, self-contained (no patient routes).
  reviewer: ['list', 'read', 'report'],
  admin: ['list', 'read', 'assign'],
};

export interface SecondOpinionTarget {
  readonly clinicId: string;
  readonly patientId: string;
  readonly reviewerId: string | null;
}

/** Without a target: may the role do this at all (listing, asking). With one: on this case. */
export function mayActOnSecondOpinion(
  actor: Actor,
  action: SecondOpinionAction,
  target?: SecondOpinionTarget,
): boolean {
  if (!secondOpinionPermissions[actor.role].includes(action)) return false;
  if (!target) return true;
  if (actor.clinicId !== target.clinicId) return false;
  if (actor.role === 'patient') return actor.patientId === target.patientId;
  if (actor.role === 'reviewer') return target.reviewerId === actor.userId;
  return true;
}
