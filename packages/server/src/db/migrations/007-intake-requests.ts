import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The clinic's front door (issue 8): treatment and imaging-review requests, insurance checks, info
 * kits and callbacks, from visitors or signed-in patients, worked by care managers in one queue.
 * A visitor follows their request with a secret token; only its hash is stored.
 */
const statements = [
  `create table intake_requests (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    kind text not null check (kind in ('treatment', 'imaging_review', 'insurance', 'info_kit', 'callback')),
    patient_id uuid,
    contact_name text not null,
    contact_email text,
    contact_phone text,
    language text not null default 'en' check (language in ('en', 'es')),
    consented_at timestamptz not null,
    region text check (region in ('lumbar', 'cervical')),
    symptoms text,
    assessment_id uuid,
    details jsonb not null default '{}',
    red_flags jsonb not null default '[]',
    urgent boolean not null default false,
    status text not null default 'new' check (status in ('new', 'in_progress', 'done', 'closed')),
    assigned_to uuid,
    first_response_at timestamptz,
    insurance_outcome text check (insurance_outcome in ('verified', 'not_covered', 'needs_information')),
    outcome_message text,
    outcome_at timestamptz,
    token_hash text not null,
    token_expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, assessment_id) references candidacy_assessments (clinic_id, id),
    foreign key (clinic_id, assigned_to) references users (clinic_id, id),
    check (contact_email is not null or contact_phone is not null or patient_id is not null)
  )`,
  // The queue: urgent first, then oldest open requests.
  'create index intake_requests_queue on intake_requests (clinic_id, status, urgent desc, created_at)',
  'create index intake_requests_by_patient on intake_requests (clinic_id, patient_id, created_at)',

  `create table intake_request_notes (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    request_id uuid not null,
    author_id uuid not null,
    body text not null check (length(body) between 1 and 4000),
    at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, request_id) references intake_requests (clinic_id, id),
    foreign key (clinic_id, author_id) references users (clinic_id, id)
  )`,
  'create index intake_request_notes_by_request on intake_request_notes (clinic_id, request_id, at)',

  // Weekday opening hours in the clinic's time zone; null: Monday to Friday, 08:00 to 17:00.
  'alter table clinics add column opening_hours jsonb',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
