import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { verifyAuditChain } from '../audit/chain.ts';
import { onClinicRef } from '../db/joins.ts';
import { countRows } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, freshSignedInClinic } from '../http/test-fixtures.ts';
import { sessionSurgeriesStatement, storeCheckin } from './store.ts';

/**
 * Decision 032: check-ins that arrive together are read and written in shared statements
 * (db/grouped.ts). Each patient must still get their own session, surgery, history, decision,
 * row, audit entry and error, as if each had gone alone.
 */
const calmDay = { axialPain: 3, limbPain: 2, painControlled: 'yes', walkingMinutes: 20 };

forEachEngine((engine) => {
  engine.test(
    'thirty patients sending at the same moment: each stored once, with its own answer, audit entry and last check-in, in shared statements',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const patients: { patientId: string; client: TestClient; pain: number }[] = [];
      for (let i = 0; i < 30; i += 1) {
        // Lumbar and cervical, and surgery on different days: a decision read for the wrong
        // patient would show in its surgery day.
        const cervical = i % 2 === 1;
        const daysAgo = 2 + i;
        const surgeryDate = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
        const enrolled = await enrolAndSignIn(admin, clinic, {
          surgery: {
            region: cervical ? 'cervical' : 'lumbar',
            procedure: 'laminectomy',
            surgeryDate,
          },
        });
        patients.push({ ...enrolled, pain: i % 8 });
      }
      // One signed-out send among them: refused on its own, the others unharmed.
      const stranger = new TestClient(db).request(
        'POST',
        `/api/patients/${patients[0]?.patientId}/checkins`,
        { idempotencyKey: randomUUID(), checkin: calmDay },
        { cookie: 'lamina_session=not-a-session' },
      );
      const sent = await Promise.all([
        ...patients.map(({ client, patientId, pain }) =>
          client.post(`/api/patients/${patientId}/checkins`, {
            idempotencyKey: randomUUID(),
            checkin: { ...calmDay, axialPain: pain },
          }),
        ),
        stranger,
      ]);
      const refused = sent.pop();
      assert.equal(refused?.status, 401, refused?.text);
      for (const answer of sent) {
        assert.equal(answer.status, 201, answer.text);
        assert.equal((answer.json.decision as { level: string }).level, 'routine', answer.text);
        assert.equal(answer.json.replayed, false);
      }

      const { rows } = await sql<{ patient_id: string; id: string; pain: number; day: number }>`
        select c.patient_id, c.id, (c.answers->>'axialPain')::int as pain, (c.triage->>'daysSinceSurgery')::int as day
        from checkins c where c.clinic_id = ${clinic.clinicId}::uuid`.execute(db);
      assert.equal(rows.length, 30, 'each check-in stored once');
      // Days since surgery count in the clinic's time zone, so compare them with the first patient's.
      const firstDay = Number(rows.find((r) => r.patient_id === patients[0]?.patientId)?.day);
      for (const [i, { patientId, pain }] of patients.entries()) {
        const row = rows.find((r) => r.patient_id === patientId);
        assert.ok(row, `patient ${i} has a stored check-in`);
        assert.equal(row.id, sent[i]?.json.checkinId, 'the answer names its own row');
        assert.equal(row.pain, pain, 'its own answers');
        assert.equal(Number(row.day) - firstDay, i, "triaged against its own surgery's day");
      }
      const audited = await sql<{ subject_id: string; patient_id: string }>`
        select subject_id, patient_id from audit_log
        where clinic_id = ${clinic.clinicId}::uuid and action = 'checkin.create'`.execute(db);
      assert.deepEqual(
        audited.rows.map((r) => `${r.patient_id}/${r.subject_id}`).sort(),
        rows.map((r) => `${r.patient_id}/${r.id}`).sort(),
        'one audit entry per check-in, naming it and its patient',
      );
      const [chain] = await verifyAuditChain(db, { clinicId: clinic.clinicId });
      assert.equal(chain?.firstBroken, undefined, 'the audit chain still verifies');
      const late = await sql<{ n: number }>`select count(*)::int as n from patients
        where clinic_id = ${clinic.clinicId}::uuid and last_checkin_at is null`.execute(db);
      assert.equal(late.rows[0]?.n, 0, "every patient's last check-in was recorded");

      // Rows written by one statement share its transaction id: fewer transactions than
      // check-ins shows they were grouped (two slots, so at most two went alone).
      const transactions = await sql<{ n: number }>`select count(distinct xmin::text)::int as n
        from checkins where clinic_id = ${clinic.clinicId}::uuid`.execute(db);
      const n = transactions.rows[0]?.n ?? 0;
      assert.ok(n < 30, `30 check-ins in ${n} transactions`);
    },
  );

  engine.test(
    'the same check-in sent twice at the same moment (one key) is stored once; the second send is told it was a replay',
    async () => {
      const { clinic, client: admin, db } = await freshSignedInClinic(engine, 'admin');
      const { patientId, client } = await enrolAndSignIn(admin, clinic);
      // Others sending too, so the two land in a shared statement.
      const others = [];
      for (let i = 0; i < 4; i += 1) others.push(await enrolAndSignIn(admin, clinic));
      const body = { idempotencyKey: randomUUID(), checkin: calmDay };
      const answers = await Promise.all([
        ...others.map((o) =>
          o.client.post(`/api/patients/${o.patientId}/checkins`, {
            idempotencyKey: randomUUID(),
            checkin: calmDay,
          }),
        ),
        client.post(`/api/patients/${patientId}/checkins`, body),
        client.post(`/api/patients/${patientId}/checkins`, body),
      ]);
      const twice = answers.slice(-2);
      assert.deepEqual(
        twice.map((a) => a.status).sort(),
        [200, 201],
        twice.map((a) => a.text).join('\n'),
      );
      assert.equal(twice[0]?.json.checkinId, twice[1]?.json.checkinId);
      assert.deepEqual(twice.map((a) => a.json.replayed).sort(), [false, true]);
      const mine = await sql<{ n: number }>`select count(*)::int as n from checkins
        where clinic_id = ${clinic.clinicId}::uuid and patient_id = ${patientId}::uuid`.execute(db);
      assert.equal(mine.rows[0]?.n, 1);
      assert.equal(await countRows(db, 'checkins', clinic.clinicId), 5);
      const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log
        where clinic_id = ${clinic.clinicId}::uuid and action = 'checkin.create'`.execute(db);
      assert.equal(audited.rows[0]?.n, 5, 'no audit entry for the replay');
    },
  );

  /** Six enrolled patients and what `storeCheckin` needs for each, for tests below the route. */
  async function sixPatients() {
    const { clinic, client: admin, db } = await freshSignedInClinic(engine, 'admin');
    for (let i = 0; i < 6; i += 1) await enrolAndSignIn(admin, clinic);
    const rows = await db
      .selectFrom('patients as p')
      .innerJoin('surgeries as s', (join) => onClinicRef(join, 's.patient_id', 'p.id'))
      .select(['p.id', 'p.user_id', 's.id as surgery_id'])
      .where('p.clinic_id', '=', clinic.clinicId)
      .orderBy('p.created_at')
      .execute();
    const now = new Date();
    const inputs = rows.map((row) => ({
      clinicId: clinic.clinicId,
      patientId: row.id,
      surgeryId: row.surgery_id,
      idempotencyKey: randomUUID(),
      answers: calmDay as never,
      decision: { level: 'routine', findings: [] } as never,
      submittedAt: now,
      receivedAt: now,
      timeZone: 'America/Los_Angeles',
      actor: { clinicId: clinic.clinicId, userId: row.user_id ?? '', role: 'patient' } as never,
      ip: '127.0.0.1',
    }));
    const store = (input: (typeof inputs)[number]) =>
      storeCheckin(db, input).then(
        (stored) => (stored ? 'stored' : 'not stored'),
        (error: Error) => `failed: ${error.message}`,
      );
    return { db, clinic, inputs, store };
  }

  engine.test(
    'a check-in that cannot be written fails alone: the others written with it are stored',
    async () => {
      const { db, clinic, inputs, store } = await sixPatients();
      // The fourth names a surgery that does not exist: its foreign key fails.
      const outcomes = await Promise.all(
        inputs.map((input, i) => store(i === 3 ? { ...input, surgeryId: randomUUID() } : input)),
      );
      assert.deepEqual(
        outcomes.map((o) => o.replace(/:.*/s, '')),
        ['stored', 'stored', 'stored', 'failed', 'stored', 'stored'],
      );
      assert.match(outcomes[3] ?? '', /foreign key/);
      assert.equal(await countRows(db, 'checkins', clinic.clinicId), 5);
    },
  );

  engine.test(
    'one key twice in one group: the first is stored, the second is not (and is not audited)',
    async () => {
      const { db, clinic, inputs, store } = await sixPatients();
      const [first] = inputs;
      assert.ok(first);
      const outcomes = await Promise.all([...inputs.map(store), store({ ...first })]);
      assert.deepEqual(outcomes, [
        'stored',
        'stored',
        'stored',
        'stored',
        'stored',
        'stored',
        'not stored',
      ]);
      assert.equal(await countRows(db, 'checkins', clinic.clinicId), 6);
      const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log
        where clinic_id = ${clinic.clinicId}::uuid and action = 'checkin.create'`.execute(db);
      assert.equal(audited.rows[0]?.n, 6);
      const transactions = await sql<{ n: number }>`select count(distinct xmin::text)::int as n
        from checkins where clinic_id = ${clinic.clinicId}::uuid`.execute(db);
      const n = transactions.rows[0]?.n ?? 0;
      assert.ok(n <= 2, `six check-ins in ${n} transactions: the pair shared a statement`);
    },
  );

  engine.test(
    "the grouped read finds each session by its key: a clinic's thousands of sessions are not scanned",
    async () => {
      const { clinic, client: admin, db } = await freshSignedInClinic(engine, 'admin');
      const { patientId } = await enrolAndSignIn(admin, clinic);
      // A busy clinic: 3 000 people signed in (as the bench's), with statistics, as autovacuum keeps them.
      await sql`insert into users (clinic_id, id, role, email, display_name)
        select ${clinic.clinicId}::uuid, md5('u' || g)::uuid, 'patient', 'p' || g || '@mail.example', 'P'
        from generate_series(1, 3000) g`.execute(db);
      await sql`insert into sessions (clinic_id, token_hash, user_id, expires_at)
        select ${clinic.clinicId}::uuid, md5(g::text), md5('u' || g)::uuid, now() + interval '1 day'
        from generate_series(1, 3000) g`.execute(db);
      await sql`analyze`.execute(db);
      const lookups = [1, 2, 3].map((g) => ({
        clinicId: clinic.clinicId,
        tokenHash: createHash('md5').update(String(g)).digest('hex'),
        patientId,
        now: new Date(),
      }));
      const compiled = sessionSurgeriesStatement(lookups).compile(db);
      const explained = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
        CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
      );
      const plan = JSON.stringify(explained.rows[0]?.['QUERY PLAN']);
      const scans = [
        ...plan.matchAll(/"Node Type":"([^"]+)"[^{}]*?"Relation Name":"sessions"/g),
      ].map((m) => m[1]);
      assert.ok(scans.length > 0, `the plan reads sessions: ${plan}`);
      assert.ok(
        scans.every((type) => type === 'Index Scan' || type === 'Index Only Scan'),
        `sessions read by ${scans.join(', ')}`,
      );
      const read = await sessionSurgeriesStatement(lookups).execute(db);
      assert.equal(read.rows.length, 3, 'each of the three sessions found');
    },
  );
});
