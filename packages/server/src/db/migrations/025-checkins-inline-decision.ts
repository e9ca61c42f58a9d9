import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * A check-in row keeps its stored triage decision inline (issue 19). The decision (what the patient
 * was told, ~4.5 KB of JSON) compresses to ~2.1 KB, just past PostgreSQL's default 2 KB TOAST
 * target, so every check-in wrote two TOAST chunks and their index entries beside its row: 6 rows
 * written per check-in instead of 4. With a 4 KB target the compressed decision stays in the row
 * (it is still compressed: the row is over the target before compression). Rows written before
 * stay where they are; reads are unchanged.
 */
export async function up(db: MigrationDb): Promise<void> {
  await sql.raw('alter table checkins set (toast_tuple_target = 4080)').execute(db);
}
