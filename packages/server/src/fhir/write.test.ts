import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { freshSignedInClinic, signInPatient } from '../http/test-fixtures.ts';
import { systemToken } from './smart.test-helper.ts';
import { fhirErrors } from './validator.test-helper.ts';

const email = 'ana.lopez@mail.example';
const enrolment = (mrn: string, over: Record<string, unknown> = {}): Bundle => ({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:7f7d2b8e-2a9b-4c1e-9b53-2d0c3f1a0001',
      resource: {
        resourceType: 'Patient',
        identifier: [
          {
            system: 'urn:oid:2.16.840.1.113883.3.999',
            value: mrn,
            type: { coding: [{ code: 'MR' }] },
          },
        ],
        name: [{ use: 'official', family: 'Lopez', given: ['Ana'] }],
        birthDate: '1961-04-02',
        telecom: [{ system: 'email', value: email }],
        communication: [
          { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true },
        ],
        ...over,
      },
      request: {
        method: 'POST',
        url: 'Patient',
        ifNoneExist: `identifier=urn:oid:2.16.840.1.113883.3.999|${mrn}`,
      },
    },
    {
      fullUrl: 'urn:uuid:7f7d2b8e-2a9b-4c1e-9b53-2d0c3f1a0002',
      resource: {
        resourceType: 'Procedure',
        status: 'completed',
        subject: { reference: 'urn:uuid:7f7d2b8e-2a9b-4c1e-9b53-2d0c3f1a0001' },
        code: {
          coding: [{ system: 'http://snomed.info/sct', code: '387731002', display: 'Laminectomy' }],
        },
        bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '122496007' }] }],
        performedDateTime: '2026-11-12',
        extension: [
          { url: 'https://lamina.health/fhir/StructureDefinition/spinal-levels', valueInteger: 2 },
        ],
      },
      request: { method: 'POST', url: 'Procedure' },
    },
  ],
});

forEachEngine((engine) => {
  engine.test(
    'round trip: an EHR transaction enrols a patient (a resend does not duplicate); her check-in comes back as QuestionnaireResponse + Observations',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const { token } = await systemToken(admin, [
        'system/Patient.cruds',
        'system/Procedure.c',
        'system/*.rs',
      ]);
      const ehr = admin.fork();
      const send = (body: unknown, contentType = 'application/fhir+json') =>
        ehr.request('POST', '/fhir/r4', JSON.stringify(body), {
          authorization: `Bearer ${token}`,
          'content-type': contentType,
        });

      const first = await send(enrolment('MRN-1001'));
      assert.equal(first.status, 200, first.text);
      const answer = first.json as unknown as Bundle;
      assert.deepEqual(fhirErrors(answer), []);
      assert.equal(answer.entry?.[0]?.response?.status, '201 Created');
      const patientId = answer.entry?.[0]?.response?.location?.split('/')[1] ?? '';
      const resend = await send(enrolment('MRN-1001'));
      assert.equal(resend.status, 200);
      assert.equal((resend.json as unknown as Bundle).entry?.[0]?.response?.status, '200 OK');
      assert.equal(
        (resend.json as unknown as Bundle).entry?.[0]?.response?.location,
        `Patient/${patientId}`,
      );
      const rows = await db
        .selectFrom('patients')
        .select(['id', 'language'])
        .where('clinic_id', '=', clinic.clinicId)
        .where('mrn', '=', 'MRN-1001')
        .execute();
      assert.deepEqual(rows, [{ id: patientId, language: 'es' }]);
      // The console's duplicate check: the same person under another MRN is refused (409), not enrolled twice.
      const twin = await send(enrolment('MRN-2002'));
      assert.equal(twin.status, 409, twin.text);
      assert.equal((twin.json as unknown as Resource).resourceType, 'OperationOutcome');
      // The console's validation: 422 naming the field.
      const nameless = await send(
        enrolment('MRN-3003', {
          name: [{ family: 'Lopez' }],
          telecom: [{ system: 'email', value: 'other@mail.example' }],
        }),
      );
      assert.equal(nameless.status, 422, nameless.text);
      assert.match(nameless.text, /givenName/);
      assert.equal((await send({ resourceType: 'Bundle', type: 'batch', entry: [] })).status, 400);
      assert.equal((await send(enrolment('MRN-4004'), 'text/plain')).status, 415);
      const audit = await auditOf(db, clinic.clinicId, 'patient.enrol')
        .select(['action', 'details'])
        .execute();
      assert.equal(audit.length, 1);
      assert.equal((audit[0]?.details as { via?: string } | undefined)?.via, 'fhir');

      const read = (path: string) =>
        ehr.request('GET', path, undefined, { authorization: `Bearer ${token}` });
      const procedure = await read(`/fhir/r4/Procedure?patient=${patientId}`);
      const procedures = ((procedure.json as unknown as Bundle).entry ?? []).map(
        (e) => e.resource as Resource & { code?: { text?: string } },
      );
      assert.equal(procedures.length, 1);
      assert.equal(procedures[0]?.code?.text, 'Lumbar laminectomy, 2 levels, open');

      // The patient checks in from the app.
      const patient = admin.fork();
      await signInPatient(patient, clinic, email);
      const checkin = await patient.post(`/api/patients/${patientId}/checkins`, {
        idempotencyKey: randomUUID(),
        checkin: { axialPain: 5, limbPain: 1, walkingMinutes: 15 },
      });
      assert.equal(checkin.status, 201, checkin.text);
      const checkinId = checkin.json.checkinId as string;
      const responses = await read(`/fhir/r4/QuestionnaireResponse?patient=${patientId}`);
      const qr = (responses.json as unknown as Bundle).entry?.map((e) => e.resource) ?? [];
      assert.deepEqual(
        qr.map((r) => r?.id),
        [`checkin-${checkinId}`],
      );
      const observations = await read(
        `/fhir/r4/Observation?derived-from=QuestionnaireResponse/checkin-${checkinId}`,
      );
      const values = ((observations.json as unknown as Bundle).entry ?? []).map(
        (e) => (e.resource as { valueQuantity?: { value?: number } }).valueQuantity?.value,
      );
      assert.deepEqual(values, [5, 1, 15]);
      for (const resource of [
        ...qr,
        ...((observations.json as unknown as Bundle).entry ?? []).map((e) => e.resource),
      ])
        assert.deepEqual(fhirErrors(resource as Resource), []);
    },
  );

  engine.test(
    'write-in needs Patient.c and Procedure.c: a read-only client is refused',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const { token } = await systemToken(admin, ['system/*.rs']);
      const refused = await admin.request('POST', '/fhir/r4', JSON.stringify(enrolment('MRN-9')), {
        authorization: `Bearer ${token}`,
        'content-type': 'application/fhir+json',
      });
      assert.equal(refused.status, 403);
      assert.equal(
        await db
          .selectFrom('patients')
          .select('id')
          .where('clinic_id', '=', clinic.clinicId)
          .executeTakeFirst(),
        undefined,
      );
    },
  );
});
