import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from './context.ts';
import { securityHeaders } from './edge.ts';
import { compressAnswers, immutableAsset, mountWebApp, revalidate } from './web-app.ts';

const dist = mkdtempSync(join(tmpdir(), 'lamina-dist-'));
after(() => rmSync(dist, { recursive: true, force: true }));
const script = `export const screens = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `screen ${i}`))};`;
const html = `<!doctype html><html><head><title>Lamina</title></head><body><div id="root"></div>${'<!-- -->'.repeat(200)}</body></html>`;
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'assets/app-Ab12Cd34.js'), script);
writeFileSync(join(dist, 'assets/app-Ab12Cd34.js.br'), brotliCompressSync(script));
writeFileSync(join(dist, 'assets/app-Ab12Cd34.js.gz'), gzipSync(script));
writeFileSync(join(dist, 'index.html'), html);
writeFileSync(join(dist, 'index.html.gz'), gzipSync(html));

function app(): Hono<AppEnv> {
  const a = new Hono<AppEnv>();
  a.use('*', securityHeaders(false));
  a.use('*', compressAnswers());
  const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Patient ${i}` }));
  a.get('/api/list', (c) => c.json(rows));
  a.post('/api/list', (c) => c.json(rows, 201));
  a.get('/api/stream', (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: 'alert', data: 'x'.repeat(2000) });
    }),
  );
  a.get('/fhir/r4/Patient', (c) =>
    c.body(JSON.stringify({ resourceType: 'Bundle', entry: rows }), 200, {
      'content-type': 'application/fhir+json',
    }),
  );
  mountWebApp(a, dist);
  return a;
}

test('hashed assets go out precompressed (brotli first, else gzip) and are cached for a year', async () => {
  const br = await app().request('/assets/app-Ab12Cd34.js', {
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  });
  assert.equal(br.status, 200);
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.match(br.headers.get('content-type') ?? '', /javascript/);
  assert.equal(br.headers.get('cache-control'), immutableAsset);
  assert.match(br.headers.get('vary') ?? '', /accept-encoding/i);
  assert.equal(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), script);

  const gz = await app().request('/assets/app-Ab12Cd34.js', {
    headers: { 'accept-encoding': 'gzip' },
  });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), script);

  const plain = await app().request('/assets/app-Ab12Cd34.js');
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(await plain.text(), script);
});

test('the app shell is revalidated on every load; a missing chunk is a 404, not index.html', async () => {
  for (const path of ['/', '/checkin', '/console/patients/1']) {
    const res = await app().request(path, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('cache-control'), revalidate, path);
    assert.equal(res.headers.get('content-encoding'), 'gzip', path);
    assert.equal(gunzipSync(Buffer.from(await res.arrayBuffer())).toString(), html, path);
  }
  const missing = await app().request('/assets/Old-chunk-zz.js');
  assert.equal(missing.status, 404);
  assert.notEqual(missing.headers.get('cache-control'), immutableAsset);
});

test('JSON answers to GET are gzipped when asked and never stored; writes and live streams are not compressed', async () => {
  const list = await app().request('/api/list', { headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(list.headers.get('content-encoding'), 'gzip');
  assert.equal(list.headers.get('cache-control'), 'no-store');
  const rows = JSON.parse(gunzipSync(Buffer.from(await list.arrayBuffer())).toString());
  assert.equal(rows.length, 200);

  const fhir = await app().request('/fhir/r4/Patient', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(fhir.headers.get('content-encoding'), 'gzip');
  assert.equal(fhir.headers.get('cache-control'), 'no-store', 'not under /api/, still no-store');

  const written = await app().request('/api/list', {
    method: 'POST',
    headers: { 'accept-encoding': 'gzip' },
  });
  assert.equal(written.headers.get('content-encoding'), null);

  const stream = await app().request('/api/stream', { headers: { 'accept-encoding': 'gzip' } });
  assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
  assert.equal(stream.headers.get('content-encoding'), null);
  assert.match(await stream.text(), /event: alert/);

  const uncompressed = await app().request('/api/list');
  assert.equal(uncompressed.headers.get('content-encoding'), null);
  assert.equal(((await uncompressed.json()) as unknown[]).length, 200);
});
