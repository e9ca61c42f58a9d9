import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The core schema. Rules (checked by schema-rules.test.ts):
 * - every table holding a clinic's data leads its primary key, its indexes and its foreign keys
 *   with clinic_id, so a clinic's rows can live together on one shard later (Citus);
 * - only SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) both run; ids come from the app
 *   (crypto.randomUUID) or gen_random_uuid(), which both have;
 * - enumerations that drive behaviour (role, alert status) are CHECKed; clinical vocabularies
 *   (region, procedure, level) are validated by @lamina/pathway and stored as text.
 */
const statements = [
  `create table clinics (
    id uuid primary key default gen_random_uuid(),
    slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name text not null,
    timezone text not null default 'UTC',
    created_at timestamptz not null default now()
  )`,

  `create table users (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    role text not null check (role in ('patient', 'care_manager', 'clinician', 'reviewer', 'admin')),
    email text not null,
    display_name text not null,
    password_hash text,
    totp_secret text,
    created_at timestamptz not null default now(),
    disabled_at timestamptz,
    primary key (clinic_id, id)
  )`,
  // Sign-in is per clinic (the clinic comes from the address), so email is unique within one.
  'create unique index users_email on users (clinic_id, lower(email))',

  `create table sessions (
    clinic_id uuid not null,
    token_hash text not null,
    user_id uuid not null,
    mfa_verified boolean not null default false,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    ip text,
    user_agent text,
    primary key (clinic_id, token_hash),
    foreign key (clinic_id, user_id) references users (clinic_id, id)
  )`,
  'create index sessions_user on sessions (clinic_id, user_id)',

  // One-time codes and links: patient sign-in, staff invitations, password resets.
  `create table sign_in_tokens (
    clinic_id uuid not null,
    token_hash text not null,
    user_id uuid not null,
    purpose text not null check (purpose in ('patient_sign_in', 'staff_invite', 'password_reset')),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    primary key (clinic_id, token_hash),
    foreign key (clinic_id, user_id) references users (clinic_id, id)
  )`,
  'create index sign_in_tokens_user on sign_in_tokens (clinic_id, user_id)',

  // Kept in the database, not in memory, so every server process sees the same failures.
  `create table login_attempts (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    email text not null,
    ip text,
    succeeded boolean not null,
    at timestamptz not null default now(),
    primary key (clinic_id, id)
  )`,
  'create index login_attempts_email on login_attempts (clinic_id, lower(email), at)',

  `create table patients (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    user_id uuid,
    given_name text not null,
    family_name text not null,
    date_of_birth date,
    email text,
    phone text,
    created_at timestamptz not null default now(),
    created_by uuid,
    primary key (clinic_id, id),
    foreign key (clinic_id, user_id) references users (clinic_id, id),
    foreign key (clinic_id, created_by) references users (clinic_id, id)
  )`,
  'create unique index patients_user on patients (clinic_id, user_id)',
  'create index patients_name on patients (clinic_id, lower(family_name), lower(given_name))',

  // Independent reviewers see only the patients assigned to them.
  `create table reviewer_assignments (
    clinic_id uuid not null,
    reviewer_id uuid not null,
    patient_id uuid not null,
    assigned_at timestamptz not null default now(),
    assigned_by uuid,
    primary key (clinic_id, reviewer_id, patient_id),
    foreign key (clinic_id, reviewer_id) references users (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, assigned_by) references users (clinic_id, id)
  )`,
  'create index reviewer_assignments_patient on reviewer_assignments (clinic_id, patient_id)',

  `create table surgeries (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    surgeon_id uuid,
    region text not null,
    procedure text not null,
    approach text not null,
    fusion boolean not null default false,
    levels smallint not null check (levels between 1 and 8),
    surgery_date date not null,
    factors jsonb not null default '{}',
    overrides jsonb not null default '{}',
    created_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, surgeon_id) references users (clinic_id, id)
  )`,
  'create index surgeries_patient on surgeries (clinic_id, patient_id, surgery_date)',

  `create table checkins (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    surgery_id uuid,
    idempotency_key text not null check (length(idempotency_key) between 1 and 200),
    answers jsonb not null,
    triage jsonb not null,
    level text not null,
    submitted_at timestamptz not null,
    received_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, surgery_id) references surgeries (clinic_id, id)
  )`,
  'create unique index checkins_idempotency on checkins (clinic_id, patient_id, idempotency_key)',
  'create index checkins_patient on checkins (clinic_id, patient_id, submitted_at)',

  // priority is the level's rank from the triage decision (0 = most urgent): the queue sorts on it.
  `create table alerts (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    checkin_id uuid,
    level text not null,
    priority smallint not null check (priority >= 0),
    status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
    findings jsonb not null,
    created_at timestamptz not null default now(),
    deadline_at timestamptz,
    acknowledged_by uuid,
    acknowledged_at timestamptz,
    resolved_by uuid,
    resolved_at timestamptz,
    notes text,
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, checkin_id) references checkins (clinic_id, id),
    foreign key (clinic_id, acknowledged_by) references users (clinic_id, id),
    foreign key (clinic_id, resolved_by) references users (clinic_id, id),
    check (status <> 'acknowledged' or (acknowledged_by is not null and acknowledged_at is not null)),
    check (status <> 'resolved' or (resolved_by is not null and resolved_at is not null))
  )`,
  // The triage queue: a clinic's unresolved alerts, most urgent level first, then oldest first.
  `create index alerts_queue on alerts (clinic_id, priority, created_at)
    where status in ('open', 'acknowledged')`,
  // Escalation: open alerts whose deadline passes.
  `create index alerts_deadline on alerts (clinic_id, deadline_at) where status = 'open'`,
  'create index alerts_patient on alerts (clinic_id, patient_id, created_at)',

  `create table alert_events (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    alert_id uuid not null,
    actor_id uuid,
    kind text not null check (kind in ('created', 'acknowledged', 'resolved', 'note', 'escalated')),
    note text,
    at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, alert_id) references alerts (clinic_id, id),
    foreign key (clinic_id, actor_id) references users (clinic_id, id)
  )`,
  'create index alert_events_alert on alert_events (clinic_id, alert_id, at)',

  // A thread per patient between the patient and the care team.
  `create table messages (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    sender_id uuid not null,
    body text not null check (length(body) between 1 and 10000),
    sent_at timestamptz not null default now(),
    read_at timestamptz,
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, sender_id) references users (clinic_id, id)
  )`,
  'create index messages_patient on messages (clinic_id, patient_id, sent_at)',

  `create table prom_responses (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    instrument text not null,
    answers jsonb not null,
    score double precision,
    due_on date,
    completed_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id)
  )`,
  'create index prom_responses_patient on prom_responses (clinic_id, patient_id, instrument, completed_at)',

  // Taken without an account on a clinic's public page.
  `create table candidacy_assessments (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    answers jsonb not null,
    result jsonb not null,
    created_at timestamptz not null default now(),
    primary key (clinic_id, id)
  )`,
  'create index candidacy_assessments_created on candidacy_assessments (clinic_id, created_at)',

  `create table candidacy_leads (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    assessment_id uuid not null,
    name text not null,
    email text,
    phone text,
    consented_at timestamptz not null,
    status text not null default 'new' check (status in ('new', 'contacted', 'closed')),
    created_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, assessment_id) references candidacy_assessments (clinic_id, id),
    check (email is not null or phone is not null)
  )`,
  'create index candidacy_leads_status on candidacy_leads (clinic_id, status, created_at)',

  // Who did what to which record, from where. No foreign keys: the log outlives what it describes.
  `create table audit_log (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    at timestamptz not null default now(),
    actor_id uuid,
    actor_role text,
    action text not null,
    subject_type text not null,
    subject_id text,
    patient_id uuid,
    ip text,
    details jsonb,
    primary key (clinic_id, id)
  )`,
  'create index audit_log_at on audit_log (clinic_id, at)',
  'create index audit_log_patient on audit_log (clinic_id, patient_id, at)',
  `create function audit_log_is_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
      using errcode = 'insufficient_privilege';
  end
  $$`,
  `create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`,
  `create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only()`,

  // Emails waiting to be sent (in development they go to the log).
  `create table outbox (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    to_address text not null,
    subject text not null,
    body_text text not null,
    kind text not null,
    created_at timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts integer not null default 0,
    last_error text,
    sent_at timestamptz,
    primary key (clinic_id, id)
  )`,
  'create index outbox_pending on outbox (clinic_id, next_attempt_at) where sent_at is null',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
