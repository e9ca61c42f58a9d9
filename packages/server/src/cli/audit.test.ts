import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import { openDatabase } from '../db/open.ts';
import { aClinicWithPatient } from '../db/test-data.ts';
import { runInProcess } from './run-cli.test-helper.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-audit-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('lamina audit verify: OK on an untouched log, then names the entry the owner changed', async () => {
  const dataDir = join(root, 'data');
  let database = await openDatabase({ engine: 'pglite', dataDir });
  const { clinicId } = await aClinicWithPatient(database.db);
  for (const action of ['patient.read', 'checkin.create', 'alert.acknowledge']) {
    await recordAudit(database.db, { clinicId, actor: null, action, subjectType: 'test' });
  }
  const second = await database.db
    .selectFrom('audit_log')
    .select(['id', 'lane', 'seq'])
    .where('action', '=', 'checkin.create')
    .executeTakeFirstOrThrow();
  assert.equal(second.seq, 2, 'one connection, one lane');
  await database.close();

  const ok = await runInProcess(['audit', 'verify', '--data-dir', dataDir]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`clinic ${clinicId}: OK, 3 entries, head [0-9a-f]{64}`));

  // The owner of the files (or of the tables) can switch the guard off; the chain still tells.
  database = await openDatabase({ engine: 'pglite', dataDir });
  await database.db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update_or_delete`.execute(trx);
    await sql`update audit_log set action = 'patient.list' where id = ${second.id}`.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_no_update_or_delete`.execute(trx);
  });
  await database.close();

  const broken = await runInProcess(['audit', 'verify', '--data-dir', dataDir]);
  assert.equal(broken.code, 1);
  assert.match(
    broken.stdout,
    new RegExp(`BROKEN at lane ${second.lane} seq 2 \\(entry ${second.id}, `),
  );
  assert.match(broken.stdout, /content no longer matches its hash/);
  assert.match(broken.stdout, /1 entries check out/);

  const json = await runInProcess(['audit', 'verify', '--json', '--data-dir', dataDir]);
  assert.equal(json.code, 1);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.ok, false);
  assert.equal(parsed.clinics[0].firstBroken.id, second.id);
  assert.equal(parsed.clinics[0].firstBroken.problem, 'content-changed');
});

test('lamina audit verify refuses a bad clinic id with a usage error', async () => {
  const result = await runInProcess(['audit', 'verify', '--clinic', 'nope']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--clinic: expected a clinic id/);
});

test('a chain rewritten by the owner (hashes and head recomputed) verifies, but not against an anchor', async () => {
  const dataDir = join(root, 'anchored');
  let database = await openDatabase({ engine: 'pglite', dataDir });
  const { clinicId } = await aClinicWithPatient(database.db);
  for (const action of ['patient.read', 'patient.export']) {
    await recordAudit(database.db, { clinicId, actor: null, action, subjectType: 'test' });
  }
  await database.close();
  const taken = await runInProcess(['audit', 'verify', '--json', '--data-dir', dataDir]);
  assert.equal(taken.code, 0, taken.stderr);
  const anchor = join(root, 'anchor.json');
  writeFileSync(anchor, taken.stdout);

  // The owner hides the export: changes the last entry and recomputes its hash and the head.
  database = await openDatabase({ engine: 'pglite', dataDir });
  await database.db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update_or_delete`.execute(trx);
    await sql`update audit_log set action = 'patient.read',
      hash = audit_log_hash(audit_log_canonical(prev_hash, lane, seq, clinic_id, id, at, actor_id,
        actor_role, 'patient.read', subject_type, subject_id, patient_id, ip, details))
      where action = 'patient.export'`.execute(trx);
    await sql`update audit_chain_heads h set last_hash = a.hash from audit_log a
      where a.clinic_id = h.clinic_id and a.lane = h.lane and a.seq = h.seq`.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_no_update_or_delete`.execute(trx);
  });
  await database.close();

  const plain = await runInProcess(['audit', 'verify', '--data-dir', dataDir]);
  assert.equal(plain.code, 0, 'a full rewrite is invisible to the chain alone');
  const anchored = await runInProcess([
    'audit',
    'verify',
    '--anchor',
    anchor,
    '--data-dir',
    dataDir,
  ]);
  assert.equal(anchored.code, 1);
  assert.match(
    anchored.stdout,
    /ANCHOR BROKEN at lane \d+ seq 2: the entry the anchor names has another hash/,
  );

  const bad = join(root, 'bad.json');
  writeFileSync(bad, '{"nope": true}');
  const refused = await runInProcess(['audit', 'verify', '--anchor', bad, '--data-dir', dataDir]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not the output of lamina audit verify --json/);
});
