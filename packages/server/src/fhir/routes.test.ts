import assert from 'node:assert/strict';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { seedFhirDemo, signInDemo } from './documents.test-helper.ts';
import { fhirErrors } from './validator.test-helper.ts';

const now = new Date('2026-11-20T15:00:00Z');

async function demoClient(db: ConstructorParameters<typeof TestClient>[0], email: string) {
  await seedFhirDemo(db, now);
  return signInDemo(db, now, email);
}

/** Every page of a search, following the Bundle's next links. */
async function everyPage(client: TestClient, path: string): Promise<Resource[]> {
  const out: Resource[] = [];
  let next: string | undefined = path;
  while (next) {
    const response = await client.get(next);
    assert.equal(response.status, 200, `${next}: ${response.text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    const bundle = response.json as unknown as Bundle;
    out.push(...(bundle.entry ?? []).map((e) => e.resource as Resource));
    const url = bundle.link?.find((l) => l.relation === 'next')?.url;
    next = url ? new URL(url).pathname + new URL(url).search : undefined;
  }
  return out;
}

forEachEngine((engine) => {
  engine.test(
    'every resource type the API emits, on the demo clinic, has zero validator errors',
    async () => {
      const { db } = await engine.open();
      const client = await demoClient(db, 'admin@demo.example');
      const seen = new Map<string, number>();
      const errors: string[] = [];
      const check = (resource: Resource) => {
        seen.set(resource.resourceType, (seen.get(resource.resourceType) ?? 0) + 1);
        errors.push(...fhirErrors(resource));
      };
      const metadata = await client.get('/fhir/r4/metadata');
      check(metadata.json as unknown as Resource);
      for (const type of [
        'Patient',
        'Practitioner',
        'Procedure',
        'CarePlan',
        'Questionnaire',
        'QuestionnaireResponse',
        'Observation',
        'Flag',
        'Communication',
        'ImagingStudy',
        'DocumentReference',
        'AuditEvent',
      ]) {
        const resources = await everyPage(client, `/fhir/r4/${type}?_count=200`);
        assert.ok(resources.length > 0, `the demo clinic has ${type} resources`);
        for (const resource of resources) check(resource);
        // A read gives the same resource as the search.
        const first = resources[0] as Resource;
        const read = await client.get(`/fhir/r4/${type}/${first.id}`);
        assert.equal(read.status, 200, read.text);
        assert.deepEqual(read.json, first);
      }
      const patients = await everyPage(client, '/fhir/r4/Patient?_count=5');
      const everything = await client.get(`/fhir/r4/Patient/${patients[0]?.id}/$everything`);
      assert.equal(everything.status, 200);
      const bundle = everything.json as unknown as Bundle;
      check(bundle);
      // The patient with a second-opinion report: their $everything carries the DocumentReference.
      const reported = await db
        .selectFrom('second_opinions')
        .select('patient_id')
        .where('status', '=', 'reported')
        .executeTakeFirstOrThrow();
      const theirs = await client.get(`/fhir/r4/Patient/${reported.patient_id}/$everything`);
      const theirBundle = theirs.json as unknown as Bundle;
      check(theirBundle);
      assert.ok(theirBundle.entry?.some((e) => e.resource?.resourceType === 'DocumentReference'));
      const searchset = await client.get(
        '/fhir/r4/Observation?_count=3&_include=Observation:patient&_include=Observation:derived-from',
      );
      check(searchset.json as unknown as Resource);
      assert.deepEqual(errors, []);
      for (const type of ['Procedure', 'QuestionnaireResponse', 'Observation'])
        assert.ok((seen.get(type) ?? 0) > 1, type);
    },
  );

  engine.test('search: paging links, filters, _include and the patient’s own values', async () => {
    const { db } = await engine.open();
    const client = await demoClient(db, 'nurse@demo.example');
    const all = await everyPage(client, '/fhir/r4/Patient?_count=100');
    const paged = await everyPage(client, '/fhir/r4/Patient?_count=3');
    assert.deepEqual(
      paged.map((p) => p.id),
      all.map((p) => p.id),
      'paging by 3 gives every patient once, in the same order',
    );
    // The demo patient with the most check-ins.
    const busiest = await db
      .selectFrom('checkins')
      .select(['patient_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('patient_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const patient = all.find((p) => p.id === busiest.patient_id) as {
      id: string;
      name: { family: string }[];
    };
    const byName = await everyPage(
      client,
      `/fhir/r4/Patient?family=${encodeURIComponent(patient.name[0]?.family.slice(0, 3) ?? '')}`,
    );
    assert.ok(byName.some((p) => p.id === patient.id));

    // Observations of one patient: the check-ins' pain scores, read straight from the rows.
    const checkins = await db
      .selectFrom('checkins')
      .select(['id', 'answers'])
      .where('patient_id', '=', patient.id)
      .execute();
    const pain = await everyPage(
      client,
      `/fhir/r4/Observation?patient=Patient/${patient.id}&code=http://loinc.org|72514-3&_count=50`,
    );
    const expected = checkins.flatMap((row) => {
      const a = row.answers as { axialPain?: number; limbPain?: number };
      return [a.axialPain, a.limbPain].filter((v) => typeof v === 'number');
    });
    assert.ok(expected.length > 2, 'the patient reported pain scores');
    const checkinPain = pain.filter((o) => o.id?.startsWith('checkin-'));
    assert.deepEqual(
      checkinPain
        .map((o) => (o as { valueQuantity: { value: number } }).valueQuantity.value)
        .sort(),
      expected.sort(),
    );
    for (const o of pain)
      assert.equal(
        (o as { subject: { reference: string } }).subject.reference,
        `Patient/${patient.id}`,
      );

    const withPatient = await client.get(
      `/fhir/r4/Observation?patient=${patient.id}&_count=2&_include=Observation:patient`,
    );
    const entries = (withPatient.json as unknown as Bundle).entry ?? [];
    assert.ok(entries.some((e) => e.search?.mode === 'include' && e.resource?.id === patient.id));

    const since = await everyPage(
      client,
      '/fhir/r4/QuestionnaireResponse?_lastUpdated=gt2099-01-01',
    );
    assert.deepEqual(since, []);
    const procedures = await everyPage(client, `/fhir/r4/Procedure?patient=${patient.id}`);
    assert.ok(procedures.length >= 1);
  });

  engine.test(
    'bad requests get an OperationOutcome with the status the spec gives, never a 5xx',
    async () => {
      const { db } = await engine.open();
      const client = await demoClient(db, 'surgeon@demo.example');
      const cases: [string, string, number, string?][] = [
        ['GET', '/fhir/r4/Patient?favouriteColour=blue', 400],
        ['GET', '/fhir/r4/Patient?_count=abc', 400],
        ['GET', '/fhir/r4/Observation?date=yesterday', 400],
        ['GET', '/fhir/r4/Observation?_include=Observation:performer', 400],
        ['GET', '/fhir/r4/Medication', 404],
        ['GET', '/fhir/r4/Patient/not-a-uuid', 404],
        ['GET', '/fhir/r4/Patient/00000000-0000-4000-8000-000000000000', 404],
        [
          'GET',
          '/fhir/r4/Observation/checkin-00000000-0000-4000-8000-000000000000-axial-pain',
          404,
        ],
        ['GET', '/fhir/r4/AuditEvent', 403],
        ['POST', '/fhir/r4/Patient', 415, 'text/plain'],
      ];
      for (const [method, path, status, contentType] of cases) {
        const response = await client.request(
          method,
          path,
          method === 'POST' ? 'x' : undefined,
          contentType ? { 'content-type': contentType } : {},
        );
        assert.equal(response.status, status, `${method} ${path}: ${response.text}`);
        assert.match(response.headers.get('content-type') ?? '', /^application\/fhir\+json/, path);
        const outcome = response.json as unknown as Resource;
        assert.equal(outcome.resourceType, 'OperationOutcome', path);
        assert.deepEqual(fhirErrors(outcome), []);
      }
      const anonymous = new TestClient(db, now);
      const denied = await anonymous.get('/fhir/r4/Patient');
      assert.equal(denied.status, 401);
      assert.equal((denied.json as unknown as Resource).resourceType, 'OperationOutcome');
      assert.equal((await anonymous.get('/fhir/r4/metadata')).status, 200);
    },
  );

  engine.test('every FHIR read and search is audited, with the patient for a read', async () => {
    const { db } = await engine.open();
    const client = await demoClient(db, 'surgeon@demo.example');
    const first = await client.get('/fhir/r4/Patient?_count=2');
    const id = (first.json as unknown as Bundle).entry?.[0]?.resource?.id ?? '';
    await client.get(`/fhir/r4/Patient/${id}`);
    await client.get(`/fhir/r4/Patient/${id}/$everything`);
    const rows = await db
      .selectFrom('audit_log')
      .select(['action', 'subject_type', 'subject_id', 'patient_id', 'actor_role'])
      .where('action', 'like', 'fhir.%')
      .orderBy('at')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.action, r.subject_type, r.patient_id]),
      [
        ['fhir.search', 'Patient', null],
        ['fhir.read', 'Patient', id],
        ['fhir.everything', 'Patient', id],
      ],
    );
    assert.ok(rows.every((r) => r.actor_role === 'clinician'));
  });
});
