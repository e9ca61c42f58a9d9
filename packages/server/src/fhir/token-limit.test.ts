import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { forEachEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import { freshClinic, signInStaff } from '../http/test-fixtures.ts';
import { jwtBearer } from './smart.ts';
import { tokenLimits } from './smart-routes.ts';

/** The token endpoint's rate limit (http/rate-limit.ts): per client and per address, atomic, OAuth-shaped 429. */

/** An assertion naming the client, with a signature no key made: it is counted, then refused. */
function unsigned(clientId: string) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES384' })}.${part({ iss: clientId, sub: clientId, jti: randomUUID() })}.${Buffer.from('not a signature').toString('base64url')}`;
}

const form = (assertion: string) =>
  new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: jwtBearer,
    client_assertion: assertion,
    scope: 'system/Patient.rs',
  }).toString();

forEachEngine((engine) => {
  engine.test(
    'too many token requests get 429 with an OAuth error and Retry-After; parallel requests all count',
    async () => {
      const { clinic, client: admin } = await freshClinic(engine, new Date(), undefined, {
        now: () => new Date(),
      });
      await signInStaff(admin, clinic, 'admin');
      const register = async () => {
        const answer = await admin.post('/api/clinic/smart-clients', {
          name: 'EHR',
          jwks: { keys: [{ kty: 'EC', crv: 'P-384', x: 'x', y: 'y', alg: 'ES384' }] },
          scopes: ['system/Patient.rs'],
        });
        return (answer.json.client as { clientId: string }).clientId;
      };
      const clientId = await register();
      const post = (client: TestClient, assertion: string) =>
        client.request('POST', '/fhir/r4/auth/token', form(assertion), {
          'content-type': 'application/x-www-form-urlencoded',
        });
      // In parallel: the count and the check are one statement, so exactly `max` get through to the
      // signature check (401 invalid_client) and the rest are refused.
      const answers = await Promise.all(
        Array.from({ length: tokenLimits.client.max + 5 }, () => post(admin, unsigned(clientId))),
      );
      const statuses = answers.map((a) => a.status);
      assert.equal(statuses.filter((s) => s === 401).length, tokenLimits.client.max);
      assert.equal(statuses.filter((s) => s === 429).length, 5);
      const refused = answers.find((a) => a.status === 429);
      assert.ok(refused);
      assert.equal(refused.json.error, 'slow_down');
      assert.equal(typeof refused.json.error_description, 'string');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(refused.headers.get('cache-control'), 'no-store');

      // Per address: other clients from the same address share its budget.
      const spent = tokenLimits.client.max;
      let left = tokenLimits.address.max - spent;
      while (left > 0) {
        const other = await register();
        const n = Math.min(left, tokenLimits.client.max);
        for (let i = 0; i < n; i++) assert.equal((await post(admin, unsigned(other))).status, 401);
        left -= n;
      }
      const fresh = await register();
      const blocked = await post(admin, unsigned(fresh));
      assert.equal(blocked.status, 429, blocked.text);
      assert.equal(blocked.json.error, 'slow_down');

      // An assertion naming no client of a known clinic is refused without a counter.
      const stranger = await post(admin, unsigned(`${randomUUID()}.${randomUUID()}`));
      assert.equal(stranger.status, 401);
      assert.equal(stranger.json.error, 'invalid_client');
    },
  );
});
