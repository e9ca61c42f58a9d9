import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The inbox (issue 7) can be handed to one person: a candidacy lead to the care manager who calls
 * them back, a patient's messages to the care manager who owns that thread. Null is "the team".
 * Who assigned whom, and when, is in the audit log.
 */
const statements = [
  'alter table candidacy_leads add column assigned_to uuid',
  `alter table candidacy_leads add constraint candidacy_leads_assigned_to
    foreign key (clinic_id, assigned_to) references users (clinic_id, id)`,
  'alter table patients add column inbox_owner uuid',
  `alter table patients add constraint patients_inbox_owner
    foreign key (clinic_id, inbox_owner) references users (clinic_id, id)`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
