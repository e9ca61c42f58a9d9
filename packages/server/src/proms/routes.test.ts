import assert from 'node:assert/strict';
import { assertAudited, auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  freshClinic,
  signInPatient,
  signInStaff,
  staffSignedIn,
} from '../http/test-fixtures.ts';

const odiAnswers = (value: number) => ({
  'pain-intensity': value,
  'personal-care': value,
  lifting: value,
  walking: value,
  sitting: value,
  standing: value,
  sleeping: value,
  'sex-life': null,
  'social-life': value,
  travelling: value,
});
const mjoaAnswers = {
  'upper-limb-motor': 4,
  'lower-limb-motor': 6,
  'upper-limb-sensory': 2,
  urinary: 3,
};

interface Listed {
  instrument: string;
  completedOn: string;
  baselineId: string | null;
  change: { scale: string; classification: string; improvement: number }[];
}

forEachEngine((engine) => {
  engine.test(
    'a patient sends PROMs; scores and the change from baseline come back classified by the MCID',
    async () => {
      const {
        db,
        clinic,
        client: admin,
      } = await freshClinic(engine, new Date('2026-11-05T17:00:00Z'));
      await signInStaff(admin, clinic, 'admin');
      const { patientId, email, client: patient } = await enrolAndSignIn(admin, clinic);
      const proms = `/api/patients/${patientId}/proms`;

      const baseline = await patient.post(`${proms}/nrs-back-leg`, {
        answers: { axial: 7, limb: 8 },
      });
      assert.equal(baseline.status, 201, baseline.text);
      assert.equal(baseline.json.completedOn, '2026-11-05');
      const scales = (baseline.json.score as { scales: { scale: string; value: number }[] }).scales;
      assert.deepEqual(
        scales.map((s) => [s.scale, s.value]),
        [
          ['axial', 7],
          ['limb', 8],
        ],
      );

      admin.clock = new Date('2026-12-22T18:00:00Z'); // six weeks after the 2026-11-10 surgery
      await signInPatient(patient, clinic, email); // a month-long session has ended meanwhile
      await patient.post(`${proms}/nrs-back-leg`, { answers: { axial: 6, limb: 2 } });

      const listed = await patient.get(proms);
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.json.surgeryDate, '2026-11-10');
      const [first, second] = listed.json.responses as Listed[];
      assert.equal(first?.baselineId, null);
      assert.deepEqual(first?.change, []);
      assert.equal(second?.baselineId, baseline.json.responseId);
      assert.deepEqual(
        second?.change.map((c) => [c.scale, c.improvement, c.classification]),
        [
          ['axial', 1, 'no-important-change'],
          ['limb', 6, 'improved'],
        ],
      );

      const due = await patient.get(`${proms}/due`);
      assert.equal(due.status, 200, due.text);
      assert.equal(due.json.today, '2026-12-22');
      const timepoints = due.json.timepoints as {
        timepoint: string;
        instruments: { instrument: string; status: string }[];
      }[];
      const sixWeeks = timepoints.find((t) => t.timepoint === '6-weeks');
      assert.equal(
        sixWeeks?.instruments.find((i) => i.instrument === 'nrs-back-leg')?.status,
        'complete',
      );
      assert.equal(sixWeeks?.instruments.find((i) => i.instrument === 'zcq')?.status, 'due');
      assert.deepEqual(
        (due.json.disabledInstruments as { instrument: string }[]).map((d) => d.instrument),
        ['odi'],
        'ODI stays off until the clinic confirms its licence',
      );

      await assertAudited(db, clinic.clinicId, ['prom.submit', 'prom.list', 'prom.due'], {
        patientId,
      });
    },
  );

  engine.test('an unlicensed instrument is a 409 until an admin turns it on', async () => {
    const { db, clinic, admin, patientId, patient } = await aSignedInPatient(engine);
    const odi = `/api/patients/${patientId}/proms/odi`;

    const refused = await patient.post(odi, { answers: odiAnswers(2) });
    assert.equal(refused.status, 409, refused.text);
    assert.match(String(refused.json.detail), /licence/);
    assert.match(String(refused.json.detail), /admin can turn it on/);

    const nurse = await staffSignedIn(admin, clinic, 'care_manager');
    assert.equal(
      (await nurse.put('/api/clinic/settings', { licensedInstruments: ['odi'] })).status,
      403,
    );
    assert.equal(
      (await patient.put('/api/clinic/settings', { licensedInstruments: ['odi'] })).status,
      403,
    );
    const bad = await admin.put('/api/clinic/settings', { licensedInstruments: ['odi', 'sf-36'] });
    assert.equal(bad.status, 400);
    assert.equal((bad.json.errors as { field: string }[])[0]?.field, 'licensedInstruments.1');

    const set = await admin.put('/api/clinic/settings', { licensedInstruments: ['odi', 'odi'] });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.json.licensedInstruments, ['odi']);
    assert.deepEqual((await admin.get('/api/clinic/settings')).json.licensedInstruments, ['odi']);
    const contact = await admin.put('/api/clinic/settings', {
      licensedInstruments: ['odi'],
      phone: '+1 555-010-0199',
      emergencyNumber: '112',
    });
    assert.deepEqual(contact.json, {
      licensedInstruments: ['odi'],
      phone: '+1 555-010-0199',
      emergencyNumber: '112',
    });
    const badPhone = await admin.put('/api/clinic/settings', {
      licensedInstruments: [],
      emergencyNumber: 'call me',
    });
    assert.equal(badPhone.status, 400);

    const accepted = await patient.post(odi, { answers: odiAnswers(2) });
    assert.equal(accepted.status, 201, accepted.text);
    const score = accepted.json.score as { scales: { scale: string; value: number }[] };
    assert.equal(score.scales[0]?.value, 40, '18 of 45 points over 9 answered sections');
    const settingsAudit = await auditOf(db, clinic.clinicId, 'clinic.settings-update')
      .select('details')
      .orderBy('at')
      .executeTakeFirst();
    assert.deepEqual(settingsAudit?.details, {
      before: { licensedInstruments: [], phone: null, emergencyNumber: '911' },
      after: { licensedInstruments: ['odi'] },
    });
  });

  engine.test('bad answers are a 400 naming the item; nothing is stored', async () => {
    const { db, patientId, patient } = await aSignedInPatient(engine);
    const nrs = `/api/patients/${patientId}/proms/nrs-back-leg`;

    const offScale = await patient.post(nrs, { answers: { axial: 11, limb: 2 } });
    assert.equal(offScale.status, 400, offScale.text);
    assert.deepEqual(
      (offScale.json.errors as { field: string }[]).map((e) => e.field),
      ['answers.axial'],
    );
    const unknownItem = await patient.post(nrs, { answers: { axial: 1, knee: 2 } });
    assert.equal(unknownItem.status, 400);
    assert.equal((unknownItem.json.errors as { field: string }[])[0]?.field, 'answers.knee');
    assert.equal((await patient.post(nrs, { answers: 'seven' })).status, 400);
    assert.equal((await patient.post(nrs, {})).status, 400);
    const unknown = await patient.post(`/api/patients/${patientId}/proms/sf-36`, { answers: {} });
    assert.equal(unknown.status, 404);
    const count = await db
      .selectFrom('prom_responses')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  engine.test(
    'mJOA is entered by a clinician only; patient questionnaires by the patient only',
    async () => {
      const { db, clinic, admin, patientId, patient } = await aSignedInPatient(engine, {
        surgery: { region: 'cervical', procedure: 'laminectomy', surgeryDate: '2026-11-10' },
      });
      const mjoa = `/api/patients/${patientId}/proms/mjoa`;
      const clinician = await staffSignedIn(admin, clinic, 'clinician');
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');

      const byPatient = await patient.post(mjoa, { answers: mjoaAnswers });
      assert.equal(byPatient.status, 403);
      assert.match(String(byPatient.json.detail), /clinician/);
      assert.equal((await nurse.post(mjoa, { answers: mjoaAnswers })).status, 403);
      assert.equal((await admin.post(mjoa, { answers: mjoaAnswers })).status, 403);
      const byClinician = await clinician.post(mjoa, { answers: mjoaAnswers });
      assert.equal(byClinician.status, 201, byClinician.text);
      assert.equal(
        (byClinician.json.score as { scales: { value: number }[] }).scales[0]?.value,
        15,
      );
      const stored = await db
        .selectFrom('prom_responses')
        .select(['entered_by', 'score'])
        .where('clinic_id', '=', clinic.clinicId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(stored, { entered_by: clinic.staff.clinician.id, score: 15 });

      const ndi = `/api/patients/${patientId}/proms/nrs-neck-arm`;
      assert.equal((await clinician.post(ndi, { answers: { axial: 3, limb: 3 } })).status, 403);
      assert.equal((await patient.post(ndi, { answers: { axial: 3, limb: 3 } })).status, 201);

      const other = await enrolAndSignIn(admin, clinic);
      assert.equal((await other.client.post(ndi, { answers: { axial: 3, limb: 3 } })).status, 403);
      assert.equal((await other.client.get(`/api/patients/${patientId}/proms`)).status, 403);
      const reviewer = await staffSignedIn(admin, clinic, 'reviewer');
      assert.equal(
        (await reviewer.get(`/api/patients/${patientId}/proms`)).status,
        403,
        'not assigned',
      );
    },
  );
});
