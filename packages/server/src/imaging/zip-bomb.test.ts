import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../db/migrate.ts';
import { pgliteDatabase, pgliteParsers } from '../db/open.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { enrolAndSignIn, signedInClinic } from '../http/test-fixtures.ts';
import { storageUsed } from '../storage/quota.ts';
import { syntheticStudy } from './dicom.test-helper.ts';
import { uploadMemory } from './routes.ts';
import { imagingLimits } from './service.ts';
import { inflateSlots, unzipEntries, ZipStopped } from './unzip.ts';
import { deflated, deflatedZeros, handZip, watchProcess } from './zip.test-helper.ts';

/**
 * Zip bombs (issue 12, decision 011). Before: a 1 MB upload inflated to 1 GB in memory on the main
 * thread (unzipSync), every other request waited seconds, and a zip whose headers understated its
 * sizes was inflated anyway. Now: inflated in a worker, one entry at a time, stopped at the bytes
 * actually inflated.
 */

const megabyte = 2 ** 20;
type Json = Record<string, unknown>;

/** 20 files of 50 MB of zeros (each at the per-file limit, 1000 MB in all): a zip of about 1 MB. */
function gigabyteBomb(files = 20): Uint8Array {
  const block = deflatedZeros(imagingLimits.fileBytes);
  return handZip(Array.from({ length: files }, (_, i) => ({ name: `IM${i}.dcm`, ...block })));
}

/** A migrated in-memory database: the engine does not matter here, nothing is stored before inflating. */
async function staffUploader(db?: Awaited<ReturnType<typeof freshDatabase>>) {
  const database = db ?? (await freshDatabase());
  const { clinic, client: admin } = await signedInClinic(database, 'admin');
  const { patientId } = await enrolAndSignIn(admin, clinic);
  const cookie = (admin as unknown as { cookie: string }).cookie;
  const send = async (bytes: Uint8Array, headers: Record<string, string> = {}) => {
    const response = await admin.app.request(`/api/patients/${patientId}/imaging`, {
      method: 'POST',
      headers: {
        'content-type': 'application/zip',
        'x-file-name': 'study.zip',
        cookie,
        ...headers,
      },
      body: bytes,
    });
    const text = await response.text();
    return { status: response.status, json: JSON.parse(text) as Json, text };
  };
  return { db: database, clinic, send };
}

async function freshDatabase() {
  const database = pgliteDatabase(await PGlite.create({ parsers: pgliteParsers }));
  after(() => database.close());
  await migrate(database.db);
  return database.db;
}

test('a 1 MB zip that unpacks to 1 GB: the event loop keeps answering and memory stays bounded', async (t) => {
  const { send } = await staffUploader();
  const bomb = gigabyteBomb();
  assert.ok(bomb.byteLength < 1.5 * megabyte, `${bomb.byteLength} bytes`);
  const watched = await watchProcess(() => send(bomb));
  t.diagnostic(
    `1 GB bomb: loop blocked ${watched.longestBlockMs} ms at most, rss +${watched.peakRssMb} MB`,
  );
  const { status, json, text } = watched.result;
  // Within the limits it declares, so every file is inflated and looked at — and refused: zeros are not DICOM.
  assert.equal(status, 422, text);
  const errors = json.errors as { field: string; message: string }[];
  assert.equal(errors.length, 20);
  assert.match(errors[0]?.message ?? '', /not a DICOM image/);
  // Before (inflated on the main thread, all at once): blocked ~5 s, +1 GB. Generous bounds for a busy 2-core machine.
  assert.ok(watched.longestBlockMs < 1000, `event loop blocked ${watched.longestBlockMs} ms`);
  assert.ok(watched.peakRssMb < 400, `memory grew ${watched.peakRssMb} MB`);
});

test('bombs in parallel: at most two are inflated at once, one more waits, the next is told to come back (503)', async (t) => {
  const { send } = await staffUploader();
  const bomb = gigabyteBomb(5); // 250 MB each
  const saved = { ...inflateSlots };
  inflateSlots.peak = 0;
  inflateSlots.maxWaiting = 1;
  try {
    const watched = await watchProcess(() => Promise.all([1, 2, 3, 4].map(() => send(bomb))));
    t.diagnostic(
      `4 × 250 MB bombs: loop blocked ${watched.longestBlockMs} ms at most, rss +${watched.peakRssMb} MB`,
    );
    const statuses = watched.result.map((one) => one.status).sort();
    assert.deepEqual(statuses, [422, 422, 422, 503], JSON.stringify(statuses));
    const busy = watched.result.find((one) => one.status === 503);
    assert.match(String(busy?.json.detail), /try again in a minute/);
    assert.equal(inflateSlots.peak, 2);
    assert.equal(inflateSlots.active, 0);
    // Less than the three that were opened would take all at once (750 MB); entry buffers wait for the GC.
    assert.ok(watched.peakRssMb < 700, `memory grew ${watched.peakRssMb} MB`);
    assert.ok(watched.longestBlockMs < 1000, `event loop blocked ${watched.longestBlockMs} ms`);
  } finally {
    inflateSlots.maxWaiting = saved.maxWaiting;
  }
});

test('an entry that inflates past the size its header declares is stopped within one chunk of it', async () => {
  // Declares 1000 bytes, holds 60 MB: the old code trusted the header and inflated all of it.
  const liar = handZip([{ name: 'IM1.dcm', ...deflatedZeros(60 * megabyte), declaredSize: 1000 }]);
  const stopped = await (async () => {
    try {
      for await (const _ of unzipEntries(liar, imagingLimits)) assert.fail('nothing is handed out');
    } catch (error) {
      return error;
    }
  })();
  assert.ok(stopped instanceof ZipStopped, String(stopped));
  assert.equal(stopped.reason, 'lying');
  // One 4 kB chunk of deflate inflates to at most ~4.2 MB: stopped there, not at 60 MB.
  assert.ok(stopped.inflatedBytes < 5 * megabyte, `${stopped.inflatedBytes} bytes inflated`);

  // Claims more than 1 GB in all: stopped before anything is inflated.
  const block = deflatedZeros(1024);
  const claims = handZip(
    Array.from({ length: 21 }, (_, i) => ({
      name: `f${i}`,
      ...block,
      declaredSize: 50 * megabyte,
    })),
  );
  await assert.rejects(
    async () => {
      for await (const _ of unzipEntries(claims, imagingLimits));
    },
    (error: unknown) =>
      error instanceof ZipStopped && error.reason === 'unpacked' && error.inflatedBytes === 0,
  );
});

test('stored and deflated entries come out byte for byte; a short entry is refused by name', async () => {
  const text = new TextEncoder().encode('hello, stored entry');
  const random = new Uint8Array(randomBytes(100_000));
  const zip = handZip([
    { name: 'stored.txt', data: text, crc: 0, size: text.byteLength, method: 0 },
    { name: 'deflated.bin', ...deflated(random) },
    { name: 'short.bin', ...deflated(random), declaredSize: random.byteLength + 10 },
  ]);
  const items: { name: string; type: string; bytes?: Uint8Array; reason?: string }[] = [];
  for await (const item of unzipEntries(zip, imagingLimits)) items.push(item);
  assert.deepEqual(
    items.map((item) => `${item.name}:${item.type}`),
    ['stored.txt:entry', 'deflated.bin:entry', 'short.bin:refused'],
  );
  assert.deepEqual(items[0]?.bytes, text);
  assert.deepEqual(items[1]?.bytes, random);
  assert.equal(items[2]?.reason, 'short');
  assert.equal(inflateSlots.active, 0);
});

test('upload bodies held in memory have a budget per process: past it, 503 before or while reading', async () => {
  const { send } = await staffUploader();
  const zip = handZip([{ name: 'a.bin', ...deflatedZeros(1024) }]);
  const padded = new Uint8Array(200 * 1024);
  padded.set(zip);
  const saved = uploadMemory.budgetBytes;
  uploadMemory.budgetBytes = 100 * 1024;
  try {
    const refused = await send(padded);
    assert.equal(refused.status, 503, refused.text);
    assert.match(String(refused.json.detail), /receiving many files/);
    assert.equal(uploadMemory.heldBytes, 0);
    // With a content-length, refused before a byte is read.
    const declared = await send(padded, { 'content-length': String(padded.byteLength) });
    assert.equal(declared.status, 503, declared.text);
    assert.equal(uploadMemory.heldBytes, 0);
  } finally {
    uploadMemory.budgetBytes = saved;
  }
  // Within the budget it is read (and refused for what it is), and what it held is given back.
  const read = await send(zip, { 'content-length': String(zip.byteLength) });
  assert.equal(read.status, 422, read.text);
  assert.equal(uploadMemory.heldBytes, 0);
});

forEachEngine((engine) => {
  engine.test(
    'a zip whose header understates a file: that file is refused by name and the rest is not opened; alone, a 422',
    async () => {
      const { db } = await engine.open();
      const { clinic, send } = await staffUploader(db);
      const [image, after] = syntheticStudy({ series: [{ description: 'AX', images: 2 }] });
      assert.ok(image && after);
      const liar = { ...deflatedZeros(60 * megabyte), declaredSize: 4096 };
      const mixed = await send(
        handZip([
          { name: 'IM1.dcm', ...deflated(image.bytes) },
          { name: 'IM2.dcm', ...liar },
          { name: 'IM3.dcm', ...deflated(after.bytes) },
        ]),
      );
      assert.equal(mixed.status, 201, mixed.text);
      assert.deepEqual(
        (mixed.json.stored as { name: string }[]).map((file) => file.name),
        ['IM1.dcm'],
      );
      const refused = mixed.json.refused as { name: string; reason: string }[];
      assert.deepEqual(
        refused.map((file) => file.name),
        ['IM2.dcm'],
      );
      assert.match(refused[0]?.reason ?? '', /unpacks to more than the zip says/);

      const alone = await send(handZip([{ name: 'IM9.dcm', ...liar }]));
      assert.equal(alone.status, 422, alone.text);
      assert.match(String(alone.json.detail), /unpacks to more than the zip says/);

      // What was stored is what was counted: the original and its de-identified copy of IM1 only.
      const files = await db
        .selectFrom('imaging_files')
        .select(['byte_size'])
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.equal(files.length, 1);
      const counted = await storageUsed(db, clinic.clinicId, 'clinic', '');
      assert.ok(counted > (files[0]?.byte_size ?? 0) && counted < 3 * (files[0]?.byte_size ?? 0));
    },
  );
});
