import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, signInStaff, twoClinics } from '../http/test-fixtures.ts';
import { csvField } from './audit-log.ts';

test('CSV fields are quoted when needed, and formulas are defused', () => {
  assert.equal(csvField('patient.read'), 'patient.read');
  assert.equal(csvField(null), '');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('she said "hi"'), '"she said ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField({ note: 'a,b' }), '"{""note"":""a,b""}"');
  assert.equal(csvField(new Date('2026-11-20T15:00:00Z')), '2026-11-20T15:00:00.000Z');
});

interface Entry {
  id: string;
  action: string;
  patientId: string | null;
  actorId: string | null;
}
/** The `entries` of an /api/audit answer (TestClient types json loosely). */
const entriesOf = (response: { json: unknown }) => (response.json as { entries: Entry[] }).entries;

forEachEngine((engine) => {
  engine.test('admins read the audit log filtered and paged, and export it as CSV', async () => {
    const { db } = await engine.open();
    const { clinic, elsewhere, admin } = await twoClinics(db);
    const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
    const other = await enrolAndSignIn(admin, clinic);
    await patient.post(`/api/patients/${patientId}/messages`, { body: 'Hi, "doctor", a question' });
    await admin.get(`/api/patients/${patientId}`);
    await admin.get(`/api/patients/${other.patientId}`);
    const foreign = new TestClient(db);
    await signInStaff(foreign, elsewhere, 'admin');

    const forPatient = await admin.get(`/api/audit?patientId=${patientId}`);
    assert.equal(forPatient.status, 200, forPatient.text);
    const entries = entriesOf(forPatient);
    assert.ok(entries.length >= 3);
    assert.ok(entries.every((e) => e.patientId === patientId));
    assert.deepEqual(
      new Set(entries.map((e) => e.action)),
      new Set(['patient.enrol', 'message.send', 'patient.read']),
    );

    const byActor = await admin.get(
      `/api/audit?actorId=${clinic.staff.admin.id}&action=patient.read`,
    );
    assert.deepEqual(
      entriesOf(byActor)
        .map((e) => e.patientId)
        .sort(),
      [patientId, other.patientId].sort(),
    );

    const page1 = await admin.get('/api/audit?pageSize=2');
    assert.equal(entriesOf(page1).length, 2);
    assert.equal(page1.json.nextCursor, entriesOf(page1)[1]?.id);
    // Reading page 1 added an audit.read entry at the top: a cursor is not shifted by it.
    const page2 = await admin.get(`/api/audit?pageSize=2&cursor=${page1.json.nextCursor}`);
    const ids = [...entriesOf(page1), ...entriesOf(page2)].map((e) => e.id);
    assert.equal(new Set(ids).size, 4, 'pages do not overlap');
    const everything = entriesOf(await admin.get('/api/audit?pageSize=500'));
    const afterPage1 = everything.findIndex((e) => e.id === page1.json.nextCursor);
    assert.deepEqual(
      everything.slice(afterPage1 + 1, afterPage1 + 3).map((e) => e.id),
      entriesOf(page2).map((e) => e.id),
      'page 2 continues exactly where page 1 ended',
    );

    const future = await admin.get('/api/audit?from=2999-01-01');
    assert.deepEqual(entriesOf(future), []);
    assert.equal(future.json.nextCursor, null);
    const past = await admin.get('/api/audit?to=2000-01-01T00:00:00Z');
    assert.deepEqual(entriesOf(past), []);

    for (const query of [
      'patientId=42',
      'from=yesterday',
      'pageSize=5000',
      'cursor=7',
      'colour=red',
    ]) {
      const response = await admin.get(`/api/audit?${query}`);
      assert.equal(response.status, 400, query);
      assert.ok((response.json.errors as unknown[]).length > 0, query);
    }

    const csv = await admin.get(`/api/audit.csv?patientId=${patientId}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'at,actor_id,actor_role,action,subject_type,subject_id,patient_id,ip,details',
    );
    assert.equal(
      lines.length,
      1 + entries.length + 1,
      'header, the entries, and the audit.read entry',
    );
    assert.ok(lines.slice(1).every((line) => line.includes(`,${patientId},`)));
    assert.equal((await admin.get('/api/audit.csv?to=bad')).status, 400);

    for (const role of ['care_manager', 'clinician', 'reviewer'] as const) {
      const staff = admin.fork();
      await signInStaff(staff, clinic, role);
      assert.equal((await staff.get('/api/audit')).status, 403, role);
      assert.equal((await staff.get('/api/audit.csv')).status, 403, role);
    }
    assert.equal((await patient.get('/api/audit')).status, 403);
    const theirs = await foreign.get(`/api/audit?patientId=${patientId}`);
    assert.deepEqual(entriesOf(theirs), [], "another clinic's admin sees none of it");

    const looked = await auditOf(db, clinic.clinicId, ['audit.read', 'audit.export'])
      .select('action')
      .execute();
    assert.ok(looked.some((l) => l.action === 'audit.read'));
    assert.ok(looked.some((l) => l.action === 'audit.export'));
  });
});
