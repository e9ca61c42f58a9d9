import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { aClinicWithPatient } from './test-data.ts';
import { forEachEngine } from './test-engines.ts';

forEachEngine((engine) => {
  const appendOnly = /audit_log is append-only/;

  engine.test('audit_log accepts inserts and rejects UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = await engine.open();
    const { clinicId, clinicianId, patientId } = await aClinicWithPatient(db);
    await db
      .insertInto('audit_log')
      .values({
        clinic_id: clinicId,
        actor_id: clinicianId,
        actor_role: 'clinician',
        action: 'read',
        subject_type: 'patient',
        subject_id: patientId,
        patient_id: patientId,
        ip: '203.0.113.7',
      })
      .execute();
    await assert.rejects(sql`update audit_log set action = 'nothing'`.execute(db), appendOnly);
    await assert.rejects(sql`delete from audit_log`.execute(db), appendOnly);
    await assert.rejects(sql`truncate audit_log`.execute(db), appendOnly);
    const rows = await db.selectFrom('audit_log').select(['action', 'ip']).execute();
    assert.deepEqual(rows, [{ action: 'read', ip: '203.0.113.7' }]);
  });

  engine.test('a rejected audit change rolls back the rest of its transaction', async () => {
    const { db } = await engine.open();
    const { clinicId } = await aClinicWithPatient(db);
    await db
      .insertInto('audit_log')
      .values({ clinic_id: clinicId, action: 'sign_in', subject_type: 'session' })
      .execute();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('audit_log')
          .values({ clinic_id: clinicId, action: 'cover', subject_type: 'x' })
          .execute();
        await sql`delete from audit_log where action = 'sign_in'`.execute(trx);
      }),
      appendOnly,
    );
    const actions = await db.selectFrom('audit_log').select('action').execute();
    assert.deepEqual(actions, [{ action: 'sign_in' }]);
  });
});
