import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Bundle, CarePlan, Observation, Resource } from '@medplum/fhirtypes';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, seedClinic, signInStaff, staffSignedIn } from '../http/test-fixtures.ts';
import { jwtBearer } from './smart.ts';
import { fhirErrors } from './validator.test-helper.ts';

/**
 * SMART Backend Services end to end, over real HTTP: the admin registers a client, a real OAuth
 * library (openid-client, private_key_jwt) takes a token, and the SMART client library of SMART
 * Health IT (fhirclient) reads the patient's Observations and CarePlan, compared with what the
 * patient entered in the app.
 */
/** fhirclient's types pull in the DOM library (lib.dom), which would change every file's globals: load it untyped. */
interface FhirClient {
  request(url: string, options: { pageLimit?: number; flat?: boolean }): Promise<unknown>;
}
const fhirclient = 'fhirclient';
const smartClient = (await import(fhirclient)).default as (
  request: IncomingMessage,
  response: ServerResponse,
) => { client(state: { serverUrl: string; tokenResponse: { access_token: string } }): FhirClient };

async function listen() {
  let handler: (request: Request) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 });
  const server = serve({ fetch: (request) => handler(request), port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  // fhirclient reuses connections: on a loaded machine a 5 s keep-alive could close one under it.
  (server as import('node:http').Server).keepAliveTimeout = 120_000;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    use(app: { fetch: (request: Request) => Response | Promise<Response> }) {
      handler = (request) => app.fetch(request);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

forEachEngine((engine) => {
  engine.test(
    'a SMART backend client reads what the patient entered; refused assertions get the spec’s errors',
    async () => {
      const { db } = await engine.open();
      const http = await listen();
      try {
        const clinic = await seedClinic(db);
        const admin = new TestClient(db, new Date(), undefined, {
          publicUrl: new URL(`${http.base}/`),
          now: () => new Date(),
        });
        http.use(admin.app);
        await signInStaff(admin, clinic, 'admin');
        const today = new Date().toISOString().slice(0, 10);
        const surgeryDate = new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10);
        const me = await enrolAndSignIn(admin, clinic, {
          surgery: { region: 'lumbar', procedure: 'laminectomy', surgeryDate },
        });
        // What the patient entered in the app.
        const entered = {
          axialPain: 3,
          limbPain: 2,
          temperature: { value: 37.2, unit: 'C' },
          walkingMinutes: 25,
          painControlled: 'yes',
        };
        const posted = await me.client.post(`/api/patients/${me.patientId}/checkins`, {
          idempotencyKey: randomUUID(),
          checkin: entered,
        });
        assert.equal(posted.status, 201, posted.text);

        const keys = await generateKeyPair('RS384', { extractable: true });
        const jwk = { ...(await exportJWK(keys.publicKey)), alg: 'RS384', kid: 'ehr-1' };
        const scopes = ['system/Patient.rs', 'system/Observation.rs', 'system/CarePlan.rs'];
        const refusedPrivate = await admin.post('/api/clinic/smart-clients', {
          name: 'EHR',
          jwks: { keys: [{ ...(await exportJWK(keys.privateKey)), alg: 'RS384' }] },
          scopes,
        });
        assert.equal(refusedPrivate.status, 400, 'a private key is never registered');
        const registered = await admin.post('/api/clinic/smart-clients', {
          name: 'EHR',
          jwks: { keys: [jwk] },
          scopes,
        });
        assert.equal(registered.status, 201, registered.text);
        const client = registered.json.client as { id: string; clientId: string };

        const tokenUrl = `${http.base}/fhir/r4/auth/token`;
        const config = new oidc.Configuration(
          // The assertion's aud is the issuer for openid-client; SMART wants the token URL there.
          { issuer: tokenUrl, token_endpoint: tokenUrl },
          client.clientId,
          {},
          oidc.PrivateKeyJwt(keys.privateKey),
        );
        oidc.allowInsecureRequests(config);
        const tokens = await oidc.clientCredentialsGrant(config, { scope: scopes.join(' ') });
        assert.equal(tokens.token_type, 'bearer');
        assert.ok((tokens.expires_in ?? 0) <= 300);
        assert.equal(tokens.scope, scopes.join(' '));

        const fhir = smartClient({} as IncomingMessage, {} as ServerResponse).client({
          serverUrl: `${http.base}/fhir/r4`,
          tokenResponse: { access_token: tokens.access_token },
        });
        const observations = (await fhir.request(`Observation?patient=${me.patientId}&_count=2`, {
          pageLimit: 0,
          flat: true,
        })) as Observation[];
        const value = (code: string) =>
          observations.find((o) => o.code?.coding?.some((c) => c.code === code))?.valueQuantity
            ?.value;
        assert.equal(
          observations.length,
          4,
          'pain ×2, temperature and walking minutes, over two pages',
        );
        assert.deepEqual(
          observations
            .filter((o) => o.code?.coding?.some((c) => c.code === '72514-3'))
            .map((o) => o.valueQuantity?.value)
            .sort(),
          [entered.limbPain, entered.axialPain],
        );
        assert.equal(value('8310-5'), entered.temperature.value);
        assert.equal(value('55411-3'), entered.walkingMinutes);
        for (const o of observations) assert.deepEqual(fhirErrors(o as Resource), []);

        const carePlans = (await fhir.request(`CarePlan?patient=${me.patientId}`, {
          flat: true,
        })) as CarePlan[];
        assert.equal(carePlans.length, 1);
        const planned = await admin.get(`/api/patients/${me.patientId}/plan?today=${today}`);
        const restrictions = (planned.json.restrictions as { id: string; text: string }[]).map(
          (r) => [`restriction.${r.id}`, r.text],
        );
        const inCarePlan = (carePlans[0]?.activity ?? [])
          .map((a): [string, string] => [
            a.detail?.code?.coding?.[0]?.code ?? '',
            a.detail?.code?.text ?? '',
          ])
          .filter(([code]) => code.startsWith('restriction.'));
        assert.deepEqual(inCarePlan, restrictions, 'the CarePlan carries the plan the app shows');

        // Scopes are enforced per route; tenancy holds.
        const bearer = { authorization: `Bearer ${tokens.access_token}` };
        const flags = await admin.request('GET', '/fhir/r4/Flag', undefined, bearer);
        assert.equal(flags.status, 403);
        assert.equal((flags.json as unknown as Resource).resourceType, 'OperationOutcome');
        const other = await seedClinic(db);
        const otherAdmin = await staffSignedIn(admin, other, 'admin');
        const stranger = await enrolAndSignIn(otherAdmin, other);
        const theirs = await admin.request(
          'GET',
          `/fhir/r4/Patient/${stranger.patientId}`,
          undefined,
          bearer,
        );
        assert.equal(theirs.status, 404);
        const list = await admin.request('GET', '/fhir/r4/Patient', undefined, bearer);
        assert.deepEqual(
          ((list.json as unknown as Bundle).entry ?? []).map((e) => e.resource?.id),
          [me.patientId],
        );

        // Audited as the client.
        const audited = await auditOf(db, clinic.clinicId, 'fhir.%')
          .select(['action', 'details', 'actor_id'])
          .execute();
        assert.ok(audited.length >= 3);
        for (const row of audited) {
          assert.equal(row.actor_id, null);
          assert.equal((row.details as { smartClientId?: string }).smartClientId, client.id);
        }

        // Refused assertions: the error RFC 6749 / SMART names.
        const assertion = (
          claims: Record<string, unknown> = {},
          key = keys.privateKey,
          iss = client.clientId,
        ) =>
          new SignJWT({ jti: randomUUID(), ...claims })
            .setProtectedHeader({ alg: 'RS384', kid: 'ehr-1' })
            .setIssuer(iss)
            .setSubject(iss)
            .setAudience(tokenUrl)
            .setIssuedAt()
            .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : '4m')
            .sign(key);
        const ask = async (form: Record<string, string>) => {
          const response = await fetch(tokenUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form),
          });
          return { status: response.status, body: (await response.json()) as { error: string } };
        };
        const form = async (over: Record<string, string> = {}) => ({
          grant_type: 'client_credentials',
          client_assertion_type: jwtBearer,
          client_assertion: await assertion(),
          scope: 'system/Observation.rs',
          ...over,
        });
        const otherKeys = await generateKeyPair('RS384');
        const now = Math.floor(Date.now() / 1000);
        const reused = await assertion();
        assert.equal((await ask(await form({ client_assertion: reused }))).status, 200);
        const cases: [string, Record<string, string>, number, string][] = [
          ['replayed jti', await form({ client_assertion: reused }), 401, 'invalid_client'],
          [
            'wrong key',
            await form({ client_assertion: await assertion({}, otherKeys.privateKey) }),
            401,
            'invalid_client',
          ],
          [
            'unknown client',
            await form({
              client_assertion: await assertion(
                {},
                keys.privateKey,
                `${clinic.clinicId}.${randomUUID()}`,
              ),
            }),
            401,
            'invalid_client',
          ],
          [
            'expired',
            await form({ client_assertion: await assertion({ exp: now - 60 }) }),
            401,
            'invalid_client',
          ],
          [
            'exp beyond five minutes',
            await form({ client_assertion: await assertion({ exp: now + 600 }) }),
            401,
            'invalid_client',
          ],
          ['not a JWT', await form({ client_assertion: 'abc' }), 401, 'invalid_client'],
          [
            'scope not granted',
            await form({ scope: 'system/AuditEvent.rs' }),
            400,
            'invalid_scope',
          ],
          ['not a system scope', await form({ scope: 'patient/*.read' }), 400, 'invalid_scope'],
          ['grant type', await form({ grant_type: 'password' }), 400, 'unsupported_grant_type'],
          ['assertion type', await form({ client_assertion_type: 'x' }), 400, 'invalid_request'],
        ];
        for (const [label, body, status, error] of cases) {
          const answer = await ask(body);
          assert.equal(answer.status, status, label);
          assert.equal(answer.body.error, error, label);
        }

        // Revoked: the token stops working at once, and no new one is issued.
        const revoked = await admin.post(`/api/clinic/smart-clients/${client.id}/revoke`);
        assert.equal(revoked.status, 200);
        assert.equal(
          (await admin.request('GET', '/fhir/r4/Patient', undefined, bearer)).status,
          401,
        );
        assert.equal((await ask(await form())).body.error, 'invalid_client');
      } finally {
        await http.close();
      }
    },
  );
});
