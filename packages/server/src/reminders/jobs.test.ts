import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { insertPatientWithSurgery } from '../db/test-data.ts';
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
      for (let i = 0; i < 5; i++)
        await insertPatientWithSurgery(db, clinicId, {
          email: `j${i}@mail.example`,
          region: 'cervical',
          surgeryDate: '2026-12-01',
        });
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
