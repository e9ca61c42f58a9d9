import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The result of a free MRI/CT review (issue 13, seed:002): a clinician's plain-language summary and
 * one structured next step, written once per request (the primary key makes a second write fail, also
 * under parallel requests). Corrections are addenda, appended rows; the result never changes.
 */
const statements = [
  `create table imaging_review_results (
    clinic_id uuid not null,
    request_id uuid not null,
    author_id uuid not null,
    next_step text not null check (next_step in ('consultation', 'conservative_care', 'nothing_needed')),
    summary text not null check (length(summary) between 20 and 2000),
    created_at timestamptz not null default now(),
    primary key (clinic_id, request_id),
    foreign key (clinic_id, request_id) references intake_requests (clinic_id, id),
    foreign key (clinic_id, author_id) references users (clinic_id, id)
  )`,
  `create table imaging_review_addenda (
    clinic_id uuid not null,
    id uuid not null default gen_random_uuid(),
    request_id uuid not null,
    author_id uuid not null,
    body text not null check (length(body) between 10 and 2000),
    created_at timestamptz not null default now(),
    primary key (clinic_id, id),
    foreign key (clinic_id, request_id) references imaging_review_results (clinic_id, request_id),
    foreign key (clinic_id, author_id) references users (clinic_id, id)
  )`,
  'create index imaging_review_addenda_by_request on imaging_review_addenda (clinic_id, request_id, created_at)',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
