import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import {
  type SeededClinic,
  signedInClinic,
  signInPatient,
  signInStaff,
  staffSignedIn,
} from '../http/test-fixtures.ts';

/** The test clock is 2026-11-20: a surgery in June is past, one in December is still ahead. */
const past = { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-06-01' };
const ahead = { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-12-15' };

async function enrol(
  admin: TestClient,
  clinic: SeededClinic,
  name: string,
  surgery: Record<string, unknown>,
  dateOfBirth?: string,
) {
  const email = `${name.toLowerCase()}-${clinic.slug}@mail.example`;
  const enrolled = await admin.post('/api/patients', {
    givenName: name,
    familyName: 'Surname',
    email,
    surgery,
    ...(dateOfBirth ? { dateOfBirth } : {}),
  });
  assert.equal(enrolled.status, 201, enrolled.text);
  const client = admin.fork();
  await signInPatient(client, clinic, email);
  return { patientId: enrolled.json.patientId as string, email, client };
}

const offer = {
  displayName: 'Vera',
  condition: 'lumbar-spinal-stenosis',
  languages: ['en'],
  availability: ['weekend'],
  availabilityNote: 'Saturday mornings',
  intro: 'I had my laminectomy in June and walk an hour a day now.',
  consent: true,
};

async function world(db: Kysely<Database>) {
  const { clinic, client: admin } = await signedInClinic(db, 'admin');
  const nurse = await staffSignedIn(admin, clinic, 'care_manager');
  const vera = await enrol(admin, clinic, 'Vera', past, '1961-03-04');
  const paco = await enrol(admin, clinic, 'Paco', { ...past, region: 'cervical' });
  const rosa = await enrol(admin, clinic, 'Rosa', ahead);
  const outsider = await enrol(admin, clinic, 'Otto', ahead);
  return { clinic, admin, nurse, vera, paco, rosa, outsider };
}

/** A fresh database and the world above in it. */
async function freshWorld(engine: TestEngine) {
  const { db } = await engine.open();
  return { db, w: await world(db) };
}

async function volunteerAndApprove(
  w: Awaited<ReturnType<typeof world>>,
  who: { client: TestClient },
  body: Record<string, unknown>,
) {
  const saved = await who.client.put('/api/peers/volunteer', body);
  assert.equal(saved.status, 200, saved.text);
  const id = (saved.json.volunteer as { volunteerId: string }).volunteerId;
  const approved = await w.nurse.post(`/api/peer-volunteers/${id}/approve`);
  assert.equal(approved.status, 200, approved.text);
  return id;
}

const proposedIds = async (
  client: TestClient,
  prefs: Record<string, unknown> = { languages: ['en'] },
) => {
  const response = await client.post('/api/peers/proposals', prefs);
  assert.equal(response.status, 200, response.text);
  return (response.json.proposals as { volunteerId: string }[]).map((p) => p.volunteerId);
};

forEachEngine((engine) => {
  engine.test(
    'a past patient volunteers; only after a care manager approves are they proposed, showing only what they share',
    async () => {
      const { w } = await freshWorld(engine);

      const before = await w.vera.client.get('/api/peers/volunteer');
      assert.equal(before.status, 200);
      assert.equal(before.json.volunteer, null);
      assert.equal(before.json.canVolunteer, true);
      assert.deepEqual(before.json.suggested, {
        displayName: 'Vera',
        ageBand: '60-69',
        region: 'lumbar',
        procedure: 'laminectomy',
        fusion: false,
      });

      const noConsent = await w.vera.client.put('/api/peers/volunteer', {
        ...offer,
        consent: false,
      });
      assert.equal(noConsent.status, 400);
      assert.deepEqual(
        (noConsent.json.errors as { field: string }[]).map((e) => e.field),
        ['consent'],
      );
      const notYet = await w.rosa.client.put('/api/peers/volunteer', offer);
      assert.equal(notYet.status, 409, 'before surgery, no one volunteers as a past patient');
      assert.match(String(notYet.json.detail), /once you have had your surgery/);
      // Paco's clinic has no date of birth on file: he must choose an age band.
      const noAge = await w.paco.client.put('/api/peers/volunteer', {
        ...offer,
        displayName: 'Paco',
      });
      assert.equal(noAge.status, 400);
      assert.deepEqual(noAge.json.errors, [{ field: 'ageBand', message: 'choose your age group' }]);

      const saved = await w.vera.client.put('/api/peers/volunteer', offer);
      assert.equal(saved.status, 200, saved.text);
      const volunteer = saved.json.volunteer as Record<string, unknown>;
      assert.equal(volunteer.state, 'pending-approval');
      assert.equal(volunteer.ageBand, '60-69', 'derived from the date of birth');
      assert.equal(volunteer.procedure, 'laminectomy', 'taken from the surgery record');
      const veraId = volunteer.volunteerId as string;

      assert.deepEqual(await proposedIds(w.rosa.client), [], 'not proposed before approval');
      const clinician = w.admin.fork();
      await signInStaff(clinician, w.clinic, 'clinician');
      assert.equal((await clinician.post(`/api/peer-volunteers/${veraId}/approve`)).status, 403);
      assert.equal((await clinician.get('/api/peer-volunteers')).status, 403);

      const listed = await w.nurse.get('/api/peer-volunteers');
      assert.equal(listed.status, 200);
      const row = (listed.json.volunteers as Record<string, unknown>[])[0];
      assert.equal(row?.patientName, 'Vera Surname', 'staff see whose offer it is');
      assert.equal(row?.state, 'pending-approval');
      assert.equal((await w.nurse.post(`/api/peer-volunteers/${veraId}/approve`)).status, 200);

      const proposals = await w.rosa.client.post('/api/peers/proposals', { languages: ['en'] });
      assert.equal(proposals.status, 200);
      const [shown] = proposals.json.proposals as Record<string, unknown>[];
      assert.deepEqual(Object.keys(shown ?? {}).sort(), [
        'ageBand',
        'availability',
        'availabilityNote',
        'condition',
        'displayName',
        'fusion',
        'intro',
        'languages',
        'procedure',
        'reasons',
        'region',
        'volunteerId',
      ]);
      for (const secret of ['Surname', w.vera.email, w.vera.patientId, '1961'])
        assert.ok(!proposals.text.includes(secret), `proposals leak ${secret}`);
      assert.deepEqual(await proposedIds(w.vera.client), [], 'never proposed to themselves');

      // A Spanish speaker is not proposed an English-only volunteer.
      assert.deepEqual(await proposedIds(w.rosa.client, { languages: ['es'] }), []);
      const paco = await volunteerAndApprove(w, w.paco, {
        ...offer,
        displayName: 'Paco',
        ageBand: '40-49',
        languages: ['es', 'en'],
      });
      assert.deepEqual(await proposedIds(w.rosa.client, { languages: ['es'] }), [paco]);
      assert.deepEqual(await proposedIds(w.rosa.client), [veraId, paco], 'same region first');
      assert.deepEqual(
        await proposedIds(w.rosa.client, { languages: ['en'], sameProcedureOnly: true }),
        [veraId, paco],
      );

      // Pausing (by the volunteer or by the clinic) and withdrawing stop proposals.
      assert.equal(
        (await w.vera.client.post('/api/peers/volunteer/pause', { paused: true })).status,
        200,
      );
      assert.deepEqual(await proposedIds(w.rosa.client), [paco]);
      await w.vera.client.post('/api/peers/volunteer/pause', { paused: false });
      assert.deepEqual(await proposedIds(w.rosa.client), [veraId, paco]);
      const staffPause = await w.nurse.post(`/api/peer-volunteers/${veraId}/pause`, {
        paused: true,
      });
      assert.equal(staffPause.json.state, 'paused-by-clinic');
      assert.deepEqual(await proposedIds(w.rosa.client), [paco]);
      await w.nurse.post(`/api/peer-volunteers/${veraId}/pause`, { paused: false });
      const withdrawn = await w.paco.client.post('/api/peers/volunteer/withdraw');
      assert.equal((withdrawn.json.volunteer as { state: string }).state, 'withdrawn');
      assert.deepEqual(await proposedIds(w.rosa.client), [veraId]);
      // Changing an approved offer sends it back for approval.
      await w.vera.client.put('/api/peers/volunteer', { ...offer, intro: 'Something new' });
      assert.deepEqual(await proposedIds(w.rosa.client), []);
    },
  );

  engine.test(
    'a connection needs both consents; then both write; either ends it and no one can send',
    async () => {
      const { db, w } = await freshWorld(engine);
      const veraId = await volunteerAndApprove(w, w.vera, offer);
      const asked = {
        volunteerId: veraId,
        topic: 'How was the first week at home?',
        consent: true,
      };

      const noConsent = await w.rosa.client.post('/api/peers/connections', {
        ...asked,
        consent: false,
      });
      assert.equal(noConsent.status, 400);
      // Vera reads Spanish: the email to her speaks her stored language only (issue 15).
      const spanish = await w.vera.client.put(`/api/patients/${w.vera.patientId}/language`, {
        language: 'es',
      });
      assert.equal(spanish.status, 200, spanish.text);
      const requested = await w.rosa.client.post('/api/peers/connections', asked);
      assert.equal(requested.status, 201, requested.text);
      const connection = requested.json.connection as { id: string; status: string };
      assert.equal(connection.status, 'requested');
      const again = await w.rosa.client.post('/api/peers/connections', asked);
      assert.equal(again.status, 409);
      assert.deepEqual(await proposedIds(w.rosa.client), [], 'not proposed again');

      const mail = await db
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body_text'])
        .where('kind', '=', 'peer_request')
        .execute();
      assert.equal(mail.length, 1);
      assert.equal(mail[0]?.to_address, w.vera.email);
      assert.match(`${mail[0]?.subject}`, /^Alguien quiere hablar con usted/);
      assert.doesNotMatch(`${mail[0]?.subject} ${mail[0]?.body_text}`, /Someone|patient would/);
      for (const secret of ['Rosa', 'Surname', 'first week', w.rosa.email])
        assert.ok(
          !`${mail[0]?.subject} ${mail[0]?.body_text}`.includes(secret),
          `email leaks ${secret}`,
        );

      const thread = `/api/peers/connections/${connection.id}`;
      for (const who of [w.rosa, w.vera]) {
        const early = await who.client.post(`${thread}/messages`, { body: 'Hello?' });
        assert.equal(early.status, 409, 'no messages before both consented');
        assert.match(String(early.json.detail), /not said yes yet/);
      }
      const seen = await w.vera.client.get('/api/peers/connections');
      const theirs = (seen.json.connections as Record<string, unknown>[])[0];
      assert.equal(theirs?.side, 'volunteer');
      assert.equal(theirs?.topic, 'How was the first week at home?');
      assert.deepEqual(
        theirs?.other,
        { displayName: 'Rosa' },
        'the asker shares their first name only',
      );

      assert.equal((await w.rosa.client.post(`${thread}/accept`, { consent: true })).status, 409);
      assert.equal((await w.vera.client.post(`${thread}/accept`, {})).status, 400);
      const accepted = await w.vera.client.post(`${thread}/accept`, { consent: true });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal((accepted.json.connection as { status: string }).status, 'active');
      assert.equal((await w.vera.client.post(`${thread}/decline`)).status, 409);

      assert.equal(
        (await w.rosa.client.post(`${thread}/messages`, { body: 'Hi Vera!' })).status,
        201,
      );
      assert.equal(
        (await w.vera.client.post(`${thread}/messages`, { body: 'Hi Rosa.' })).status,
        201,
      );
      assert.equal((await w.vera.client.post(`${thread}/messages`, { body: '  ' })).status, 400);
      const read = await w.rosa.client.get(thread);
      assert.deepEqual(
        (read.json.messages as { mine: boolean; body: string }[]).map((m) => [m.mine, m.body]),
        [
          [true, 'Hi Vera!'],
          [false, 'Hi Rosa.'],
        ],
      );
      assert.equal(read.json.canSend, true);
      assert.ok(!read.text.includes(w.vera.patientId) && !read.text.includes('Surname'));

      // Outsiders: another patient, staff (they do not read peer threads), another clinic.
      assert.equal((await w.outsider.client.get(thread)).status, 404);
      assert.equal((await w.outsider.client.post(`${thread}/messages`, { body: 'x' })).status, 404);
      assert.equal((await w.outsider.client.post(`${thread}/end`)).status, 404);
      assert.equal((await w.nurse.get(thread)).status, 403);
      assert.equal((await w.nurse.post(`${thread}/messages`, { body: 'x' })).status, 403);
      const elsewhere = await world(db);
      assert.equal((await elsewhere.rosa.client.get(thread)).status, 404);
      assert.equal(
        (await elsewhere.nurse.post(`/api/peer-connections/${connection.id}/end`)).status,
        404,
      );

      // Being connected opens nothing else of the other patient's record.
      for (const path of ['', '/plan', '/checkins', '/messages', '/proms', '/alerts']) {
        const status = (await w.vera.client.get(`/api/patients/${w.rosa.patientId}${path}`)).status;
        assert.ok(status === 403 || status === 404, `${path}: ${status}`);
      }
      const sendToTeam = await w.vera.client.post(`/api/patients/${w.rosa.patientId}/messages`, {
        body: 'x',
      });
      assert.equal(sendToTeam.status, 403);

      const staffView = await w.nurse.get('/api/peer-connections');
      const listed = (staffView.json.connections as Record<string, unknown>[])[0];
      assert.equal(listed?.messageCount, 2);
      assert.ok(!staffView.text.includes('Hi Vera'), 'staff see that it exists, not what was said');

      const ended = await w.rosa.client.post(`${thread}/end`);
      assert.equal(ended.status, 200);
      assert.equal((ended.json.connection as { endedBy: string }).endedBy, 'peer');
      for (const who of [w.rosa, w.vera]) {
        const late = await who.client.post(`${thread}/messages`, { body: 'Still there?' });
        assert.equal(late.status, 409);
        assert.match(String(late.json.detail), /has ended/);
      }
      const after = await w.vera.client.get(thread);
      assert.equal((after.json.connection as { status: string }).status, 'ended');
      assert.equal(after.json.canSend, false);
      assert.equal((await w.vera.client.post(`${thread}/end`)).status, 409);

      const actions = await auditOf(db, w.clinic.clinicId, 'peer.%').select('action').execute();
      const done = new Set(actions.map((a) => a.action));
      for (const action of [
        'peer.volunteer.save',
        'peer.volunteer.approve',
        'peer.proposals',
        'peer.connection.request',
        'peer.connection.list',
        'peer.connection.accept',
        'peer.message.send',
        'peer.message.list',
        'peer.connection.end',
      ])
        assert.ok(done.has(action), `audited: ${action}`);
      const sends = actions.filter((a) => a.action === 'peer.message.send').length;
      assert.equal(sends, 2, 'refused messages are not recorded as sent');
    },
  );

  engine.test(
    'a declined request allows no messages; a care manager can end a connection',
    async () => {
      const { db, w } = await freshWorld(engine);
      const veraId = await volunteerAndApprove(w, w.vera, offer);
      const first = await w.rosa.client.post('/api/peers/connections', {
        volunteerId: veraId,
        topic: 'Driving',
        consent: true,
      });
      const thread = `/api/peers/connections/${(first.json.connection as { id: string }).id}`;
      assert.equal(
        (await w.rosa.client.post(`${thread}/decline`)).status,
        409,
        'only the one asked answers',
      );
      const declined = await w.vera.client.post(`${thread}/decline`);
      assert.equal((declined.json.connection as { status: string }).status, 'declined');
      const refused = await w.rosa.client.post(`${thread}/messages`, { body: 'Please?' });
      assert.equal(refused.status, 409);
      assert.match(String(refused.json.detail), /declined/);
      assert.equal((await w.vera.client.post(`${thread}/accept`, { consent: true })).status, 409);

      const second = await w.outsider.client.post('/api/peers/connections', {
        volunteerId: veraId,
        topic: 'Work',
        consent: true,
      });
      const id = (second.json.connection as { id: string }).id;
      await w.nurse.post(`/api/peer-volunteers/${veraId}/pause`, { paused: true });
      const paused = await w.vera.client.post(`/api/peers/connections/${id}/accept`, {
        consent: true,
      });
      assert.equal(paused.status, 409, 'a clinic-paused volunteer starts no conversation');
      await w.nurse.post(`/api/peer-volunteers/${veraId}/pause`, { paused: false });
      const accepted = await w.vera.client.post(`/api/peers/connections/${id}/accept`, {
        consent: true,
      });
      assert.equal(accepted.status, 200, accepted.text);
      const clinician = w.admin.fork();
      await signInStaff(clinician, w.clinic, 'clinician');
      assert.equal((await clinician.post(`/api/peer-connections/${id}/end`)).status, 403);
      const ended = await w.nurse.post(`/api/peer-connections/${id}/end`);
      assert.equal(ended.status, 200, ended.text);
      const thread2 = await w.outsider.client.get(`/api/peers/connections/${id}`);
      assert.equal((thread2.json.connection as { endedBy: string }).endedBy, 'care-team');
      assert.equal(
        (await w.vera.client.post(`/api/peers/connections/${id}/messages`, { body: 'x' })).status,
        409,
      );
      const audited = await auditOf(db, w.clinic.clinicId, 'peer.connection.end')
        .select(['actor_role'])
        .execute();
      assert.deepEqual(
        audited.map((a) => a.actor_role),
        ['care_manager'],
      );
    },
  );
});
