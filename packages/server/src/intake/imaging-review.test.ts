import assert from 'node:assert/strict';
import {
  imagingReviewGuidance,
  imagingReviewNextSteps,
  imagingReviewNotice,
  statementsEs,
} from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditOf, countRows, insertUser, outboxOf } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  freshClinic,
  type SeededClinic,
  seedClinic,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { requestTokenHeader } from './access.ts';

// Friday 2026-11-20 10:00 in Los Angeles (the test clinics' zone).
const asked = new Date('2026-11-20T18:00:00Z');
const day = 86_400_000;
type Json = Record<string, unknown>;

const summaryEs =
  'Su resonancia muestra un estrechamiento en un nivel de la parte baja de la espalda (L4-L5).';
const summaryEn = 'Your MRI shows narrowing at one level of the lower back (L4-L5).';

async function visitorRequest(
  client: TestClient,
  clinic: SeededClinic,
  kind: 'imaging_review' | 'insurance',
  language: 'en' | 'es',
) {
  const made = await client.post(`/api/public/${clinic.slug}/requests`, {
    kind,
    ...(kind === 'insurance'
      ? { insurance: { insurer: 'Acme Health', plan: 'Gold PPO', memberId: 'XJ-44812' } }
      : { imagingNote: 'MRI from March at City Imaging' }),
    language,
    contact: { name: 'Ana Ruiz', email: 'ana@mail.example' },
    consent: true,
  });
  assert.equal(made.status, 201, made.text);
  return { id: made.json.requestId as string, token: made.json.token as string };
}

/** A fresh database, a clinic, and a visitor's MRI review request in this language. */
async function aReviewRequest(engine: TestEngine, language: 'en' | 'es') {
  const { db, clinic, client: visitor } = await freshClinic(engine, asked);
  const review = await visitorRequest(visitor, clinic, 'imaging_review', language);
  return { db, clinic, visitor, review };
}

/** A staff member of the clinic, signed in on their own server (when the request was made unless `at`). */
const staff = (
  db: Kysely<Database>,
  clinic: SeededClinic,
  role: 'care_manager' | 'clinician' | 'admin' | 'reviewer',
  at = asked,
) => staffSignedIn(db, clinic, role, at);

/** A clinician writes the free review's result on a request. */
const writeResult = (client: TestClient, requestId: string, result: object) =>
  client.post(`/api/requests/${requestId}/imaging-review-result`, result);

const statusOf = (client: TestClient, clinic: SeededClinic, id: string, token: string) =>
  client.request('GET', `/api/public/${clinic.slug}/requests/${id}`, undefined, {
    [requestTokenHeader]: token,
  });

function outbox(db: Kysely<Database>, clinicId: string, kind: string) {
  return outboxOf(db, clinicId, kind).select(['to_address', 'subject', 'body_text']).execute();
}

forEachEngine((engine) => {
  engine.test(
    'only a clinician writes the result, once; the Spanish requester reads it in Spanish and is emailed without health details',
    async () => {
      const { db, clinic, visitor, review } = await aReviewRequest(engine, 'es');
      const insurance = await visitorRequest(visitor, clinic, 'insurance', 'es');
      const resultUrl = `/api/requests/${review.id}/imaging-review-result`;
      const body = { nextStep: 'conservative_care', summary: summaryEs };

      // Nobody but a clinician writes clinical results.
      assert.equal((await visitor.post(resultUrl, body)).status, 401, 'anonymous');
      for (const role of ['care_manager', 'admin', 'reviewer'] as const)
        assert.equal(
          (await (await staff(db, clinic, role)).post(resultUrl, body)).status,
          403,
          role,
        );
      const admin = await staff(db, clinic, 'admin');
      const patient = await enrolAndSignIn(admin, clinic);
      assert.equal((await patient.client.post(resultUrl, body)).status, 403, 'patient');
      const elsewhere = await seedClinic(db);
      assert.equal(
        (await (await staff(db, elsewhere, 'clinician')).post(resultUrl, body)).status,
        404,
        "another clinic's clinician",
      );

      // The clinician's queue: free MRI/CT reviews only; other kinds are not found.
      const surgeon = await staff(db, clinic, 'clinician');
      const queue = await surgeon.get('/api/requests?kind=insurance');
      assert.equal(queue.status, 200, queue.text);
      assert.deepEqual(
        (queue.json.requests as Json[]).map((r) => r.id),
        [review.id],
      );
      assert.equal((await surgeon.get(`/api/requests/${insurance.id}`)).status, 404);
      assert.equal((await surgeon.get(`/api/requests/${insurance.id}/imaging`)).status, 404);
      const opened = await surgeon.get(`/api/requests/${review.id}`);
      assert.equal(opened.status, 200, opened.text);
      assert.equal(opened.json.imagingReview, null);
      assert.equal((await surgeon.get(`/api/requests/${review.id}/imaging`)).status, 200);

      // Bad input names the field; another kind of request takes no result.
      const short = await surgeon.post(resultUrl, { nextStep: 'consultation', summary: 'ok' });
      assert.equal(short.status, 400);
      assert.match(short.text, /summary/);
      const wrongStep = await surgeon.post(resultUrl, { nextStep: 'surgery', summary: summaryEs });
      assert.equal(wrongStep.status, 400);
      assert.match(wrongStep.text, /nextStep/);
      assert.equal((await writeResult(surgeon, insurance.id, body)).status, 409);
      assert.equal(
        (await statusOf(visitor, clinic, review.id, review.token)).json.imagingReview,
        null,
      );

      const written = await surgeon.post(resultUrl, body);
      assert.equal(written.status, 201, written.text);
      const staffView = written.json.imagingReview as Json;
      assert.equal(staffView.summary, summaryEs);
      assert.equal(staffView.nextStep, 'conservative_care');
      assert.equal((staffView.author as Json).id, clinic.staff.clinician.id);
      assert.equal((written.json.request as Json).status, 'done', 'the review is finished');

      // Written once: a second write is refused and changes nothing.
      const again = await surgeon.post(resultUrl, {
        nextStep: 'nothing_needed',
        summary: summaryEn,
      });
      assert.equal(again.status, 409, again.text);

      // The requester's status page: the result in the language of the request.
      const page = await statusOf(visitor, clinic, review.id, review.token);
      assert.equal(page.status, 200, page.text);
      const shown = page.json.imagingReview as Json;
      assert.equal(shown.language, 'es');
      assert.equal(shown.nextStep, 'conservative_care');
      assert.equal(shown.summary, summaryEs);
      assert.equal((shown.notice as Json).text, statementsEs['imaging-review.notice']);
      assert.equal((shown.notice as Json).lang, 'es');
      assert.deepEqual((shown.notice as Json).sources, imagingReviewNotice.sources);
      assert.equal(
        (shown.meaning as Json).text,
        statementsEs['imaging-review.conservative-care.meaning'],
      );
      assert.equal(
        (shown.doNow as Json).text,
        statementsEs['imaging-review.conservative-care.do-now'],
      );
      assert.ok(!page.text.includes('ana@mail.example'), 'no contact details on the page');
      assert.equal(
        (await visitor.request('GET', `/api/public/${clinic.slug}/requests/${review.id}`)).status,
        404,
        'no token, no result',
      );

      // One email, in Spanish, saying only that an answer is ready.
      const mail = await outbox(db, clinic.clinicId, 'intake_review_result');
      assert.equal(mail.length, 1, 'one email: the refused second write sent none');
      const [email] = mail;
      assert.ok(email);
      assert.equal(email.to_address, 'ana@mail.example');
      assert.match(email.subject, /respuesta/);
      const text = `${email.subject}\n${email.body_text}`;
      for (const secret of [
        summaryEs,
        'L4-L5',
        'estrechamiento',
        'conservative',
        'fisioterapia',
        'resonancia',
        'MRI',
        ...imagingReviewNextSteps.flatMap((step) => [
          imagingReviewGuidance[step].meaning.text,
          statementsEs[imagingReviewGuidance[step].meaning.id] ?? '',
        ]),
      ])
        assert.ok(!text.includes(secret), `the email must not say "${secret}"`);
      // The status page link, without the token (only its hash is stored).
      assert.ok(text.includes(`/request-status/${review.id}?clinic=${clinic.slug}`), text);
      assert.ok(!text.includes('token'), text);
      assert.ok(!text.includes(review.token), text);

      // Audited with who wrote it and the next step, never the summary.
      const audit = await auditOf(db, clinic.clinicId, 'intake.imaging-review-result')
        .select(['action', 'actor_id', 'details', 'subject_id'])
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor_id, clinic.staff.clinician.id);
      assert.equal(audit[0]?.subject_id, review.id);
      assert.equal((audit[0]?.details as Json | undefined)?.nextStep, 'conservative_care');
      assert.ok(!JSON.stringify(audit[0]?.details).includes('L4-L5'));

      // Care managers see the result in the queue's detail; nobody edits it.
      const nurse = await staff(db, clinic, 'care_manager');
      const detail = await nurse.get(`/api/requests/${review.id}`);
      assert.equal((detail.json.imagingReview as Json).summary, summaryEs);
      const stored = await db
        .selectFrom('imaging_review_results')
        .selectAll()
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.deepEqual(
        stored.map((r) => [r.request_id, r.next_step, r.summary]),
        [[review.id, 'conservative_care', summaryEs]],
      );
    },
  );

  engine.test(
    'corrections are addenda: after the result, by a clinician, shown to the requester',
    async () => {
      const { db, clinic, visitor, review } = await aReviewRequest(engine, 'en');
      const addendumUrl = `/api/requests/${review.id}/imaging-review-addendum`;
      const correction = 'Correction: the narrowing is at L3-L4, not L4-L5.';
      const surgeon = await staff(db, clinic, 'clinician');
      assert.equal(
        (await surgeon.post(addendumUrl, { text: correction })).status,
        409,
        'no addendum before the result',
      );
      const written = await writeResult(surgeon, review.id, {
        nextStep: 'consultation',
        summary: summaryEn,
      });
      assert.equal(written.status, 201, written.text);
      assert.equal(
        (await (await staff(db, clinic, 'care_manager')).post(addendumUrl, { text: correction }))
          .status,
        403,
      );
      assert.equal((await surgeon.post(addendumUrl, { text: 'short' })).status, 400);
      surgeon.clock = new Date(asked.getTime() + 60_000);
      const added = await surgeon.post(addendumUrl, { text: correction });
      assert.equal(added.status, 201, added.text);
      assert.deepEqual(
        ((added.json.imagingReview as Json).addenda as Json[]).map((a) => a.text),
        [correction],
      );

      const page = await statusOf(visitor, clinic, review.id, review.token);
      const shown = page.json.imagingReview as Json;
      assert.equal(shown.summary, summaryEn, 'the result itself is unchanged');
      assert.equal(shown.language, 'en');
      assert.equal((shown.notice as Json).text, imagingReviewNotice.text);
      assert.equal((shown.meaning as Json).text, imagingReviewGuidance.consultation.meaning.text);
      assert.deepEqual(
        (shown.addenda as Json[]).map((a) => a.text),
        [correction],
      );
      const actions = await auditOf(db, clinic.clinicId, 'intake.imaging-review%')
        .select('action')
        .execute();
      assert.deepEqual(actions.map((a) => a.action).sort(), [
        'intake.imaging-review-addendum',
        'intake.imaging-review-result',
      ]);
      // Only one email: an addendum does not send another.
      assert.equal((await outbox(db, clinic.clinicId, 'intake_review_result')).length, 1);
    },
  );

  engine.test(
    'two clinicians writing at the same moment: one result, one email, one 409',
    async () => {
      const { db, clinic, review } = await aReviewRequest(engine, 'en');
      await insertUser(db, clinic.clinicId, {
        role: 'clinician',
        email: `second@${clinic.slug}.example`,
        displayName: 'Second surgeon',
      });
      const one = await staff(db, clinic, 'clinician');
      const two = await staff(db, clinic, 'clinician');
      const answers = await Promise.all(
        [one, two, one, two].map((client, i) =>
          writeResult(client, review.id, {
            nextStep: imagingReviewNextSteps[i % 3],
            summary: `${summaryEn} Writer ${i}.`,
          }),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        [201, 409, 409, 409],
        answers.map((a) => a.text).join('\n'),
      );
      assert.equal((await outbox(db, clinic.clinicId, 'intake_review_result')).length, 1);
      assert.equal(await countRows(db, 'imaging_review_results', clinic.clinicId), 1);
    },
  );

  engine.test(
    'the status link from the first email still opens after 14 days when the result came late',
    async () => {
      const { db, clinic, visitor, review } = await aReviewRequest(engine, 'en');
      // Signed in (sessions expire when idle) on day 13.
      const surgeon = await staff(db, clinic, 'clinician', new Date(asked.getTime() + 13 * day));
      const written = await writeResult(surgeon, review.id, {
        nextStep: 'nothing_needed',
        summary: summaryEn,
      });
      assert.equal(written.status, 201, written.text);
      visitor.clock = new Date(asked.getTime() + 20 * day);
      const page = await statusOf(visitor, clinic, review.id, review.token);
      assert.equal(page.status, 200, 'open 14 days after the result');
      assert.equal((page.json.imagingReview as Json).nextStep, 'nothing_needed');
      visitor.clock = new Date(asked.getTime() + 28 * day);
      assert.equal((await statusOf(visitor, clinic, review.id, review.token)).status, 404);

      // A closed request (spam) takes no result.
      const closed = await visitorRequest(visitor, clinic, 'imaging_review', 'en');
      const nurse = await staff(db, clinic, 'care_manager', surgeon.clock);
      assert.equal(
        (await nurse.post(`/api/requests/${closed.id}/status`, { status: 'closed' })).status,
        200,
      );
      assert.equal(
        (await writeResult(surgeon, closed.id, { nextStep: 'nothing_needed', summary: summaryEn }))
          .status,
        409,
      );
    },
  );

  engine.test(
    'a signed-in patient sees the result with their requests and is told to sign in',
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const admin = await staff(db, clinic, 'admin');
      const rosa = await enrolAndSignIn(admin, clinic);
      // Rosa reads the app in Spanish: her stored language, which her own requests speak (issue 15).
      const chosen = await rosa.client.put(`/api/patients/${rosa.patientId}/language`, {
        language: 'es',
      });
      assert.equal(chosen.status, 200, chosen.text);
      const made = await rosa.client.post(`/api/patients/${rosa.patientId}/requests`, {
        kind: 'imaging_review',
        language: 'es',
        consent: true,
      });
      assert.equal(made.status, 201, made.text);
      const surgeon = await staff(db, clinic, 'clinician');
      const written = await writeResult(surgeon, made.json.requestId as string, {
        nextStep: 'consultation',
        summary: summaryEs,
      });
      assert.equal(written.status, 201, written.text);
      const mine = await rosa.client.get(`/api/patients/${rosa.patientId}/requests`);
      assert.equal(mine.status, 200, mine.text);
      const [own] = mine.json.requests as Json[];
      const shown = own?.imagingReview as Json;
      assert.equal(shown.summary, summaryEs);
      assert.equal((shown.doNow as Json).text, statementsEs['imaging-review.consultation.do-now']);
      const [email] = await outbox(db, clinic.clinicId, 'intake_review_result');
      assert.equal(email?.to_address, rosa.email);
      assert.match(email?.body_text ?? '', /Lamina/);
      assert.ok(!(email?.body_text ?? '').includes('L4-L5'));
      // Another patient of the clinic does not see it.
      const other = await enrolAndSignIn(admin, clinic);
      assert.equal(
        (await other.client.get(`/api/patients/${rosa.patientId}/requests`)).status,
        403,
      );
    },
  );
});
