import assert from 'node:assert/strict';
import { assertAudited, assignReviewer, auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  staffSignedIn,
  twoClinics,
} from '../http/test-fixtures.ts';

forEachEngine((engine) => {
  engine.test(
    'a patient and the care team write in one thread; each side marks the other side read',
    async () => {
      const { db, clinic, admin, patientId, patient } = await aSignedInPatient(engine);
      const other = await enrolAndSignIn(admin, clinic);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const thread = `/api/patients/${patientId}/messages`;

      const first = await patient.post(thread, { body: '  My wound feels warm. Is that okay?  ' });
      assert.equal(first.status, 201, first.text);
      assert.equal(
        (first.json.message as { body: string }).body,
        'My wound feels warm. Is that okay?',
      );
      // The app reads the clock of the client that created it (forks share the app).
      admin.clock = new Date(admin.clock.getTime() + 60_000);
      await patient.post(thread, { body: 'It is a little red too.' });
      admin.clock = new Date(admin.clock.getTime() + 60_000);
      await other.client.post(`/api/patients/${other.patientId}/messages`, { body: 'Hello' });

      const inbox = await nurse.get('/api/messages/unread');
      assert.equal(inbox.status, 200, inbox.text);
      const counts = inbox.json.patients as { patientId: string; unread: number }[];
      assert.deepEqual(
        counts.map((p) => [p.patientId, p.unread]),
        [
          [patientId, 2],
          [other.patientId, 1],
        ],
      );
      assert.equal(inbox.json.total, 3);

      const seenByNurse = await nurse.get(thread);
      assert.equal(seenByNurse.status, 200);
      assert.equal(seenByNurse.json.unread, 2);
      const list = seenByNurse.json.messages as { body: string; from: { side: string } }[];
      assert.deepEqual(
        list.map((m) => [m.from.side, m.body]),
        [
          ['patient', 'My wound feels warm. Is that okay?'],
          ['patient', 'It is a little red too.'],
        ],
      );

      const reply = await nurse.post(thread, {
        body: 'Please send a photo. A nurse will call you.',
      });
      assert.equal(reply.status, 201);
      // The nurse's own reply is not "unread" for the team: marking read touches only the patient's messages.
      const marked = await nurse.post(`${thread}/read`, {});
      assert.equal(marked.status, 200, marked.text);
      assert.equal(marked.json.marked, 2);
      const after = (await nurse.get('/api/messages/unread')).json.patients as {
        patientId: string;
      }[];
      assert.deepEqual(
        after.map((p) => p.patientId),
        [other.patientId],
      );

      const seenByPatient = await patient.get(thread);
      assert.equal(seenByPatient.json.unread, 1, 'the reply is unread for the patient');
      assert.equal((await patient.post(`${thread}/read`, {})).json.marked, 1);
      assert.equal((await patient.get(thread)).json.unread, 0);

      const actions = await auditOf(db, clinic.clinicId, 'message.%')
        .select(['action', 'patient_id'])
        .execute();
      await assertAudited(db, clinic.clinicId, [
        'message.send',
        'message.list',
        'message.mark-read',
        'message.unread-counts',
      ]);
      assert.ok(actions.filter((a) => a.action === 'message.send').every((a) => a.patient_id));
    },
  );

  engine.test(
    'nobody else reads or writes the thread: reviewers, other patients, other clinics',
    async () => {
      const { db } = await engine.open();
      const { clinic, elsewhere, admin } = await twoClinics(db);
      const { patientId } = await enrolAndSignIn(admin, clinic);
      const other = await enrolAndSignIn(admin, clinic);
      const thread = `/api/patients/${patientId}/messages`;

      const reviewer = await staffSignedIn(admin, clinic, 'reviewer');
      await assignReviewer(db, clinic.clinicId, clinic.staff.reviewer.id, patientId);
      assert.equal(
        (await reviewer.get(`/api/patients/${patientId}`)).status,
        200,
        'reads the case',
      );
      assert.equal((await reviewer.get(thread)).status, 403, 'but not the thread');
      assert.equal((await reviewer.post(thread, { body: 'hi' })).status, 403);
      assert.equal((await reviewer.get('/api/messages/unread')).status, 403);

      assert.equal((await other.client.get(thread)).status, 403);
      assert.equal((await other.client.post(thread, { body: 'hi' })).status, 403);
      assert.equal((await other.client.get('/api/messages/unread')).status, 403);

      const stranger = await staffSignedIn(admin, elsewhere, 'care_manager');
      assert.equal((await stranger.get(thread)).status, 404);
      assert.equal((await stranger.post(thread, { body: 'hi' })).status, 404);
      assert.deepEqual((await stranger.get('/api/messages/unread')).json.patients, []);

      assert.equal((await admin.fork().get(thread)).status, 401);
      const count = await db
        .selectFrom('messages')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    },
  );

  engine.test('an empty or oversized message is a 400 naming the field', async () => {
    const { patientId, patient } = await aSignedInPatient(engine);
    const thread = `/api/patients/${patientId}/messages`;
    for (const body of [
      { body: '   ' },
      { body: 'x'.repeat(5001) },
      {},
      { body: 'hi', extra: 1 },
    ]) {
      const response = await patient.post(thread, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.ok((response.json.errors as unknown[]).length > 0);
    }
    assert.equal((await patient.get('/api/patients/not-a-uuid/messages')).status, 404);
  });

  engine.test(
    "a care manager takes a patient's messages; the inbox shows whose they are",
    async () => {
      const { db } = await engine.open();
      const { clinic, elsewhere, admin } = await twoClinics(db);
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      await patient.post(`/api/patients/${patientId}/messages`, { body: 'Can I drive yet?' });
      const owner = `/api/patients/${patientId}/inbox-owner`;
      const inboxRow = async () =>
        ((await nurse.get('/api/messages/unread')).json.patients as { assignee: unknown }[])[0];

      assert.equal((await inboxRow())?.assignee, null, 'the whole team at first');
      const taken = await nurse.post(owner, { userId: clinic.staff.care_manager.id });
      assert.equal(taken.status, 200, taken.text);
      assert.deepEqual(taken.json, {
        patientId,
        assignee: { id: clinic.staff.care_manager.id, name: 'care_manager' },
      });
      assert.deepEqual((await inboxRow())?.assignee, {
        id: clinic.staff.care_manager.id,
        name: 'care_manager',
      });
      assert.equal((await admin.post(owner, { userId: clinic.staff.clinician.id })).status, 200);

      for (const userId of [clinic.staff.reviewer.id, elsewhere.staff.admin.id, 'x'])
        assert.equal((await nurse.post(owner, { userId })).status, 400, userId);
      const clinician = await staffSignedIn(admin, clinic, 'clinician');
      assert.equal((await clinician.post(owner, { userId: null })).status, 403);
      assert.equal((await patient.post(owner, { userId: null })).status, 403);
      const stranger = await staffSignedIn(admin, elsewhere, 'care_manager');
      assert.equal((await stranger.post(owner, {})).status, 404);
      assert.equal(
        (await nurse.post('/api/patients/00000000-0000-4000-8000-000000000000/inbox-owner', {}))
          .status,
        404,
      );

      assert.equal((await nurse.post(owner, { userId: null })).status, 200);
      assert.equal((await inboxRow())?.assignee, null);
      const audit = await auditOf(db, clinic.clinicId, 'message.assign')
        .select(['details', 'patient_id'])
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((row) => row.details),
        [
          { before: null, after: clinic.staff.care_manager.id },
          { before: clinic.staff.care_manager.id, after: clinic.staff.clinician.id },
          { before: clinic.staff.clinician.id, after: null },
        ],
      );
      assert.ok(audit.every((row) => row.patient_id === patientId));
    },
  );
});
