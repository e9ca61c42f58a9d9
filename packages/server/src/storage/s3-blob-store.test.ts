import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import S3rver from 's3rver';
import { blobStoreContract } from './blob-store-contract.test-helper.ts';
import { S3BlobStore, type S3Settings, S3StoreError, signS3Request } from './s3-blob-store.ts';

// s3rver's built-in account; it checks the access key id but not V4 signatures (its
// lib/middleware/authentication.js leaves V4 "unimplemented"), so the server below checks them.
const accessKeyId = 'S3RVER';
const secretAccessKey = 'S3RVER';
const directory = await mkdtemp(join(tmpdir(), 'lamina-s3rver-'));
const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: 'lamina' }] });
const requests: { method: string; url: string }[] = [];
const server = createServer((request, response) => {
  requests.push({ method: request.method ?? '', url: request.url ?? '' });
  if (refuseBadSignature(request, response)) return;
  s3rver.callback()(request, response);
});
let endpoint = '';

before(async () => {
  await s3rver.configureBuckets();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

function s3(overrides: Partial<S3Settings> = {}): S3BlobStore {
  return new S3BlobStore({
    endpoint,
    bucket: 'lamina',
    region: 'us-east-1',
    accessKeyId,
    secretAccessKey,
    ...overrides,
  });
}

blobStoreContract('S3 store on s3rver', () => s3());

test('keys with spaces, plus signs, percent, unicode and URL syntax round-trip and stay distinct', async () => {
  const store = s3();
  const keys = [
    'odd/a b',
    'odd/a+b',
    'odd/a%20b',
    'odd/Ünïcödé 画像 (1).dcm',
    "odd/q?x=1&y=2#frag;semi:colon,comma!'*~@$",
    'odd/tilde~and_under-score.v1',
  ];
  for (const [index, key] of keys.entries()) await store.put(key, new Uint8Array([index]));
  for (const [index, key] of keys.entries()) {
    assert.deepEqual(await store.get(key), new Uint8Array([index]), key);
    assert.equal(await store.exists(key), true, key);
  }
  const sent = requests.filter((r) => r.method === 'PUT').map((r) => r.url);
  assert.ok(sent.includes('/lamina/odd/a%20b'), 'a space is sent as %20, not +');
  assert.ok(sent.includes('/lamina/odd/a%2Bb'), 'a plus sign is encoded');
  assert.ok(sent.includes('/lamina/odd/a%2520b'), 'a literal percent is encoded, not decoded');
  await store.delete('odd/a+b');
  assert.equal(await store.exists('odd/a+b'), false);
  assert.equal(await store.exists('odd/a b'), true, 'deleting one did not touch its look-alike');
});

test('a wrong secret is refused with the status and S3 code, and the secret is not in the message', async () => {
  const secret = 'not-the-right-secret-123';
  const store = s3({ secretAccessKey: secret });
  for (const attempt of [
    () => store.put('refused/x', new Uint8Array([1])),
    () => store.get('refused/x'),
    () => store.delete('refused/x'),
  ]) {
    const error = await attempt().then(
      () => assert.fail('a wrong secret was accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof S3StoreError);
    assert.equal(error.status, 403);
    assert.equal(error.code, 'SignatureDoesNotMatch');
    assert.match(error.message, /^S3 (PUT|GET|DELETE) refused\/x: 403 SignatureDoesNotMatch/);
    assert.doesNotMatch(error.message, new RegExp(secret));
  }
  await assert.rejects(store.exists('refused/x'), { status: 403 });
  await assert.rejects(store.checkAccess(), { status: 403 });
  assert.equal(await s3().exists('refused/x'), false, 'nothing was written');
});

test('an unknown access key id and a missing bucket are errors, not "no such file"', async () => {
  await assert.rejects(s3({ accessKeyId: 'NOBODY' }).get('x'), {
    status: 403,
    code: 'InvalidAccessKeyId',
  });
  const noBucket = s3({ bucket: 'no-such-bucket' });
  await assert.rejects(noBucket.get('x'), { status: 404, code: 'NoSuchBucket' });
  await assert.rejects(noBucket.checkAccess(), { status: 404 });
  await s3().checkAccess();
});

test('an unreachable store gives the address and the reason', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(s3({ endpoint: `http://127.0.0.1:${port}` }).get('x'), (error: unknown) => {
    assert.ok(error instanceof S3StoreError);
    assert.match(error.message, new RegExp(`S3 GET x at http://127.0.0.1:${port}: .*ECONNREFUSED`));
    return true;
  });
});

test('a trailing slash on the endpoint is dropped, and a path prefix is kept before the bucket', async () => {
  const store = s3({ endpoint: `${endpoint}/` });
  await store.put('prefix/check', new Uint8Array([7]));
  assert.ok(requests.some((r) => r.method === 'PUT' && r.url === '/lamina/prefix/check'));
  assert.equal(
    s3({ endpoint: 'https://files.example:9000/s3/' }).describe(),
    'S3 bucket "lamina" at https://files.example:9000/s3 (region us-east-1)',
  );
});

test('the signature matches the GET Object example of the S3 SigV4 documentation', () => {
  // From "Examples: Signature Calculations" (sig-v4-header-based-auth), a published known answer.
  const headers = signS3Request({
    method: 'GET',
    url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
    headers: { range: 'bytes=0-9' },
    payloadHash: createHash('sha256').update('').digest('hex'),
    region: 'us-east-1',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    date: new Date('2013-05-24T00:00:00Z'),
  });
  assert.equal(
    headers.authorization,
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  );
  assert.equal(headers['x-amz-date'], '20130524T000000Z');
});

/**
 * SigV4 checked the way S3 does, from the request as received (path re-encoded per RFC 3986,
 * signed headers as they arrived), written apart from the client so a shared mistake cannot hide.
 * Answers 403 SignatureDoesNotMatch and returns true when the signature is wrong.
 */
function refuseBadSignature(request: IncomingMessage, response: ServerResponse): boolean {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      request.headers.authorization ?? '',
    );
  if (!match) return false; // unsigned or unknown form: s3rver decides
  const [, keyId, day, region, signedHeaders = '', signature] = match;
  if (keyId !== accessKeyId) return false; // s3rver answers InvalidAccessKeyId itself
  const [rawPath = '', rawQuery = ''] = (request.url ?? '').split('?');
  const path = rawPath
    .split('/')
    .map((segment) =>
      encodeURIComponent(decodeURIComponent(segment)).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
  const canonical = [
    request.method,
    path,
    rawQuery,
    ...signedHeaders.split(';').map((name) => `${name}:${String(request.headers[name]).trim()}`),
    '',
    signedHeaders,
    String(request.headers['x-amz-content-sha256']),
  ].join('\n');
  const amzDate = String(request.headers['x-amz-date']);
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const key = ['us-east-1', 's3', 'aws4_request'].reduce(
    (k, part) => createHmac('sha256', k).update(part).digest(),
    createHmac('sha256', `AWS4${secretAccessKey}`).update(String(day)).digest(),
  );
  const expected = createHmac('sha256', key).update(toSign).digest('hex');
  if (expected === signature && region === 'us-east-1' && amzDate.startsWith(String(day)))
    return false;
  response.writeHead(403, { 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>`,
  );
  request.resume();
  return true;
}
