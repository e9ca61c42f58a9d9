import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Wound photos (issue 17): a picture the patient attaches to a check-in or to a message. The bytes
 * live in the BlobStore (clinics/<clinic>/photos/<id>), this row holds where, the hash checked on
 * every read, and what it belongs to (exactly one of a check-in or a message).
 */
const statements = [
  `create table wound_photos (
    clinic_id uuid not null,
    id uuid not null,
    patient_id uuid not null,
    checkin_id uuid,
    message_id uuid,
    content_type text not null check (content_type in ('image/jpeg', 'image/png')),
    byte_size integer not null check (byte_size > 0),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key text not null,
    uploaded_by uuid not null,
    uploaded_at timestamptz not null,
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, checkin_id) references checkins (clinic_id, id),
    foreign key (clinic_id, message_id) references messages (clinic_id, id),
    foreign key (clinic_id, uploaded_by) references users (clinic_id, id),
    check ((checkin_id is null) <> (message_id is null))
  )`,
  'create index wound_photos_patient on wound_photos (clinic_id, patient_id, uploaded_at)',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
