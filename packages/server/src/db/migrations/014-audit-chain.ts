import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

/**
 * A tamper-evident hash chain over the audit log, per clinic (decision 013).
 *
 * Each row gets a `lane`, `seq` (1, 2, 3… within its clinic and lane), `prev_hash` (the previous
 * row's hash in that lane, or 64 zeros for the first) and `hash` = sha256 of the row's canonical
 * text (`audit_log_canonical`). A BEFORE INSERT trigger fills them from the lane's chain head,
 * whose row it locks (SELECT … FOR UPDATE) until the transaction
 * ends, so concurrent inserts queue instead of forking a chain, and every insert path
 * (recordAudit, the one-statement check-in) is covered without change. The lock is held until
 * commit, so one chain per clinic would make a clinic's audited commits wait for each other (one
 * disk flush each); the lane is the database connection's (backend pid mod 16), so connections
 * rarely wait for each other, and each lane is a complete chain of its own. The trigger runs as
 * the tables' owner (SECURITY DEFINER), so the application's role needs no rights on the heads.
 */
export const auditChainLanes = 16;

export async function up(db: MigrationDb): Promise<void> {
  const {
    rows: [current],
  } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  // A SECURITY DEFINER function must not find objects through the caller's search_path (a
  // temporary table would come first), so its names are qualified with the schema. Not with
  // `SET search_path` on the function: that re-plans its statements on every call (measured:
  // ~1.8 ms per insert on PGlite instead of ~0.1 ms).
  const s = quoteIdent(current?.schema ?? 'public');
  const statements = [
    `create table audit_chain_heads (
      clinic_id uuid not null,
      lane smallint not null,
      seq bigint not null,
      last_hash text not null,
      primary key (clinic_id, lane)
    )`,
    'alter table audit_log add column lane smallint',
    'alter table audit_log add column seq bigint',
    'alter table audit_log add column prev_hash text',
    'alter table audit_log add column hash text',
    // What a row's hash covers: every column but the hash itself, as one JSON array (unambiguous
    // escaping; jsonb prints keys in one order) with the time in UTC microseconds, so neither the
    // session's time zone nor the server's version changes it.
    `create function audit_log_canonical(
      prev_hash text, lane smallint, seq bigint, clinic_id uuid, id uuid, at timestamptz, actor_id uuid,
      actor_role text, action text, subject_type text, subject_id text, patient_id uuid, ip text,
      details jsonb
    ) returns text language sql stable as $$
      select jsonb_build_array(
        prev_hash, lane, seq, clinic_id, id,
        to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        actor_id, actor_role, action, subject_type, subject_id, patient_id, ip, details
      )::text
    $$`,
    `create function audit_log_hash(row_text text) returns text language sql stable as $$
      select encode(sha256(convert_to(row_text, 'UTF8')), 'hex')
    $$`,
    `create function audit_log_chain() returns trigger language plpgsql security definer as $$
    declare
      head_seq bigint;
      head_hash text;
    begin
      new.lane := pg_backend_pid() % ${auditChainLanes};
      -- Lock the lane's head (it waits for another transaction holding it), then one update:
      -- one new row version per insert, so a transaction writing many entries stays fast.
      select seq, last_hash into head_seq, head_hash from ${s}.audit_chain_heads
        where clinic_id = new.clinic_id and lane = new.lane for update;
      if not found then
        insert into ${s}.audit_chain_heads (clinic_id, lane, seq, last_hash)
          values (new.clinic_id, new.lane, 0, repeat('0', 64)) on conflict do nothing;
        select seq, last_hash into head_seq, head_hash from ${s}.audit_chain_heads
          where clinic_id = new.clinic_id and lane = new.lane for update;
      end if;
      new.seq := head_seq + 1;
      new.prev_hash := head_hash;
      new.hash := ${s}.audit_log_hash(${s}.audit_log_canonical(
        new.prev_hash, new.lane, new.seq, new.clinic_id, new.id, new.at, new.actor_id, new.actor_role,
        new.action, new.subject_type, new.subject_id, new.patient_id, new.ip, new.details));
      update ${s}.audit_chain_heads set seq = new.seq, last_hash = new.hash
        where clinic_id = new.clinic_id and lane = new.lane;
      return new;
    end
    $$`,
    // Rows written before this migration join lane 0's chain in the order they were written.
    'alter table audit_log disable trigger audit_log_no_update_or_delete',
    `do $$
    declare
      r record;
      prev text;
      n bigint;
      last_clinic uuid;
    begin
      for r in select * from audit_log order by clinic_id, at, id loop
        if last_clinic is distinct from r.clinic_id then
          prev := repeat('0', 64);
          n := 0;
          last_clinic := r.clinic_id;
        end if;
        n := n + 1;
        update audit_log set lane = 0, seq = n, prev_hash = prev,
          hash = audit_log_hash(audit_log_canonical(prev, 0::smallint, n, r.clinic_id, r.id, r.at, r.actor_id,
            r.actor_role, r.action, r.subject_type, r.subject_id, r.patient_id, r.ip, r.details))
          where clinic_id = r.clinic_id and id = r.id
          returning hash into prev;
        insert into audit_chain_heads (clinic_id, lane, seq, last_hash) values (r.clinic_id, 0, n, prev)
          on conflict (clinic_id, lane) do update set seq = excluded.seq, last_hash = excluded.last_hash;
      end loop;
    end
    $$`,
    'alter table audit_log enable trigger audit_log_no_update_or_delete',
    'alter table audit_log alter column lane set not null',
    'alter table audit_log alter column seq set not null',
    'alter table audit_log alter column prev_hash set not null',
    'alter table audit_log alter column hash set not null',
    'create unique index audit_log_chain on audit_log (clinic_id, lane, seq)',
    `create trigger audit_log_chain before insert on audit_log
      for each row execute function audit_log_chain()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
