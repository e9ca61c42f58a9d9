import assert from 'node:assert/strict';
import { forEachEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  freshSignedInClinic,
  seedClinic,
  sendCheckin,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { escalateOverdueAlerts } from './escalation.ts';
import { EscalationJobs } from './escalation-jobs.ts';

/** Staff set the clinic's acknowledgement deadlines and on-call list. */
const alertSettings = (client: TestClient, settings: { ackDeadlines: object; onCall: unknown[] }) =>
  client.put('/api/clinic/alert-settings', settings);

forEachEngine((engine) => {
  engine.test(
    'an unacknowledged emergency escalates along the on-call list at each (configured) deadline',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const settings = await alertSettings(admin, {
        ackDeadlines: { emergency: { seconds: 30 } },
        onCall: [clinic.staff.care_manager.id, clinic.staff.clinician.id],
      });
      assert.equal(settings.status, 200, settings.text);
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const posted = await sendCheckin(patient, patientId, { chestPain: 'yes' });
      const alert = posted.json.alert as { id: string; deadlineAt: string };
      assert.equal(
        new Date(alert.deadlineAt).getTime() - admin.clock.getTime(),
        30_000,
        'the clinic’s shorter deadline applies',
      );

      const at = (seconds: number) => new Date(admin.clock.getTime() + seconds * 1000);
      assert.deepEqual(await escalateOverdueAlerts(db, at(29)), [], 'not before the deadline');
      const first = await escalateOverdueAlerts(db, at(31));
      assert.deepEqual(
        first.map((e) => [e.alertId, e.step, e.toUserId]),
        [[alert.id, 1, clinic.staff.care_manager.id]],
      );
      assert.deepEqual(
        await escalateOverdueAlerts(db, at(32)),
        [],
        'once per step, even when run again',
      );
      const second = await escalateOverdueAlerts(db, at(62));
      assert.deepEqual(
        second.map((e) => [e.step, e.toUserId]),
        [[2, clinic.staff.clinician.id]],
      );
      assert.deepEqual(
        await escalateOverdueAlerts(db, at(200)),
        [],
        'nobody left: it stays open and overdue',
      );

      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      admin.clock = at(200);
      const queue = await nurse.get('/api/alerts');
      const row = (
        queue.json.alerts as { id: string; overdue: boolean; escalationStep: number }[]
      ).find((a) => a.id === alert.id);
      assert.equal(row?.overdue, true);
      assert.equal(row?.escalationStep, 2);
      const detail = await nurse.get(`/api/alerts/${alert.id}`);
      assert.deepEqual(
        (detail.json.events as { kind: string }[]).map((e) => e.kind),
        ['created', 'escalated', 'escalated'],
      );
      const mail = await db
        .selectFrom('outbox')
        .select(['to_address', 'kind'])
        .where('kind', '=', 'alert_escalation')
        .execute();
      assert.deepEqual(
        mail.map((m) => m.to_address).sort(),
        [clinic.staff.care_manager.email, clinic.staff.clinician.email].sort(),
      );

      // Acknowledged alerts never escalate.
      const other = await sendCheckin(patient, patientId, { coughingBlood: 'yes' });
      await nurse.post(`/api/alerts/${(other.json.alert as { id: string }).id}/acknowledge`, {});
      assert.deepEqual(await escalateOverdueAlerts(db, at(400)), []);
    },
  );

  engine.test(
    'bad alert settings are refused: a red-flag deadline beyond the safe limit, or a patient on call',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const slow = await alertSettings(admin, {
        ackDeadlines: { emergency: { seconds: 3600 } },
        onCall: [],
      });
      assert.equal(slow.status, 400);
      assert.ok(
        (slow.json.errors as { field: string }[]).some((e) =>
          e.field.startsWith('ackDeadlines.emergency'),
        ),
      );
      const { patientId } = await enrolAndSignIn(admin, clinic);
      const patientUser = await db
        .selectFrom('patients')
        .select('user_id')
        .where('id', '=', patientId)
        .executeTakeFirstOrThrow();
      const wrong = await alertSettings(admin, {
        ackDeadlines: {},
        onCall: [patientUser.user_id],
      });
      assert.equal(wrong.status, 400);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      assert.equal((await alertSettings(nurse, { ackDeadlines: {}, onCall: [] })).status, 403);
    },
  );

  engine.test('the job queue runs the escalation at the deadline by itself (pg-boss)', async () => {
    const database = await engine.open();
    const jobs = await EscalationJobs.start(database, { log: () => {}, pollingSeconds: 0.5 });
    try {
      const clinic = await seedClinic(database.db);
      const admin = await staffSignedIn(database.db, clinic, 'admin', new Date());
      await alertSettings(admin, {
        ackDeadlines: { emergency: { seconds: 5 } },
        onCall: [clinic.staff.care_manager.id],
      });
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const posted = await sendCheckin(patient, patientId, { chestPain: 'yes' });
      const alert = posted.json.alert as { id: string; deadlineAt: string };
      await jobs.scheduleCheck(alert.id, new Date(alert.deadlineAt));
      const deadline = Date.now() + 30_000;
      let step = 0;
      while (Date.now() < deadline && step === 0) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const row = await database.db
          .selectFrom('alerts')
          .select('escalation_step')
          .where('id', '=', alert.id)
          .executeTakeFirstOrThrow();
        step = row.escalation_step;
      }
      assert.equal(step, 1, 'escalated by the queue without anyone calling it');
    } finally {
      await jobs.stop();
    }
  });
});
