import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Imaging (issue 8): studies grouped by Study Instance UID per owner, and every uploaded file
 * (DICOM image, PDF or JPEG report) with the hash of its original and where its bytes are stored.
 * An owner is a patient and/or an intake request; request_id has no foreign key yet (the requests
 * table comes from another branch and gets its key when merged). Series and image counts are
 * counted from the files, so two uploads at once cannot leave a stale count.
 */
const statements = [
  `create table imaging_studies (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    patient_id uuid,
    request_id uuid,
    study_instance_uid text not null,
    -- Secret per study: de-identified UIDs are derived from it, the same for every file of the study.
    deid_salt text not null,
    modality text,
    body_part text,
    study_date date,
    description text,
    created_at timestamptz not null default now(),
    created_by uuid,
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, created_by) references users (clinic_id, id),
    check (patient_id is not null or request_id is not null)
  )`,
  // One study row per owner and Study Instance UID (uploads of more files of it join that row).
  `create unique index imaging_studies_owner_uid on imaging_studies
    (clinic_id, coalesce(patient_id, '00000000-0000-0000-0000-000000000000'::uuid),
     coalesce(request_id, '00000000-0000-0000-0000-000000000000'::uuid), study_instance_uid)`,
  'create index imaging_studies_patient on imaging_studies (clinic_id, patient_id)',
  'create index imaging_studies_request on imaging_studies (clinic_id, request_id)',

  `create table imaging_files (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    study_id uuid,
    patient_id uuid,
    request_id uuid,
    kind text not null check (kind in ('dicom', 'pdf', 'jpeg')),
    original_name text not null,
    byte_size bigint not null,
    sha256 text not null,
    storage_key text not null,
    deid_storage_key text,
    deid_sha256 text,
    series_instance_uid text,
    series_number integer,
    series_description text,
    modality text,
    sop_instance_uid text,
    instance_number integer,
    rows integer,
    columns integer,
    frames integer,
    transfer_syntax text,
    uploaded_by uuid,
    uploaded_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, study_id) references imaging_studies (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, uploaded_by) references users (clinic_id, id),
    check (patient_id is not null or request_id is not null),
    check ((kind = 'dicom') = (study_id is not null))
  )`,
  // The same image uploaded twice is stored once.
  'create unique index imaging_files_instance on imaging_files (clinic_id, study_id, sop_instance_uid)',
  'create index imaging_files_patient on imaging_files (clinic_id, patient_id)',
  'create index imaging_files_request on imaging_files (clinic_id, request_id)',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
