import assert from 'node:assert/strict';
import type { StudySummary } from '@lamina/contract';
import type { TestClient } from '../http/test-client.ts';
import type { SeededClinic } from '../http/test-fixtures.ts';

/** The imaging tests' shared ways in: a raw upload as the browser sends it, a visitor's request. */

export type Json = Record<string, unknown>;
/** A study as the listing and the upload answer it (the contract's type). */
export type StudyJson = StudySummary;

const cookieOf = (client: TestClient) => (client as unknown as { cookie?: string }).cookie;

/** A raw upload as the browser sends it: the file as the body, its name in a header. */
export async function rawUpload(
  client: TestClient,
  path: string,
  bytes: Uint8Array,
  options: { type?: string; name?: string; headers?: Record<string, string> } = {},
) {
  const cookie = cookieOf(client);
  const response = await client.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? 'application/octet-stream',
      'x-file-name': encodeURIComponent(options.name ?? 'upload'),
      ...(cookie ? { cookie } : {}),
      ...options.headers,
    },
    body: bytes,
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Json, text };
}

/** A GET of a file (bytes and headers, not JSON). */
export async function rawGet(client: TestClient, path: string) {
  const cookie = cookieOf(client);
  const response = await client.app.request(path, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

export const visitor = { name: 'Sam Lee', email: 'sam@mail.example' };

/** A visitor's request on the clinic's public page (an MRI review unless `kind` says otherwise). */
export async function visitorRequest(
  client: TestClient,
  clinic: SeededClinic,
  kind = 'imaging_review',
) {
  const body =
    kind === 'imaging_review'
      ? { kind, imagingNote: 'MRI from March' }
      : kind === 'treatment'
        ? { kind, symptoms: 'Leg pain when I walk.' }
        : { kind: 'info_kit', infoKit: { region: 'lumbar', procedure: 'laminectomy' } };
  const made = await client.post(`/api/public/${clinic.slug}/requests`, {
    ...body,
    contact: visitor,
    consent: true,
  });
  assert.equal(made.status, 201, made.text);
  return { requestId: made.json.requestId as string, token: made.json.token as string };
}
