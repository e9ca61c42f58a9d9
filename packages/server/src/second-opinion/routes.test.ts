import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { auditOf, disableUser } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, seedClinic, signInStaff, staffSignedIn } from '../http/test-fixtures.ts';

interface CaseView {
  id: string;
  status: string;
  question: string;
  createdAt?: string;
  patientId?: string;
  patient?: { name: string };
  reviewer?: { id: string; name: string } | null;
  deadline: { dueOn: string; dueAt: string; overdue: boolean; msLeft: number | null } | null;
  summary?: Record<string, unknown> & {
    deidentified?: true;
    surgery: { fusion: boolean; daysSinceSurgery: number } | null;
  };
  report: null | {
    recommendation: string;
    patientSummary: string;
    addenda: { text: string; at: string }[];
    guidance: { meaning: { id: string }; doNow: { id: string }; urgent: boolean };
  };
  alertId?: string | null;
}

const goodReport = {
  decompressionAdequate: 'yes',
  fusionForming: 'not_applicable',
  concerns: 'None on the information given.',
  recommendation: 'continue_plan',
  patientSummary: 'Your nerves have more room now. Keep walking a little more each day.',
};

/** A clinic with a patient (Rosa Diaz, with a check-in) asking a question, and the four staff clients. */
async function world(db: Parameters<typeof seedClinic>[0], surgery?: Record<string, unknown>) {
  const clinic = await seedClinic(db);
  // Tuesday 1 December 2026, 10:00 in Los Angeles.
  const admin = new TestClient(db, new Date('2026-12-01T18:00:00Z'));
  await signInStaff(admin, clinic, 'admin');
  const rosa = await enrolAndSignIn(admin, clinic, {
    email: 'rosa.diaz@mail.example',
    ...(surgery ? { surgery } : {}),
  });
  await rosa.client.post(`/api/patients/${rosa.patientId}/checkins`, {
    idempotencyKey: randomUUID(),
    checkin: { axialPain: 4, limbPain: 3 },
  });
  const reviewer = await staffSignedIn(admin, clinic, 'reviewer');
  const nurse = await staffSignedIn(admin, clinic, 'care_manager');
  return { clinic, admin, rosa, reviewer, nurse };
}

forEachEngine((engine) => {
  engine.test(
    'a patient asks, an admin assigns, the reviewer sees only that case de-identified and reports, the patient reads it',
    async () => {
      const { db } = await engine.open();
      const { clinic, admin, rosa, reviewer, nurse } = await world(db);

      const asked = await rosa.client.post('/api/second-opinions', {
        question: 'My leg still tingles six weeks after surgery. Is that expected?',
      });
      assert.equal(asked.status, 201, asked.text);
      const mine = asked.json.case as CaseView;
      assert.equal(mine.status, 'requested');
      assert.equal(mine.deadline, null);

      // A second patient's case, never assigned to this reviewer.
      const other = await enrolAndSignIn(admin, clinic);
      const otherCase = (
        (
          await other.client.post('/api/second-opinions', {
            question: 'Is my fusion healing well?',
          })
        ).json.case as CaseView
      ).id;

      const assigned = await admin.post(`/api/second-opinions/${mine.id}/assign`, {
        reviewerId: clinic.staff.reviewer.id,
      });
      assert.equal(assigned.status, 200, assigned.text);
      const staffView = assigned.json.case as CaseView;
      assert.equal(staffView.status, 'assigned');
      // Assigned Tuesday 1 December: five business days later is Tuesday 8 December, end of day in LA.
      assert.equal(staffView.deadline?.dueOn, '2026-12-08');
      assert.equal(staffView.deadline?.dueAt, '2026-12-09T08:00:00.000Z');
      assert.equal(staffView.deadline?.overdue, false);
      assert.equal(staffView.reviewer?.id, clinic.staff.reviewer.id);

      const listed = await reviewer.get('/api/second-opinions');
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(
        (listed.json.cases as CaseView[]).map((c) => c.id),
        [mine.id],
      );
      assert.equal((await reviewer.get(`/api/second-opinions/${otherCase}`)).status, 404);

      const seen = await reviewer.get(`/api/second-opinions/${mine.id}`);
      assert.equal(seen.status, 200, seen.text);
      const reviewerView = seen.json.case as CaseView;
      assert.equal(reviewerView.summary?.deidentified, true);
      assert.equal(reviewerView.summary?.surgery?.daysSinceSurgery, 21);
      for (const secret of ['Rosa', 'Diaz', 'rosa.diaz@mail.example', rosa.patientId, 'admin'])
        assert.ok(!seen.text.includes(secret), `the reviewer's view leaks ${secret}`);
      assert.doesNotMatch(
        JSON.stringify(reviewerView.summary),
        /\d{4}-\d{2}-\d{2}/,
        'no calendar dates in the summary',
      );
      assert.equal(reviewerView.createdAt, undefined);

      // The reviewer reaches nothing else: not the patient, their plan, check-ins, messages, lists.
      for (const path of [
        '/api/patients',
        `/api/patients/${rosa.patientId}`,
        `/api/patients/${rosa.patientId}/plan`,
        `/api/patients/${rosa.patientId}/checkins`,
        `/api/patients/${rosa.patientId}/proms`,
        `/api/patients/${rosa.patientId}/messages`,
        '/api/alerts',
        '/api/second-opinion-reviewers',
      ]) {
        const response = await reviewer.get(path);
        const reached = response.status === 200 && !/"patients":\[\]/.test(response.text);
        assert.ok(!reached, `reviewer reached ${path}: ${response.status}`);
      }

      // Staff see the identified case.
      const nurseView = (await nurse.get(`/api/second-opinions/${mine.id}`)).json.case as CaseView;
      assert.equal(nurseView.patient?.name, 'Rosa Diaz');
      assert.equal((nurseView.summary?.patient as { name: string } | undefined)?.name, 'Rosa Diaz');

      const reported = await reviewer.post(`/api/second-opinions/${mine.id}/report`, goodReport);
      assert.equal(reported.status, 201, reported.text);
      assert.equal(reported.json.alert, null);
      const again = await reviewer.post(`/api/second-opinions/${mine.id}/report`, goodReport);
      assert.equal(again.status, 409, 'a report is submitted once');
      // Rosa is told by email, once, without anything about her health in it.
      const told = await db
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body_text'])
        .where('clinic_id', '=', clinic.clinicId)
        .where('kind', '=', 'second_opinion_report')
        .execute();
      assert.equal(told.length, 1);
      assert.equal(told[0]?.to_address, 'rosa.diaz@mail.example');
      assert.match(told[0]?.body_text ?? '', /Sign in to Lamina/);
      assert.ok(
        !`${told[0]?.subject} ${told[0]?.body_text}`.includes(
          goodReport.patientSummary.slice(0, 20),
        ),
        'the email does not carry the report',
      );
      // Corrections come as an addendum; the report itself stays as it was.
      const correction = 'Correction: walking 30 minutes a day is fine, not 10.';
      const added = await reviewer.post(`/api/second-opinions/${mine.id}/addendum`, {
        text: correction,
      });
      assert.equal(added.status, 201, added.text);
      assert.equal(
        (await reviewer.post(`/api/second-opinions/${mine.id}/addendum`, { text: 'short' })).status,
        400,
      );
      assert.equal(
        (await reviewer.post(`/api/second-opinions/${otherCase}/addendum`, { text: correction }))
          .status,
        404,
      );

      const read = await rosa.client.get(`/api/second-opinions/${mine.id}`);
      assert.equal(read.status, 200, read.text);
      const patientView = read.json.case as CaseView;
      assert.equal(patientView.status, 'reported');
      assert.equal(patientView.report?.patientSummary, goodReport.patientSummary);
      assert.deepEqual(
        patientView.report?.addenda.map((a) => a.text),
        ['Correction: walking 30 minutes a day is fine, not 10.'],
      );
      assert.equal(patientView.report?.guidance.meaning.id, 'second-opinion.continue-plan.meaning');
      assert.equal(patientView.deadline?.dueOn, '2026-12-08');
      assert.equal(patientView.summary, undefined);
      assert.equal(patientView.reviewer, undefined);

      // Other patients' cases are not theirs.
      assert.equal((await rosa.client.get(`/api/second-opinions/${otherCase}`)).status, 404);
      assert.deepEqual(
        ((await rosa.client.get('/api/second-opinions')).json.cases as CaseView[]).map((c) => c.id),
        [mine.id],
      );

      const audit = await auditOf(db, clinic.clinicId)
        .select(['action', 'actor_role', 'patient_id'])
        .where('subject_type', '=', 'second_opinion')
        .execute();
      const of = (action: string, role: string) =>
        audit.filter((a) => a.action === action && a.actor_role === role);
      assert.equal(of('second_opinion.request', 'patient').length, 2);
      assert.equal(of('second_opinion.assign', 'admin')[0]?.patient_id, rosa.patientId);
      assert.equal(of('second_opinion.read', 'reviewer')[0]?.patient_id, rosa.patientId);
      assert.equal(of('second_opinion.report', 'reviewer').length, 1);
      assert.ok(of('second_opinion.read', 'patient').length >= 1);
      assert.ok(of('second_opinion.list', 'reviewer').length >= 1);
    },
  );

  engine.test(
    'only admins assign, and only to an active reviewer of their clinic; another clinic sees nothing',
    async () => {
      const { db } = await engine.open();
      const { clinic, admin, rosa, reviewer, nurse } = await world(db);
      const id = (
        (await rosa.client.post('/api/second-opinions', { question: 'Did the surgery work?' })).json
          .case as CaseView
      ).id;
      const url = `/api/second-opinions/${id}/assign`;
      const body = { reviewerId: clinic.staff.reviewer.id };
      assert.equal((await nurse.post(url, body)).status, 403);
      assert.equal((await reviewer.post(url, body)).status, 403);
      assert.equal((await rosa.client.post(url, body)).status, 403);

      const notReviewer = await admin.post(url, { reviewerId: clinic.staff.clinician.id });
      assert.equal(notReviewer.status, 400);
      assert.equal(
        (notReviewer.json.errors as { field: string }[])[0]?.field,
        'reviewerId',
        notReviewer.text,
      );
      await disableUser(db, clinic.clinicId, clinic.staff.reviewer.id);
      assert.equal((await admin.post(url, body)).status, 400, 'a disabled reviewer');
      await db
        .updateTable('users')
        .set({ disabled_at: null })
        .where('id', '=', clinic.staff.reviewer.id)
        .execute();

      const elsewhere = await seedClinic(db);
      assert.equal(
        (await admin.post(url, { reviewerId: elsewhere.staff.reviewer.id })).status,
        400,
        "another clinic's reviewer",
      );
      const theirAdmin = await staffSignedIn(admin, elsewhere, 'admin');
      assert.equal((await theirAdmin.get(`/api/second-opinions/${id}`)).status, 404);
      assert.equal(
        (await theirAdmin.post(url, { reviewerId: elsewhere.staff.reviewer.id })).status,
        404,
      );
      assert.deepEqual((await theirAdmin.get('/api/second-opinions')).json.cases, []);

      // The clinic may give reviewers fewer or more business days; bad values are refused.
      assert.equal((await admin.get('/api/second-opinion-settings')).json.reportBusinessDays, 5);
      assert.equal(
        (await nurse.put('/api/second-opinion-settings', { reportBusinessDays: 3 })).status,
        403,
      );
      assert.equal(
        (await admin.put('/api/second-opinion-settings', { reportBusinessDays: 0 })).status,
        400,
      );
      assert.equal(
        (await admin.put('/api/second-opinion-settings', { reportBusinessDays: 3 })).status,
        200,
      );
      const quick = await admin.post(url, body);
      assert.equal(
        (quick.json.case as CaseView).deadline?.dueOn,
        '2026-12-04',
        'Tuesday + 3 = Friday',
      );
      await admin.put('/api/second-opinion-settings', { reportBusinessDays: 5 });
      assert.equal((await admin.post(url, { reviewerId: 'nobody' })).status, 400);
      assert.equal((await admin.post(url, body)).status, 200);
      const reviewers = await admin.get('/api/second-opinion-reviewers');
      assert.deepEqual(
        (reviewers.json.reviewers as { id: string }[]).map((r) => r.id),
        [clinic.staff.reviewer.id],
      );
      const rows = (await admin.get('/api/second-opinions')).json.cases as CaseView[];
      assert.equal(rows[0]?.deadline?.dueOn, '2026-12-08');
      assert.equal(rows[0]?.summary, undefined, 'lists carry no summaries');
      assert.equal(rows[0]?.deadline?.overdue, false);
      // After the end of Tuesday 8 December in Los Angeles the report is overdue.
      const later = new TestClient(db, new Date('2026-12-09T09:00:00Z'));
      await signInStaff(later, clinic, 'admin');
      const late = ((await later.get('/api/second-opinions')).json.cases as CaseView[])[0];
      assert.equal(late?.deadline?.overdue, true);
      assert.equal(late?.deadline?.msLeft, -3_600_000);

      // Withdrawn before a report: it cannot be assigned or reported any more.
      assert.equal((await rosa.client.post(`/api/second-opinions/${id}/withdraw`, {})).status, 200);
      assert.equal((await admin.post(url, body)).status, 409);
      assert.equal(
        (await reviewer.post(`/api/second-opinions/${id}/report`, goodReport)).status,
        409,
        'a withdrawn case cannot be reported',
      );
    },
  );

  engine.test(
    'the fusion question is required exactly when the surgery had a fusion; urgent care raises an alert',
    async () => {
      const { db } = await engine.open();
      const { clinic, admin, rosa, reviewer } = await world(db, {
        region: 'lumbar',
        procedure: 'laminectomy',
        surgeryDate: '2026-06-01',
        fusion: true,
        levels: 2,
      });
      const asked = await rosa.client.post('/api/second-opinions', {
        question: 'Has my fusion healed after six months?',
        shareIdentity: true,
      });
      const id = (asked.json.case as CaseView).id;
      await admin.post(`/api/second-opinions/${id}/assign`, {
        reviewerId: clinic.staff.reviewer.id,
      });
      const seen = (await reviewer.get(`/api/second-opinions/${id}`)).json.case as CaseView;
      assert.equal(seen.patient?.name, 'Rosa Diaz', 'the patient chose to share who they are');
      assert.equal(seen.summary?.deidentified, undefined);

      const url = `/api/second-opinions/${id}/report`;
      assert.equal(
        (await reviewer.post(`/api/second-opinions/${id}/addendum`, { text: 'Before any report.' }))
          .status,
        409,
        'an addendum needs a report',
      );
      const missingFusion = await reviewer.post(url, goodReport);
      assert.equal(missingFusion.status, 400);
      assert.equal((missingFusion.json.errors as { field: string }[])[0]?.field, 'fusionForming');
      const tooShort = await reviewer.post(url, {
        ...goodReport,
        fusionForming: 'yes',
        patientSummary: 'ok',
      });
      assert.equal(tooShort.status, 400);
      assert.ok(
        (tooShort.json.errors as { field: string }[]).some((e) => e.field === 'patientSummary'),
        tooShort.text,
      );
      assert.equal((await admin.post(url, { ...goodReport, fusionForming: 'yes' })).status, 403);

      const urgent = await reviewer.post(url, {
        ...goodReport,
        fusionForming: 'unclear',
        recommendation: 'urgent_care',
        concerns: 'New weakness reported at the last check-ins; needs examination.',
      });
      assert.equal(urgent.status, 201, urgent.text);
      const alertId = (urgent.json.alert as { id: string }).id;
      const alert = await db
        .selectFrom('alerts')
        .selectAll()
        .where('clinic_id', '=', clinic.clinicId)
        .where('id', '=', alertId)
        .executeTakeFirstOrThrow();
      assert.equal(alert.patient_id, rosa.patientId);
      assert.equal(alert.level, 'urgent');
      assert.equal(alert.status, 'open');
      assert.equal(
        (alert.findings as { ruleId: string }[])[0]?.ruleId,
        'second-opinion.urgent-care',
      );
      assert.equal(
        alert.deadline_at?.toISOString(),
        new Date(Date.parse('2026-12-01T18:00:00Z') + 3_600_000).toISOString(),
        'urgent: acknowledged within the hour',
      );
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const queue = await nurse.get('/api/alerts');
      assert.ok(queue.text.includes(alertId), 'the alert is in the care team queue');

      const patientView = (await rosa.client.get(`/api/second-opinions/${id}`)).json
        .case as CaseView;
      assert.equal(patientView.report?.guidance.urgent, true);
      assert.equal(patientView.report?.guidance.doNow.id, 'second-opinion.urgent-care.do-now');
    },
  );

  engine.test('bad requests get field messages and store nothing', async () => {
    const { db } = await engine.open();
    const { clinic, rosa, nurse } = await world(db);
    const short = await rosa.client.post('/api/second-opinions', { question: 'why' });
    assert.equal(short.status, 400);
    assert.equal((short.json.errors as { field: string }[])[0]?.field, 'question');
    assert.equal(
      (
        await rosa.client.post('/api/second-opinions', {
          question: 'A fine question here',
          shareIdentity: 'yes',
        })
      ).status,
      400,
    );
    assert.equal(
      (await nurse.post('/api/second-opinions', { question: 'Asked by a nurse' })).status,
      403,
    );
    assert.equal((await new TestClient(db).get('/api/second-opinions')).status, 401);
    const stored = await db
      .selectFrom('second_opinions')
      .select(db.fn.countAll().as('n'))
      .where('clinic_id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 0);
  });
});
