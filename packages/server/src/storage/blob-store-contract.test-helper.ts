import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { BlobStore } from './blob-store.ts';

/** What every `BlobStore` must do, one test body run over each implementation. */
export function blobStoreContract(name: string, store: () => BlobStore): void {
  test(`${name}: a missing key reads as nothing, and deleting it is not an error`, async () => {
    const files = store();
    const key = `contract/${randomBytes(6).toString('hex')}/never-written`;
    assert.equal(await files.get(key), undefined);
    assert.equal(await files.exists(key), false);
    await files.delete(key);
    assert.equal(await files.exists(key), false);
  });

  test(`${name}: bytes come back exactly — every byte value, one byte, none, a few MB`, async (t) => {
    const files = store();
    const base = `contract/${randomBytes(6).toString('hex')}`;
    const everyByte = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    const bodies: Record<string, Uint8Array> = {
      'every-byte.bin': everyByte,
      'one-byte': new Uint8Array([0]),
      empty: new Uint8Array(),
      'five-mb.dcm': new Uint8Array(randomBytes(5 * 1024 * 1024)),
    };
    for (const [leaf, bytes] of Object.entries(bodies)) {
      const key = `${base}/${leaf}`;
      const started = performance.now();
      await files.put(key, bytes);
      const back = await files.get(key);
      if (bytes.length > 1_000_000)
        t.diagnostic(`${leaf}: put + get took ${Math.round(performance.now() - started)} ms`);
      assert.ok(back, leaf);
      assert.equal(back.length, bytes.length, leaf);
      assert.ok(Buffer.from(back).equals(Buffer.from(bytes)), `${leaf} comes back byte for byte`);
      assert.equal(await files.exists(key), true, leaf);
    }
  });

  test(`${name}: writing again replaces, delete removes, and neighbours under the same prefix stay`, async () => {
    const files = store();
    const base = `clinics/c-${randomBytes(4).toString('hex')}/imaging/f_1`;
    await files.put(`${base}/original`, new Uint8Array([1, 2, 3]));
    await files.put(`${base}/original`, new Uint8Array([4, 5, 6, 7]));
    await files.put(`${base}/deidentified`, new Uint8Array([9]));
    await files.put(`${base}/original.v2`, new Uint8Array([8]));
    assert.deepEqual(await files.get(`${base}/original`), new Uint8Array([4, 5, 6, 7]));
    await files.delete(`${base}/original`);
    assert.equal(await files.exists(`${base}/original`), false);
    assert.equal(await files.get(`${base}/original`), undefined);
    assert.deepEqual(await files.get(`${base}/deidentified`), new Uint8Array([9]));
    assert.deepEqual(await files.get(`${base}/original.v2`), new Uint8Array([8]));
  });

  test(`${name}: keys with empty, "." or ".." segments are refused before anything is stored`, async () => {
    const files = store();
    for (const key of ['../escape', '/etc/passwd', 'a/../../b', 'a//b', 'a/./b', 'trailing/', ''])
      await assert.rejects(files.put(key, new Uint8Array([1])), /Not a valid storage key/, key);
    assert.equal(await files.exists('escape'), false);
  });
}
