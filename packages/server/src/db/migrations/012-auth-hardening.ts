import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Authentication hardening (issue 12, decision 010):
 * - one rate-limit counter per (clinic, bucket, key) and window, checked and incremented in one
 *   statement (http/rate-limit.ts), replacing the per-attempt rows of login_attempts/rate_limit_events
 *   as the thing limits are read from;
 * - one live sign-in code per patient, stored as a keyed HMAC, with its own count of tries;
 * - the clinic's HMAC key for those codes (made on first use), and which staff roles must use TOTP;
 * - the last TOTP step used, so a code is accepted once.
 */
const statements = [
  `create table rate_limit_counters (
    clinic_id uuid not null references clinics (id),
    bucket text not null,
    key text not null,
    window_started_at timestamptz not null,
    hits integer not null,
    primary key (clinic_id, bucket, key)
  )`,
  `create table sign_in_codes (
    clinic_id uuid not null,
    user_id uuid not null,
    code_hmac text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    tries integer not null default 0,
    primary key (clinic_id, user_id),
    foreign key (clinic_id, user_id) references users (clinic_id, id)
  )`,
  'alter table clinics add column sign_in_key text',
  'alter table clinics add column mfa_required_roles text[]',
  'alter table users add column totp_last_step bigint',
  // A staff member whose role must use TOTP and who has none yet: this session may only set it up.
  'alter table sessions add column mfa_setup_required boolean not null default false',
  // Replaced by rate_limit_counters (candidacy and intake count through http/rate-limit.ts too).
  'drop table rate_limit_events',
  // Old patient codes were unsalted SHA-256 of a 6-digit space: unusable from now on, and removed.
  `delete from sign_in_tokens where purpose = 'patient_sign_in'`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
