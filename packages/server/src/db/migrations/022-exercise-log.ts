import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The exercise log (issue 17): which exercises the patient did on a day (their local date), one
 * row per patient and day, replaced whole by each send from the phone. The idempotency key of the
 * last send makes a resend of the same state safe (the phone queues sends while offline).
 */
const statements = [
  `create table exercise_logs (
    clinic_id uuid not null,
    patient_id uuid not null,
    local_date date not null,
    done text[] not null,
    idempotency_key text not null check (length(idempotency_key) between 8 and 200),
    updated_at timestamptz not null,
    primary key (clinic_id, patient_id, local_date),
    unique (clinic_id, patient_id, idempotency_key),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id)
  )`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
