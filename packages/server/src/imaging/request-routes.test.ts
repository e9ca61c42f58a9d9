import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient, testFiles } from '../http/test-client.ts';
import { enrolAndSignIn, freshClinic, seedClinic, signInStaff } from '../http/test-fixtures.ts';
import { requestTokenHeader } from '../intake/access.ts';
import { jpegBytes, pdfBytes, syntheticStudy } from './dicom.test-helper.ts';
import { requestImagingLimits } from './request-routes.ts';
import { ingestUpload } from './service.ts';
import { rawUpload, type StudyJson, visitorRequest } from './upload.test-helper.ts';

const openHours = new Date('2026-11-20T18:00:00Z');

const imagingAudit = async (db: Kysely<Database>, clinicId: string, requestId: string) =>
  (
    await auditOf(db, clinicId, 'imaging.%')
      .select(['action', 'actor_id', 'actor_role', 'patient_id'])
      .where('subject_type', '=', 'intake_request')
      .where('subject_id', '=', requestId)
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((row) => `${row.action}:${row.actor_role ?? 'token'}`);

/** Whom each stored file of the clinic belongs to (a request, a patient) and who uploaded it. */
const fileOwners = (db: Kysely<Database>, clinicId: string) =>
  db
    .selectFrom('imaging_files')
    .select(['request_id', 'patient_id', 'uploaded_by'])
    .where('clinic_id', '=', clinicId)
    .execute();

forEachEngine((engine) => {
  engine.test(
    'a visitor adds a DICOM study to their MRI review request with the token; staff see it, nobody else does',
    async () => {
      const { db, clinic, client } = await freshClinic(engine, openHours);
      const other = await seedClinic(db);
      const { requestId, token } = await visitorRequest(client, clinic);
      const second = await visitorRequest(client, clinic);
      const base = `/api/public/${clinic.slug}/requests/${requestId}/imaging`;
      const withToken = { [requestTokenHeader]: token };
      const study = syntheticStudy({
        studyDate: '20260315',
        bodyPart: 'LSPINE',
        patientName: 'Lee^Sam',
      });
      const zip = zipSync(Object.fromEntries(study.map((file) => [file.name, file.bytes])));

      // Wrong token, another request's token, another clinic, no token: all simply not found.
      const refusedPaths = [
        [base, { [requestTokenHeader]: second.token }],
        [base, { [requestTokenHeader]: `${token.slice(0, -4)}AAAA` }],
        [base, {}],
        [`/api/public/${clinic.slug}/requests/${second.requestId}/imaging`, withToken],
        [`/api/public/${other.slug}/requests/${requestId}/imaging`, withToken],
      ] as const;
      for (const [path, headers] of refusedPaths) {
        const refused = await rawUpload(client, path, zip, { type: 'application/zip', headers });
        assert.equal(refused.status, 404, `${path} ${JSON.stringify(headers)}: ${refused.text}`);
      }
      const listRefused = await client.request('GET', base, undefined, {
        [requestTokenHeader]: second.token,
      });
      assert.equal(listRefused.status, 404);

      const stored = await rawUpload(client, base, zip, {
        type: 'application/zip',
        name: 'mri.zip',
        headers: withToken,
      });
      assert.equal(stored.status, 201, stored.text);
      const [summary] = stored.json.studies as StudyJson[];
      assert.deepEqual(
        {
          modality: summary?.modality,
          bodyPart: summary?.bodyPart,
          studyDate: summary?.studyDate,
          seriesCount: summary?.seriesCount,
          imageCount: summary?.imageCount,
        },
        {
          modality: 'MR',
          bodyPart: 'LSPINE',
          studyDate: '2026-03-15',
          seriesCount: 2,
          imageCount: 5,
        },
      );

      // A photo renamed to .dcm: a clear 422 naming the file.
      const photo = await rawUpload(client, base, jpegBytes(), {
        type: 'application/dicom',
        name: 'scan.dcm',
        headers: withToken,
      });
      assert.equal(photo.status, 422, photo.text);
      assert.match(String(photo.json.detail), /not a DICOM image: it looks like a JPEG picture/);
      assert.equal((photo.json.errors as { field: string }[])[0]?.field, 'scan.dcm');

      // The visitor's own listing: what arrived, without file ids to fetch.
      const listing = await client.request('GET', base, undefined, withToken);
      assert.equal(listing.status, 200, listing.text);
      assert.equal((listing.json.studies as StudyJson[])[0]?.bodyPart, 'LSPINE');
      assert.ok(!listing.text.includes('fileId'), listing.text);

      // Stored with the request as owner, not a patient.
      const rows = await fileOwners(db, clinic.clinicId);
      assert.equal(rows.length, 5);
      assert.ok(rows.every((r) => r.request_id === requestId && r.patient_id === null));
      assert.ok(rows.every((r) => r.uploaded_by === null));

      // The care manager sees the study through the request and can open and download it.
      const nurse = new TestClient(db, openHours);
      await signInStaff(nurse, clinic, 'care_manager');
      const staffList = await nurse.get(`/api/requests/${requestId}/imaging`);
      assert.equal(staffList.status, 200, staffList.text);
      const studyId = (staffList.json.studies as StudyJson[])[0]?.id ?? '';
      assert.equal(studyId, summary?.id);
      const detail = await nurse.get(`/api/imaging/studies/${studyId}`);
      assert.equal(detail.status, 200, detail.text);
      const fileId =
        (detail.json.series as { instances: { fileId: string }[] }[])[0]?.instances[0]?.fileId ??
        '';
      const download = await nurse.app.request(`/api/imaging/files/${fileId}`, {
        headers: { cookie: (nurse as unknown as { cookie: string }).cookie },
      });
      assert.equal(download.status, 200);
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), study[0]?.bytes);

      // A patient of the same clinic reaches none of it.
      const admin = new TestClient(db, openHours);
      await signInStaff(admin, clinic, 'admin');
      const patient = await enrolAndSignIn(admin, clinic);
      assert.equal((await patient.client.get(`/api/imaging/studies/${studyId}`)).status, 404);
      assert.equal((await patient.client.get(`/api/imaging/files/${fileId}`)).status, 404);
      assert.equal((await patient.client.get(`/api/requests/${requestId}/imaging`)).status, 404);
      const upload = await rawUpload(patient.client, `/api/requests/${requestId}/imaging`, zip, {
        type: 'application/zip',
      });
      assert.equal(upload.status, 404, upload.text);
      // Issue 13: a clinician opens the scans of a free MRI/CT review (to write its result), and
      // of no other kind of request.
      const clinician = new TestClient(db, openHours);
      await signInStaff(clinician, clinic, 'clinician');
      const forReview = await clinician.get(`/api/requests/${requestId}/imaging`);
      assert.equal(forReview.status, 200, forReview.text);
      assert.equal((forReview.json.studies as StudyJson[])[0]?.id, studyId);
      const consultation = await visitorRequest(client, clinic, 'treatment');
      assert.equal(
        (await clinician.get(`/api/requests/${consultation.requestId}/imaging`)).status,
        404,
      );
      // Staff of another clinic: not found.
      const stranger = new TestClient(db, openHours);
      await signInStaff(stranger, other, 'care_manager');
      assert.equal((await stranger.get(`/api/requests/${requestId}/imaging`)).status, 404);
      assert.equal((await stranger.get(`/api/imaging/studies/${studyId}`)).status, 404);

      assert.deepEqual(await imagingAudit(db, clinic.clinicId, requestId), [
        'imaging.upload:token',
        'imaging.upload:token',
        'imaging.list:token',
        'imaging.list:care_manager',
        // The clinician's read of the review's scans is audited too (issue 13).
        'imaging.list:clinician',
      ]);
      const studyReads = await auditOf(db, clinic.clinicId)
        .select(['action', 'actor_id'])
        .where('subject_id', 'in', [studyId, fileId])
        .execute();
      assert.deepEqual(studyReads.map((r) => [r.action, r.actor_id]).sort(), [
        ['imaging.file.download', clinic.staff.care_manager.id],
        ['imaging.study.read', clinic.staff.care_manager.id],
      ]);
    },
  );

  engine.test(
    'only open review and consultation requests take scans, and one request has a cap',
    async () => {
      const { db, clinic, client } = await freshClinic(engine, openHours);
      const [scan] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
      const bytes = scan?.bytes ?? new Uint8Array();

      const kit = await visitorRequest(client, clinic, 'info_kit');
      const toKit = await rawUpload(
        client,
        `/api/public/${clinic.slug}/requests/${kit.requestId}/imaging`,
        bytes,
        { headers: { [requestTokenHeader]: kit.token } },
      );
      assert.equal(toKit.status, 409, toKit.text);

      const treatment = await visitorRequest(client, clinic, 'treatment');
      const path = `/api/public/${clinic.slug}/requests/${treatment.requestId}/imaging`;
      const headers = { [requestTokenHeader]: treatment.token };
      const ok = await rawUpload(client, path, bytes, { name: 'IM1.dcm', headers });
      assert.equal(ok.status, 201, ok.text);

      // JSON is not a file: a clean 415 (the access matrix sends {} to every route).
      const json = await client.request('POST', path, {}, headers);
      assert.equal(json.status, 415, json.text);

      // A finished request takes no more.
      const nurse = new TestClient(db, openHours);
      await signInStaff(nurse, clinic, 'care_manager');
      for (const status of ['in_progress', 'done'])
        assert.equal(
          (await nurse.post(`/api/requests/${treatment.requestId}/status`, { status })).status,
          200,
        );
      const [later] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
      const finished = await rawUpload(client, path, later?.bytes ?? new Uint8Array(), {
        headers,
      });
      assert.equal(finished.status, 409, finished.text);
      assert.match(String(finished.json.detail), /finished/);

      // Too many uploads for one request in the window: 429 with a wait time.
      const review = await visitorRequest(client, clinic);
      const reviewPath = `/api/public/${clinic.slug}/requests/${review.requestId}/imaging`;
      let last = 0;
      for (let i = 0; i <= requestImagingLimits.uploads; i++)
        last = (
          await rawUpload(client, reviewPath, jpegBytes(), {
            type: 'image/jpeg',
            name: `page-${i}.jpg`,
            headers: { [requestTokenHeader]: review.token },
          })
        ).status;
      assert.equal(last, 429);
    },
  );

  engine.test(
    "a signed-in patient adds scans to their own review request: stored with both owners, in the patient's record too",
    async () => {
      const { db, clinic, client: admin } = await freshClinic(engine, openHours);
      await signInStaff(admin, clinic, 'admin');
      const rosa = await enrolAndSignIn(admin, clinic);
      const other = await enrolAndSignIn(admin, clinic);
      const made = await rosa.client.post(`/api/patients/${rosa.patientId}/requests`, {
        kind: 'imaging_review',
        imagingNote: 'CT after my fall',
        consent: true,
      });
      assert.equal(made.status, 201, made.text);
      const requestId = made.json.requestId as string;
      const study = syntheticStudy({ modality: 'CT', bodyPart: 'CSPINE', studyDate: '20261101' });
      const zip = zipSync(Object.fromEntries(study.map((file) => [file.name, file.bytes])));

      const byOther = await rawUpload(other.client, `/api/requests/${requestId}/imaging`, zip, {
        type: 'application/zip',
      });
      assert.equal(byOther.status, 404, byOther.text);
      const nurse = new TestClient(db, openHours);
      await signInStaff(nurse, clinic, 'care_manager');
      const byNurse = await rawUpload(nurse, `/api/requests/${requestId}/imaging`, zip, {
        type: 'application/zip',
      });
      assert.equal(byNurse.status, 403, byNurse.text);

      const stored = await rawUpload(rosa.client, `/api/requests/${requestId}/imaging`, zip, {
        type: 'application/zip',
        name: 'ct.zip',
      });
      assert.equal(stored.status, 201, stored.text);
      const owners = await fileOwners(db, clinic.clinicId);
      assert.equal(owners.length, 5);
      assert.ok(owners.every((r) => r.request_id === requestId && r.patient_id === rosa.patientId));

      const own = await rosa.client.get(`/api/requests/${requestId}/imaging`);
      assert.equal(own.status, 200, own.text);
      assert.equal((own.json.studies as StudyJson[])[0]?.bodyPart, 'CSPINE');
      const record = await rosa.client.get(`/api/patients/${rosa.patientId}/imaging`);
      assert.equal((record.json.studies as StudyJson[]).length, 1);
      assert.equal((await other.client.get(`/api/requests/${requestId}/imaging`)).status, 404);
      assert.deepEqual(await imagingAudit(db, clinic.clinicId, requestId), [
        'imaging.upload:patient',
        'imaging.list:patient',
      ]);
    },
  );

  engine.test('the database refuses imaging for a request that does not exist', async () => {
    const { db } = await engine.open();
    const clinic = await seedClinic(db);
    const [scan] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
    // Both kinds of file row: a DICOM image (with its study) and any other file (a PDF here).
    const upload = (fileName: string, bytes: Uint8Array) =>
      ingestUpload(db, testFiles, {
        clinicId: clinic.clinicId,
        owner: { requestId: randomUUID() },
        uploadedBy: null,
        fileName,
        bytes,
        now: new Date(),
      });
    await assert.rejects(upload('IM1.dcm', scan?.bytes ?? new Uint8Array()), /foreign key/i);
    await assert.rejects(upload('report.pdf', await pdfBytes()), /foreign key/i);
  });
});
