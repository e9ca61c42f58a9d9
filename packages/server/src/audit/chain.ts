import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Checks the audit log's hash chains (migration 014, decision 013): per clinic and lane, each
 * row's hash must match its content, its prev_hash the row before it, its seq the next number, and
 * the last row the lane's chain head. Reports the first row where that fails.
 */

export const genesisHash = '0'.repeat(64);

export type ChainBreak =
  /** The row's content no longer matches its hash: it was changed. */
  | 'content-changed'
  /** The row does not follow the previous row's hash: a row before it was changed or inserted. */
  | 'link-broken'
  /** Numbers are missing before this row: rows were deleted. */
  | 'rows-missing'
  /** The last row is not the chain head: the newest rows were deleted, or rows added around the chain. */
  | 'head-mismatch';

export interface LaneHead {
  readonly lane: number;
  readonly seq: number;
  readonly hash: string;
}

export interface ClinicChainReport {
  readonly clinicId: string;
  readonly rows: number;
  /** Each lane's last seq and hash. */
  readonly heads: readonly LaneHead[];
  /**
   * One sha256 over all the lanes' heads: write it down elsewhere (with the time) and compare
   * later, so that even a rewrite of the whole chain by the database owner shows.
   */
  readonly headDigest: string;
  readonly firstBroken?: {
    readonly lane: number;
    readonly seq: number;
    readonly id: string | null;
    readonly at: Date | null;
    readonly problem: ChainBreak;
  };
}

interface ChainRow {
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
    .orderBy('lane')
    .execute();
  const clinics = new Map<string, typeof heads>();
  for (const head of heads) {
    clinics.set(head.clinic_id, [...(clinics.get(head.clinic_id) ?? []), head]);
  }
  const reports: ClinicChainReport[] = [];
  for (const [clinicId, lanes] of clinics) {
    const laneHeads = lanes.map((h) => ({ lane: h.lane, seq: Number(h.seq), hash: h.last_hash }));
    let rows = 0;
    let firstBroken: ClinicChainReport['firstBroken'];
    for (const head of laneHeads) {
      const lane = await verifyLane(db, clinicId, head);
      rows += lane.rows;
      if (lane.firstBroken && !firstBroken) firstBroken = lane.firstBroken;
    }
    reports.push({
      clinicId,
      rows,
      heads: laneHeads,
      headDigest: headDigest(laneHeads),
      ...(firstBroken ? { firstBroken } : {}),
    });
  }
  return reports;
}

export function headDigest(heads: readonly LaneHead[]): string {
  const text = heads.map((h) => `${h.lane}:${h.seq}:${h.hash}`).join('\n');
  return createHash('sha256').update(text).digest('hex');
}

async function verifyLane(
  db: Kysely<Database>,
  clinicId: string,
  head: LaneHead,
): Promise<{ rows: number; firstBroken?: ClinicChainReport['firstBroken'] }> {
  let previousHash = genesisHash;
  let previousSeq = 0;
  let rows = 0;
  for (;;) {
    const { rows: batch } = await sql<ChainRow>`
      select seq, id, at, prev_hash, hash,
        audit_log_hash(audit_log_canonical(prev_hash, lane, seq, clinic_id, id, at, actor_id,
          actor_role, action, subject_type, subject_id, patient_id, ip, details)) as expected
      from audit_log
      where clinic_id = ${clinicId} and lane = ${head.lane} and seq > ${previousSeq}
      order by seq
      limit ${batchSize}`.execute(db);
    for (const row of batch) {
      const seq = Number(row.seq);
      const broken = (problem: ChainBreak) => ({
        rows,
        firstBroken: { lane: head.lane, seq, id: row.id, at: row.at, problem },
      });
      if (seq !== previousSeq + 1) return broken('rows-missing');
      if (row.expected !== row.hash) return broken('content-changed');
      if (row.prev_hash !== previousHash) return broken('link-broken');
      previousHash = row.hash;
      previousSeq = seq;
      rows += 1;
    }
    if (batch.length < batchSize) break;
  }
  if (previousSeq !== head.seq || previousHash !== head.hash) {
    const problem: ChainBreak = 'head-mismatch';
    return {
      rows,
      firstBroken: { lane: head.lane, seq: previousSeq + 1, id: null, at: null, problem },
    };
  }
  return { rows };
}

export interface AnchorMismatch {
  readonly clinicId: string;
  readonly lane: number;
  readonly seq: number;
  /** The row is gone, or carries another hash: the chain was rewritten from it on. */
  readonly found: 'missing' | 'different';
}

/**
 * Compares lane heads written down earlier (`lamina audit verify --json`) with the rows now at
 * those places. A chain rewritten by the database owner, hashes and heads recomputed, verifies
 * as whole; only a head kept elsewhere shows it.
 */
export async function checkAnchors(
  db: Kysely<Database>,
  anchors: readonly { clinicId: string; heads: readonly LaneHead[] }[],
): Promise<AnchorMismatch[]> {
  const mismatches: AnchorMismatch[] = [];
  for (const { clinicId, heads } of anchors) {
    for (const head of heads) {
      const row = await db
        .selectFrom('audit_log')
        .select('hash')
        .where('clinic_id', '=', clinicId)
        .where('lane', '=', head.lane as never)
        .where('seq', '=', head.seq as never)
        .executeTakeFirst();
      if (!row || row.hash !== head.hash) {
        mismatches.push({
          clinicId,
          lane: head.lane,
          seq: head.seq,
          found: row ? 'different' : 'missing',
        });
      }
    }
  }
  return mismatches;
}
