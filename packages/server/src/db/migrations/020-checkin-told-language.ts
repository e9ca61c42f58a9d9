import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Issue 17: the language the patient's screen showed a check-in's instructions in ('en' or 'es'),
 * so the console shows "What the patient was told" in those words. Null for check-ins stored
 * before this column (the console then uses the patient's preferred language).
 */
export async function up(db: MigrationDb): Promise<void> {
  await sql
    .raw(`alter table checkins add column told_lang text check (told_lang in ('en', 'es'))`)
    .execute(db);
}
