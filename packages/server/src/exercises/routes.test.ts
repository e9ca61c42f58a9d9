import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { aSignedInPatient, signInStaff, staffSignedIn } from '../http/test-fixtures.ts';

// The test clock: 2026-11-20 07:00 in Los Angeles (the seeded clinic's zone).
const day = '2026-11-20';

forEachEngine((engine) => {
  engine.test(
    'the patient logs a day (resends are safe, a later send replaces the day); the care team and PT read it, audited',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      const path = `/api/patients/${patientId}/exercise-log`;

      const first = {
        idempotencyKey: randomUUID(),
        day,
        done: ['exercise.early.walk', 'exercise.early.tummy', 'exercise.early.walk'],
      };
      const stored = await client.post(path, first);
      assert.equal(stored.status, 201, stored.text);
      assert.deepEqual(stored.json.done, ['exercise.early.tummy', 'exercise.early.walk']);
      assert.equal(stored.json.replayed, false);
      // The same send again (the phone did not see the answer): the same answer, nothing new.
      const again = await client.post(path, first);
      assert.equal(again.status, 200);
      assert.equal(again.json.replayed, true);
      // The same key with other content is a programming error on the phone.
      const reused = await client.post(path, { ...first, done: ['exercise.early.glutes'] });
      assert.equal(reused.status, 409);
      // A later send for the day replaces it (a box un-ticked).
      const later = await client.post(path, {
        idempotencyKey: randomUUID(),
        day,
        done: ['exercise.early.walk'],
      });
      assert.equal(later.status, 201);
      await client.post(path, {
        idempotencyKey: randomUUID(),
        day: '2026-11-18',
        done: ['exercise.early.breathing', 'exercise.early.glutes'],
      });

      for (const role of ['care_manager', 'clinician'] as const) {
        const staff = admin.fork();
        await signInStaff(staff, clinic, role);
        const read = await staff.get(path);
        assert.equal(read.status, 200, read.text);
        assert.deepEqual(
          (read.json.days as { day: string; done: string[] }[]).map((d) => [d.day, d.done]),
          [
            [day, ['exercise.early.walk']],
            ['2026-11-18', ['exercise.early.breathing', 'exercise.early.glutes']],
          ],
        );
      }
      const audited = await auditOf(db, clinic.clinicId, 'exercise-log.%')
        .select(['action', 'actor_role', 'details'])
        .execute();
      assert.deepEqual(
        audited.map((a) => `${a.action} ${a.actor_role}`).sort(),
        [
          'exercise-log.read care_manager',
          'exercise-log.read clinician',
          'exercise-log.write patient',
          'exercise-log.write patient',
          'exercise-log.write patient',
        ],
        'three changes (not the replay, not the refused reuse) and two reads',
      );
      const rows = await db
        .selectFrom('exercise_logs')
        .select(['local_date', 'clinic_id'])
        .where('patient_id', '=', patientId)
        .execute();
      assert.equal(rows.length, 2);
      assert.ok(rows.every((r) => r.clinic_id === clinic.clinicId));
    },
  );

  engine.test(
    'bad exercise logs are clear 400s: unknown exercise, future or too old day, bad date, short key',
    async () => {
      const { db, clinic, admin, patientId, patient: client } = await aSignedInPatient(engine);
      const path = `/api/patients/${patientId}/exercise-log`;
      const base = { idempotencyKey: randomUUID(), day, done: ['exercise.early.walk'] };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, done: ['exercise.jumping-jacks'] }, 'done.0'],
        [{ ...base, day: '2026-11-23' }, 'day'],
        [{ ...base, day: '2026-08-01' }, 'day'],
        [{ ...base, day: '2026-02-30' }, 'day'],
        [{ ...base, idempotencyKey: 'short' }, 'idempotencyKey'],
        [{ ...base, extra: true }, ''],
      ];
      for (const [body, field] of cases) {
        const response = await client.post(path, body);
        assert.equal(response.status, 400, `${JSON.stringify(body)}: ${response.text}`);
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        if (field) {
          const errors = (response.json.errors ?? []) as { field: string }[];
          assert.ok(
            errors.some((e) => e.field === field),
            `${field} in ${response.text}`,
          );
        }
      }
      // The care team cannot write the patient's log for them.
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      assert.equal((await nurse.post(path, base)).status, 403);
      assert.equal(
        (await db.selectFrom('exercise_logs').selectAll().execute()).filter(
          (r) => r.patient_id === patientId,
        ).length,
        0,
      );
    },
  );
});
