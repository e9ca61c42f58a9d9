import {
  smartClientAnswerDto,
  smartClientListDto,
  smartConfigurationDto,
  smartTokenDto,
} from '@lamina/contract';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { hitAll, type Limit, limitKey } from '../http/rate-limit.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { fhirBase, fhirBaseUrl } from './routes.ts';
import {
  assertionAlgorithms,
  issueToken,
  listClients,
  OAuthError,
  parseClientId,
  registerClient,
  registerClientSchema,
  revokeClient,
} from './smart.ts';

/** SMART Backend Services routes (issue 18, decision 024): discovery, token, client registration. */

const maxFormBytes = 16_384;

function oauthError(c: AppContext, error: OAuthError) {
  return c.json({ error: error.error, error_description: error.message }, error.status, {
    'cache-control': 'no-store',
    pragma: 'no-cache',
  });
}

/**
 * Token requests allowed per client and per address (in the client's clinic) within a minute. A
 * backend-services client needs one token per five minutes; the limits stop guessing and
 * signature-verification floods, counted atomically in the database like every other limit.
 */
export const tokenLimits = {
  client: { bucket: 'smart-token-client', max: 20, windowSeconds: 60 },
  address: { bucket: 'smart-token-address', max: 60, windowSeconds: 60 },
} as const satisfies Record<string, Limit>;

/**
 * Counts this token request before any signature is checked. The clinic comes from the client id
 * the assertion names (`<clinicId>.<uuid>`); an assertion naming no client of a known clinic is
 * refused at once (invalid_client) and costs no counter.
 */
async function limitTokenRequests(c: AppContext, assertion: string | undefined) {
  let named: ReturnType<typeof parseClientId>;
  try {
    const claims = JSON.parse(
      Buffer.from(assertion?.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { iss?: unknown };
    named = typeof claims.iss === 'string' ? parseClientId(claims.iss) : undefined;
  } catch {
    named = undefined;
  }
  if (!named) return;
  const clinic = await c
    .get('deps')
    .db.selectFrom('clinics')
    .select('id')
    .where('id', '=', named.clinicId)
    .executeTakeFirst();
  if (!clinic) return;
  try {
    await hitAll(
      c,
      named.clinicId,
      [
        { limit: tokenLimits.client, key: limitKey(named.id) },
        { limit: tokenLimits.address, key: limitKey(c.get('ip') ?? 'unknown') },
      ],
      () => 'Too many token requests; wait a minute, then try again.',
    );
  } catch (error) {
    if (error instanceof HttpProblem && error.problem.status === 429)
      throw new OAuthError('slow_down', error.problem.detail ?? 'Too many token requests.', 429);
    throw error;
  }
}

async function token(c: AppContext) {
  const { db, now } = c.get('deps');
  try {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded'))
      throw new OAuthError(
        'invalid_request',
        'Send the request as application/x-www-form-urlencoded.',
      );
    const text = await c.req.text();
    if (text.length > maxFormBytes)
      throw new OAuthError('invalid_request', 'The request is too large.');
    const form: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(text)) {
      if (name in form) throw new OAuthError('invalid_request', `${name} is repeated.`);
      form[name] = value;
    }
    await limitTokenRequests(c, form.client_assertion);
    const issued = await issueToken(db, {
      form,
      tokenUrl: `${fhirBaseUrl(c)}/auth/token`,
      now: now(),
    });
    await audit(c, {
      clinicId: issued.clinicId,
      actor: null,
      action: 'smart.token',
      subjectType: 'smart_client',
      subjectId: issued.clientId,
      details: { scope: issued.scope },
    });
    return c.json(
      {
        access_token: issued.accessToken,
        token_type: 'bearer',
        expires_in: issued.expiresIn,
        scope: issued.scope,
      },
      200,
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  } catch (error) {
    if (error instanceof OAuthError) return oauthError(c, error);
    throw error;
  }
}

function smartConfiguration(c: AppContext) {
  const base = fhirBaseUrl(c);
  return c.json({
    token_endpoint: `${base}/auth/token`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: assertionAlgorithms,
    grant_types_supported: ['client_credentials'],
    scopes_supported: [
      'system/*.rs',
      'system/*.read',
      'system/Patient.rs',
      'system/Observation.rs',
    ],
    capabilities: ['client-confidential-asymmetric'],
  });
}

async function list(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const clients = await listClients(c.get('deps').db, actor.clinicId);
  await audit(c, { action: 'smart-client.list', subjectType: 'smart_client' });
  return c.json({ clients });
}

async function register(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const body = await readJson(c, registerClientSchema);
  const { db } = c.get('deps');
  const client = await db.transaction().execute(async (trx) => {
    const created = await registerClient(trx, actor.clinicId, actor.userId, body);
    await audit(
      c,
      {
        action: 'smart-client.create',
        subjectType: 'smart_client',
        subjectId: created.id,
        details: { scopes: created.scopes },
      },
      trx,
    );
    return created;
  });
  return c.json({ client }, 201);
}

async function revoke(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const id = pathId(c, 'smartClientId');
  const { db, now } = c.get('deps');
  const result = await db.transaction().execute(async (trx) => {
    const revoked = await revokeClient(trx, actor.clinicId, id, actor.userId, now());
    if (revoked?.changed)
      await audit(
        c,
        { action: 'smart-client.revoke', subjectType: 'smart_client', subjectId: id },
        trx,
      );
    return revoked;
  });
  if (!result) throw notFound('This client');
  return c.json({ client: result.client });
}

export const smart = documentedRoutes([
  {
    method: 'get',
    path: `${fhirBase}/.well-known/smart-configuration`,
    summary: 'SMART configuration: the token endpoint and what it accepts',
    access: callers.anyone,
    response: smartConfigurationDto,
    audit: 'none',
    handler: smartConfiguration,
  },
  {
    method: 'post',
    path: `${fhirBase}/auth/token`,
    summary:
      'SMART Backend Services token: client_credentials with a signed JWT assertion (RFC 7523); errors as RFC 6749 names them',
    access: 'a registered system client, proven by its signed assertion',
    response: smartTokenDto,
    audit: { actions: ['smart.token'] },
    success: {
      status: 200,
      description:
        'An access token (five minutes). Refusals as RFC 6749 §5.2 names them; too many requests: 429, error slow_down, Retry-After.',
    },
    handler: token,
  },
  {
    method: 'get',
    path: '/api/clinic/smart-clients',
    summary: 'The clinic’s registered FHIR system clients (SMART Backend Services)',
    access: callers.admins,
    response: smartClientListDto,
    audit: { actions: ['smart-client.list'] },
    handler: list,
  },
  {
    method: 'post',
    path: '/api/clinic/smart-clients',
    summary:
      'Register a FHIR system client: its public keys (JWK set or JWKS URL) and allowed scopes',
    access: callers.admins,
    body: registerClientSchema,
    success: {
      status: 201,
      description: 'Registered; clientId is what the client puts in iss and sub.',
    },
    response: smartClientAnswerDto,
    audit: { actions: ['smart-client.create'] },
    handler: register,
  },
  {
    method: 'post',
    path: '/api/clinic/smart-clients/:smartClientId/revoke',
    summary: 'Revoke a FHIR system client: its tokens stop working at once',
    access: callers.admins,
    response: smartClientAnswerDto,
    audit: { actions: ['smart-client.revoke'], when: 'only when it was not revoked already' },
    handler: revoke,
  },
]);
