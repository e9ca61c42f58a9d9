import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password.ts';
import type { Database } from '../db/schema.ts';
import { auditCount, auditOf, insertUser } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  type SeededClinic,
  seedClinic,
  signInStaff,
  staffPassword,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { slicePixels, syntheticStudy } from '../imaging/dicom.test-helper.ts';
import { parseDicom } from '../imaging/dicom.ts';

interface CaseStudy {
  id: string;
  modality: string | null;
  bodyPart: string | null;
  seriesCount: number;
  imageCount: number;
  daysFromSurgery: number | null;
  deidentified: boolean;
  studyDate?: string | null;
  description?: string | null;
}
interface StudyDetail {
  study: Record<string, unknown>;
  series: {
    seriesInstanceUid: string | null;
    description: string | null;
    instances: { fileId: string }[];
  }[];
}

async function uploadStudy(client: TestClient, patientId: string, name: string) {
  const files = syntheticStudy({
    patientName: `${name}^Ottoline`,
    patientId: `MRN-${name}`,
    studyDate: '20261002',
    bodyPart: 'LSPINE',
    series: [
      { description: `SAG T2 ${name}`, images: 2 },
      { description: 'AX T2', images: 1 },
    ],
  });
  const cookie = (client as unknown as { cookie: string }).cookie;
  const [first] = files;
  assert.ok(first);
  for (const file of files) {
    const response = await client.app.request(`/api/patients/${patientId}/imaging`, {
      method: 'POST',
      headers: { 'content-type': 'application/dicom', 'x-file-name': 'IM.dcm', cookie },
      body: file.bytes,
    });
    assert.equal(response.status, 201, await response.text());
  }
  const listed = await client.get(`/api/patients/${patientId}/imaging`);
  const studyId = (listed.json.studies as { id: string }[])[0]?.id ?? '';
  return { studyId, original: first.bytes };
}

async function raw(client: TestClient, path: string) {
  const cookie = (client as unknown as { cookie: string }).cookie;
  const response = await client.app.request(path, { headers: { cookie } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A second reviewer of the same clinic, signed in on its own client. */
async function secondReviewer(db: Kysely<Database>, admin: TestClient, clinic: SeededClinic) {
  const email = `reviewer-2@${clinic.slug}.example`;
  await insertUser(db, clinic.clinicId, {
    role: 'reviewer',
    email,
    displayName: 'second reviewer',
    passwordHash: await hashPassword(staffPassword),
  });
  const client = admin.fork();
  const signedIn = await client.post('/api/auth/sign-in', {
    clinic: clinic.slug,
    email,
    password: staffPassword,
  });
  assert.equal(signedIn.status, 200, signedIn.text);
  return client;
}

async function world(db: Kysely<Database>) {
  const clinic = await seedClinic(db);
  const admin = new TestClient(db, new Date('2026-12-01T18:00:00Z'));
  await signInStaff(admin, clinic, 'admin');
  const rosa = await enrolAndSignIn(admin, clinic);
  const other = await enrolAndSignIn(admin, clinic);
  const reviewer = await staffSignedIn(admin, clinic, 'reviewer');
  const rosaStudy = await uploadStudy(rosa.client, rosa.patientId, 'Quimby');
  const otherStudy = await uploadStudy(other.client, other.patientId, 'Zebulon');
  return { clinic, admin, rosa, other, reviewer, rosaStudy, otherStudy };
}

async function filesOf(client: TestClient, studyId: string) {
  const detail = await client.get(`/api/imaging/studies/${studyId}?variant=deidentified`);
  assert.equal(detail.status, 200, detail.text);
  return (detail.json as unknown as StudyDetail).series.flatMap((s) =>
    s.instances.map((i) => i.fileId),
  );
}

forEachEngine((engine) => {
  engine.test(
    'a de-identified case: the patient attaches her own study; its reviewer reads only de-identified copies, nobody else reads them',
    async () => {
      const { db } = await engine.open();
      const { clinic, admin, rosa, other, reviewer, rosaStudy, otherStudy } = await world(db);
      const question = 'My leg still tingles six weeks after surgery. Is that expected?';

      // Another patient's study, or an id that is no study, cannot be attached.
      const foreign = await rosa.client.post('/api/second-opinions', {
        question,
        studyIds: [rosaStudy.studyId, otherStudy.studyId],
      });
      assert.equal(foreign.status, 400, foreign.text);
      assert.deepEqual(foreign.json.errors, [
        { field: 'studyIds.1', message: 'is not one of your scans' },
      ]);
      const madeUp = await rosa.client.post('/api/second-opinions', {
        question,
        studyIds: [randomUUID()],
      });
      assert.equal(madeUp.status, 400, madeUp.text);
      assert.equal(
        ((await rosa.client.get('/api/second-opinions')).json.cases as unknown[]).length,
        0,
      );

      const asked = await rosa.client.post('/api/second-opinions', {
        question,
        studyIds: [rosaStudy.studyId],
      });
      assert.equal(asked.status, 201, asked.text);
      const caseId = (asked.json.case as { id: string }).id;
      const [mine] = (asked.json.case as { studies: CaseStudy[] }).studies;
      // What both sides see of Rosa's study: 2 October, surgery 10 November.
      const shown = {
        id: rosaStudy.studyId,
        modality: 'MR',
        bodyPart: 'LSPINE',
        seriesCount: 2,
        imageCount: 3,
        daysFromSurgery: -39,
      };
      assert.deepEqual(mine, {
        ...shown,
        deidentified: false,
        studyDate: '2026-10-02',
        description: 'MRI LUMBAR SPINE W/O CONTRAST',
      });

      // Not yet assigned: the reviewer cannot reach the study.
      assert.equal((await reviewer.get(`/api/imaging/studies/${rosaStudy.studyId}`)).status, 404);
      const assigned = await admin.post(`/api/second-opinions/${caseId}/assign`, {
        reviewerId: clinic.staff.reviewer.id,
      });
      assert.equal(assigned.status, 200, assigned.text);
      assert.equal(
        (assigned.json.case as { studies: CaseStudy[] }).studies[0]?.studyDate,
        '2026-10-02',
      );

      const seen = await reviewer.get(`/api/second-opinions/${caseId}`);
      assert.equal(seen.status, 200, seen.text);
      const [scan] = (seen.json.case as { studies: CaseStudy[] }).studies;
      assert.deepEqual(scan, { ...shown, deidentified: true });
      const listed = await reviewer.get('/api/second-opinions');
      assert.equal(
        (listed.json.cases as { studies: CaseStudy[] }[])[0]?.studies[0]?.deidentified,
        true,
      );

      // The study: the original view is refused, the de-identified one carries no identifiers.
      const originalStudy = await reviewer.get(`/api/imaging/studies/${rosaStudy.studyId}`);
      assert.equal(originalStudy.status, 403, originalStudy.text);
      assert.match(String(originalStudy.json.detail), /variant=deidentified/);
      const study = await reviewer.get(
        `/api/imaging/studies/${rosaStudy.studyId}?variant=deidentified`,
      );
      assert.equal(study.status, 200, study.text);
      const detail = study.json as unknown as StudyDetail;
      assert.equal(detail.study.patientId, undefined);
      assert.equal(detail.study.studyDate, null);
      assert.equal(detail.study.uploadedAt, undefined);
      for (const secret of [rosa.patientId, 'Quimby', '2026-10-02', 'SAG T2', 'MRI LUMBAR'])
        assert.ok(!study.text.includes(secret), `the study view leaks ${secret}`);
      assert.ok(detail.series.every((s) => s.seriesInstanceUid === null));
      const fileId = detail.series[0]?.instances[0]?.fileId ?? '';

      const copy = await raw(reviewer, `/api/imaging/files/${fileId}?variant=deidentified`);
      assert.equal(copy.status, 200);
      const parsed = parseDicom(copy.bytes);
      // Name and ID emptied or removed (the profile's Z and X actions): either way no value.
      const tagValue = (tag: string) =>
        ((parsed.dicom.dict[tag] as { Value?: unknown[] } | undefined)?.Value ?? []).join('');
      assert.equal(tagValue('00100010'), '', 'no patient name');
      assert.equal(tagValue('00100020'), '', 'no patient id');
      assert.equal(tagValue('00100030'), '', 'no birth date');
      assert.ok(!Buffer.from(copy.bytes).toString('latin1').includes('Quimby'));
      const frame = await raw(reviewer, `/api/imaging/files/${fileId}/frame?variant=deidentified`);
      assert.equal(frame.status, 200);
      assert.deepEqual(new Uint16Array(frame.bytes.buffer), slicePixels(16, 16, 1));
      assert.equal((await raw(reviewer, `/api/imaging/files/${fileId}`)).status, 403);
      assert.equal((await raw(reviewer, `/api/imaging/files/${fileId}/frame`)).status, 403);

      // A study not attached to their case, and the same case for another reviewer: not found.
      const [otherFile] = await filesOf(admin, otherStudy.studyId);
      for (const path of [
        `/api/imaging/studies/${otherStudy.studyId}?variant=deidentified`,
        `/api/imaging/files/${otherFile}?variant=deidentified`,
        `/api/imaging/files/${otherFile}/frame?variant=deidentified`,
      ])
        assert.equal((await raw(reviewer, path)).status, 404, path);
      const stranger = await secondReviewer(db, admin, clinic);
      for (const path of [
        `/api/imaging/studies/${rosaStudy.studyId}?variant=deidentified`,
        `/api/imaging/files/${fileId}?variant=deidentified`,
        `/api/imaging/files/${fileId}/frame?variant=deidentified`,
        `/api/patients/${rosa.patientId}/imaging`,
      ])
        assert.ok([403, 404].includes((await raw(stranger, path)).status), path);

      // The patient changes her scans before the report: removed, the reviewer loses it.
      const wrongSwap = await rosa.client.put(`/api/second-opinions/${caseId}/studies`, {
        studyIds: [otherStudy.studyId],
      });
      assert.equal(wrongSwap.status, 400, wrongSwap.text);
      assert.equal(
        (await other.client.put(`/api/second-opinions/${caseId}/studies`, { studyIds: [] })).status,
        404,
      );
      const removed = await rosa.client.put(`/api/second-opinions/${caseId}/studies`, {
        studyIds: [],
      });
      assert.equal(removed.status, 200, removed.text);
      assert.deepEqual((removed.json.case as { studies: unknown[] }).studies, []);
      assert.equal(
        (await raw(reviewer, `/api/imaging/files/${fileId}?variant=deidentified`)).status,
        404,
      );
      const back = await rosa.client.put(`/api/second-opinions/${caseId}/studies`, {
        studyIds: [rosaStudy.studyId],
      });
      assert.equal(back.status, 200, back.text);

      // After the report the reviewer may still look; the scans can no longer change.
      const reported = await reviewer.post(`/api/second-opinions/${caseId}/report`, {
        decompressionAdequate: 'yes',
        fusionForming: 'not_applicable',
        concerns: 'None on the images given.',
        recommendation: 'continue_plan',
        patientSummary: 'Your nerves have more room now. Keep walking a little more each day.',
      });
      assert.equal(reported.status, 201, reported.text);
      assert.equal(
        (await raw(reviewer, `/api/imaging/files/${fileId}?variant=deidentified`)).status,
        200,
      );
      const late = await rosa.client.put(`/api/second-opinions/${caseId}/studies`, {
        studyIds: [],
      });
      assert.equal(late.status, 409, late.text);

      // Every read by the reviewer is audited with the patient and the variant.
      const audit = await auditOf(db, clinic.clinicId, 'imaging.%')
        .select(['action', 'patient_id', 'details'])
        .where('actor_id', '=', clinic.staff.reviewer.id)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((row) => [
          row.action,
          row.patient_id,
          (row.details as { variant: string }).variant,
        ]),
        [
          ['imaging.study.read', rosa.patientId, 'deidentified'],
          ['imaging.file.download', rosa.patientId, 'deidentified'],
          ['imaging.frame.read', rosa.patientId, 'deidentified'],
          ['imaging.file.download', rosa.patientId, 'deidentified'],
        ],
      );
      assert.equal(await auditCount(db, clinic.clinicId, 'second_opinion.studies'), 2);
    },
  );

  engine.test(
    'a case where the patient shared who she is: its reviewer may read the original; withdrawn, nothing',
    async () => {
      const { db } = await engine.open();
      const { clinic, admin, rosa, reviewer, rosaStudy } = await world(db);
      const asked = await rosa.client.post('/api/second-opinions', {
        question: 'Is my spine healing the way it should after the operation?',
        shareIdentity: true,
        studyIds: [rosaStudy.studyId],
      });
      assert.equal(asked.status, 201, asked.text);
      const caseId = (asked.json.case as { id: string }).id;
      await admin.post(`/api/second-opinions/${caseId}/assign`, {
        reviewerId: clinic.staff.reviewer.id,
      });
      const seen = await reviewer.get(`/api/second-opinions/${caseId}`);
      const [scan] = (seen.json.case as { studies: CaseStudy[] }).studies;
      assert.equal(scan?.deidentified, false);
      assert.equal(scan?.studyDate, '2026-10-02');
      const study = await reviewer.get(`/api/imaging/studies/${rosaStudy.studyId}`);
      assert.equal(study.status, 200, study.text);
      assert.equal(
        study.json.study && (study.json.study as { patientId?: string }).patientId,
        undefined,
      );
      const series = (study.json as unknown as StudyDetail).series;
      const ids = series.flatMap((s) => s.instances.map((i) => i.fileId));
      const originals = await Promise.all(
        ids.map((id) => raw(reviewer, `/api/imaging/files/${id}`)),
      );
      assert.ok(originals.every((one) => one.status === 200));
      assert.ok(
        originals.some((one) => Buffer.from(one.bytes).equals(Buffer.from(rosaStudy.original))),
        'the original, byte for byte',
      );

      const withdrawn = await rosa.client.post(`/api/second-opinions/${caseId}/withdraw`, {});
      assert.equal(withdrawn.status, 200, withdrawn.text);
      assert.equal((await raw(reviewer, `/api/imaging/files/${ids[0]}`)).status, 404);
      assert.equal((await raw(reviewer, `/api/imaging/studies/${rosaStudy.studyId}`)).status, 404);
    },
  );
});
