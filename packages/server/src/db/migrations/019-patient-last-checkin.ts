import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Issue 16, the "not heard from" worklist at scale: the patient's last check-in kept on the patient
 * row (patients.last_checkin_at), written by the check-in's own statement (checkins/store.ts), so the
 * worklist, the queue card's "no check-in since" and the daily reminder pass read one column instead
 * of a max() over each patient's check-ins. Filled here from the check-ins already stored.
 * Two indexes for the worklist, clinic first: surgeries_window answers "whose surgery was in these
 * days" from the index alone (patient_id included, cancelled surgeries left out), without visiting
 * the surgery rows; alerts_open_serious lists a clinic's open urgent and emergency alerts by age.
 */
const statements = [
  'alter table patients add column last_checkin_at timestamptz',
  `update patients p set last_checkin_at = m.last_at
     from (select clinic_id, patient_id, max(submitted_at) as last_at from checkins group by clinic_id, patient_id) m
     where p.clinic_id = m.clinic_id and p.id = m.patient_id`,
  `create index surgeries_window on surgeries (clinic_id, surgery_date) include (patient_id)
     where cancelled_at is null`,
  `create index alerts_open_serious on alerts (clinic_id, created_at)
     where status <> 'resolved' and level in ('urgent', 'emergency')`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
