import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { assertAudited, countRows } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  freshSignedInClinic,
  sendCheckin,
  signInPatient,
  staffSignedIn,
} from '../http/test-fixtures.ts';

const calmDay = {
  axialPain: 3,
  limbPain: 2,
  painControlled: 'yes',
  temperature: { value: 37.0, unit: 'C' },
};
const feverDay = { ...calmDay, temperature: { value: 101.8, unit: 'F' } };
const caudaEquina = { ...calmDay, saddleNumbness: 'yes', urinaryRetention: 'yes' };

/** Fault injection inside the real database: any insert into `alerts` raises, mid-statement. */
async function breakAlertInserts(db: Kysely<Database>) {
  await sql`create function lamina_test_fail() returns trigger language plpgsql as $$
    begin raise exception 'injected failure while writing the alert'; end $$`.execute(db);
  await sql`create trigger lamina_test_fail before insert on alerts for each row execute function lamina_test_fail()`.execute(
    db,
  );
}

forEachEngine((engine) => {
  engine.test(
    'the check-in reads its own session (issue 19): signed out, revoked, another patient, staff and a cross-site send are refused, and denials are audited',
    async () => {
      const { db, clinic, admin, patientId, patient } = await aSignedInPatient(engine);
      const other = await enrolAndSignIn(admin, clinic);
      const send = (client: TestClient, headers: Record<string, string> = {}) =>
        client.request(
          'POST',
          `/api/patients/${patientId}/checkins`,
          { idempotencyKey: randomUUID(), checkin: calmDay },
          headers,
        );

      const signedOut = await send(new TestClient(db));
      assert.equal(signedOut.status, 401, signedOut.text);
      const garbage = await send(new TestClient(db), { cookie: 'lamina_session=not-a-session' });
      assert.equal(garbage.status, 401, garbage.text);
      const otherPatient = await send(other.client);
      assert.equal(otherPatient.status, 403, otherPatient.text);
      const staff = await send(admin);
      assert.equal(staff.status, 403, staff.text);
      // Refused by the CSRF check before the handler read the session: still audited.
      const crossSite = await send(patient, { origin: 'https://evil.example' });
      assert.equal(crossSite.status, 403, crossSite.text);
      const own = await send(patient);
      assert.equal(own.status, 201, own.text);

      // Each denial filed under the session it carried (the patient it belongs to, else the role),
      // the cross-site send too, though no handler read its session.
      const { rows: denied } = await sql<{ who: string }>`
        select coalesce(p.id::text, a.actor_role) as who from audit_log a
        left join patients p on p.clinic_id = a.clinic_id and p.user_id = a.actor_id
        where a.clinic_id = ${clinic.clinicId}::uuid and a.action = 'access.denied'`.execute(db);
      assert.deepEqual(
        denied.map((row) => row.who).sort(),
        [other.patientId, patientId, 'admin'].sort(),
      );

      await sql`update sessions set revoked_at = now() where clinic_id = ${clinic.clinicId}::uuid`.execute(
        db,
      );
      const revoked = await send(patient);
      assert.equal(revoked.status, 401, revoked.text);
      assert.equal(
        await countRows(db, 'checkins', clinic.clinicId),
        1,
        'only the own, signed-in check-in was stored',
      );
    },
  );

  engine.test(
    'a patient checks in: a calm day is stored as routine, a red flag raises an alert the team sees',
    async () => {
      const { db, clinic, admin, patientId, patient } = await aSignedInPatient(engine);

      const calm = await sendCheckin(patient, patientId, calmDay);
      assert.equal(calm.status, 201, calm.text);
      assert.equal((calm.json.decision as { level: string }).level, 'routine');
      assert.equal(calm.json.alert, null);

      const fever = await sendCheckin(patient, patientId, feverDay);
      assert.equal(fever.status, 201, fever.text);
      assert.equal((fever.json.decision as { level: string }).level, 'urgent');
      const alert = fever.json.alert as { id: string; deadlineAt: string };
      assert.equal(new Date(alert.deadlineAt).getTime() - admin.clock.getTime(), 60 * 60_000);

      const emergency = await sendCheckin(patient, patientId, caudaEquina);
      assert.equal((emergency.json.decision as { level: string }).level, 'emergency');

      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const queue = await nurse.get('/api/alerts');
      assert.equal(queue.status, 200);
      const levels = (queue.json.alerts as { level: string }[]).map((a) => a.level);
      assert.deepEqual(levels, ['emergency', 'urgent'], 'most urgent first');

      const ack = await nurse.post(`/api/alerts/${alert.id}/acknowledge`, {
        note: 'Called the patient; fever clinic today.',
      });
      assert.equal(ack.status, 200, ack.text);
      assert.equal((ack.json.alert as { status: string }).status, 'acknowledged');
      assert.equal((await nurse.post(`/api/alerts/${alert.id}/acknowledge`, {})).status, 409);
      const resolved = await nurse.post(`/api/alerts/${alert.id}/resolve`, {
        note: 'Seen in clinic, wound fine.',
      });
      assert.equal((resolved.json.alert as { status: string }).status, 'resolved');
      const detail = await nurse.get(`/api/alerts/${alert.id}`);
      assert.deepEqual(
        (detail.json.events as { kind: string }[]).map((e) => e.kind),
        ['created', 'acknowledged', 'resolved'],
      );
      assert.deepEqual(
        ((await nurse.get('/api/alerts')).json.alerts as { level: string }[]).map((a) => a.level),
        ['emergency'],
      );

      await assertAudited(db, clinic.clinicId, [
        'patient.enrol',
        'checkin.create',
        'alert.queue',
        'alert.acknowledge',
        'alert.resolve',
        'alert.read',
      ]);
    },
  );

  engine.test('the same check-in sent twice is stored once and answered the same way', async () => {
    const { db, clinic, patientId, patient } = await aSignedInPatient(engine);
    const body = { idempotencyKey: `offline-${randomUUID()}`, checkin: feverDay };
    const [first, second] = await Promise.all([
      patient.post(`/api/patients/${patientId}/checkins`, body),
      patient.post(`/api/patients/${patientId}/checkins`, body),
    ]);
    const statuses = [first.status, second.status].sort();
    assert.deepEqual(statuses, [200, 201]);
    assert.equal(first.json.checkinId, second.json.checkinId);
    const third = await patient.post(`/api/patients/${patientId}/checkins`, body);
    assert.equal(third.status, 200);
    assert.equal(third.json.replayed, true);
    assert.equal(await countRows(db, 'checkins', clinic.clinicId), 1);
    assert.equal(await countRows(db, 'alerts', clinic.clinicId), 1);
    const reused = await patient.post(`/api/patients/${patientId}/checkins`, {
      ...body,
      checkin: calmDay,
    });
    assert.equal(reused.status, 409);
  });

  engine.test(
    'when writing the alert fails, neither the check-in nor the alert is stored, and the client is told',
    async () => {
      const { db, clinic, patientId, email } = await aSignedInPatient(engine);
      await breakAlertInserts(db);
      const faulty = new TestClient(db);
      await signInPatient(faulty, clinic, email);
      const originalError = console.error;
      console.error = () => {};
      try {
        const failed = await sendCheckin(faulty, patientId, feverDay);
        assert.equal(failed.status, 500);
        assert.match(String(failed.json.detail), /Nothing was saved/);
      } finally {
        console.error = originalError;
      }
      assert.equal(await countRows(db, 'checkins', clinic.clinicId), 0);
      assert.equal(await countRows(db, 'alerts', clinic.clinicId), 0);
      // A calm day needs no alert, so it still goes through while alerts cannot be written.
      const calm = await sendCheckin(faulty, patientId, calmDay);
      assert.equal(calm.status, 201);
    },
  );

  engine.test(
    'a contact-level finding already waiting is not raised twice; urgent ones always are',
    async () => {
      const { db, clinic, patientId, patient } = await aSignedInPatient(engine);
      const numbWorse = { ...calmDay, numbness: { change: 'worse', where: 'right foot' } };
      const levels: string[] = [];
      for (const checkin of [numbWorse, numbWorse, feverDay, feverDay]) {
        const response = await sendCheckin(patient, patientId, checkin);
        assert.equal(response.status, 201, response.text);
        levels.push((response.json.decision as { level: string }).level);
      }
      assert.deepEqual(levels, ['contact', 'contact', 'urgent', 'urgent']);
      const alerts = await db
        .selectFrom('alerts')
        .select(['id', 'level'])
        .where('clinic_id', '=', clinic.clinicId)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(alerts.map((a) => a.level).sort(), ['contact', 'urgent', 'urgent']);
      const contact = alerts.find((a) => a.level === 'contact');
      const events = await db
        .selectFrom('alert_events')
        .select(['kind', 'note'])
        .where('clinic_id', '=', clinic.clinicId)
        .where('alert_id', '=', contact?.id ?? '')
        .execute();
      assert.deepEqual(
        events.map((e) => e.kind),
        ['created', 'note'],
      );
      assert.match(events[1]?.note ?? '', /Reported again/);
    },
  );

  engine.test(
    'bad check-ins get a 400 naming the field; neck questions are refused after lumbar surgery',
    async () => {
      const { db, patientId, patient } = await aSignedInPatient(engine);
      const cases: [unknown, string][] = [
        [{ idempotencyKey: 'short', checkin: calmDay }, 'idempotencyKey'],
        [
          { idempotencyKey: randomUUID(), checkin: { ...calmDay, axialPain: 14 } },
          'checkin.axialPain',
        ],
        [
          {
            idempotencyKey: randomUUID(),
            checkin: { ...calmDay, temperature: { value: 20, unit: 'C' } },
          },
          'checkin.temperature.value',
        ],
        [
          { idempotencyKey: randomUUID(), checkin: { ...calmDay, swallowing: 'cannot' } },
          'checkin',
        ],
        [
          { idempotencyKey: randomUUID(), checkin: calmDay, filledAt: '2030-01-01T00:00:00Z' },
          'filledAt',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await patient.post(`/api/patients/${patientId}/checkins`, body);
        assert.equal(response.status, 400, `${field}: ${response.text}`);
        const fields = (response.json.errors as { field: string }[]).map((e) => e.field);
        assert.ok(
          fields.some((f) => f.startsWith(field)),
          `${field} in ${fields}`,
        );
      }
      assert.equal(await countRows(db, 'checkins'), 0);
    },
  );

  engine.test(
    'triage reads the stored history: pain 9 after days of 3 is a jump; the same check-in without that history is not',
    async () => {
      const { clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const withHistory = await enrolAndSignIn(admin, clinic, { email: 'history@example.org' });
      const without = await enrolAndSignIn(admin, clinic, { email: 'fresh@example.org' });
      const day = 86_400_000;
      for (const daysAgo of [3, 2, 1]) {
        const earlier = await withHistory.client.post(
          `/api/patients/${withHistory.patientId}/checkins`,
          {
            idempotencyKey: randomUUID(),
            filledAt: new Date(admin.clock.getTime() - daysAgo * day).toISOString(),
            checkin: { axialPain: 3, limbPain: 2, painControlled: 'yes' },
          },
        );
        assert.equal(earlier.status, 201, earlier.text);
      }
      const severe = { axialPain: 9, limbPain: 2, painControlled: 'yes' };
      const rules = async (p: typeof without) => {
        const answer = await sendCheckin(p.client, p.patientId, severe);
        assert.equal(answer.status, 201, answer.text);
        return (answer.json.decision as { findings: { ruleId: string }[] }).findings.map(
          (f) => f.ruleId,
        );
      };
      assert.ok((await rules(withHistory)).includes('pain-severe-jump'));
      assert.ok(!(await rules(without)).includes('pain-severe-jump'));
    },
  );

  engine.test(
    'an empty check-in (issue 17) is refused with a clear 400, and nothing is stored',
    async () => {
      const { db, patientId, patient } = await aSignedInPatient(engine);
      for (const checkin of [{}, { note: 'hello' }, { incision: {}, numbness: {} }]) {
        const response = await sendCheckin(patient, patientId, checkin);
        assert.equal(response.status, 400, `${JSON.stringify(checkin)}: ${response.text}`);
        assert.match(String(response.json.detail), /no answers/);
        const fields = (response.json.errors as { field: string }[]).map((e) => e.field);
        assert.deepEqual(fields, ['checkin']);
      }
      assert.equal(await countRows(db, 'checkins'), 0);
      const pain = await sendCheckin(patient, patientId, { axialPain: 2 });
      assert.equal(pain.status, 201, 'one answer is enough');
    },
  );
});
