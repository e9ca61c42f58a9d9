import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the tables created by migrations/. Both engines return the same JavaScript types:
 * timestamptz → Date, date → 'YYYY-MM-DD' string, jsonb → parsed value, int8 → number (see open.ts).
 */

/** Filled in by the database when omitted, never changed afterwards. */
type Default<T> = ColumnType<T, T | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type IsoDateColumn = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export type Role = 'patient' | 'care_manager' | 'clinician' | 'reviewer' | 'admin';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface ClinicsTable {
  id: Default<string>;
  slug: string;
  name: string;
  timezone: Generated<string>;
  created_at: Default<Date>;
  /** PROM instruments the clinic holds a licence for (migration 002). */
  licensed_instruments: Generated<string[]>;
  /** Minutes to acknowledge per level, where the clinic differs from the defaults (migration 003). */
  ack_deadlines: ColumnType<unknown, string | undefined, string>;
  /** The clinic's phone line and the local emergency number, shown on urgent and emergency screens (migration 004). */
  phone: string | null;
  emergency_number: Generated<string>;
  /** Weekday opening hours (pathway's ClinicHours); null: the default Monday to Friday 08:00–17:00 (migration 007). */
  opening_hours: ColumnType<unknown, string | null | undefined, string | null>;
  /** Business days a reviewer has for a second-opinion report (migration 009). */
  second_opinion_report_days: Generated<number>;
  /** HMAC key for patient sign-in codes, made on first use (migration 012). */
  sign_in_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Staff roles that must use TOTP; null: the server's default (migration 012). */
  mfa_required_roles: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  /** Bytes of scans and reports the clinic may store, originals and copies (migration 013, decision 011). */
  imaging_quota_bytes: Generated<number>;
  /** The language for the clinic's patients until they choose (migration 017). */
  default_language: Generated<'en' | 'es'>;
  /** A PNG or JPEG, at most 200 KB, for the patient app header and the info kit (migration 017). */
  logo: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  logo_type: ColumnType<
    'image/png' | 'image/jpeg' | null,
    string | null | undefined,
    string | null
  >;
  /** Reminder cadence, quiet hours and worklist thresholds where the clinic differs from the defaults (migration 018). */
  reminder_settings: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface UsersTable {
  clinic_id: string;
  id: Default<string>;
  role: Role;
  email: string;
  display_name: string;
  password_hash: string | null;
  totp_secret: string | null;
  /** A secret being set up, not yet confirmed with a code (migration 002). */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last 30-second TOTP step accepted, so a code works once (migration 012). */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Default<Date>;
  disabled_at: Timestamp | null;
}

export interface SessionsTable {
  clinic_id: string;
  token_hash: string;
  user_id: string;
  mfa_verified: Generated<boolean>;
  /** This session may only set up TOTP (its role must use it; migration 012). */
  mfa_setup_required: Generated<boolean>;
  created_at: Default<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface SignInTokensTable {
  clinic_id: string;
  token_hash: string;
  user_id: string;
  purpose: 'patient_sign_in' | 'staff_invite' | 'password_reset';
  created_at: Default<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  clinic_id: string;
  id: Default<string>;
  email: string;
  ip: string | null;
  succeeded: boolean;
  at: Default<Date>;
}

export interface PatientsTable {
  clinic_id: string;
  id: Default<string>;
  user_id: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: IsoDateColumn | null;
  email: string | null;
  phone: string | null;
  created_at: Default<Date>;
  created_by: string | null;
  /** The care-team member who owns this patient's messages; null: the whole team. */
  inbox_owner: Generated<string | null>;
  /** The patient's preferred language (016). */
  language: Generated<'en' | 'es'>;
  /** The clinic's own identifier (MRN or the scheduling system's id), unique per clinic (016). */
  mrn: Generated<string | null>;
  /** The patient's own time zone for reminders; null: the clinic's (migration 018). */
  timezone: Generated<string | null>;
  /** The latest submitted_at of the patient's check-ins, written by the check-in's statement (019). */
  last_checkin_at: Generated<Date | null>;
}

export interface ReviewerAssignmentsTable {
  clinic_id: string;
  reviewer_id: string;
  patient_id: string;
  assigned_at: Default<Date>;
  assigned_by: string | null;
}

export interface SurgeriesTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  surgeon_id: string | null;
  region: string;
  procedure: string;
  approach: string;
  fusion: Generated<boolean>;
  levels: number;
  surgery_date: IsoDateColumn;
  factors: ColumnType<unknown, string | undefined, string>;
  overrides: ColumnType<unknown, string | undefined, string>;
  created_at: Default<Date>;
  /** Set when the surgery was cancelled: no plan or questionnaire schedule follows from it (016). */
  cancelled_at: Generated<Date | null>;
  cancelled_by: Generated<string | null>;
  cancel_reason: Generated<string | null>;
}

export interface CheckinsTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  surgery_id: string | null;
  idempotency_key: string;
  answers: Json;
  triage: Json;
  level: string;
  submitted_at: Timestamp;
  received_at: Default<Date>;
  /** The language the patient's screen showed the instructions in; null before issue 17 (019). */
  told_lang: Generated<'en' | 'es' | null>;
}

export interface AlertsTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  checkin_id: string | null;
  level: string;
  priority: number;
  status: Generated<AlertStatus>;
  findings: Json;
  created_at: Default<Date>;
  deadline_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  notes: string | null;
  off_track: Generated<boolean>;
  escalation_step: Generated<number>;
  escalated_at: Timestamp | null;
  escalated_to: string | null;
}

export interface OnCallTable {
  clinic_id: string;
  position: number;
  user_id: string;
}

export interface AlertEventsTable {
  clinic_id: string;
  id: Default<string>;
  alert_id: string;
  actor_id: string | null;
  kind: 'created' | 'acknowledged' | 'resolved' | 'note' | 'escalated';
  note: string | null;
  at: Default<Date>;
}

export interface MessagesTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  sender_id: string;
  body: string;
  sent_at: Default<Date>;
  read_at: Timestamp | null;
}

export interface PromResponsesTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  instrument: string;
  answers: Json;
  score: number | null;
  due_on: IsoDateColumn | null;
  completed_at: Generated<Date>;
  /** The full score, every scale (migration 002). */
  scores: ColumnType<unknown, string | null | undefined, string | null>;
  entered_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CandidacyAssessmentsTable {
  clinic_id: string;
  id: Default<string>;
  answers: Json;
  result: Json;
  created_at: Default<Date>;
}

export interface CandidacyLeadsTable {
  clinic_id: string;
  id: Default<string>;
  assessment_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  consented_at: Timestamp;
  status: Generated<'new' | 'contacted' | 'closed'>;
  created_at: Default<Date>;
  /** The care-team member who follows this lead up; null: nobody yet. */
  assigned_to: Generated<string | null>;
}

/** Append-only: a trigger rejects UPDATE, DELETE and TRUNCATE, so the types allow only inserts. */
export interface AuditLogTable {
  clinic_id: ColumnType<string, string, never>;
  id: Default<string>;
  at: Default<Date>;
  actor_id: ColumnType<string | null, string | null | undefined, never>;
  actor_role: ColumnType<string | null, string | null | undefined, never>;
  action: ColumnType<string, string, never>;
  subject_type: ColumnType<string, string, never>;
  subject_id: ColumnType<string | null, string | null | undefined, never>;
  patient_id: ColumnType<string | null, string | null | undefined, never>;
  ip: ColumnType<string | null, string | null | undefined, never>;
  details: ColumnType<unknown, string | null | undefined, never>;
  /** The hash chain (migration 014): filled by the insert trigger, never by the application. */
  lane: ColumnType<number, never, never>;
  seq: ColumnType<number, never, never>;
  prev_hash: ColumnType<string, never, never>;
  hash: ColumnType<string, never, never>;
}

export interface AuditChainHeadsTable {
  clinic_id: string;
  lane: number;
  seq: number;
  last_hash: string;
}

export interface OutboxTable {
  clinic_id: string;
  id: Default<string>;
  to_address: string;
  subject: string;
  body_text: string;
  kind: string;
  created_at: Default<Date>;
  next_attempt_at: Generated<Date>;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  /** email or sms (migration 017); an SMS row has an E.164 number in to_address and no subject. */
  channel: Generated<'email' | 'sms'>;
  /** The provider's id for a sent SMS (Twilio's message sid). */
  provider_message_id: string | null;
  /** Refused for good (a 4xx from the provider): not retried. */
  failed_at: Timestamp | null;
  /** Extra headers (List-Unsubscribe…), migration 018. */
  headers: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface ServerSetupTokensTable {
  token_hash: string;
  created_at: Default<Date>;
  used_at: Timestamp | null;
}

export interface PatientInvitationsTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  channel: 'email' | 'sms';
  sent_to: string;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Migration 018: reminders, push, calendar feeds, worklist, staff alert emails. */
export interface ReminderPrefsTable {
  clinic_id: string;
  patient_id: string;
  channels: Generated<string[]>;
  paused: Generated<boolean>;
  quiet_start: string | null;
  quiet_end: string | null;
  updated_at: Generated<Date>;
}

export interface ReminderSendsTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  kind: string;
  local_date: IsoDateColumn;
  channel: 'email' | 'sms' | 'push';
  items: Json;
  status: Generated<'queued' | 'sent' | 'failed' | 'gone' | 'skipped'>;
  result: string | null;
  stop_token_hash: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface PushVapidKeysTable {
  clinic_id: string;
  public_key: string;
  private_key: string;
  created_at: Default<Date>;
}

export interface PushSubscriptionsTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Default<Date>;
}

export interface CalendarFeedsTable {
  clinic_id: string;
  token_hash: string;
  patient_id: string;
  created_at: Default<Date>;
  revoked_at: Timestamp | null;
}

export interface WorklistAcksTable {
  clinic_id: string;
  patient_id: string;
  reason: 'missed-checkins' | 'after-alert';
  last_checkin_at: Timestamp | null;
  acknowledged_by: string;
  acknowledged_at: Timestamp;
}

export interface StaffNotificationPrefsTable {
  clinic_id: string;
  user_id: string;
  email_new_urgent: Generated<boolean>;
  email_escalations: Generated<boolean>;
  updated_at: Generated<Date>;
}

/** Attempts of anonymous forms, counted per hashed visitor address (migration 002). */
/** One counter per (clinic, bucket, key), for a fixed window from its first hit (migration 012). */
export interface RateLimitCountersTable {
  clinic_id: string;
  bucket: string;
  key: string;
  window_started_at: Timestamp;
  hits: number;
}

/** The one live sign-in code of a patient: its HMAC, never the code (migration 012). */
export interface SignInCodesTable {
  clinic_id: string;
  user_id: string;
  code_hmac: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  tries: Generated<number>;
}

/** Storage quota counters (migration 013, storage/quota.ts): one row per clinic, request, token or patient. */
export interface UploadQuotasTable {
  clinic_id: string;
  scope: 'clinic' | 'request' | 'token' | 'patient';
  key: string;
  used_bytes: number;
  updated_at: Default<Date>;
}

/** A study per owner and Study Instance UID (migration 006); counts come from imaging_files. */
export interface ImagingStudiesTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string | null;
  request_id: string | null;
  study_instance_uid: string;
  deid_salt: string;
  modality: string | null;
  body_part: string | null;
  study_date: IsoDateColumn | null;
  description: string | null;
  created_at: Default<Date>;
  created_by: string | null;
}

/** One uploaded file: a DICOM image of a study, or a PDF/JPEG report (migration 006). */
export interface ImagingFilesTable {
  clinic_id: string;
  id: Default<string>;
  study_id: string | null;
  patient_id: string | null;
  request_id: string | null;
  kind: 'dicom' | 'pdf' | 'jpeg';
  original_name: string;
  byte_size: number;
  sha256: string;
  storage_key: string;
  deid_storage_key: string | null;
  deid_sha256: string | null;
  series_instance_uid: string | null;
  series_number: number | null;
  series_description: string | null;
  modality: string | null;
  sop_instance_uid: string | null;
  instance_number: number | null;
  rows: number | null;
  columns: number | null;
  frames: number | null;
  transfer_syntax: string | null;
  uploaded_by: string | null;
  uploaded_at: Default<Date>;
}

/** A past patient who offered to talk with others (migration 008). */
export interface PeerVolunteersTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  display_name: string;
  condition: string;
  region: string;
  procedure: string;
  fusion: boolean;
  age_band: string;
  languages: string[];
  availability: Generated<string[]>;
  availability_note: Generated<string>;
  intro: string;
  consented_at: Timestamp;
  created_at: Default<Date>;
  updated_at: Timestamp;
  approved_at: Timestamp | null;
  approved_by: string | null;
  paused_at: Timestamp | null;
  staff_paused_at: Timestamp | null;
  staff_paused_by: string | null;
  withdrawn_at: Timestamp | null;
}

export type PeerConnectionStatus = 'requested' | 'active' | 'declined' | 'ended';

export interface PeerConnectionsTable {
  clinic_id: string;
  id: Default<string>;
  requester_patient_id: string;
  volunteer_id: string;
  topic: string;
  status: Generated<PeerConnectionStatus>;
  requester_consented_at: Timestamp;
  volunteer_consented_at: Timestamp | null;
  declined_at: Timestamp | null;
  ended_at: Timestamp | null;
  ended_by: string | null;
  ended_by_role: string | null;
  created_at: Default<Date>;
}

export interface PeerMessagesTable {
  clinic_id: string;
  id: Default<string>;
  connection_id: string;
  sender_patient_id: string;
  body: string;
  sent_at: Default<Date>;
  seq: Default<number>;
}

/** Requests from the clinic's front door: visitors and patients (migration 007). */
export interface IntakeRequestsTable {
  clinic_id: string;
  id: Default<string>;
  kind: 'treatment' | 'imaging_review' | 'insurance' | 'info_kit' | 'callback';
  patient_id: string | null;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  language: 'en' | 'es';
  consented_at: Timestamp;
  region: 'lumbar' | 'cervical' | null;
  symptoms: string | null;
  assessment_id: string | null;
  details: Json;
  red_flags: Json;
  urgent: Generated<boolean>;
  status: Generated<'new' | 'in_progress' | 'done' | 'closed'>;
  assigned_to: string | null;
  first_response_at: Timestamp | null;
  insurance_outcome: 'verified' | 'not_covered' | 'needs_information' | null;
  outcome_message: string | null;
  outcome_at: Timestamp | null;
  token_hash: string;
  token_expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IntakeRequestNotesTable {
  clinic_id: string;
  id: Default<string>;
  request_id: string;
  author_id: string;
  body: string;
  at: Timestamp;
}

/** A clinician's result of a free MRI/CT review, written once per request (migration 015). */
export interface ImagingReviewResultsTable {
  clinic_id: string;
  request_id: string;
  author_id: string;
  next_step: 'consultation' | 'conservative_care' | 'nothing_needed';
  summary: string;
  created_at: Timestamp;
}

/** Corrections to a free MRI/CT review result, appended only (migration 015). */
export interface ImagingReviewAddendaTable {
  clinic_id: string;
  id: Default<string>;
  request_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export type SecondOpinionStatus = 'requested' | 'assigned' | 'reported' | 'withdrawn';

/** A virtual second opinion: the question, the summary snapshot, the reviewer and the report (migration 009). */
export interface SecondOpinionsTable {
  clinic_id: string;
  id: Default<string>;
  patient_id: string;
  question: string;
  share_identity: Generated<boolean>;
  summary: Json;
  status: Generated<SecondOpinionStatus>;
  created_at: Default<Date>;
  reviewer_id: string | null;
  assigned_by: string | null;
  assigned_at: Timestamp | null;
  due_on: IsoDateColumn | null;
  due_at: Timestamp | null;
  report: ColumnType<unknown, string | null | undefined, string | null>;
  reported_at: Timestamp | null;
  /** Corrections after the report: [{ text, at }], appended only. */
  addenda: ColumnType<unknown, string | undefined, string>;
  withdrawn_at: Timestamp | null;
  alert_id: string | null;
}

/** Scans attached to a second opinion, by the imaging study's id (migration 009). */
export interface SecondOpinionStudiesTable {
  clinic_id: string;
  case_id: string;
  study_id: string;
  attached_at: Default<Date>;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Default<Date>;
}

export interface Database {
  clinics: ClinicsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_tokens: SignInTokensTable;
  login_attempts: LoginAttemptsTable;
  patients: PatientsTable;
  reviewer_assignments: ReviewerAssignmentsTable;
  surgeries: SurgeriesTable;
  checkins: CheckinsTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  messages: MessagesTable;
  prom_responses: PromResponsesTable;
  candidacy_assessments: CandidacyAssessmentsTable;
  candidacy_leads: CandidacyLeadsTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
  outbox: OutboxTable;
  rate_limit_counters: RateLimitCountersTable;
  sign_in_codes: SignInCodesTable;
  server_setup_tokens: ServerSetupTokensTable;
  patient_invitations: PatientInvitationsTable;
  on_call: OnCallTable;
  imaging_studies: ImagingStudiesTable;
  imaging_files: ImagingFilesTable;
  upload_quotas: UploadQuotasTable;
  peer_volunteers: PeerVolunteersTable;
  peer_connections: PeerConnectionsTable;
  peer_messages: PeerMessagesTable;
  intake_requests: IntakeRequestsTable;
  intake_request_notes: IntakeRequestNotesTable;
  imaging_review_results: ImagingReviewResultsTable;
  imaging_review_addenda: ImagingReviewAddendaTable;
  schema_migrations: SchemaMigrationsTable;
  second_opinions: SecondOpinionsTable;
  second_opinion_studies: SecondOpinionStudiesTable;
  reminder_prefs: ReminderPrefsTable;
  reminder_sends: ReminderSendsTable;
  push_vapid_keys: PushVapidKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  calendar_feeds: CalendarFeedsTable;
  worklist_acks: WorklistAcksTable;
  staff_notification_prefs: StaffNotificationPrefsTable;
  wound_photos: WoundPhotosTable;
  exercise_logs: ExerciseLogsTable;
  smart_clients: SmartClientsTable;
  smart_assertion_jtis: SmartAssertionJtisTable;
  smart_access_tokens: SmartAccessTokensTable;
  fhir_exports: FhirExportsTable;
}

/** A wound photo attached to a check-in or a message (issue 17, migration 021). */
export interface WoundPhotosTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  checkin_id: string | null;
  message_id: string | null;
  content_type: 'image/jpeg' | 'image/png';
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

/** Migration 022: the exercise log, one row per patient and local day (issue 17). */
export interface ExerciseLogsTable {
  clinic_id: string;
  patient_id: string;
  local_date: IsoDateColumn;
  done: string[];
  idempotency_key: string;
  updated_at: Timestamp;
}

/** A system client of the clinic (SMART Backend Services, issue 18): its keys and allowed scopes. */
export interface SmartClientsTable {
  clinic_id: string;
  id: Default<string>;
  name: string;
  jwks: ColumnType<unknown, string | null | undefined, string | null>;
  jwks_url: string | null;
  scopes: string[];
  created_by: string | null;
  created_at: Default<Date>;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

/** Assertion ids (jti) already used: the primary key refuses a replay. */
export interface SmartAssertionJtisTable {
  clinic_id: string;
  client_id: string;
  jti: string;
  expires_at: Timestamp;
}

/** Access tokens issued to system clients (sha256 of the token; the token itself is never stored). */
export interface SmartAccessTokensTable {
  clinic_id: string;
  token_hash: string;
  client_id: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** A Bulk Data $export job (issue 18): its files live in the BlobStore. */
export interface FhirExportsTable {
  clinic_id: string;
  id: Default<string>;
  status: Generated<'in-progress' | 'completed' | 'failed' | 'cancelled'>;
  /** system: the whole clinic; patient: its patients (Patient/$export, Group/$export). Migration 024. */
  level: Generated<'system' | 'patient'>;
  /** How far a running export got, for X-Progress. */
  progress: string | null;
  types: string[];
  since: Timestamp | null;
  request_url: string;
  requested_by: string | null;
  smart_client_id: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  output: ColumnType<unknown, string | null | undefined, string | null>;
}
