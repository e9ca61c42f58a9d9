import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * Storage quotas for uploads (issue 12, decision 011): one counter row per clinic, intake request,
 * visitor token and patient, increased in one statement only while it stays under its limit
 * (storage/quota.ts). The clinic's own limit is a setting on its row (default 200 GB). Counters
 * start from what is stored today: the clinic counts originals and de-identified copies (a copy's
 * size was not recorded, so the original's stands in for it), a request what was uploaded to it.
 */
const statements = [
  `alter table clinics add column imaging_quota_bytes bigint not null default 214748364800
    check (imaging_quota_bytes >= 0)`,
  `create table upload_quotas (
    clinic_id uuid not null references clinics (id),
    scope text not null check (scope in ('clinic', 'request', 'token', 'patient')),
    key text not null check (length(key) <= 200),
    used_bytes bigint not null default 0 check (used_bytes >= 0),
    updated_at timestamptz not null default now(),
    primary key (clinic_id, scope, key)
  )`,
  `insert into upload_quotas (clinic_id, scope, key, used_bytes)
    select clinic_id, 'clinic', '',
      sum(byte_size * case when deid_storage_key is null then 1 else 2 end)
    from imaging_files group by clinic_id`,
  `insert into upload_quotas (clinic_id, scope, key, used_bytes)
    select clinic_id, 'request', request_id::text, sum(byte_size)
    from imaging_files where request_id is not null group by clinic_id, request_id`,
];

export async function up(db: MigrationDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
