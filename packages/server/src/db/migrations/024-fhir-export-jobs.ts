import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Bulk Data export as a durable job (issue 18, fhir-export): the job runs in the job queue (pg-boss),
 * so any server process may run it and a stopped one's job is retried; this row stays its state.
 * An export can be cancelled (DELETE on its status address), says how far it got (X-Progress), and
 * is of the whole clinic (`system`) or of its patients (`patient`, Patient/$export and Group/$export).
 */
const statements = [
  'alter table fhir_exports drop constraint fhir_exports_status_check',
  `alter table fhir_exports add constraint fhir_exports_status_check
    check (status in ('in-progress', 'completed', 'failed', 'cancelled'))`,
  `alter table fhir_exports add column level text not null default 'system'
    check (level in ('system', 'patient'))`,
  `alter table fhir_exports add column progress text`,
  // An export the old in-process runner had not finished has no job to finish it: its client is
  // told it failed (422, start a new one) instead of waiting on 202 for ever.
  `update fhir_exports set status = 'failed', completed_at = now() where status = 'in-progress'`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
