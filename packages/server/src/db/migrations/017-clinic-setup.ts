import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * From demo to a real clinic (issue 15, decision 017): the first-run setup token, the clinic
 * profile (logo, default language), the patient's language, patient invitations, and SMS rows in
 * the one outbox.
 */
const statements = [
  // The one-time token a fresh server prints at start. Not clinic data (no clinic exists yet).
  `create table server_setup_tokens (
    token_hash text primary key,
    created_at timestamptz not null default now(),
    used_at timestamptz
  )`,
  `alter table clinics add column default_language text not null default 'en'
    check (default_language in ('en', 'es'))`,
  `alter table clinics add column logo bytea`,
  `alter table clinics add column logo_type text check (logo_type in ('image/png', 'image/jpeg'))`,
  // Same definition as enrolment's migration 016: whichever runs first adds it.
  `alter table patients add column if not exists language text not null default 'en'
    check (language in ('en', 'es'))`,
  `create table patient_invitations (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    channel text not null check (channel in ('email', 'sms')),
    sent_to text not null,
    token_hash text not null,
    created_by uuid,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    revoked_at timestamptz,
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, created_by) references users (clinic_id, id)
  )`,
  'create unique index patient_invitations_token on patient_invitations (clinic_id, token_hash)',
  'create index patient_invitations_patient on patient_invitations (clinic_id, patient_id, created_at)',
  // One outbox for email and SMS: an SMS row has no subject and a phone number in to_address.
  `alter table outbox add column channel text not null default 'email' check (channel in ('email', 'sms'))`,
  'alter table outbox add column provider_message_id text',
  // A permanent refusal (a 4xx from the provider): never retried, kept for the record.
  'alter table outbox add column failed_at timestamptz',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
