import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Connect with a past patient (issue 8, seed:002): past patients volunteer as peers, a care
 * manager approves them, and a prospective patient talks to one only after both consent. Peer
 * messages have their own table: they are not the care-team thread. See decision 008.
 */
const statements = [
  `create table peer_volunteers (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    display_name text not null,
    condition text not null,
    region text not null,
    procedure text not null,
    fusion boolean not null,
    age_band text not null,
    languages text[] not null,
    availability text[] not null default '{}',
    availability_note text not null default '',
    intro text not null,
    consented_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    approved_at timestamptz,
    approved_by uuid,
    paused_at timestamptz,
    staff_paused_at timestamptz,
    staff_paused_by uuid,
    withdrawn_at timestamptz,
    primary key (clinic_id, id),
    unique (clinic_id, patient_id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, approved_by) references users (clinic_id, id),
    foreign key (clinic_id, staff_paused_by) references users (clinic_id, id)
  )`,

  `create table peer_connections (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    requester_patient_id uuid not null,
    volunteer_id uuid not null,
    topic text not null,
    status text not null default 'requested'
      check (status in ('requested', 'active', 'declined', 'ended')),
    requester_consented_at timestamptz not null,
    volunteer_consented_at timestamptz,
    declined_at timestamptz,
    ended_at timestamptz,
    ended_by uuid,
    ended_by_role text,
    created_at timestamptz not null default now(),
    primary key (clinic_id, id),
    -- One connection per pair, ever: a declined or ended peer is not proposed again.
    unique (clinic_id, requester_patient_id, volunteer_id),
    foreign key (clinic_id, requester_patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, volunteer_id) references peer_volunteers (clinic_id, id),
    foreign key (clinic_id, ended_by) references users (clinic_id, id)
  )`,
  'create index peer_connections_volunteer on peer_connections (clinic_id, volunteer_id)',

  `create table peer_messages (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    connection_id uuid not null,
    sender_patient_id uuid not null,
    body text not null,
    sent_at timestamptz not null default now(),
    -- Two messages in the same millisecond still read in the order they were written.
    seq bigint generated always as identity,
    primary key (clinic_id, id),
    foreign key (clinic_id, connection_id) references peer_connections (clinic_id, id),
    foreign key (clinic_id, sender_patient_id) references patients (clinic_id, id)
  )`,
  'create index peer_messages_thread on peer_messages (clinic_id, connection_id, seq)',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
