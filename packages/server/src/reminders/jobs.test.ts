import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { forEachEngine } from '../db/test-engines.ts';
import { ReminderJobs } from './jobs.ts';

forEachEngine((engine) => {
  engine.test(
    'two job runners on one database, and a restart: each reminder queued once',
    async () => {
      const database = await engine.open();
      const { db } = database;
      const clinicId = randomUUID();
      await db
        .insertInto('clinics')
        .values({ id: clinicId, slug: `j-${clinicId.slice(0, 8)}`, name: 'J', timezone: 'UTC' })
        .execute();
      for (let i = 0; i < 5; i++) {
        const id = randomUUID();
        await db
          .insertInto('patients')
          .values({
            clinic_id: clinicId,
            id,
            user_id: null,
            given_name: 'A',
            family_name: 'B',
            date_of_birth: null,
            email: `j${i}@mail.example`,
            phone: null,
            created_by: null,
          })
          .execute();
        await db
          .insertInto('surgeries')
          .values({
            clinic_id: clinicId,
            patient_id: id,
            surgeon_id: null,
            region: 'cervical',
            procedure: 'laminectomy',
            approach: 'open',
            levels: 1,
            surgery_date: '2026-12-01',
          })
          .execute();
      }
      let clock = new Date('2026-12-03T12:00:00Z');
      const now = () => clock;
      const quiet = () => {};
      const a = await ReminderJobs.start(database, { now, log: quiet, pollingSeconds: 60 });
      const b = await ReminderJobs.start(database, { now, log: quiet, pollingSeconds: 60 });
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      assert.equal(ra.queued + rb.queued, 5);
      await a.stop();
      await b.stop();
      // Restart the same day: nothing again; the next day: the next reminders.
      const c = await ReminderJobs.start(database, { now, log: quiet, pollingSeconds: 60 });
      assert.equal((await c.runOnce()).queued, 0);
      clock = new Date('2026-12-04T12:00:00Z');
      assert.equal((await c.runOnce()).queued, 5);
      await c.stop();
      const outbox = await db
        .selectFrom('outbox')
        .select('id')
        .where('clinic_id', '=', clinicId)
        .execute();
      assert.equal(outbox.length, 10);
    },
  );
});
