import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Enrolment of real patients (issue 15, decision 016):
 * - `language`: the patient's preferred language (the same definition the language-preference work
 *   uses, so the two merge as one column);
 * - `mrn`: the clinic's own identifier for the patient (medical record number or the scheduling
 *   system's id), unique per clinic; CSV imports match on it and the FHIR API will expose it;
 * - duplicate guards as unique indexes, so two parallel enrolments cannot both pass a check:
 *   one email per clinic, one name + birth date per clinic;
 * - a surgery can be cancelled (kept, never deleted: check-ins point at it).
 */
const statements = [
  `alter table patients add column language text not null default 'en' check (language in ('en', 'es'))`,
  `alter table patients add column mrn text check (mrn is null or length(mrn) between 1 and 64)`,
  'create unique index patients_mrn on patients (clinic_id, mrn) where mrn is not null',
  'create unique index patients_email_unique on patients (clinic_id, lower(email)) where email is not null',
  `create unique index patients_name_birth on patients
    (clinic_id, lower(family_name), lower(given_name), date_of_birth) where date_of_birth is not null`,
  'alter table surgeries add column cancelled_at timestamptz',
  'alter table surgeries add column cancelled_by uuid',
  'alter table surgeries add column cancel_reason text',
  `alter table surgeries add constraint surgeries_cancelled_by
    foreign key (clinic_id, cancelled_by) references users (clinic_id, id)`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
