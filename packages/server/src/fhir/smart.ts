import { randomBytes } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  type JSONWebKeySet,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { uuidParam } from '../http/context.ts';
import { hashToken } from './caller.ts';
import { covers, parseScope, parseScopes } from './scopes.ts';

/**
 * SMART Backend Services (issue 18, decision 024): the clinic's registered system clients and the
 * token endpoint's checks. The client id is `<clinicId>.<uuid>`, so the token endpoint finds the
 * clinic without a cross-clinic index. JWT checks are jose's; nothing here is hand-written crypto.
 */
export const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const assertionAlgorithms = ['RS384', 'ES384'];
/** An assertion may live at most this long (SMART: exp no more than five minutes ahead). */
export const maxAssertionSeconds = 300;
export const accessTokenSeconds = 300;

export const smartClientId = (clinicId: string, id: string) => `${clinicId}.${id}`;

export function parseClientId(value: string): { clinicId: string; id: string } | undefined {
  const [clinicId = '', id = '', ...rest] = value.split('.');
  if (rest.length > 0 || !uuidParam.safeParse(clinicId).success || !uuidParam.safeParse(id).success)
    return undefined;
  return { clinicId, id };
}

const publicJwk = z
  .looseObject({
    kty: z.enum(['RSA', 'EC'], { error: 'kty must be RSA or EC' }),
    kid: z.string().max(200).optional(),
    alg: z.enum(['RS384', 'ES384'], { error: 'alg must be RS384 or ES384' }).optional(),
  })
  .refine((key) => !('d' in key) && !('p' in key), {
    message: 'is a private key: register only the public key',
  });

export const registerClientSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    jwks: z.strictObject({ keys: z.array(publicJwk).min(1, 'needs a key').max(10) }).optional(),
    jwksUrl: z
      .url({ protocol: /^https$/, error: 'must be an https:// address' })
      .max(2000)
      .optional(),
    scopes: z
      .array(
        z.string().refine((s) => parseScope(s) !== undefined, {
          message: 'must be a SMART system scope like system/Observation.rs',
        }),
      )
      .min(1, 'name at least one scope')
      .max(50),
  })
  .refine((body) => (body.jwks === undefined) !== (body.jwksUrl === undefined), {
    message: 'give either a JWK set or a JWKS URL (one of them)',
    path: ['jwks'],
  });

export type RegisterClient = z.output<typeof registerClientSchema>;

export async function registerClient(
  db: Kysely<Database>,
  clinicId: string,
  createdBy: string,
  input: RegisterClient,
) {
  const row = await db
    .insertInto('smart_clients')
    .values({
      clinic_id: clinicId,
      name: input.name,
      jwks: input.jwks ? JSON.stringify(input.jwks) : null,
      jwks_url: input.jwksUrl ?? null,
      scopes: [...new Set(input.scopes)],
      created_by: createdBy,
    })
    .returning(['id', 'name', 'scopes', 'jwks_url', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return clientDto(clinicId, row);
}

function clientDto(
  clinicId: string,
  row: {
    id: string;
    name: string;
    scopes: string[];
    jwks_url: string | null;
    created_at: Date;
    revoked_at: Date | null;
  },
) {
  return {
    id: row.id,
    clientId: smartClientId(clinicId, row.id),
    name: row.name,
    scopes: row.scopes,
    jwksUrl: row.jwks_url,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

export async function listClients(db: Kysely<Database>, clinicId: string) {
  const rows = await db
    .selectFrom('smart_clients')
    .select(['id', 'name', 'scopes', 'jwks_url', 'created_at', 'revoked_at'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => clientDto(clinicId, row));
}

/** Revokes a client; its tokens stop working at once (checked on every call). Undefined: no such client. */
export async function revokeClient(
  db: Kysely<Database>,
  clinicId: string,
  id: string,
  by: string,
  at: Date,
) {
  const row = await db
    .updateTable('smart_clients')
    .set({ revoked_at: at, revoked_by: by })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'scopes', 'jwks_url', 'created_at', 'revoked_at'])
    .executeTakeFirst();
  if (row) return { client: clientDto(clinicId, row), changed: true };
  const existing = await db
    .selectFrom('smart_clients')
    .select(['id', 'name', 'scopes', 'jwks_url', 'created_at', 'revoked_at'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .executeTakeFirst();
  return existing ? { client: clientDto(clinicId, existing), changed: false } : undefined;
}

/** An OAuth error as RFC 6749 §5.2 names it. */
export class OAuthError extends Error {
  readonly error: string;
  readonly status: 400 | 401 | 429;
  constructor(error: string, description: string, status: 400 | 401 | 429 = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

const invalidClient = (why: string) => new OAuthError('invalid_client', why, 401);

export interface TokenRequest {
  readonly form: Readonly<Record<string, string>>;
  readonly tokenUrl: string;
  readonly now: Date;
}

export interface IssuedToken {
  readonly clinicId: string;
  readonly clientId: string;
  readonly accessToken: string;
  readonly scope: string;
  readonly expiresIn: number;
}

/**
 * A JWT signed by a registered client, verified with jose against its keys: the token endpoint's
 * assertion (client id in iss and sub) and a CDS Hooks request's JWT (client id in sub).
 */
export async function verifyClientJwt(
  db: Kysely<Database>,
  jwt: string,
  options: { audience: string; now: Date; clientIn: 'iss' | 'sub' },
) {
  const { now } = options;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(jwt);
  } catch {
    throw invalidClient('The assertion is not a JWT.');
  }
  const named =
    typeof claims[options.clientIn] === 'string'
      ? parseClientId(claims[options.clientIn] as string)
      : undefined;
  if (!named) throw invalidClient('The assertion does not name a registered client.');
  const client = await db
    .selectFrom('smart_clients')
    .select(['id', 'jwks', 'jwks_url', 'scopes', 'revoked_at'])
    .where('clinic_id', '=', named.clinicId)
    .where('id', '=', named.id)
    .executeTakeFirst();
  if (!client || client.revoked_at) throw invalidClient('The client is unknown or revoked.');
  const clientId = smartClientId(named.clinicId, named.id);
  const keys = client.jwks
    ? createLocalJWKSet(client.jwks as JSONWebKeySet)
    : createRemoteJWKSet(new URL(client.jwks_url ?? ''), { timeoutDuration: 5000 });
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(jwt, keys, {
      algorithms: assertionAlgorithms,
      ...(options.clientIn === 'iss' ? { issuer: clientId } : {}),
      subject: clientId,
      audience: options.audience,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    const why =
      error instanceof joseErrors.JWTExpired
        ? 'The assertion has expired.'
        : error instanceof joseErrors.JWTClaimValidationFailed
          ? `The assertion's "${error.claim}" claim is not valid.`
          : error instanceof joseErrors.JWKSNoMatchingKey ||
              error instanceof joseErrors.JWSSignatureVerificationFailed
            ? 'The assertion is not signed by a registered key.'
            : 'The assertion could not be verified.';
    throw invalidClient(why);
  }
  const exp = payload.exp ?? 0;
  if (exp - now.getTime() / 1000 > maxAssertionSeconds)
    throw invalidClient(`The assertion's exp is more than ${maxAssertionSeconds} seconds ahead.`);
  if (String(payload.jti).length > 200) throw invalidClient('The assertion’s jti is too long.');
  return { named, client, payload };
}

/** Records a JWT's jti; false when it was already used (a replay), atomically by the primary key. */
export async function useJti(
  db: Kysely<Database>,
  named: { clinicId: string; id: string },
  jti: string,
  expiresAt: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('smart_assertion_jtis')
    .values({ clinic_id: named.clinicId, client_id: named.id, jti, expires_at: expiresAt })
    .onConflict((oc) => oc.doNothing())
    .returning('jti')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The token endpoint's decision: every check in the order the spec gives it, then one token. */
export async function issueToken(
  db: Kysely<Database>,
  request: TokenRequest,
): Promise<IssuedToken> {
  const { form, now } = request;
  if (form.grant_type !== 'client_credentials')
    throw new OAuthError(
      form.grant_type ? 'unsupported_grant_type' : 'invalid_request',
      'grant_type must be client_credentials.',
    );
  if (form.client_assertion_type !== jwtBearer)
    throw new OAuthError('invalid_request', `client_assertion_type must be ${jwtBearer}.`);
  const assertion = form.client_assertion;
  if (!assertion) throw new OAuthError('invalid_request', 'client_assertion is missing.');
  if (!form.scope) throw new OAuthError('invalid_request', 'scope is missing.');
  const requested = parseScopes(form.scope);
  if ('invalid' in requested)
    throw new OAuthError('invalid_scope', `"${requested.invalid}" is not a SMART system scope.`);

  const { named, client, payload } = await verifyClientJwt(db, assertion, {
    audience: request.tokenUrl,
    now,
    clientIn: 'iss',
  });
  const exp = payload.exp ?? 0;
  const jti = String(payload.jti);

  const allowed = client.scopes.map(parseScope).filter((s) => s !== undefined);
  const granted = requested.scopes.filter((want) => allowed.some((have) => covers(have, want)));
  if (granted.length === 0)
    throw new OAuthError(
      'invalid_scope',
      'None of the requested scopes is allowed for this client.',
    );

  const accessToken = `${named.clinicId}.${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + accessTokenSeconds * 1000);
  // The jti insert refuses a replay atomically (primary key), across every server process.
  const replayed = await db.transaction().execute(async (trx) => {
    if (!(await useJti(trx, named, jti, new Date(exp * 1000)))) return true;
    await trx
      .insertInto('smart_access_tokens')
      .values({
        clinic_id: named.clinicId,
        token_hash: hashToken(accessToken),
        client_id: named.id,
        scopes: granted.map((s) => s.text),
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return false;
  });
  if (replayed) throw invalidClient('The assertion was already used (jti replay).');
  return {
    clinicId: named.clinicId,
    clientId: named.id,
    accessToken,
    scope: granted.map((s) => s.text).join(' '),
    expiresIn: accessTokenSeconds,
  };
}
