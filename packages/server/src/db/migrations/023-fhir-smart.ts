import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * FHIR R4 API with SMART Backend Services (issue 18, decision 024): the clinic's registered system
 * clients (their public keys as a JWK set, or the address of one, and the scopes they may ask for),
 * the assertion ids already used (a replayed assertion is refused by the primary key, atomically)
 * and the access tokens issued (stored hashed, five minutes); Bulk Data export jobs (their NDJSON
 * files are in the BlobStore, beside the database).
 */
const statements = [
  `create table smart_clients (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    name text not null check (length(name) between 1 and 100),
    jwks jsonb,
    jwks_url text check (jwks_url ~ '^https://' and length(jwks_url) <= 2000),
    scopes text[] not null,
    created_by uuid,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    revoked_by uuid,
    primary key (clinic_id, id),
    check ((jwks is null) <> (jwks_url is null))
  )`,
  `create table smart_assertion_jtis (
    clinic_id uuid not null,
    client_id uuid not null,
    jti text not null,
    expires_at timestamptz not null,
    primary key (clinic_id, client_id, jti),
    foreign key (clinic_id, client_id) references smart_clients (clinic_id, id)
  )`,
  `create table smart_access_tokens (
    clinic_id uuid not null,
    token_hash text not null,
    client_id uuid not null,
    scopes text[] not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    primary key (clinic_id, token_hash),
    foreign key (clinic_id, client_id) references smart_clients (clinic_id, id)
  )`,
  `create table fhir_exports (
    clinic_id uuid not null references clinics (id),
    id uuid not null default gen_random_uuid(),
    status text not null default 'in-progress' check (status in ('in-progress', 'completed', 'failed')),
    types text[] not null,
    since timestamptz,
    request_url text not null,
    requested_by uuid,
    smart_client_id uuid,
    created_at timestamptz not null,
    completed_at timestamptz,
    output jsonb,
    primary key (clinic_id, id)
  )`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
