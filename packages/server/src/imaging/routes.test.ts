import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { assignReviewer, auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { type TestClient, testFiles } from '../http/test-client.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  freshSignedInClinic,
  signedInClinic,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import {
  compressedDicom,
  jpegBytes,
  pdfBytes,
  slicePixels,
  syntheticStudy,
} from './dicom.test-helper.ts';
import { acceptsRawUpload } from './routes.ts';
import { imagingLimits } from './service.ts';
import { rawGet, rawUpload, type StudyJson } from './upload.test-helper.ts';

const upload = (
  client: TestClient,
  patientId: string,
  name: string,
  bytes: Uint8Array,
  type = 'application/octet-stream',
) => rawUpload(client, `/api/patients/${patientId}/imaging`, bytes, { name, type });
const raw = rawGet;

const auditActions = async (db: Kysely<Database>, clinicId: string, patientId: string) =>
  (
    await auditOf(db, clinicId, 'imaging.%')
      .select('action')
      .where('patient_id', '=', patientId)
      .orderBy('at')
      .execute()
  ).map((row) => row.action);

forEachEngine((engine) => {
  engine.test(
    'staff upload a zipped study: good images stored with metadata, bad entries refused by name, every access audited',
    async () => {
      const { db, clinic, admin, patientId } = await aSignedInPatient(engine);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');

      const study = syntheticStudy({
        studyDate: '20261002',
        bodyPart: 'LSPINE',
        patientName: 'Quimby^Ottoline',
      });
      const [first] = study;
      assert.ok(first);
      const zip = zipSync({
        ...Object.fromEntries(study.map((file) => [file.name, file.bytes])),
        'DICOM/photo.dcm': jpegBytes(),
        'DICOM/cut.dcm': first.bytes.slice(0, first.bytes.length - 50),
        '__MACOSX/DICOM/._IM1.dcm': new Uint8Array([0, 5, 22]),
        DICOMDIR: new Uint8Array(10),
      });
      const stored = await upload(nurse, patientId, 'study.zip', zip, 'application/zip');
      assert.equal(stored.status, 201, stored.text);
      assert.equal((stored.json.stored as unknown[]).length, 5, stored.text);
      const refused = stored.json.refused as { name: string; reason: string }[];
      assert.deepEqual(refused.map((r) => r.name).sort(), ['DICOM/cut.dcm', 'DICOM/photo.dcm']);
      assert.match(
        refused.find((r) => r.name === 'DICOM/photo.dcm')?.reason ?? '',
        /not a DICOM image: it looks like a JPEG picture/,
      );
      assert.match(refused.find((r) => r.name === 'DICOM/cut.dcm')?.reason ?? '', /incomplete/);
      const [summary] = stored.json.studies as StudyJson[];
      assert.deepEqual(
        { ...summary, id: undefined },
        {
          ...summary,
          id: undefined,
          modality: 'MR',
          bodyPart: 'LSPINE',
          studyDate: '2026-10-02',
          seriesCount: 2,
          imageCount: 5,
        },
      );

      // The same study again: one study, images stored once.
      const again = await upload(nurse, patientId, 'IM1.dcm', first.bytes, 'application/dicom');
      assert.equal(again.status, 422, again.text);
      assert.match(String(again.json.detail), /uploaded before/);

      const list = await nurse.get(`/api/patients/${patientId}/imaging`);
      assert.equal(list.status, 200, list.text);
      assert.equal((list.json.studies as StudyJson[]).length, 1);
      assert.equal((list.json.studies as StudyJson[])[0]?.imageCount, 5);

      const detail = await nurse.get(`/api/imaging/studies/${summary?.id}`);
      assert.equal(detail.status, 200, detail.text);
      const series = detail.json.series as {
        description: string;
        instances: { fileId: string; instanceNumber: number }[];
      }[];
      assert.deepEqual(
        series.map((s) => [s.description, s.instances.map((i) => i.instanceNumber)]),
        [
          ['SAG T2', [1, 2, 3]],
          ['AX T2', [1, 2]],
        ],
      );
      const firstFileId = series[0]?.instances[0]?.fileId ?? '';

      const original = await raw(nurse, `/api/imaging/files/${firstFileId}`);
      assert.equal(original.status, 200);
      assert.deepEqual(original.bytes, first.bytes, 'the original is kept byte for byte');
      const hash = createHash('sha256').update(first.bytes).digest('hex');
      assert.equal(original.headers.get('x-sha256'), hash);
      const row = await db
        .selectFrom('imaging_files')
        .select(['sha256', 'deid_sha256', 'deid_storage_key'])
        .where('id', '=', firstFileId)
        .executeTakeFirstOrThrow();
      assert.equal(row.sha256, hash);

      const copy = await raw(nurse, `/api/imaging/files/${firstFileId}?variant=deidentified`);
      assert.equal(copy.status, 200);
      assert.equal(createHash('sha256').update(copy.bytes).digest('hex'), row.deid_sha256);
      const text = Buffer.from(copy.bytes).toString('latin1');
      assert.ok(
        !text.includes('Quimby') && !text.includes('Ottoline') && !text.includes('MRN-0099123'),
      );

      const frame = await raw(nurse, `/api/imaging/files/${firstFileId}/frame`);
      assert.equal(frame.status, 200);
      assert.equal(frame.headers.get('x-dicom-rows'), '16');
      assert.equal(frame.headers.get('x-dicom-window-width'), '1600');
      assert.deepEqual(new Uint16Array(frame.bytes.buffer), slicePixels(16, 16, 1));

      // A damaged stored file is reported, not served.
      await testFiles.put(row.deid_storage_key ?? '', new Uint8Array([1, 2, 3]));
      const damaged = await raw(nurse, `/api/imaging/files/${firstFileId}?variant=deidentified`);
      assert.equal(damaged.status, 500);

      assert.deepEqual(await auditActions(db, clinic.clinicId, patientId), [
        'imaging.upload',
        'imaging.upload',
        'imaging.list',
        'imaging.study.read',
        'imaging.file.download',
        'imaging.file.download',
        'imaging.frame.read',
      ]);
    },
  );

  engine.test(
    'a patient uploads their own scans and reports; wrong files get clear errors',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const me = await enrolAndSignIn(admin, clinic);
      const other = await enrolAndSignIn(admin, clinic);
      const [image] = syntheticStudy({ series: [{ description: 'AX T1', images: 1 }] });
      assert.ok(image);

      const ok = await upload(me.client, me.patientId, 'IM0001', image.bytes);
      assert.equal(ok.status, 201, ok.text);
      const report = await upload(
        me.client,
        me.patientId,
        'report.pdf',
        await pdfBytes(),
        'application/pdf',
      );
      assert.equal(report.status, 201, report.text);

      const renamed = await upload(
        me.client,
        me.patientId,
        'scan.dcm',
        jpegBytes(),
        'application/dicom',
      );
      assert.equal(renamed.status, 422);
      assert.match(
        String(renamed.json.detail),
        /^This file is not a DICOM image: it looks like a JPEG picture/,
      );
      const cut = await upload(me.client, me.patientId, 'cut.dcm', image.bytes.slice(0, 300));
      assert.equal(cut.status, 422, cut.text);
      assert.match(String(cut.json.detail), /^This DICOM file is incomplete/);
      const random = await upload(
        me.client,
        me.patientId,
        'notes.txt',
        new TextEncoder().encode('hello there, not a scan'),
      );
      assert.equal(random.status, 422);
      assert.match(String(random.json.detail), /not a DICOM image, a PDF or a JPEG/);
      const json = await me.client.post(`/api/patients/${me.patientId}/imaging`, {});
      assert.equal(json.status, 415);

      // A compressed image is stored; the simple viewer says plainly that it cannot show it.
      const compressed = await upload(me.client, me.patientId, 'ct.dcm', compressedDicom());
      assert.equal(compressed.status, 201, compressed.text);
      const compressedId = (compressed.json.stored as { fileId: string }[])[0]?.fileId;
      const notShown = await me.client.get(`/api/imaging/files/${compressedId}/frame`);
      assert.equal(notShown.status, 422);
      assert.match(String(notShown.json.detail), /compressed .* cannot show/);

      const mine = await me.client.get(`/api/patients/${me.patientId}/imaging`);
      assert.equal(mine.status, 200);
      assert.equal((mine.json.studies as unknown[]).length, 2);
      assert.equal((mine.json.documents as { kind: string }[])[0]?.kind, 'pdf');

      // Not another patient's record, not another clinic's files, and not for a reviewer, even an assigned one.
      assert.equal((await upload(me.client, other.patientId, 'x.dcm', image.bytes)).status, 403);
      assert.equal((await me.client.get(`/api/patients/${other.patientId}/imaging`)).status, 403);
      const otherUpload = await upload(admin, other.patientId, 'IM1', image.bytes);
      const otherFileId = (otherUpload.json.stored as { fileId: string }[])[0]?.fileId;
      assert.equal((await raw(me.client, `/api/imaging/files/${otherFileId}`)).status, 404);
      assert.equal((await raw(me.client, `/api/imaging/files/${otherFileId}/frame`)).status, 404);

      const { client: stranger } = await signedInClinic(db, 'admin');
      const fileId = (ok.json.stored as { fileId: string }[])[0]?.fileId;
      const studyId = (ok.json.studies as { id: string }[])[0]?.id;
      assert.equal((await raw(stranger, `/api/imaging/files/${fileId}`)).status, 404);
      assert.equal((await stranger.get(`/api/imaging/studies/${studyId}`)).status, 404);
      assert.equal((await stranger.get(`/api/patients/${me.patientId}/imaging`)).status, 404);

      await assignReviewer(db, clinic.clinicId, clinic.staff.reviewer.id, me.patientId);
      const reviewer = await staffSignedIn(db, clinic, 'reviewer');
      assert.equal((await reviewer.get(`/api/patients/${me.patientId}/imaging`)).status, 403);
      // Studies reach a reviewer only through a second-opinion case (second-opinion/imaging.test.ts).
      assert.equal((await reviewer.get(`/api/imaging/studies/${studyId}`)).status, 404);
      assert.equal(
        (await raw(reviewer, `/api/imaging/files/${fileId}?variant=deidentified`)).status,
        404,
      );
      assert.equal((await raw(reviewer, `/api/imaging/files/${fileId}/frame`)).status, 404);
      assert.equal((await upload(reviewer, me.patientId, 'x.dcm', image.bytes)).status, 403);
    },
  );

  engine.test(
    'upload limits: too large before reading, too many zip entries, a zip bomb entry refused',
    async () => {
      const { admin, patientId } = await aSignedInPatient(engine);

      const crowded = zipSync(
        Object.fromEntries(
          Array.from({ length: imagingLimits.zipEntries + 1 }, (_, i) => [
            `f${i}.dcm`,
            new Uint8Array([i % 256]),
          ]),
        ),
      );
      const many = await upload(admin, patientId, 'many.zip', crowded, 'application/zip');
      assert.equal(many.status, 413, many.text);
      assert.match(String(many.json.detail), /more than 3000 files/);

      // 60 MB of zeros packs into a few kB: refused from the size it claims, before it is inflated.
      const [image] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
      const bomb = zipSync(
        {
          'bomb.dcm': new Uint8Array(60 * 1024 * 1024),
          'IM1.dcm': image?.bytes ?? new Uint8Array(),
        },
        { level: 1 },
      );
      assert.ok(bomb.byteLength < 1024 * 1024);
      const bombed = await upload(admin, patientId, 'bomb.zip', bomb, 'application/zip');
      assert.equal(bombed.status, 201, bombed.text);
      assert.match(
        (bombed.json.refused as { reason: string }[])[0]?.reason ?? '',
        /larger than 50 MB/,
      );

      const big = await upload(
        admin,
        patientId,
        'big.dcm',
        new Uint8Array(imagingLimits.fileBytes + 1),
        'application/dicom',
      );
      assert.equal(big.status, 413);
      assert.match(String(big.json.detail), /larger than 50 MB/);
    },
  );
});

test('raw bodies are let through only on the upload route and only with file types a cross-site form cannot send', () => {
  const upload = '/api/patients/5d2c1f8e-0000-4000-8000-000000000001/imaging';
  assert.equal(acceptsRawUpload('POST', upload, 'application/dicom'), true);
  assert.equal(acceptsRawUpload('POST', upload, 'application/zip; charset=binary'), true);
  // What an HTML form can send without a preflight stays refused.
  for (const type of [
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    '',
  ])
    assert.equal(acceptsRawUpload('POST', upload, type), false, type);
  assert.equal(
    acceptsRawUpload('POST', '/api/patients/p/messages', 'application/octet-stream'),
    false,
  );
  assert.equal(acceptsRawUpload('PUT', upload, 'application/dicom'), false);
});
