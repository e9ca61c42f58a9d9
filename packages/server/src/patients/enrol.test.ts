import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { surgerySchema } from '@lamina/pathway';
import { countRows } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import {
  freshSignedInClinic,
  type SeededClinic,
  seedClinic,
  sendCheckin,
  signInPatient,
  staffSignedIn,
  twoClinics,
} from '../http/test-fixtures.ts';
import { isUniqueViolation } from './enrol.ts';
import { enrolPatient } from './store.ts';

function aPatient(clinic: SeededClinic, extra: Record<string, unknown> = {}) {
  return {
    givenName: 'Ana',
    familyName: 'Ruiz',
    dateOfBirth: '1960-03-14',
    email: `ana-${randomUUID().slice(0, 8)}@mail.example`,
    phone: '(415) 555-2671',
    language: 'es',
    surgery: {
      region: 'lumbar',
      procedure: 'laminectomy',
      fusion: false,
      levels: 2,
      surgeryDate: '2026-11-10',
    },
    surgeonId: clinic.staff.clinician.id,
    factors: { smoker: false },
    ...extra,
  };
}

/** Staff correct (or cancel, or reinstate) the patient's surgery. */
function correctSurgery(client: TestClient, patientId: string, correction: object) {
  return client.post(`/api/patients/${patientId}/surgery/corrections`, correction);
}

forEachEngine((engine) => {
  engine.test(
    'enrolment: every wrong field has its own plain message (RFC 9457 errors)',
    async () => {
      const { db, clinic, client: nurse } = await freshSignedInClinic(engine, 'care_manager');
      const bad = await nurse.post('/api/patients', {
        givenName: ' ',
        familyName: 'Ruiz',
        dateOfBirth: '1960-02-30',
        phone: '12',
        surgery: {
          region: 'thoracic',
          procedure: 'laminectomy',
          levels: 9,
          surgeryDate: '31/02/2026',
        },
      });
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
      const errors = bad.json.errors as { field: string; message: string }[];
      const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
      assert.equal(byField.givenName, 'Given name is required');
      assert.equal(byField.dateOfBirth, 'must be a real calendar date written YYYY-MM-DD');
      assert.match(byField['surgery.region'] ?? '', /must be one of: lumbar, cervical/);
      assert.match(byField['surgery.levels'] ?? '', /whole number from 1 to 8/);
      assert.match(byField['surgery.surgeryDate'] ?? '', /real calendar date/);
      assert.match(byField.phone ?? '', /not a phone number we can use/);
      assert.equal(await countRows(db, 'patients', clinic.clinicId), 0);

      for (const [change, error] of [
        [
          { email: undefined, phone: '' },
          { field: 'email', message: 'give an email or a mobile phone number (at least one)' },
        ],
        [
          { surgeonId: clinic.staff.care_manager.id },
          { field: 'surgeonId', message: 'must be one of the clinic’s surgeons' },
        ],
      ] as const) {
        const refused = await nurse.post('/api/patients', aPatient(clinic, change));
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.json.errors, [error]);
      }
    },
  );

  engine.test(
    'enrolment stores phone in E.164, language, MRN and surgeon; phone-only patients have no account yet',
    async () => {
      const { db, clinic, client: nurse } = await freshSignedInClinic(engine, 'care_manager');
      const enrol = async (patient: object) => {
        const created = await nurse.post('/api/patients', patient);
        assert.equal(created.status, 201, created.text);
        return db
          .selectFrom('patients')
          .selectAll()
          .where('id', '=', created.json.patientId as string)
          .executeTakeFirstOrThrow();
      };
      const row = await enrol(aPatient(clinic, { mrn: 'MRN-001' }));
      assert.equal(row.phone, '+14155552671');
      assert.equal(row.language, 'es');
      assert.equal(row.mrn, 'MRN-001');
      const surgery = await db
        .selectFrom('surgeries')
        .selectAll()
        .where('patient_id', '=', row.id)
        .executeTakeFirstOrThrow();
      assert.equal(surgery.surgeon_id, clinic.staff.clinician.id);
      assert.equal(surgery.levels, 2);

      const luis = await enrol(
        aPatient(clinic, { email: undefined, givenName: 'Luis', phone: '+34 612 345 678' }),
      );
      assert.equal(luis.phone, '+34612345678');
      assert.equal(luis.user_id, null);
      const audit = await db
        .selectFrom('audit_log')
        .select('action')
        .where('patient_id', '=', luis.id)
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['patient.enrol'],
      );
    },
  );

  engine.test(
    'a second enrolment of the same person answers 409 with the existing patient’s id',
    async () => {
      const { db } = await engine.open();
      const { clinic, elsewhere: other, admin } = await twoClinics(db);
      const first = aPatient(clinic, { mrn: 'A-1' });
      const created = await admin.post('/api/patients', first);
      assert.equal(created.status, 201);
      const id = created.json.patientId;
      for (const [matchedOn, twin] of [
        [
          'email',
          { email: first.email.toUpperCase(), givenName: 'Other', dateOfBirth: '1970-01-01' },
        ],
        ['name-and-birth-date', { givenName: 'ana', familyName: 'RUIZ' }],
        ['mrn', { mrn: 'A-1', givenName: 'Zed' }],
      ] as const) {
        const again = await admin.post('/api/patients', aPatient(clinic, twin));
        assert.equal(again.status, 409, matchedOn);
        assert.equal(again.json.existingPatientId, id);
        assert.equal(again.json.matchedOn, matchedOn);
      }
      // Same person in another clinic is another clinic's patient.
      const elsewhere = await staffSignedIn(db, other, 'admin');
      assert.equal(
        (
          await elsewhere.post(
            '/api/patients',
            aPatient(other, {
              email: first.email,
              mrn: 'A-1',
              surgeonId: other.staff.clinician.id,
            }),
          )
        ).status,
        201,
      );
      assert.equal(await countRows(db, 'patients', clinic.clinicId), 1);
    },
  );

  engine.test(
    'parallel enrolments of the same person: one 201, the rest 409 pointing at it',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const nurse = await staffSignedIn(db, clinic, 'care_manager');
      // Same name and birth date, different emails: only the unique index can catch this race.
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? admin : nurse).post('/api/patients', aPatient(clinic)),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(
        statuses,
        [201, 409, 409, 409, 409, 409],
        answers.map((a) => a.text).join('\n'),
      );
      const winner = answers.find((a) => a.status === 201)?.json.patientId;
      for (const a of answers.filter((a) => a.status === 409))
        assert.equal(a.json.existingPatientId, winner);
      assert.equal(await countRows(db, 'patients', clinic.clinicId), 1);
    },
  );

  engine.test(
    'correcting a surgery moves the plan, keeps earlier check-ins, audits old and new values',
    async () => {
      const { db, clinic, client: nurse } = await freshSignedInClinic(engine, 'care_manager');
      const input = aPatient(clinic);
      const created = await nurse.post('/api/patients', input);
      const patientId = created.json.patientId as string;
      const patient = nurse.fork();
      await signInPatient(patient, clinic, input.email);
      const checkin = await sendCheckin(patient, patientId, { chestPain: 'yes' });
      assert.equal(checkin.status, 201, checkin.text);
      const storedCheckins = () =>
        db
          .selectFrom('checkins')
          .select(['triage', 'level', 'surgery_id'])
          .where('patient_id', '=', patientId)
          .execute();
      const storedBefore = await storedCheckins();
      const plan = () => nurse.get(`/api/patients/${patientId}/plan?today=2026-11-20`);
      const planBefore = await plan();
      assert.equal(planBefore.status, 200);
      assert.equal(planBefore.json.dayOfRecovery, 10);

      const moved = await correctSurgery(nurse, patientId, {
        surgeryDate: '2026-11-15',
        fusion: true,
        reason: 'Moved by the surgeon',
      });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual(moved.json.changed, ['fusion', 'surgeryDate']);
      const planAfter = await plan();
      assert.equal(planAfter.json.dayOfRecovery, 5);
      assert.equal((planAfter.json.surgery as { fusion: boolean }).fusion, true);
      assert.deepEqual(await storedCheckins(), storedBefore);
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'surgery.correct')
        .where('patient_id', '=', patientId)
        .executeTakeFirstOrThrow();
      assert.equal(audit.actor_id, clinic.staff.care_manager.id);
      assert.ok(audit.at instanceof Date);
      assert.deepEqual(audit.details, {
        changed: ['fusion', 'surgeryDate'],
        before: { fusion: false, surgeryDate: '2026-11-10' },
        after: { fusion: true, surgeryDate: '2026-11-15' },
        reason: 'Moved by the surgeon',
      });

      const bad = await correctSurgery(nurse, patientId, { surgeryDate: '2026-02-31' });
      assert.equal(bad.status, 400);
      assert.equal((bad.json.errors as { field: string }[])[0]?.field, 'surgeryDate');
      const empty = await correctSurgery(nurse, patientId, {});
      assert.equal(empty.status, 400);
      const patientTries = await correctSurgery(patient, patientId, { surgeryDate: '2026-11-01' });
      assert.equal(patientTries.status, 403);
    },
  );

  engine.test(
    'a cancelled surgery: the plan and questionnaire schedule say so; reinstating brings them back',
    async () => {
      const {
        db,
        clinic,
        client: clinicianClient,
      } = await freshSignedInClinic(engine, 'clinician');
      const nurse = await staffSignedIn(db, clinic, 'care_manager');
      const created = await nurse.post('/api/patients', aPatient(clinic));
      const patientId = created.json.patientId as string;
      const cancelled = await correctSurgery(clinicianClient, patientId, {
        cancelled: true,
        reason: 'Patient chose physical therapy',
      });
      assert.equal(cancelled.status, 200, cancelled.text);
      const plan = await nurse.get(`/api/patients/${patientId}/plan?today=2026-11-20`);
      assert.equal(plan.status, 409);
      assert.equal(plan.json.surgeryCancelled, true);
      assert.match(plan.json.detail as string, /cancelled/);
      const due = await nurse.get(`/api/patients/${patientId}/proms/due`);
      assert.equal(due.status, 409);
      const record = await nurse.get(`/api/patients/${patientId}`);
      assert.equal(
        (record.json.surgery as { cancelReason: string }).cancelReason,
        'Patient chose physical therapy',
      );
      const back = await correctSurgery(nurse, patientId, { cancelled: false });
      assert.equal(back.status, 200);
      assert.equal(
        (await nurse.get(`/api/patients/${patientId}/plan?today=2026-11-20`)).status,
        200,
      );
      const audits = await db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'surgery.correct')
        .where('patient_id', '=', patientId)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audits.map((a) => (a.details as { after: unknown }).after),
        [{ cancelled: true }, { cancelled: false }],
      );
    },
  );

  engine.test(
    'the database itself refuses a second patient with the same name and birth date, email or MRN',
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const base = {
        givenName: 'Ana',
        familyName: 'Ruiz',
        dateOfBirth: '1960-03-14',
        surgery: surgerySchema.parse({
          region: 'lumbar',
          procedure: 'laminectomy',
          surgeryDate: '2026-11-10',
        }),
        factors: {},
        overrides: { restrictions: {}, milestones: {}, followUps: {} },
      };
      await enrolPatient(db, clinic.clinicId, null, {
        ...base,
        email: 'a@mail.example',
        mrn: 'X1',
      });
      // Straight to the store, past the handler's look-up: only the unique indexes stand in the way.
      for (const twin of [
        { ...base, givenName: 'ANA', phone: '+14155552671' },
        { ...base, dateOfBirth: '1970-01-01', phone: '+14155552671', mrn: 'X1' },
        { ...base, dateOfBirth: '1970-01-01', email: 'A@mail.example' },
      ])
        await assert.rejects(
          db.transaction().execute((trx) => enrolPatient(trx, clinic.clinicId, null, twin)),
          (error: unknown) => isUniqueViolation(error),
        );
    },
  );
});
