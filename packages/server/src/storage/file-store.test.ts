import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { DiskBlobStore } from './blob-store.ts';
import { FileStoreConfigError, fileStoreFromEnv, openFileStore } from './file-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

const keys = {
  LAMINA_FILES_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  LAMINA_FILES_S3_SECRET_ACCESS_KEY: 'very-secret-value',
};

test('without S3 settings files go to the disk directory, as before', () => {
  const { store, description } = fileStoreFromEnv({}, '/srv/.lamina/data', '/srv');
  assert.ok(store instanceof DiskBlobStore);
  assert.equal(store.root, '/srv/.lamina/data-files');
  assert.equal(description, 'directory /srv/.lamina/data-files');
});

test('LAMINA_FILES_S3_URL picks the bucket from the last path segment, the rest is the endpoint', () => {
  const plain = fileStoreFromEnv(
    { ...keys, LAMINA_FILES_S3_URL: 'https://minio.internal:9000/lamina-files' },
    undefined,
  ).store;
  assert.ok(plain instanceof S3BlobStore);
  assert.equal(plain.bucket, 'lamina-files');
  assert.equal(plain.endpoint.href, 'https://minio.internal:9000/');
  assert.equal(plain.region, 'us-east-1');
  const prefixed = fileStoreFromEnv(
    {
      ...keys,
      LAMINA_FILES_S3_URL: ' https://proxy.example/storage/s3/scans/ ',
      LAMINA_FILES_S3_REGION: 'eu-central-1',
    },
    undefined,
  );
  assert.ok(prefixed.store instanceof S3BlobStore);
  assert.equal(prefixed.store.bucket, 'scans');
  assert.equal(prefixed.store.region, 'eu-central-1');
  assert.equal(
    prefixed.description,
    'S3 bucket "scans" at https://proxy.example/storage/s3 (region eu-central-1)',
  );
  assert.doesNotMatch(prefixed.description, /very-secret-value|AKIDEXAMPLE/);
});

test('settings that cannot work are refused with one line naming the setting', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { LAMINA_FILES_S3_URL: 'https://s3.example/bucket-1', LAMINA_FILES_S3_ACCESS_KEY_ID: 'x' },
      /^LAMINA_FILES_S3_URL is set but LAMINA_FILES_S3_SECRET_ACCESS_KEY is not\.$/,
    ],
    [
      { LAMINA_FILES_S3_URL: 'https://s3.example/bucket-1' },
      /LAMINA_FILES_S3_ACCESS_KEY_ID and LAMINA_FILES_S3_SECRET_ACCESS_KEY are not/,
    ],
    [
      { LAMINA_FILES_S3_SECRET_ACCESS_KEY: 'x' },
      /LAMINA_FILES_S3_SECRET_ACCESS_KEY is set but LAMINA_FILES_S3_URL is not/,
    ],
    [
      { ...keys, LAMINA_FILES_S3_URL: 'https://s3.example/bucket-1', LAMINA_FILES_DIR: '/files' },
      /both set/,
    ],
    [{ ...keys, LAMINA_FILES_S3_URL: 's3.example/bucket' }, /is not a URL/],
    [{ ...keys, LAMINA_FILES_S3_URL: 'ftp://s3.example/bucket' }, /must start with https:\/\//],
    [{ ...keys, LAMINA_FILES_S3_URL: 'https://s3.example' }, /names no bucket/],
    [{ ...keys, LAMINA_FILES_S3_URL: 'https://s3.example/My_Bucket' }, /not a bucket name/],
    [{ ...keys, LAMINA_FILES_S3_URL: 'https://s3.example/bucket-1?x=1' }, /query or fragment/],
    [
      { ...keys, LAMINA_FILES_S3_URL: 'https://me:pw@s3.example/bucket-1' },
      /must not hold credentials/,
    ],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => fileStoreFromEnv(env, undefined),
      (error: unknown) => {
        assert.ok(error instanceof FileStoreConfigError, JSON.stringify(env));
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n|very-secret-value|pw@/);
        assert.equal(error.exitCode, 2);
        return true;
      },
    );
  }
});

test('openFileStore reaches the bucket once: a store that answers 403 stops the start', async () => {
  const refusing = createServer((_request, response) => {
    response.writeHead(403).end();
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  const port = (refusing.address() as AddressInfo).port;
  try {
    await assert.rejects(
      openFileStore({ ...keys, LAMINA_FILES_S3_URL: `http://127.0.0.1:${port}/lamina` }, undefined),
      (error: unknown) => {
        assert.ok(error instanceof FileStoreConfigError);
        assert.equal(error.exitCode, 1);
        assert.equal(
          error.message,
          `File store S3 bucket "lamina" at http://127.0.0.1:${port} (region us-east-1): S3 HEAD (bucket): 403`,
        );
        return true;
      },
    );
  } finally {
    await new Promise((resolve) => refusing.close(resolve));
  }
});
