import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditCount, countRows, updateClinic } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  freshClinic,
  freshSignedInClinic,
  type SeededClinic,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { requestTokenHeader } from '../intake/access.ts';
import { storageUsed, uploadQuotaDefaults } from '../storage/quota.ts';
import { jpegBytes, pdfBytes, syntheticStudy } from './dicom.test-helper.ts';
import { checkJpeg, checkPdf } from './documents.ts';
import { rawUpload, visitorRequest } from './upload.test-helper.ts';

/**
 * Disk fill (issue 12, decision 011). Before: `%PDF-` and zeros was stored as a report, and a
 * visitor's token could upload without limit on bytes (only files and uploads were counted).
 */

const openHours = new Date('2026-11-20T18:00:00Z');
const send = (
  client: TestClient,
  path: string,
  bytes: Uint8Array,
  type: string,
  headers: Record<string, string> = {},
) => rawUpload(client, path, bytes, { type, headers });

async function visitorUploads(client: TestClient, clinic: SeededClinic) {
  const { requestId, token } = await visitorRequest(client, clinic);
  const path = `/api/public/${clinic.slug}/requests/${requestId}/imaging`;
  return {
    requestId,
    upload: (bytes: Uint8Array, type = 'application/octet-stream') =>
      send(client, path, bytes, type, { [requestTokenHeader]: token }),
  };
}

/**
 * A fresh database, a clinic, and a visitor's MRI review request taking uploads, on a server with
 * these upload allowances (the defaults unless changed).
 */
async function aVisitorUploading(
  engine: TestEngine,
  quotas: Partial<typeof uploadQuotaDefaults> = {},
) {
  const { db, clinic, client } = await freshClinic(engine, openHours, undefined, {
    uploadQuotas: { ...uploadQuotaDefaults, ...quotas },
  });
  return { db, clinic, client, visitor: await visitorUploads(client, clinic) };
}

/** The files stored for one request. */
function filesOf(db: Kysely<Database>, requestId: string) {
  return db
    .selectFrom('imaging_files')
    .select('kind')
    .where('request_id', '=', requestId)
    .execute();
}

const pdfOfZeros = () => {
  const bytes = new Uint8Array(1024 * 1024);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
};
const jpegOfZeros = () => {
  const bytes = new Uint8Array(1024 * 1024);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return bytes;
};

test('reports are checked: real PDFs and JPEGs pass; junk behind the right first bytes does not', async () => {
  assert.deepEqual(await checkPdf(await pdfBytes()), { pages: 1 });
  assert.deepEqual(checkJpeg(jpegBytes()), { width: 1, height: 1 });
  await assert.rejects(checkPdf(pdfOfZeros()), /This PDF is damaged or incomplete/);
  const real = await pdfBytes();
  await assert.rejects(checkPdf(real.slice(0, real.length - 40)), /This PDF is damaged/);
  // A plausible tail on junk: startxref pointing at zeros.
  const faked = new Uint8Array([
    ...pdfOfZeros(),
    ...new TextEncoder().encode('\nstartxref\n100\n%%EOF\n'),
  ]);
  await assert.rejects(checkPdf(faked), /points at nothing/);
  assert.throws(() => checkJpeg(jpegOfZeros()), /This JPEG picture is damaged or incomplete/);
  const cut = jpegBytes().slice(0, 30);
  assert.throws(() => checkJpeg(cut), /This JPEG picture is damaged/);
});

forEachEngine((engine) => {
  engine.test(
    "a visitor's %PDF- and zeros, or a JPEG of zeros, is refused (422) and not stored; real ones are",
    async () => {
      const { db, clinic, visitor } = await aVisitorUploading(engine);
      for (const [bytes, type] of [
        [pdfOfZeros(), 'application/pdf'],
        [jpegOfZeros(), 'image/jpeg'],
      ] as const) {
        const refused = await visitor.upload(bytes, type);
        assert.equal(refused.status, 422, refused.text);
        assert.match(String(refused.json.detail), /damaged or incomplete/);
      }
      assert.equal(await storageUsed(db, clinic.clinicId, 'clinic', ''), 0);
      assert.equal((await visitor.upload(await pdfBytes(), 'application/pdf')).status, 201);
      assert.equal((await visitor.upload(jpegBytes(), 'image/jpeg')).status, 201);
      const files = await filesOf(db, visitor.requestId);
      assert.deepEqual(files.map((file) => file.kind).sort(), ['jpeg', 'pdf']);
    },
  );

  engine.test(
    'a visitor token counts bytes: 8 parallel uploads against a 3½-file allowance, 3 stored, the rest 413',
    async () => {
      // The same report eight times (reports are not de-duplicated): every upload is the same size.
      const report = await pdfBytes();
      const reports = Array.from({ length: 8 }, () => report.slice());
      const size = report.byteLength;
      const { db, clinic, visitor } = await aVisitorUploading(engine, {
        tokenBytes: Math.floor(3.5 * size),
      });
      const answers = await Promise.all(
        reports.map((report) => visitor.upload(report, 'application/pdf')),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(
        statuses,
        [201, 201, 201, 413, 413, 413, 413, 413],
        JSON.stringify(statuses),
      );
      for (const answer of answers.filter((one) => one.status === 413))
        assert.match(String(answer.json.detail), /This link has been used to upload \d+ MB/);
      const tokenHash = (
        await db
          .selectFrom('intake_requests')
          .select('token_hash')
          .where('id', '=', visitor.requestId)
          .executeTakeFirstOrThrow()
      ).token_hash;
      assert.equal(await storageUsed(db, clinic.clinicId, 'token', tokenHash), 3 * size);
      assert.equal(await storageUsed(db, clinic.clinicId, 'request', visitor.requestId), 3 * size);
      assert.equal(await storageUsed(db, clinic.clinicId, 'clinic', ''), 3 * size);
      assert.equal((await filesOf(db, visitor.requestId)).length, 3);
    },
  );

  engine.test(
    'a zip past the allowance is stored in part, the rest refused by name; the allowance holds across uploads',
    async () => {
      const images = syntheticStudy({ series: [{ description: 'AX', images: 3 }] });
      const size = images[0]?.bytes.byteLength ?? 0;
      assert.ok(images.every((image) => image.bytes.byteLength === size));
      const { db, clinic, visitor } = await aVisitorUploading(engine, {
        tokenBytes: Math.floor(2.5 * size),
        requestBytes: Math.floor(2.5 * size),
      });
      const zip = zipSync(
        Object.fromEntries(images.map((image, i) => [`IM${i}.dcm`, image.bytes])),
      );
      const partly = await visitor.upload(zip, 'application/zip');
      assert.equal(partly.status, 201, partly.text);
      assert.equal((partly.json.stored as unknown[]).length, 2);
      const refused = partly.json.refused as { name: string; reason: string }[];
      assert.deepEqual(
        refused.map((file) => file.name),
        ['IM2.dcm'],
      );
      assert.match(refused[0]?.reason ?? '', /the most it may/);
      // The clinic counts what is written: originals and their de-identified copies.
      assert.ok((await storageUsed(db, clinic.clinicId, 'clinic', '')) > 2 * 2 * size * 0.9);

      // The allowance holds across uploads: a small photo still fits, the next report does not.
      const again = await visitor.upload(jpegBytes(), 'image/jpeg');
      assert.equal(again.status, 201, again.text);
      const full = await visitor.upload(await pdfBytes(), 'application/pdf');
      assert.equal(full.status, 413, full.text);
      assert.match(String(full.json.detail), /the most (it|one request) may/);
    },
  );

  engine.test(
    "a request's limit and a patient's own allowance count bytes too, whoever sends them",
    async () => {
      const report = await pdfBytes();
      const size = report.byteLength;
      const { db, clinic, client, visitor } = await aVisitorUploading(engine, {
        requestBytes: Math.floor(1.5 * size),
        patientBytes: Math.floor(2.5 * size),
      });
      assert.equal((await visitor.upload(report, 'application/pdf')).status, 201);
      const full = await visitor.upload(report.slice(), 'application/pdf');
      assert.equal(full.status, 413, full.text);
      assert.match(String(full.json.detail), /This request already holds \d+ MB/);

      // Another browser on the same server (the same allowances).
      const admin = await staffSignedIn(client, clinic, 'admin');
      const me = await enrolAndSignIn(admin, clinic);
      const own = `/api/patients/${me.patientId}/imaging`;
      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push((await send(me.client, own, report.slice(), 'application/pdf')).status);
      assert.deepEqual(answers, [201, 201, 413]);
      assert.equal(await storageUsed(db, clinic.clinicId, 'patient', me.patientId), 2 * size);
      // Staff uploads to the same record count for the clinic only.
      const staff = await send(admin, own, report.slice(), 'application/pdf');
      assert.equal(staff.status, 201, staff.text);
      assert.equal(await storageUsed(db, clinic.clinicId, 'patient', me.patientId), 2 * size);
    },
  );

  engine.test(
    "a clinic whose storage is full refuses every upload (413), staff's too, and writes nothing",
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      await updateClinic(db, clinic.clinicId, { imaging_quota_bytes: 1000 });
      const { patientId } = await enrolAndSignIn(admin, clinic);
      const [image] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
      const sendImage = () =>
        send(
          admin,
          `/api/patients/${patientId}/imaging`,
          image?.bytes ?? new Uint8Array(),
          'application/dicom',
        );
      const refused = await sendImage();
      assert.equal(refused.status, 413, refused.text);
      assert.match(String(refused.json.detail), /clinic's storage for scans and reports is full/);
      assert.equal(await countRows(db, 'imaging_files', clinic.clinicId), 0);
      assert.equal(await storageUsed(db, clinic.clinicId, 'clinic', ''), 0);

      // The admin sets the limit in whole GB (audited); nobody else may.
      const shown = await admin.get('/api/clinic/imaging-storage');
      assert.equal(shown.status, 200, shown.text);
      assert.deepEqual(shown.json, { quotaGigabytes: 0, usedBytes: 0 });
      const set = await admin.put('/api/clinic/imaging-storage', { quotaGigabytes: 5 });
      assert.deepEqual(set.json, { quotaGigabytes: 5, usedBytes: 0 });
      assert.equal(
        (await admin.put('/api/clinic/imaging-storage', { quotaGigabytes: 0 })).status,
        400,
      );
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      assert.equal(
        (await nurse.put('/api/clinic/imaging-storage', { quotaGigabytes: 500 })).status,
        403,
      );
      assert.equal(await auditCount(db, clinic.clinicId, 'clinic.imaging-quota-update'), 1);
      const stored = await sendImage();
      assert.equal(stored.status, 201, stored.text);
      const used = (await admin.get('/api/clinic/imaging-storage')).json.usedBytes as number;
      assert.ok(used > 2 * (image?.bytes.byteLength ?? 0) * 0.9, `${used}`);
    },
  );
});
