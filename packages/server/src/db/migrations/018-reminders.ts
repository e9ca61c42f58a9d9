import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Reminders and follow-up (issue 16): the patient's reminder choices, one row per reminder sent
 * (its unique key makes a send happen once across servers and retries), Web Push subscriptions and
 * the clinic's VAPID key pair, private calendar feeds (token stored hashed), the "not heard from"
 * worklist acknowledgements and the staff's alert-email choices. Also patients.timezone, and
 * patients.language if missing (same definition as 016, `if not exists`). A cancelled surgery is
 * surgeries.cancelled_at (016): a cancelled one gets no reminders.
 */
const statements = [
  `alter table patients add column if not exists language text not null default 'en' check (language in ('en', 'es'))`,
  `alter table patients add column if not exists timezone text`,
  'alter table clinics add column reminder_settings jsonb',
  'alter table outbox add column headers jsonb',
  `create table reminder_prefs (
    clinic_id uuid not null,
    patient_id uuid not null,
    channels text[] not null default '{email,push}',
    paused boolean not null default false,
    quiet_start text check (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    quiet_end text check (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    updated_at timestamptz not null default now(),
    primary key (clinic_id, patient_id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id)
  )`,
  `create table reminder_sends (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    kind text not null,
    local_date date not null,
    channel text not null check (channel in ('email', 'sms', 'push')),
    items jsonb not null,
    status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'gone', 'skipped')),
    result text,
    stop_token_hash text,
    created_at timestamptz not null,
    sent_at timestamptz,
    primary key (clinic_id, id),
    unique (clinic_id, patient_id, kind, local_date, channel),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id)
  )`,
  `create index reminder_sends_queued on reminder_sends (clinic_id, created_at) where status = 'queued' and channel = 'push'`,
  `create unique index reminder_sends_stop on reminder_sends (clinic_id, stop_token_hash) where stop_token_hash is not null`,
  `create table push_vapid_keys (
    clinic_id uuid not null primary key references clinics (id),
    public_key text not null,
    private_key text not null,
    created_at timestamptz not null default now()
  )`,
  `create table push_subscriptions (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    endpoint text not null check (endpoint ~ '^https?://' and length(endpoint) <= 2000),
    p256dh text not null,
    auth text not null,
    created_at timestamptz not null default now(),
    primary key (clinic_id, id),
    unique (clinic_id, endpoint),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id)
  )`,
  'create index push_subscriptions_patient on push_subscriptions (clinic_id, patient_id)',
  `create table calendar_feeds (
    clinic_id uuid not null,
    token_hash text not null,
    patient_id uuid not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    primary key (clinic_id, token_hash),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id)
  )`,
  'create index calendar_feeds_patient on calendar_feeds (clinic_id, patient_id)',
  `create table worklist_acks (
    clinic_id uuid not null,
    patient_id uuid not null,
    reason text not null check (reason in ('missed-checkins', 'after-alert')),
    last_checkin_at timestamptz,
    acknowledged_by uuid not null,
    acknowledged_at timestamptz not null,
    primary key (clinic_id, patient_id, reason),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, acknowledged_by) references users (clinic_id, id)
  )`,
  `create table staff_notification_prefs (
    clinic_id uuid not null,
    user_id uuid not null,
    email_new_urgent boolean not null default false,
    email_escalations boolean not null default true,
    updated_at timestamptz not null default now(),
    primary key (clinic_id, user_id),
    foreign key (clinic_id, user_id) references users (clinic_id, id)
  )`,
  'create index surgeries_by_date on surgeries (clinic_id, surgery_date)',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
