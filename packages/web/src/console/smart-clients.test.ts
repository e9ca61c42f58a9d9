import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import {
  axe,
  demoServerAndPage,
  signInDemoStaff,
  signOutStaff,
} from '../testing/browser.test-helper.ts';

// Issue 18 in the console: the clinic admin registers an EHR as a FHIR system client with its public
// key set (JWKS), sees it listed with its client id and scopes (also after a reload), and revokes it;
// a private key pasted by mistake is refused with the field named. Checked with axe-core.
const running = demoServerAndPage();

interface Listed {
  clients: {
    id: string;
    clientId: string;
    name: string;
    scopes: string[];
    revokedAt: string | null;
  }[];
}

test('the admin registers an EHR with its JWK set, sees it listed, and revokes it', async () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const publicJwk = { ...keys.publicKey.export({ format: 'jwk' }), alg: 'ES384', kid: 'ehr-1' };
  const privateJwk = { ...keys.privateKey.export({ format: 'jwk' }), alg: 'ES384' };

  const server = running.server();
  const page = running.page();
  await signInDemoStaff(server, page, 'admin@demo.example');
  await page.goto(`${server.url}/console/settings`);
  const section = page.getByRole('region', { name: 'EHR connections (FHIR)' });
  await section.getByRole('heading', { name: 'EHR connections (FHIR)' }).waitFor();

  // A private key by mistake: refused, the field named, nothing registered.
  await section.getByLabel('System name').fill('Hospital EHR');
  await section
    .getByLabel('Public key set (JWKS, JSON)')
    .fill(JSON.stringify({ keys: [privateJwk] }));
  await section.getByRole('button', { name: 'Register system' }).click();
  await section.getByRole('alert').getByText('register only the public key').waitFor();
  const none = (await (
    await page.request.get(`${server.url}/api/clinic/smart-clients`)
  ).json()) as Listed;
  assert.equal(none.clients.filter((c) => c.name === 'Hospital EHR').length, 0);

  // The public key set: registered, its client id shown and listed.
  await section
    .getByLabel('Public key set (JWKS, JSON)')
    .fill(JSON.stringify({ keys: [publicJwk] }));
  await section
    .getByLabel('Allowed scopes, separated by spaces (for example system/Observation.rs)')
    .fill('system/Patient.rs system/Observation.rs');
  await section.getByRole('button', { name: 'Register system' }).click();
  const status = section.getByRole('status');
  await status.getByText('Registered. Give the system this client id:').waitFor();
  const listed = (await (
    await page.request.get(`${server.url}/api/clinic/smart-clients`)
  ).json()) as Listed;
  const client = listed.clients.find((c) => c.name === 'Hospital EHR');
  assert.ok(client, 'registered');
  assert.deepEqual(client.scopes, ['system/Patient.rs', 'system/Observation.rs']);
  assert.equal(client.revokedAt, null);
  assert.ok((await status.textContent())?.includes(client.clientId));
  assert.deepEqual(await axe(page), [], 'axe-core violations on the FHIR clients section');

  // Listed after a reload, with its client id and scopes; then revoked.
  await page.reload();
  const item = section.getByRole('listitem').filter({ hasText: 'Hospital EHR' });
  await item.getByText(client.clientId).waitFor();
  await item.getByText('system/Patient.rs system/Observation.rs').waitFor();
  await item.getByRole('button', { name: 'Revoke Hospital EHR' }).click();
  await item.getByText(/^Revoked /).waitFor();
  assert.equal(await item.getByRole('button', { name: 'Revoke Hospital EHR' }).count(), 0);
  const after = (await (
    await page.request.get(`${server.url}/api/clinic/smart-clients`)
  ).json()) as Listed;
  assert.ok(after.clients.find((c) => c.id === client.id)?.revokedAt, 'revoked on the server');
  await page.reload();
  await section
    .getByRole('listitem')
    .filter({ hasText: 'Hospital EHR' })
    .getByText(/^Revoked /)
    .waitFor();
  await signOutStaff(page);
});
