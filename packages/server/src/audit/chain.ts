import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Checks the audit log's hash chain (migration 014, decision 013): per clinic, each row's hash
 * must match its content, its prev_hash the row before it, its seq the next number, and the last
 * row the clinic's chain head. Reports the first row where that fails.
 */

export const genesisHash = '0'.repeat(64);

export type ChainBreak =
  /** The row's content no longer matches its hash: it was changed. */
  | 'content-changed'
  /** The row does not follow the previous row's hash: a row before it was changed or inserted. */
  | 'link-broken'
  /** Numbers are missing before this row: rows were deleted. */
  | 'rows-missing'
  /** The last row is not the clinic's chain head: the newest rows were deleted, or rows added around the chain. */
  | 'head-mismatch';

export interface ClinicChainReport {
  readonly clinicId: string;
  readonly rows: number;
  /** The newest row's seq and hash: write them down elsewhere to notice a rewrite of the whole chain. */
  readonly headSeq: number;
  readonly headHash: string;
  readonly firstBroken?: {
    readonly seq: number;
    readonly id: string | null;
    readonly at: Date | null;
    readonly problem: ChainBreak;
  };
}

interface ChainRow {
  clinic_id: string;
  seq: number;
  id: string;
  at: Date;
  prev_hash: string;
  hash: string;
  expected: string;
}

const batchSize = 2_000;

export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { clinicId?: string } = {},
): Promise<ClinicChainReport[]> {
  const heads = await db
    .selectFrom('audit_chain_heads')
    .selectAll()
    .$if(options.clinicId !== undefined, (q) => q.where('clinic_id', '=', options.clinicId ?? ''))
    .orderBy('clinic_id')
    .execute();
  const reports: ClinicChainReport[] = [];
  for (const head of heads) reports.push(await verifyClinic(db, head));
  return reports;
}

async function verifyClinic(
  db: Kysely<Database>,
  head: { clinic_id: string; seq: number; last_hash: string },
): Promise<ClinicChainReport> {
  let previousHash = genesisHash;
  let previousSeq = 0;
  let rows = 0;
  const report = (firstBroken?: ClinicChainReport['firstBroken']): ClinicChainReport => ({
    clinicId: head.clinic_id,
    rows,
    headSeq: Number(head.seq),
    headHash: head.last_hash,
    ...(firstBroken ? { firstBroken } : {}),
  });
  for (;;) {
    const { rows: batch } = await sql<ChainRow>`
      select clinic_id, seq, id, at, prev_hash, hash,
        audit_log_hash(audit_log_canonical(prev_hash, seq, clinic_id, id, at, actor_id, actor_role,
          action, subject_type, subject_id, patient_id, ip, details)) as expected
      from audit_log
      where clinic_id = ${head.clinic_id} and seq > ${previousSeq}
      order by seq
      limit ${batchSize}`.execute(db);
    for (const row of batch) {
      const seq = Number(row.seq);
      const broken = (problem: ChainBreak) => report({ seq, id: row.id, at: row.at, problem });
      if (seq !== previousSeq + 1) return broken('rows-missing');
      if (row.expected !== row.hash) return broken('content-changed');
      if (row.prev_hash !== previousHash) return broken('link-broken');
      previousHash = row.hash;
      previousSeq = seq;
      rows += 1;
    }
    if (batch.length < batchSize) break;
  }
  if (previousSeq !== Number(head.seq) || previousHash !== head.last_hash) {
    return report({ seq: previousSeq + 1, id: null, at: null, problem: 'head-mismatch' });
  }
  return report();
}
