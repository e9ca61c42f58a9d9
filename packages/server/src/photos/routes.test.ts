import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { testFiles } from '../http/test-client.ts';
import { enrolAndSignIn, signedInClinic, staffSignedIn } from '../http/test-fixtures.ts';
import { jpegBytes } from '../imaging/dicom.test-helper.ts';
import { storageUsed } from '../storage/quota.ts';
import { checkPhoto, exifHasGps } from './image.ts';

/** An Exif APP1 segment whose first directory holds a GPS pointer (tag 0x8825), as phones write it. */
function exifWithGps(): number[] {
  const tiff = [
    0x49,
    0x49,
    0x2a,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00, // "II", 42, IFD0 at 8
    0x01,
    0x00, // one entry
    0x25,
    0x88,
    0x04,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    0x1a,
    0x00,
    0x00,
    0x00, // GPS IFD pointer
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
    // The GPS directory: latitude ref "N" (enough to be a location block).
    0x01,
    0x00,
    0x01,
    0x00,
    0x02,
    0x00,
    0x02,
    0x00,
    0x00,
    0x00,
    0x4e,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
  return [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
}

function jpegWithGps(): Uint8Array {
  const plain = jpegBytes();
  return new Uint8Array([...plain.subarray(0, 2), ...exifWithGps(), ...plain.subarray(2)]);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const hasExif = (bytes: Uint8Array) => Buffer.from(bytes).includes(Buffer.from('Exif\0\0'));

test('the Exif GPS pointer is found, and stripping removes the whole Exif block', () => {
  const withGps = jpegWithGps();
  assert.equal(exifHasGps(new Uint8Array(exifWithGps().slice(4))), true);
  const checked = checkPhoto(withGps);
  assert.equal(checked.kind, 'jpeg');
  assert.equal(checked.hadGps, true);
  assert.equal(checked.metadataRemoved, true);
  assert.ok(hasExif(withGps) && !hasExif(checked.bytes));
  assert.deepEqual(checked.bytes, jpegBytes(), 'only the Exif segment went');
  const plain = checkPhoto(jpegBytes());
  assert.equal(plain.metadataRemoved, false);
  assert.deepEqual(plain.bytes, jpegBytes());
});

/** A real 1×1 PNG, with an eXIf chunk (holding a GPS pointer) and a text chunk when asked. */
function png(withMetadata: boolean): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.byteLength, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1, 8-bit grey
  const exif = Buffer.from(exifWithGps().slice(10)); // the TIFF block without "Exif\0\0"
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...(withMetadata
        ? [chunk('eXIf', exif), chunk('tEXt', Buffer.from('Location\0Home', 'latin1'))]
        : []),
      chunk('IDAT', deflateSync(Buffer.from([0, 128]))),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

test('a PNG: eXIf (with GPS) and text chunks are removed, the picture kept; a broken one is refused', () => {
  const checked = checkPhoto(png(true));
  assert.equal(checked.kind, 'png');
  assert.deepEqual([checked.width, checked.height], [1, 1]);
  assert.equal(checked.metadataRemoved, true);
  assert.equal(checked.hadGps, true);
  assert.deepEqual(checked.bytes, png(false));
  assert.equal(checkPhoto(png(false)).metadataRemoved, false);
  assert.throws(() => checkPhoto(png(false).subarray(0, 30)), /damaged/);
});

async function auditDetails(db: Kysely<Database>, clinicId: string, action: string) {
  const rows = await auditOf(db, clinicId, action).select(['details', 'subject_id']).execute();
  return rows.map((r): Record<string, unknown> => ({ ...(r.details as object), id: r.subject_id }));
}

forEachEngine((engine) => {
  engine.test(
    'a wound photo on a check-in and on a message: good JPEG, GPS stripped, too big, wrong type, others denied',
    async () => {
      const database = await engine.open();
      const { db } = database;
      const { clinic, client: admin } = await signedInClinic(db, 'admin');
      const me = await enrolAndSignIn(admin, clinic);
      const other = await enrolAndSignIn(admin, clinic);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const checkin = await me.client.post(`/api/patients/${me.patientId}/checkins`, {
        idempotencyKey: randomUUID(),
        checkin: { limbPain: 3 },
      });
      assert.equal(checkin.status, 201);
      const checkinId = checkin.json.checkinId as string;
      const photos = `/api/patients/${me.patientId}/photos`;

      // A good JPEG on the check-in: stored as sent, audited.
      const good = await me.client.post(photos, {
        checkinId,
        contentType: 'image/jpeg',
        data: b64(jpegBytes()),
      });
      assert.equal(good.status, 201, good.text);
      const goodPhoto = good.json.photo as { id: string; checkinId: string; width: number };
      assert.equal(goodPhoto.checkinId, checkinId);
      assert.equal(goodPhoto.width, 1);

      // A JPEG with a GPS location: stored without it (the whole Exif block), and the audit says so.
      const located = await me.client.post(photos, {
        checkinId,
        contentType: 'image/jpeg',
        data: b64(jpegWithGps()),
      });
      assert.equal(located.status, 201, located.text);
      const locatedId = (located.json.photo as { id: string }).id;
      const row = await db
        .selectFrom('wound_photos')
        .select(['storage_key', 'byte_size'])
        .where('clinic_id', '=', clinic.clinicId)
        .where('id', '=', locatedId)
        .executeTakeFirstOrThrow();
      const stored = await testFiles.get(row.storage_key);
      assert.ok(stored);
      assert.equal(hasExif(stored), false, 'no Exif block is stored');
      assert.equal(row.byte_size, jpegBytes().byteLength);
      const uploads = await auditDetails(db, clinic.clinicId, 'photo.upload');
      assert.deepEqual(
        uploads.map((u) => [u.id, u.gpsRemoved]).sort(),
        [
          [goodPhoto.id, false],
          [locatedId, true],
        ].sort(),
      );
      // Counted against the patient's and the clinic's byte quotas.
      assert.ok((await storageUsed(db, clinic.clinicId, 'patient', me.patientId)) > 0);
      assert.ok((await storageUsed(db, clinic.clinicId, 'clinic', '')) > 0);

      // On a message the patient sent.
      const message = await me.client.post(`/api/patients/${me.patientId}/messages`, {
        body: 'The wound looks red today.',
      });
      assert.equal(message.status, 201, message.text);
      const messageId = (message.json.message as { id: string }).id;
      const onMessage = await me.client.post(photos, {
        messageId,
        contentType: 'image/jpeg',
        data: b64(jpegBytes()),
      });
      assert.equal(onMessage.status, 201, onMessage.text);

      // Too big, wrong type, a lie about the type, damaged, attached to nothing: clear 4xx.
      const big = new Uint8Array(4 * 1024 * 1024 + 10);
      big.set(jpegBytes());
      const tooBig = await me.client.post(photos, {
        checkinId,
        contentType: 'image/jpeg',
        data: b64(big),
      });
      assert.equal(tooBig.status, 413, tooBig.text);
      const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b]);
      assert.equal(
        (await me.client.post(photos, { checkinId, contentType: 'image/gif', data: b64(gif) }))
          .status,
        400,
      );
      assert.equal(
        (await me.client.post(photos, { checkinId, contentType: 'image/jpeg', data: b64(gif) }))
          .status,
        415,
      );
      assert.equal(
        (
          await me.client.post(photos, {
            checkinId,
            contentType: 'image/jpeg',
            data: b64(jpegBytes().subarray(0, 40)),
          })
        ).status,
        422,
      );
      assert.equal(
        (await me.client.post(photos, { contentType: 'image/jpeg', data: b64(jpegBytes()) }))
          .status,
        400,
      );
      assert.equal(
        (
          await me.client.post(photos, {
            checkinId: randomUUID(),
            contentType: 'image/jpeg',
            data: b64(jpegBytes()),
          })
        ).status,
        404,
      );

      // The care team sees them, reads are audited and the hash is checked.
      const listed = await nurse.get(photos);
      assert.equal(listed.status, 200);
      assert.equal((listed.json.photos as unknown[]).length, 3);
      const read = await nurse.get(`/api/photos/${goodPhoto.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('content-type'), 'image/jpeg');
      assert.match(read.headers.get('cache-control') ?? '', /no-store/);
      assert.equal((await auditDetails(db, clinic.clinicId, 'photo.read')).length, 1);
      await testFiles.put(row.storage_key, jpegWithGps());
      assert.equal((await nurse.get(`/api/photos/${locatedId}`)).status, 409, 'changed in storage');

      // Another patient: not their photos, not their check-in to attach to.
      assert.equal((await other.client.get(photos)).status, 403);
      assert.equal((await other.client.get(`/api/photos/${goodPhoto.id}`)).status, 403);
      assert.equal(
        (
          await other.client.post(`/api/patients/${other.patientId}/photos`, {
            checkinId,
            contentType: 'image/jpeg',
            data: b64(jpegBytes()),
          })
        ).status,
        404,
      );
      // The care team cannot attach photos in the patient's name.
      assert.equal(
        (await nurse.post(photos, { checkinId, contentType: 'image/jpeg', data: b64(jpegBytes()) }))
          .status,
        403,
      );

      // Another clinic's staff: nothing.
      const { client: otherNurse } = await signedInClinic(db, 'care_manager');
      assert.ok([403, 404].includes((await otherNurse.get(photos)).status));
      assert.ok([403, 404].includes((await otherNurse.get(`/api/photos/${goodPhoto.id}`)).status));
    },
  );
});
