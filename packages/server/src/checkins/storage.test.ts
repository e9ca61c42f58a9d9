import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachEngine } from '../db/test-engines.ts';
import { enrolAndSignIn, sendCheckin, signedInClinic } from '../http/test-fixtures.ts';

/** Issue 19 (migration 025): a check-in's stored decision stays in its row, no TOAST chunks beside it. */
forEachEngine((engine) => {
  engine.test(
    "a check-in's ~4.5 KB triage decision is stored compressed in its own row: nothing in the TOAST table",
    async () => {
      const { db } = await engine.open();
      const { clinic, client: admin } = await signedInClinic(db, 'admin');
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const sent = await sendCheckin(patient, patientId, {
        axialPain: 3,
        limbPain: 2,
        painControlled: 'yes',
        walkingMinutes: 30,
      });
      assert.equal(sent.status, 201, sent.text);
      const { rows } = await sql<{ text_bytes: number; stored_bytes: number; toast: string }>`
        select octet_length(triage::text) as text_bytes, pg_column_size(triage) as stored_bytes,
               (select reltoastrelid::regclass::text from pg_class where oid = 'checkins'::regclass) as toast
        from checkins where clinic_id = ${clinic.clinicId}::uuid`.execute(db);
      const row = rows[0];
      assert.ok(row);
      // The premise: a decision big enough that the default 2 KB TOAST target would move it out.
      assert.ok(Number(row.text_bytes) > 4000, `decision is ${row.text_bytes} bytes`);
      assert.ok(Number(row.stored_bytes) < Number(row.text_bytes) / 1.5, 'stored compressed');
      const chunks = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.raw(row.toast)}`.execute(db);
      assert.equal(chunks.rows[0]?.n, 0, 'no TOAST chunks were written for the check-in');
    },
  );
});
