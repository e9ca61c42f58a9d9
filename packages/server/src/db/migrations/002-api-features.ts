import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * What the remaining API routes need: the clinic's PROM licences, a pending TOTP secret during
 * setup, who entered a PROM and all its scales, and a database-held rate limit for anonymous
 * forms. Same rules as 001: clinic_id leads every key and index, SQL both engines run.
 */
const statements = [
  // Instruments (e.g. ODI) the clinic has confirmed it holds a licence for; others stay off.
  `alter table clinics add column licensed_instruments text[] not null default '{}'`,

  // Set by TOTP setup, moved to totp_secret once the user proves their app shows the right code.
  'alter table users add column totp_pending_secret text',

  // Every scale of the score (ZCQ has three), and who entered it (a clinician, for mJOA).
  'alter table prom_responses add column scores jsonb',
  'alter table prom_responses add column entered_by uuid',
  `alter table prom_responses add constraint prom_responses_entered_by
    foreign key (clinic_id, entered_by) references users (clinic_id, id)`,

  // Anonymous submissions per visitor, kept in the database so every server process counts them.
  // key is a SHA-256 of the address: the limit needs no raw IPs of people without an account.
  `create table rate_limit_events (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    bucket text not null,
    key text not null,
    at timestamptz not null default now(),
    primary key (clinic_id, id)
  )`,
  'create index rate_limit_events_key on rate_limit_events (clinic_id, bucket, key, at)',

  // The staff inbox counts a clinic's unread messages per patient.
  'create index messages_unread on messages (clinic_id, patient_id) where read_at is null',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
