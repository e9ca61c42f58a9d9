import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DiskBlobStore, InvalidBlobKeyError, resolveFilesDir } from './blob-store.ts';
import { blobStoreContract } from './blob-store-contract.test-helper.ts';

const root = await mkdtemp(join(tmpdir(), 'lamina-blobs-'));
after(() => rm(root, { recursive: true, force: true }));

blobStoreContract('disk store', () => new DiskBlobStore(root));

test('the disk store puts, gets, reports and deletes whole files, leaving no temp files', async () => {
  const store = new DiskBlobStore(root);
  const key = 'clinics/c1/imaging/f1/original';
  assert.equal(await store.exists(key), false);
  assert.equal(await store.get(key), undefined);
  await store.put(key, new Uint8Array([1, 2, 3]));
  await store.put(key, new Uint8Array([4, 5, 6, 7]));
  assert.deepEqual(await store.get(key), new Uint8Array([4, 5, 6, 7]));
  assert.equal(await store.exists(key), true);
  assert.deepEqual(await readdir(join(root, 'clinics/c1/imaging/f1')), ['original']);
  await store.delete(key);
  assert.equal(await store.exists(key), false);
});

test('keys cannot leave the store directory', async () => {
  const store = new DiskBlobStore(root);
  for (const key of ['../escape', '/etc/passwd', 'a/../../b', 'a//b', ''])
    await assert.rejects(store.put(key, new Uint8Array([1])), InvalidBlobKeyError, key);
});

test('LAMINA_FILES_DIR wins; otherwise files/ beside the data directory', () => {
  assert.equal(resolveFilesDir({ LAMINA_FILES_DIR: 'x' }, '/data', '/srv'), '/srv/x');
  assert.equal(resolveFilesDir({}, '/srv/.lamina/data', '/srv'), '/srv/.lamina/data-files');
  assert.equal(resolveFilesDir({}, 'lamina', '/var/lib'), '/var/lib/lamina-files');
  assert.equal(resolveFilesDir({}, undefined, '/srv'), '/srv/.lamina/files');
});
