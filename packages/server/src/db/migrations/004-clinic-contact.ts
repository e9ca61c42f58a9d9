import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * How a patient reaches their clinic and emergency services from the app's urgent and emergency
 * screens: the clinic's phone line (after hours it should reach the doctor on call) and the local
 * emergency number (911 in the US; a clinic elsewhere sets its own).
 */
const statements = [
  'alter table clinics add column phone text check (phone ~ $$^[0-9+() .-]{3,30}$$)',
  `alter table clinics add column emergency_number text not null default '911' check (emergency_number ~ '^[0-9+]{2,15}$')`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
