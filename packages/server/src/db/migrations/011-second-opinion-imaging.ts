import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Scans in the virtual second opinion: a case's attached studies must be real studies of the clinic
 * (009 could not say so before the imaging tables existed), and a reviewer's access check looks
 * cases up by study.
 */
const statements = [
  `alter table second_opinion_studies add constraint second_opinion_studies_study
    foreign key (clinic_id, study_id) references imaging_studies (clinic_id, id)`,
  'create index second_opinion_studies_by_study on second_opinion_studies (clinic_id, study_id)',
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
