import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The virtual second opinion (issue 8, seed:000): a patient's question with a summary snapshot
 * taken when they asked, the independent reviewer assigned by an admin, the report's due date and
 * the structured report. Scans are attached by study id (the imaging tables come from another
 * migration; the lead adds the foreign key when both exist).
 */
const statements = [
  // Business days a reviewer has for the report (issue 8 default: 5).
  `alter table clinics add column second_opinion_report_days smallint not null default 5
    check (second_opinion_report_days between 1 and 20)`,
  `create table second_opinions (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    patient_id uuid not null,
    question text not null check (length(question) between 1 and 4000),
    share_identity boolean not null default false,
    summary jsonb not null,
    status text not null default 'requested'
      check (status in ('requested', 'assigned', 'reported', 'withdrawn')),
    created_at timestamptz not null default now(),
    reviewer_id uuid,
    assigned_by uuid,
    assigned_at timestamptz,
    due_on date,
    due_at timestamptz,
    report jsonb,
    -- Corrections after the report, appended (the report itself never changes).
    addenda jsonb not null default '[]',
    reported_at timestamptz,
    withdrawn_at timestamptz,
    alert_id uuid,
    primary key (clinic_id, id),
    foreign key (clinic_id, patient_id) references patients (clinic_id, id),
    foreign key (clinic_id, reviewer_id) references users (clinic_id, id),
    foreign key (clinic_id, assigned_by) references users (clinic_id, id),
    foreign key (clinic_id, alert_id) references alerts (clinic_id, id),
    check (status in ('requested', 'withdrawn') or (reviewer_id is not null and due_at is not null)),
    check ((status = 'reported') = (report is not null))
  )`,
  'create index second_opinions_patient on second_opinions (clinic_id, patient_id, created_at)',
  'create index second_opinions_reviewer on second_opinions (clinic_id, reviewer_id, status)',
  'create index second_opinions_status on second_opinions (clinic_id, status, due_at)',
  `create table second_opinion_studies (
    clinic_id uuid not null,
    case_id uuid not null,
    study_id uuid not null,
    attached_at timestamptz not null default now(),
    primary key (clinic_id, case_id, study_id),
    foreign key (clinic_id, case_id) references second_opinions (clinic_id, id)
  )`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
