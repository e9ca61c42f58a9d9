import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { TestClient } from '../http/test-client.ts';
import { testPublicUrl } from '../http/test-client.ts';
import { jwtBearer } from './smart.ts';

/** Registers a system client through the admin API and returns a fresh access token for it. */
export async function systemToken(admin: TestClient, scopes: string[], publicUrl = testPublicUrl) {
  const keys = await generateKeyPair('ES384');
  const jwk = { ...(await exportJWK(keys.publicKey)), alg: 'ES384', kid: 'k1' };
  const registered = await admin.post('/api/clinic/smart-clients', {
    name: 'EHR',
    jwks: { keys: [jwk] },
    scopes,
  });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.text}`);
  const clientId = (registered.json.client as { clientId: string }).clientId;
  const tokenUrl = `${publicUrl.origin}/fhir/r4/auth/token`;
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES384', kid: 'k1' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(admin.clock)
    .setExpirationTime(new Date(admin.clock.getTime() + 240_000))
    .sign(keys.privateKey);
  const answer = await admin.request(
    'POST',
    '/fhir/r4/auth/token',
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: jwtBearer,
      client_assertion: assertion,
      scope: scopes.join(' '),
    }).toString(),
    { 'content-type': 'application/x-www-form-urlencoded' },
  );
  if (answer.status !== 200) throw new Error(`token failed: ${answer.text}`);
  return { token: answer.json.access_token as string, clientId, privateKey: keys.privateKey };
}
