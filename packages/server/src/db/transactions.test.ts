import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { aClinicWithPatient, insertAlert } from './test-data.ts';
import { forEachEngine } from './test-engines.ts';

forEachEngine((engine) => {
  engine.test('a transaction that fails midway stores nothing: no check-in, no alert', async () => {
    const { db } = await engine.open();
    const { clinicId, patientId } = await aClinicWithPatient(db);
    const checkinId = randomUUID();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('checkins')
          .values({
            clinic_id: clinicId,
            id: checkinId,
            patient_id: patientId,
            surgery_id: null,
            idempotency_key: 'k-1',
            answers: JSON.stringify({ fever: true }),
            triage: JSON.stringify({ level: 'urgent' }),
            level: 'urgent',
            submitted_at: new Date(),
          })
          .execute();
        await insertAlert(trx, {
          clinicId,
          patientId,
          checkinId,
          level: 'urgent',
          priority: -1, // breaks the CHECK: the alert insert fails after the check-in's
          findings: JSON.stringify([]),
        });
      }),
      /alerts_priority_check/,
    );
    const counts = await Promise.all(
      (['checkins', 'alerts'] as const).map(async (table) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n,
        ),
      ),
    );
    assert.deepEqual(counts, [0, 0]);
  });

  engine.test('the same idempotency key stores one check-in per patient', async () => {
    const { db } = await engine.open();
    const { clinicId, patientId } = await aClinicWithPatient(db);
    const checkin = (key: string) => ({
      clinic_id: clinicId,
      patient_id: patientId,
      surgery_id: null,
      idempotency_key: key,
      answers: JSON.stringify({}),
      triage: JSON.stringify({}),
      level: 'routine',
      submitted_at: new Date(),
    });
    await db.insertInto('checkins').values(checkin('same')).execute();
    await assert.rejects(
      db.insertInto('checkins').values(checkin('same')).execute(),
      /checkins_idempotency/,
    );
    const again = await db
      .insertInto('checkins')
      .values(checkin('same'))
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'idempotency_key']).doNothing())
      .returning('id')
      .execute();
    assert.deepEqual(again, []);
    await db.insertInto('checkins').values(checkin('other')).execute();
    const rows = await db
      .selectFrom('checkins')
      .select('idempotency_key')
      .orderBy('idempotency_key')
      .execute();
    assert.deepEqual(rows, [{ idempotency_key: 'other' }, { idempotency_key: 'same' }]);
  });

  engine.test('a row cannot point at another clinic’s patient', async () => {
    const { db } = await engine.open();
    const first = await aClinicWithPatient(db);
    const second = await aClinicWithPatient(db);
    await assert.rejects(
      db
        .insertInto('messages')
        .values({
          clinic_id: first.clinicId,
          patient_id: second.patientId,
          sender_id: first.clinicianId,
          body: 'hi',
        })
        .execute(),
      /foreign key/,
    );
  });
});
