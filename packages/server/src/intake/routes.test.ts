import assert from 'node:assert/strict';
import { statementsEs } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Database } from '../db/schema.ts';
import {
  assertAudited,
  auditCount,
  auditOf,
  countRows,
  outboxOf,
  updateClinic,
} from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  freshClinic,
  seedClinic,
  signInStaff,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { requestTokenHeader } from './access.ts';
import { pdfText } from './pdf-text.test-helper.ts';
import { intakeLimit } from './routes.ts';

// The test clinics are in Los Angeles: Friday 2026-11-20 10:00 there is 18:00 UTC (open).
const openHours = new Date('2026-11-20T18:00:00Z');
// Friday 21:00 in Los Angeles (closed).
const afterHours = new Date('2026-11-21T05:00:00Z');

const visitor = { name: 'Sam Lee', email: 'Sam@Mail.example', phone: '+1 555 0100' };
const bodies = {
  treatment: { kind: 'treatment', symptoms: 'Leg pain when I walk for ten minutes.' },
  imaging_review: { kind: 'imaging_review', imagingNote: 'MRI from March at City Imaging' },
  insurance: {
    kind: 'insurance',
    insurance: { insurer: 'Acme Health', plan: 'Gold PPO', memberId: 'XJ-44812' },
  },
  info_kit: { kind: 'info_kit', infoKit: { region: 'lumbar', procedure: 'laminectomy' } },
  callback: {
    kind: 'callback',
    callback: { urgency: 'today', description: 'Questions about the waiting list.' },
  },
} as const;

type Json = Record<string, unknown>;

/** A visitor's request to the clinic, with contact details and consent. */
function visitorRequest(client: TestClient, clinic: { slug: string }, body: Json) {
  return client.post(`/api/public/${clinic.slug}/requests`, {
    ...body,
    contact: visitor,
    consent: true,
  });
}

function insuranceOutcome(nurse: TestClient, id: string, outcome: string, message: string) {
  return nurse.post(`/api/requests/${id}/insurance-outcome`, { outcome, message });
}

/** A fresh database with a clinic (its columns changed when asked), and a visitor in opening hours. */
async function visitorAtClinic(
  engine: TestEngine,
  clinicChanges?: Parameters<typeof updateClinic>[2],
) {
  const { db, clinic, client } = await freshClinic(engine, openHours);
  if (clinicChanges) await updateClinic(db, clinic.clinicId, clinicChanges);
  return { db, clinic, client };
}

/** As `visitorAtClinic`, with one request made by the visitor (`made`, its id `id`). */
async function aVisitorRequest(engine: TestEngine, body: Json) {
  const { db, clinic, client } = await visitorAtClinic(engine);
  const made = await visitorRequest(client, clinic, body);
  return { db, clinic, client, made, id: made.json.requestId as string };
}

/** The stored row of a request made through the API. */
function storedRequest(db: Kysely<Database>, made: { json: Json }) {
  return db
    .selectFrom('intake_requests')
    .selectAll()
    .where('id', '=', made.json.requestId as string)
    .executeTakeFirstOrThrow();
}

async function tokenGet(client: TestClient, path: string, token: string) {
  return client.request('GET', path, undefined, { [requestTokenHeader]: token });
}

forEachEngine((engine) => {
  engine.test(
    'a visitor makes each kind of request, follows it with the token, and it lands in the queue',
    async () => {
      const { db, clinic, client } = await visitorAtClinic(engine);
      const ids: string[] = [];
      for (const body of Object.values(bodies)) {
        const made = await visitorRequest(client, clinic, body);
        assert.equal(made.status, 201, made.text);
        assert.equal(made.json.urgent, false, body.kind);
        assert.equal(made.json.emergencyInstruction, null, body.kind);
        assert.ok(String(made.json.token).length >= 40);
        const status = await tokenGet(
          client,
          `/api/public/${clinic.slug}/requests/${made.json.requestId}`,
          made.json.token as string,
        );
        assert.equal(status.status, 200, status.text);
        assert.deepEqual(
          { kind: status.json.kind, status: status.json.status },
          { kind: body.kind, status: 'new' },
        );
        // Nothing but status, outcome and kit: no contact details, symptoms or notes.
        assert.ok(!status.text.includes('Sam'), status.text);
        assert.ok(!status.text.includes('XJ-44812'), status.text);
        ids.push(made.json.requestId as string);
      }
      const first = ids[0] as string;
      const url = `/api/public/${clinic.slug}/requests/${first}`;
      assert.equal((await client.get(url)).status, 404, 'no token');
      assert.equal((await tokenGet(client, url, 'x'.repeat(43))).status, 404, 'wrong token');
      const other = await seedClinic(db);
      const made = await visitorRequest(client, clinic, bodies.treatment);
      const token = made.json.token as string;
      const own = `/api/public/${clinic.slug}/requests/${made.json.requestId}`;
      assert.equal(
        (await tokenGet(client, `/api/public/${other.slug}/requests/${made.json.requestId}`, token))
          .status,
        404,
        'the right token at another clinic',
      );
      client.clock = new Date(openHours.getTime() + 15 * 86_400_000);
      assert.equal((await tokenGet(client, own, token)).status, 404, 'expired after 14 days');

      const nurse = await staffSignedIn(db, clinic, 'care_manager', openHours);
      const queue = await nurse.get('/api/requests');
      assert.equal(queue.status, 200, queue.text);
      const rows = queue.json.requests as Json[];
      assert.equal(rows.length, 6);
      const insurance = rows.find((r) => r.kind === 'insurance') as Json;
      assert.deepEqual(insurance.details, {
        insurer: 'Acme Health',
        plan: 'Gold PPO',
        memberId: 'XJ-44812',
      });
      assert.deepEqual(insurance.contact, {
        name: 'Sam Lee',
        email: 'sam@mail.example',
        phone: '+1 555 0100',
        language: 'en',
      });
      assert.ok(!queue.text.includes('token'), 'never the token hash');
      assert.equal(
        ((await nurse.get('/api/requests?kind=callback')).json.requests as unknown[]).length,
        1,
      );
      assert.equal((await nurse.get('/api/requests?kind=letter')).status, 400);

      const mail = await db
        .selectFrom('outbox')
        .select(['to_address', 'kind', 'body_text'])
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.equal(mail.length, 6);
      assert.ok(mail.every((m) => m.to_address === 'sam@mail.example'));
      const kitMail = mail.find((m) => m.kind === 'intake_info_kit');
      // The emailed link opens the status page: its token is in the fragment.
      const link = /\/request-status\/([0-9a-f-]{36})\?clinic=([a-z0-9-]+)#token=([\w-]+)/.exec(
        kitMail?.body_text ?? '',
      );
      assert.ok(link, kitMail?.body_text);
      const fromMail = await tokenGet(
        client,
        `/api/public/${link[2]}/requests/${link[1]}`,
        link[3] ?? '',
      );
      assert.equal(fromMail.status, 404, 'expired by now: the clock moved 15 days on');
      client.clock = openHours;
      assert.equal(
        (await tokenGet(client, `/api/public/${link[2]}/requests/${link[1]}`, link[3] ?? ''))
          .status,
        200,
      );

      const audit = await auditOf(db, clinic.clinicId).select(['action', 'actor_id']).execute();
      assert.equal(audit.filter((a) => a.action === 'intake.create').length, 6);
      assert.equal(audit.filter((a) => a.action === 'intake.status-read').length, 6);
      assert.ok(audit.some((a) => a.action === 'intake.list' && a.actor_id !== null));
    },
  );

  engine.test(
    "a signed-in patient makes requests for themselves and sees only their own, in the patient's stored language",
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const admin = await staffSignedIn(db, clinic, 'admin', openHours);
      const rosa = await enrolAndSignIn(admin, clinic);
      const other = await enrolAndSignIn(admin, clinic);
      // Rosa's stored language is Spanish; the requests name English (or nothing): the stored
      // language wins for the emails, the status page and the info kit (issue 15).
      const spanish = await rosa.client.put(`/api/patients/${rosa.patientId}/language`, {
        language: 'es',
      });
      assert.equal(spanish.status, 200, spanish.text);
      for (const [i, body] of Object.values(bodies).entries()) {
        const made = await rosa.client.post(`/api/patients/${rosa.patientId}/requests`, {
          ...body,
          ...(i % 2 === 0 ? { language: 'en' } : {}),
          consent: true,
        });
        assert.equal(made.status, 201, made.text);
      }
      const mine = await rosa.client.get(`/api/patients/${rosa.patientId}/requests`);
      assert.equal(mine.status, 200, mine.text);
      const requests = mine.json.requests as Json[];
      assert.equal(requests.length, 5);
      assert.equal(
        (await rosa.client.get(`/api/patients/${other.patientId}/requests`)).status,
        403,
      );
      assert.equal(
        (
          await rosa.client.post(`/api/patients/${other.patientId}/requests`, {
            ...bodies.treatment,
            consent: true,
          })
        ).status,
        403,
      );
      const kit = requests.find((r) => r.kind === 'info_kit') as Json;
      const pdf = await rosa.client.app.request(`/api/requests/${kit.id}/info-kit.pdf`, {
        headers: { cookie: (rosa.client as unknown as { cookie: string }).cookie },
      });
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('content-language'), 'es');
      // Another patient of the clinic cannot download Rosa's kit.
      assert.equal((await other.client.get(`/api/requests/${kit.id}/info-kit.pdf`)).status, 404);

      const stored = await db
        .selectFrom('intake_requests')
        .select(['patient_id', 'contact_name', 'language'])
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.ok(stored.every((r) => r.patient_id === rosa.patientId && r.language === 'es'));
      assert.ok(stored.every((r) => r.contact_name === 'Rosa Diaz'));
      const mail = await db
        .selectFrom('outbox')
        .select(['to_address', 'subject'])
        .where('clinic_id', '=', clinic.clinicId)
        .where('kind', 'like', 'intake_%')
        .execute();
      assert.equal(mail.length, 5);
      assert.ok(mail.every((m) => m.to_address === rosa.email && /recibimos/.test(m.subject)));
    },
  );

  engine.test('bad requests get field errors and nothing is stored', async () => {
    const { db, clinic, client } = await visitorAtClinic(engine);
    const url = `/api/public/${clinic.slug}/requests`;
    const good = { ...bodies.insurance, contact: visitor, consent: true };
    const cases: [unknown, string][] = [
      [{ ...good, consent: false }, 'consent'],
      [{ ...good, consent: undefined }, 'consent'],
      [{ ...good, contact: { name: 'Sam' } }, 'contact.email'],
      [{ ...good, contact: { ...visitor, email: 'not-an-email' } }, 'contact.email'],
      [{ ...good, insurance: { insurer: 'Acme', plan: 'Gold' } }, 'insurance.memberId'],
      [{ ...good, kind: 'letter' }, 'kind'],
      [{ ...good, language: 'fr' }, 'language'],
      [
        {
          ...bodies.callback,
          callback: { urgency: 'whenever', description: '' },
          contact: visitor,
          consent: true,
        },
        'callback.urgency',
      ],
      [
        {
          ...bodies.info_kit,
          infoKit: { region: 'thoracic', procedure: 'laminectomy' },
          contact: visitor,
          consent: true,
        },
        'infoKit.region',
      ],
      [{ ...good, assessmentId: 'abc' }, 'assessmentId'],
      [{ ...good, assessmentId: '00000000-0000-4000-8000-000000000000' }, 'assessmentId'],
    ];
    for (const [index, [body, field]] of cases.entries()) {
      // Junk counts against the rate limit too: move past its window halfway.
      if (index === intakeLimit.submissions - 1)
        client.clock = new Date(openHours.getTime() + (intakeLimit.windowMinutes + 1) * 60_000);
      const response = await client.post(url, body);
      assert.equal(response.status, 400, `${field}: ${response.text}`);
      assert.ok(
        (response.json.errors as { field: string }[]).some((e) => e.field === field),
        `${field} in ${response.text}`,
      );
    }
    assert.equal((await client.post('/api/public/nowhere/requests', good)).status, 404);
    assert.equal(await countRows(db, 'intake_requests'), 0);
  });

  engine.test(
    'a request from the candidacy result is prefilled from the stored answers',
    async () => {
      const { db, clinic, client } = await visitorAtClinic(engine);
      const elsewhere = await seedClinic(db);
      const check = await client.post(`/api/public/${clinic.slug}/candidacy`, {
        answers: {
          region: 'cervical',
          symptoms: { painTravelsIntoLimb: true, durationWeeks: 30 },
          spinalCord: { clumsyHandsOrDroppingThings: true },
        },
      });
      assert.equal(check.status, 201, check.text);
      const made = await visitorRequest(client, clinic, {
        ...bodies.imaging_review,
        assessmentId: check.json.assessmentId,
      });
      assert.equal(made.status, 201, made.text);
      const row = await storedRequest(db, made);
      assert.equal(row.region, 'cervical');
      assert.equal(row.assessment_id, check.json.assessmentId);
      assert.match(row.symptoms ?? '', /Pain travels into the arm/);
      assert.match(row.symptoms ?? '', /Symptoms for 30 weeks/);
      assert.match(row.symptoms ?? '', /Clumsy hands/);
      // Another clinic's check cannot be attached.
      const foreign = await visitorRequest(client, elsewhere, {
        ...bodies.treatment,
        assessmentId: check.json.assessmentId,
      });
      assert.equal(foreign.status, 400, foreign.text);

      // A check that ended on an emergency answer makes the request urgent, with the instruction first.
      const urgentCheck = await client.post(`/api/public/${clinic.slug}/candidacy`, {
        answers: { region: 'lumbar', emergency: { saddleNumbness: true } },
      });
      const urgent = await visitorRequest(client, clinic, {
        ...bodies.treatment,
        symptoms: undefined,
        assessmentId: urgentCheck.json.assessmentId,
      });
      assert.equal(urgent.json.urgent, true);
      assert.match(String((urgent.json.emergencyInstruction as Json).text), /Call 911 now/);
    },
  );

  engine.test('visitor requests are rate limited per visitor and clinic', async () => {
    const { db, clinic, client: first } = await visitorAtClinic(engine);
    const second = new TestClient(db, openHours);
    const url = `/api/public/${clinic.slug}/requests`;
    const body = { ...bodies.treatment, contact: visitor, consent: true };
    for (let i = 0; i < intakeLimit.submissions; i++)
      assert.equal(
        (await (i % 2 ? first : second).post(url, body)).status,
        201,
        `request ${i + 1}`,
      );
    const limited = await first.post(url, { junk: true });
    assert.equal(limited.status, 429, limited.text);
    assert.equal(limited.headers.get('retry-after'), String(intakeLimit.windowMinutes * 60));
    assert.match(String(limited.json.detail), /emergency, call 911/);
    first.clock = new Date(openHours.getTime() + (intakeLimit.windowMinutes + 1) * 60_000);
    assert.equal((await first.post(url, body)).status, 201, 'the window has passed');
  });

  engine.test(
    'status moves only forward; the first staff action sets the time to first response',
    async () => {
      const { db, clinic, id } = await aVisitorRequest(engine, bodies.treatment);
      const halfAnHourLater = new Date(openHours.getTime() + 30 * 60_000);
      const nurse = await staffSignedIn(db, clinic, 'care_manager', halfAnHourLater);
      const assigned = await nurse.post(`/api/requests/${id}/assign`, {
        userId: clinic.staff.care_manager.id,
      });
      assert.equal(assigned.status, 200, assigned.text);
      assert.equal(
        (assigned.json.request as Json).firstResponseAt,
        null,
        'assigning is not a response',
      );
      assert.equal(
        (await nurse.post(`/api/requests/${id}/assign`, { userId: clinic.staff.reviewer.id }))
          .status,
        400,
        'a reviewer is not on the care team',
      );

      nurse.clock = new Date(openHours.getTime() + 45 * 60_000);
      const noted = await nurse.post(`/api/requests/${id}/notes`, { body: 'Left a voicemail.' });
      assert.equal(noted.status, 201, noted.text);
      nurse.clock = new Date(openHours.getTime() + 90 * 60_000);
      // 45 minutes without a request: the staff session ended (idle timeout, decision 010).
      await signInStaff(nurse, clinic, 'care_manager');
      assert.equal(
        (await nurse.post(`/api/requests/${id}/status`, { status: 'done' })).status,
        400,
        'new cannot jump to done',
      );
      const moved = await nurse.post(`/api/requests/${id}/status`, { status: 'in_progress' });
      assert.equal(moved.status, 200, moved.text);
      const request = moved.json.request as Json;
      assert.equal(request.minutesToFirstResponse, 45, 'the note was the first response');
      assert.equal(request.status, 'in_progress');
      assert.equal((await nurse.post(`/api/requests/${id}/status`, { status: 'new' })).status, 400);
      assert.equal(
        (await nurse.post(`/api/requests/${id}/status`, { status: 'done' })).status,
        200,
      );
      const closed = await nurse.post(`/api/requests/${id}/status`, { status: 'closed' });
      assert.equal(closed.status, 400, 'done is final');
      assert.equal(
        (await nurse.post(`/api/requests/${id}/status`, { status: 'gone' })).status,
        400,
      );
      assert.equal(
        (await insuranceOutcome(nurse, id, 'verified', 'ok')).status,
        409,
        'a treatment request has no insurance outcome',
      );

      const detail = await nurse.get(`/api/requests/${id}`);
      assert.equal(detail.status, 200);
      assert.deepEqual(
        (detail.json.notes as Json[]).map((n) => n.body),
        ['Left a voicemail.'],
      );
      assert.equal(
        (detail.json.request as Json).assignee &&
          ((detail.json.request as Json).assignee as Json).id,
        clinic.staff.care_manager.id,
      );
      await assertAudited(
        db,
        clinic.clinicId,
        ['intake.create', 'intake.assign', 'intake.note', 'intake.status', 'intake.read'],
        { subjectId: id },
      );
    },
  );

  engine.test(
    'an insurance outcome is emailed in the requester’s language and shown on the status page',
    async () => {
      const { db, clinic, client, made, id } = await aVisitorRequest(engine, {
        ...bodies.insurance,
        language: 'es',
      });
      const nurse = await staffSignedIn(db, clinic, 'care_manager', openHours);
      assert.equal((await insuranceOutcome(nurse, id, 'maybe', 'x')).status, 400);
      const recorded = await insuranceOutcome(
        nurse,
        id,
        'verified',
        'Su plan cubre la consulta. Le llamaremos para una cita.',
      );
      assert.equal(recorded.status, 200, recorded.text);
      assert.ok((recorded.json.request as Json).firstResponseAt);
      const mail = await outboxOf(db, clinic.clinicId, 'intake_insurance_outcome')
        .select(['to_address', 'subject', 'body_text'])
        .executeTakeFirstOrThrow();
      assert.equal(mail.to_address, 'sam@mail.example');
      assert.match(mail.subject, /resultado de la revisión de su seguro/);
      assert.match(mail.body_text, /Su seguro está verificado\./);
      assert.match(mail.body_text, /Le llamaremos para una cita/);
      const page = await tokenGet(
        client,
        `/api/public/${clinic.slug}/requests/${id}`,
        made.json.token as string,
      );
      assert.deepEqual(
        {
          outcome: (page.json.insuranceOutcome as Json).outcome,
          message: (page.json.insuranceOutcome as Json).message,
        },
        { outcome: 'verified', message: 'Su plan cubre la consulta. Le llamaremos para una cita.' },
      );
    },
  );

  engine.test(
    'a call back outside clinic hours goes to the first care manager on call, who is emailed',
    async () => {
      const { db, clinic, client: day } = await visitorAtClinic(engine);
      // A clinician first on the list is skipped: the call back needs a care manager.
      await db
        .insertInto('on_call')
        .values([
          { clinic_id: clinic.clinicId, position: 1, user_id: clinic.staff.clinician.id },
          { clinic_id: clinic.clinicId, position: 2, user_id: clinic.staff.care_manager.id },
        ])
        .execute();
      const night = new TestClient(db, afterHours);
      const body = { ...bodies.callback, contact: visitor, consent: true };
      const made = await night.post(`/api/public/${clinic.slug}/requests`, body);
      assert.equal(made.status, 201, made.text);
      assert.equal(made.json.afterHours, true);
      const row = await storedRequest(db, made);
      assert.equal(row.assigned_to, clinic.staff.care_manager.id);
      assert.equal((row.details as Json).afterHours, true);
      const onCallMail = await outboxOf(db, clinic.clinicId, 'intake_on_call')
        .select(['to_address', 'subject'])
        .execute();
      assert.deepEqual(
        onCallMail.map((m) => m.to_address),
        [clinic.staff.care_manager.email],
      );

      // In opening hours it waits for the team; with nobody on call, after hours too.
      const daytime = await day.post(`/api/public/${clinic.slug}/requests`, body);
      assert.equal(daytime.json.afterHours, false);
      await db.deleteFrom('on_call').where('clinic_id', '=', clinic.clinicId).execute();
      const nobody = await night.post(`/api/public/${clinic.slug}/requests`, body);
      for (const response of [daytime, nobody]) {
        assert.equal((await storedRequest(db, response)).assigned_to, null);
      }

      // Hours are a clinic setting: open on Friday evenings, the same instant is in hours.
      const admin = await staffSignedIn(db, clinic, 'admin', afterHours);
      const hours = (await admin.get('/api/clinic/hours')).json.hours as Json;
      assert.deepEqual(hours.fri, { open: '08:00', close: '17:00' });
      const updated = await admin.put('/api/clinic/hours', {
        hours: { ...hours, fri: { open: '08:00', close: '22:00' } },
      });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(
        (
          await admin.put('/api/clinic/hours', {
            hours: { ...hours, fri: { open: '22:00', close: '08:00' } },
          })
        ).status,
        400,
      );
      const evening = await night.post(`/api/public/${clinic.slug}/requests`, body);
      assert.equal(evening.json.afterHours, false);
      const nurse = await staffSignedIn(db, clinic, 'care_manager', afterHours);
      assert.equal((await nurse.put('/api/clinic/hours', { hours })).status, 403);
    },
  );

  engine.test(
    'red-flag words put the emergency instruction first and the request on top of the queue',
    async () => {
      const { db, clinic, client } = await visitorAtClinic(engine, {
        phone: '555-0199',
        emergency_number: '112',
      });
      const url = `/api/public/${clinic.slug}/requests`;
      const calm = await client.post(url, { ...bodies.treatment, contact: visitor, consent: true });
      assert.equal(calm.json.urgent, false);
      const alarm = await client.post(url, {
        kind: 'callback',
        language: 'es',
        callback: {
          urgency: 'as_soon_as_possible',
          description: 'Desde anoche no puedo orinar y tengo la entrepierna dormida',
        },
        contact: visitor,
        consent: true,
      });
      assert.equal(alarm.status, 201, alarm.text);
      assert.equal(alarm.json.urgent, true);
      const instruction = alarm.json.emergencyInstruction as Json;
      assert.equal(instruction.level, 'emergency');
      assert.match(String(instruction.text), /Llame ahora al 112/);
      assert.ok((instruction.sources as string[]).includes('ref:1'));

      const fever = await client.post(url, {
        ...bodies.callback,
        callback: { urgency: 'today', description: 'I have a fever and the wound is leaking' },
        contact: visitor,
        consent: true,
      });
      assert.equal((fever.json.emergencyInstruction as Json).level, 'urgent');
      assert.match(String((fever.json.emergencyInstruction as Json).text), /555-0199/);

      const nurse = await staffSignedIn(db, clinic, 'care_manager', openHours);
      const queue = (await nurse.get('/api/requests')).json.requests as Json[];
      assert.deepEqual(
        queue.map((r) => r.id),
        [alarm.json.requestId, fever.json.requestId, calm.json.requestId],
      );
      const flags = ((queue[0]?.redFlags ?? []) as Json[]).map((f) => f.id);
      assert.ok(
        flags.includes('bladder-bowel') && flags.includes('saddle-numbness'),
        String(flags),
      );
    },
  );

  engine.test(
    'the info kit is a PDF in English or Spanish with its title, language and sources',
    async () => {
      const { clinic, client, db } = await visitorAtClinic(engine, { phone: '555-0199' });
      const texts: Record<string, string> = {};
      for (const language of ['en', 'es'] as const) {
        const made = await visitorRequest(client, clinic, { ...bodies.info_kit, language });
        const path = `/api/public/${clinic.slug}/requests/${made.json.requestId}/info-kit.pdf`;
        assert.equal((await client.get(path)).status, 404, 'no token, no kit');
        const response = await client.app.request(path, {
          headers: { [requestTokenHeader]: made.json.token as string },
        });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'application/pdf');
        const bytes = new Uint8Array(await response.arrayBuffer());
        assert.equal(Buffer.from(bytes.slice(0, 5)).toString('latin1'), '%PDF-');
        const pdf = await PDFDocument.load(bytes);
        assert.equal(pdf.catalog.get(PDFName.of('Lang'))?.toString(), `(${language})`);
        assert.match(
          pdf.getTitle() ?? '',
          language === 'es'
            ? /laminectomía de la zona lumbar: guía informativa/
            : /laminectomy of the lower back: info kit/,
        );
        texts[language] = pdfText(bytes);
      }
      const en = texts.en ?? '';
      const es = texts.es ?? '';
      assert.match(en, /It does not diagnose you/);
      assert.match(en, /From c-[0-9a-f]+ Spine Clinic\. Phone: 555-0199\./);
      assert.match(
        en,
        /Sources: American Journal of Emergency Medicine; eMedicineHealth; clinic guide: recovery after laminectomy/,
      );
      assert.doesNotMatch(en, /seed:0|ref:\d/, 'patients read source names, not ids');
      assert.match(es, /No le diagnostica/);
      assert.match(es, /Teléfono: 555-0199/);
      assert.match(
        es,
        /Fuentes: American Journal of Emergency Medicine; eMedicineHealth; guía de la clínica: recuperación tras la laminectomía/,
      );
      assert.doesNotMatch(es, /seed:0|ref:\d/);
      // Pathway's Spanish statements, accents intact.
      const dias = statementsEs['phase.lumbar-days-3-7'] ?? '';
      assert.ok(es.includes(dias), dias);
      const bladder = (statementsEs['warn.emergency-bladder-legs'] ?? '')
        .split(' ')
        .slice(0, 6)
        .join(' ');
      assert.ok(es.includes(bladder), bladder);
      assert.ok(!en.includes(dias));
      // A request of another kind has no kit.
      const other = await visitorRequest(client, clinic, bodies.treatment);
      const none = await client.app.request(
        `/api/public/${clinic.slug}/requests/${other.json.requestId}/info-kit.pdf`,
        { headers: { [requestTokenHeader]: other.json.token as string } },
      );
      assert.equal(none.status, 404);
      assert.equal(await auditCount(db, clinic.clinicId, 'intake.info-kit-download'), 2);
    },
  );

  engine.test(
    'reviewers cannot reach the request queue; clinicians only the free MRI/CT reviews',
    async () => {
      const { db, clinic, id } = await aVisitorRequest(engine, bodies.treatment);
      const reviewer = await staffSignedIn(db, clinic, 'reviewer', openHours);
      assert.equal((await reviewer.get('/api/requests')).status, 403);
      assert.equal((await reviewer.get(`/api/requests/${id}`)).status, 403);
      assert.equal((await reviewer.post(`/api/requests/${id}/notes`, { body: 'hi' })).status, 403);
      // Issue 13: a clinician writes free MRI/CT review results, so sees those requests, and no others.
      const clinician = await staffSignedIn(db, clinic, 'clinician', openHours);
      assert.deepEqual((await clinician.get('/api/requests')).json.requests, []);
      assert.equal((await clinician.get(`/api/requests/${id}`)).status, 404);
      assert.equal((await clinician.post(`/api/requests/${id}/notes`, { body: 'hi' })).status, 403);
      const stranger = await staffSignedIn(db, await seedClinic(db), 'care_manager', openHours);
      assert.equal((await stranger.get(`/api/requests/${id}`)).status, 404);
      assert.deepEqual((await stranger.get('/api/requests')).json.requests, []);
    },
  );
});
