import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Imaging (006) came before intake requests (007): now that both exist, a study or file owned by a
 * request must belong to a real request of the same clinic. The (clinic_id, request_id) indexes
 * for these keys were made in 006.
 */
const statements = [
  `alter table imaging_studies add constraint imaging_studies_request_fk
    foreign key (clinic_id, request_id) references intake_requests (clinic_id, id)`,
  `alter table imaging_files add constraint imaging_files_request_fk
    foreign key (clinic_id, request_id) references intake_requests (clinic_id, id)`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
