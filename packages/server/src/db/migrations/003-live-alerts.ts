import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * The care-team console (issue 7): alerts announce every change with NOTIFY (so a nurse connected
 * to any server process sees it live), off-track alerts are told apart from red flags, unacknowledged
 * alerts escalate along the clinic's on-call list, and a clinic can set its acknowledgement deadlines.
 */
const statements = [
  // Trajectory-only contact alerts: the calmer "off track" list, not the red-flag queue.
  'alter table alerts add column off_track boolean not null default false',
  'alter table alerts add column escalation_step smallint not null default 0',
  'alter table alerts add column escalated_at timestamptz',
  'alter table alerts add column escalated_to uuid',
  `alter table alerts add constraint alerts_escalated_to
    foreign key (clinic_id, escalated_to) references users (clinic_id, id)`,
  `create index alerts_off_track on alerts (clinic_id, created_at)
    where off_track and status in ('open', 'acknowledged')`,

  // Minutes to acknowledge, per level, when a clinic wants other than the defaults.
  `alter table clinics add column ack_deadlines jsonb not null default '{}'`,

  // Who is called, in order, when nobody acknowledges an alert in time.
  `create table on_call (
    clinic_id uuid not null references clinics (id),
    position smallint not null check (position >= 1),
    user_id uuid not null,
    primary key (clinic_id, position),
    foreign key (clinic_id, user_id) references users (clinic_id, id)
  )`,

  `create function lamina_notify_alert() returns trigger language plpgsql as $$
    begin
      perform pg_notify('lamina_alerts', json_build_object(
        'clinicId', new.clinic_id, 'alertId', new.id, 'patientId', new.patient_id,
        'level', new.level, 'status', new.status, 'offTrack', new.off_track,
        'escalationStep', new.escalation_step, 'op', lower(tg_op))::text);
      return new;
    end $$`,
  `create trigger alerts_notify after insert or update on alerts
    for each row execute function lamina_notify_alert()`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
