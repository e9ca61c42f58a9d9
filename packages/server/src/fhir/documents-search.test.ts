import assert from 'node:assert/strict';
import { scorePromAnswers } from '@lamina/pathway';
import type { Bundle, DocumentReference, Observation, Resource } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { seedClinic, signInStaff } from '../http/test-fixtures.ts';
import { insertPromResponse } from '../proms/store.ts';
import { seedFhirDemo, signInDemo } from './documents.test-helper.ts';
import { systemToken } from './smart.test-helper.ts';
import { fhirErrors } from './validator.test-helper.ts';

/** DocumentReference (second-opinion reports, info kits) and the search controls _sort, _summary, _revinclude. */
const now = new Date('2026-11-20T15:00:00Z');

const signIn = (db: Kysely<Database>, email: string) => signInDemo(db, now, email);

/** The demo clinic with its reported second opinion, and its care manager signed in. */
async function openDemo(engine: TestEngine) {
  const { db } = await engine.open();
  const reported = await seedFhirDemo(db, now);
  return { db, ...reported, nurse: await signIn(db, 'nurse@demo.example') };
}

async function bundle(client: TestClient, path: string, headers: Record<string, string> = {}) {
  const response = await client.request('GET', path, undefined, headers);
  assert.equal(response.status, 200, `${path}: ${response.text}`);
  return response.json as unknown as Bundle;
}
const statusOf = async (client: TestClient, path: string, headers: Record<string, string> = {}) =>
  (await client.request('GET', path, undefined, headers)).status;
const resources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource as Resource);
const ids = (b: Bundle) => resources(b).map((r) => r.id);

forEachEngine((engine) => {
  engine.test(
    'DocumentReference: second-opinion reports and info kits, searched, read, validated, with the app’s access',
    async () => {
      const { db, caseId, patientId, nurse } = await openDemo(engine);
      const all = await bundle(nurse, '/fhir/r4/DocumentReference?_count=100');
      const documents = resources(all) as DocumentReference[];
      const requests = await db.selectFrom('intake_requests').select(['id', 'kind']).execute();
      const kits = requests.filter((r) => r.kind === 'info_kit');
      assert.deepEqual(
        documents.map((d) => d.id).sort(),
        [`second-opinion-${caseId}`, ...kits.map((k) => `info-kit-${k.id}`)].sort(),
      );
      for (const document of documents) assert.deepEqual(fhirErrors(document), []);
      // Newest first: the report (reported now) before the kits of the last hours.
      assert.equal(documents[0]?.id, `second-opinion-${caseId}`);

      const report = documents[0] as DocumentReference;
      assert.equal(report.subject?.reference, `Patient/${patientId}`);
      assert.equal(report.docStatus, 'amended');
      const attachment = report.content[0]?.attachment;
      const text = Buffer.from(attachment?.data ?? '', 'base64').toString('utf8');
      assert.match(text, /Recommendation: continue plan/);
      assert.match(text, /Your nerve is recovering slowly/);
      assert.match(text, /Addendum .*: The scan from October was also reviewed/);

      // An info kit points at its download route, which answers the PDF to the same session.
      const kit = documents.find((d) => d.id?.startsWith('info-kit-')) as DocumentReference;
      const url = new URL(kit.content[0]?.attachment.url ?? '');
      assert.equal(kit.content[0]?.attachment.contentType, 'application/pdf');
      const pdf = await nurse.request('GET', url.pathname);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');

      // Read gives what search gave.
      const read = await nurse.get(`/fhir/r4/DocumentReference/second-opinion-${caseId}`);
      assert.equal(read.status, 200, read.text);
      assert.deepEqual(read.json, report);
      for (const missing of [
        `second-opinion-${caseId}x`,
        `info-kit-${caseId}`,
        caseId,
        'second-opinion-',
      ])
        assert.equal(await statusOf(nurse, `/fhir/r4/DocumentReference/${missing}`), 404);

      // Filters.
      const byPatient = await bundle(nurse, `/fhir/r4/DocumentReference?patient=${patientId}`);
      assert.deepEqual(ids(byPatient), [`second-opinion-${caseId}`]);
      const byType = await bundle(
        nurse,
        '/fhir/r4/DocumentReference?type=http://loinc.org|11488-4',
      );
      assert.deepEqual(ids(byType), [`second-opinion-${caseId}`]);
      const kitsOnly = await bundle(
        nurse,
        '/fhir/r4/DocumentReference?category=patient-information',
      );
      assert.equal(kitsOnly.entry?.length, kits.length);
      const sinceNow = await bundle(
        nurse,
        `/fhir/r4/DocumentReference?_lastUpdated=ge${now.toISOString()}`,
      );
      assert.deepEqual(
        ids(sinceNow),
        [`second-opinion-${caseId}`],
        'the addendum is the latest change',
      );
      const before = await bundle(nurse, '/fhir/r4/DocumentReference?date=lt2026-11-20T14:00:00Z');
      assert.ok(ids(before).every((id) => id?.startsWith('info-kit-')));
      // Paging by one gives every document once, in the same order.
      const paged: string[] = [];
      let next: string | undefined = '/fhir/r4/DocumentReference?_count=1';
      while (next) {
        const page = await bundle(nurse, next);
        paged.push(...(ids(page) as string[]));
        const link = page.link?.find((l) => l.relation === 'next')?.url;
        next = link ? new URL(link).pathname + new URL(link).search : undefined;
      }
      assert.deepEqual(paged, ids(all));
      const oldest = await bundle(nurse, '/fhir/r4/DocumentReference?_sort=date');
      assert.deepEqual(ids(oldest), [...ids(all)].reverse());

      // In the patient's $everything.
      const everything = await bundle(nurse, `/fhir/r4/Patient/${patientId}/$everything`);
      assert.ok(ids(everything).includes(`second-opinion-${caseId}`));

      // A clinician reads reports as in the app, but not the front door's info kits.
      const surgeon = await signIn(db, 'surgeon@demo.example');
      const seen = await bundle(surgeon, '/fhir/r4/DocumentReference');
      assert.deepEqual(ids(seen), [`second-opinion-${caseId}`]);
      assert.equal(await statusOf(surgeon, `/fhir/r4/DocumentReference/${kit.id}`), 404);

      // A SMART client of another clinic sees none of this clinic's documents.
      const other = await seedClinic(db);
      const otherAdmin = new TestClient(db, now);
      await signInStaff(otherAdmin, other, 'admin');
      const { token } = await systemToken(otherAdmin, ['system/DocumentReference.rs']);
      const auth = { authorization: `Bearer ${token}` };
      assert.deepEqual(ids(await bundle(otherAdmin, '/fhir/r4/DocumentReference', auth)), []);
      for (const document of documents)
        assert.equal(
          await statusOf(otherAdmin, `/fhir/r4/DocumentReference/${document.id}`, auth),
          404,
        );
      const noScope = await systemToken(otherAdmin, ['system/Patient.rs']);
      const refused = await statusOf(otherAdmin, '/fhir/r4/DocumentReference', {
        authorization: `Bearer ${noScope.token}`,
      });
      assert.equal(refused, 403);

      // Audited like every FHIR read.
      const audited = await db
        .selectFrom('audit_log')
        .select(['action', 'patient_id'])
        .where('action', '=', 'fhir.read')
        .where('subject_type', '=', 'DocumentReference')
        .execute();
      assert.ok(audited.some((row) => row.patient_id === patientId));
    },
  );

  engine.test(
    '_sort, _summary=count and _revinclude, and an OperationOutcome for what is not supported',
    async () => {
      const { db, nurse } = await openDemo(engine);
      // The demo has no PROM yet: one NRS, scored as the app scores it, entered for a patient.
      const someone = await db
        .selectFrom('patients')
        .select(['clinic_id', 'id'])
        .executeTakeFirstOrThrow();
      const clinician = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'pt@demo.example')
        .executeTakeFirstOrThrow();
      const scored = scorePromAnswers('nrs-back-leg', { axial: 4, limb: 2 });
      assert.ok(scored.ok);
      await insertPromResponse(db, {
        clinicId: someone.clinic_id,
        patientId: someone.id,
        instrument: 'nrs-back-leg',
        answers: { axial: 4, limb: 2 },
        score: scored.score,
        enteredBy: clinician.id,
        at: new Date(now.getTime() - 600_000),
      });

      const byBirth = resources(await bundle(nurse, '/fhir/r4/Patient?_sort=birthdate&_count=100'));
      const births = byBirth.map((p) => (p as { birthDate?: string }).birthDate ?? '~');
      assert.deepEqual(births, [...births].sort());
      const byBirthDesc = resources(
        await bundle(nurse, '/fhir/r4/Patient?_sort=-birthdate&_count=100'),
      );
      const withBirth = births.filter((b) => b !== '~');
      assert.deepEqual(
        byBirthDesc
          .map((p) => (p as { birthDate?: string }).birthDate)
          .filter((b) => b !== undefined),
        [...withBirth].reverse(),
        'descending, dates unknown last',
      );

      const observations = resources(
        await bundle(nurse, '/fhir/r4/Observation?_sort=date&_count=1000'),
      ) as Observation[];
      const times = observations.map((o) => o.effectiveDateTime ?? '');
      assert.ok(times.length > 10);
      assert.deepEqual(times, [...times].sort(), 'oldest first across check-ins and PROMs');
      const newest = resources(
        await bundle(nurse, '/fhir/r4/QuestionnaireResponse?_sort=-_lastUpdated&_count=1000'),
      );
      const updated = newest.map((r) => r.meta?.lastUpdated ?? '');
      assert.deepEqual(updated, [...updated].sort().reverse());

      // _summary=count: the total of what paging would give, no entries.
      const patient = byBirth[0]?.id ?? '';
      const counted = await bundle(nurse, `/fhir/r4/Observation?patient=${patient}&_summary=count`);
      const listed = await bundle(nurse, `/fhir/r4/Observation?patient=${patient}&_count=1000`);
      assert.equal(counted.total, listed.entry?.length);
      assert.equal(counted.entry, undefined);
      const patients = await bundle(nurse, '/fhir/r4/Patient?_summary=count');
      assert.equal(
        patients.total,
        Number(
          (
            await db
              .selectFrom('patients')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );

      // Counted in resources where a row gives several (a fusion is a Procedure of its own).
      for (const type of ['Procedure', 'CarePlan', 'QuestionnaireResponse', 'DocumentReference']) {
        const total = (await bundle(nurse, `/fhir/r4/${type}?_summary=count`)).total;
        const listed = await bundle(nurse, `/fhir/r4/${type}?_count=1000`);
        assert.equal(total, listed.entry?.length, type);
      }
      const fusions = await db
        .selectFrom('surgeries')
        .select('id')
        .where('fusion', '=', true)
        .execute();
      assert.ok(fusions.length > 0, 'the demo has a fusion');
      const procedures = await bundle(nurse, '/fhir/r4/Procedure?_summary=count');
      const surgeries = await db.selectFrom('surgeries').select('id').execute();
      assert.equal(procedures.total, surgeries.length + fusions.length);

      // _revinclude: a patient with the Observations and Flags that point at them.
      const withRev = await bundle(
        nurse,
        `/fhir/r4/Patient?_id=${patient}&_revinclude=Observation:patient&_revinclude=Flag:subject`,
      );
      const matched = (withRev.entry ?? []).filter((e) => e.search?.mode === 'match');
      const revs = (withRev.entry ?? []).filter((e) => e.search?.mode === 'include');
      assert.deepEqual(
        matched.map((e) => e.resource?.id),
        [patient],
      );
      const flags = await bundle(nurse, `/fhir/r4/Flag?patient=${patient}`);
      assert.deepEqual(
        revs.map((e) => e.resource?.id).sort(),
        [...(ids(listed) as string[]), ...(ids(flags) as string[])].sort(),
      );
      assert.deepEqual(fhirErrors(withRev), []);
      // A check-in's and a PROM's response with the Observations derived from them.
      for (const kind of ['checkin', 'prom']) {
        const response = resources(
          await bundle(nurse, `/fhir/r4/QuestionnaireResponse?_id=${kind}-x&_count=1`),
        );
        assert.deepEqual(response, [], 'an id that names no row matches nothing');
        // A response some Observation is derived from (a PROM without a score gives none).
        const first = observations
          .map((o) => o.derivedFrom?.[0]?.reference?.split('/')[1] ?? '')
          .find((id) => id.startsWith(`${kind}-`));
        const expected = observations.filter(
          (o) => o.derivedFrom?.[0]?.reference === `QuestionnaireResponse/${first}`,
        );
        const page = await bundle(
          nurse,
          `/fhir/r4/QuestionnaireResponse?_id=${first}&_revinclude=Observation:derived-from`,
        );
        const derived = (page.entry ?? []).filter((e) => e.search?.mode === 'include');
        assert.ok(expected.length > 0, kind);
        assert.deepEqual(
          derived.map((e) => e.resource?.id).sort(),
          expected.map((o) => o.id).sort(),
        );
        for (const e of derived)
          assert.deepEqual((e.resource as Observation).derivedFrom, [
            { reference: `QuestionnaireResponse/${first}` },
          ]);
      }

      const refused: [string, string][] = [
        ['/fhir/r4/Patient?_sort=favourite', '_sort'],
        ['/fhir/r4/ImagingStudy?_sort=date', '_sort'],
        ['/fhir/r4/Patient?_summary=true', '_summary'],
        ['/fhir/r4/Patient?_summary=text', '_summary'],
        ['/fhir/r4/Patient?_revinclude=Observation:code', '_revinclude'],
        ['/fhir/r4/Flag?_revinclude=Observation:patient', '_revinclude'],
        ['/fhir/r4/DocumentReference?date=tomorrow', 'date'],
      ];
      for (const [path, parameter] of refused) {
        const response = await nurse.get(path);
        assert.equal(response.status, 400, path);
        const outcome = response.json as unknown as {
          resourceType: string;
          issue: { expression?: string[]; diagnostics?: string }[];
        };
        assert.equal(outcome.resourceType, 'OperationOutcome');
        assert.deepEqual(outcome.issue[0]?.expression, [parameter], path);
        assert.match(outcome.issue[0]?.diagnostics ?? '', new RegExp(parameter));
      }

      // The CapabilityStatement says what is served.
      const metadata = (await nurse.get('/fhir/r4/metadata')).json as unknown as {
        rest: {
          resource: { type: string; searchRevInclude?: string[]; documentation?: string }[];
          searchParam: { name: string }[];
        }[];
      };
      const rest = metadata.rest[0];
      const patientEntry = rest?.resource.find((r) => r.type === 'Patient');
      assert.ok(patientEntry?.searchRevInclude?.includes('Observation:patient'));
      assert.match(patientEntry?.documentation ?? '', /_sort: family, given, birthdate/);
      assert.ok(rest?.resource.some((r) => r.type === 'DocumentReference'));
      assert.ok(rest?.searchParam.some((p) => p.name === '_summary'));
    },
  );
});
