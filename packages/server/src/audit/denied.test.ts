import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { freshSignedInClinic } from '../http/test-fixtures.ts';
import { isDeniedAttempt } from './denied.ts';

const id = '0b0c9d3e-1111-4a4a-8b8b-123456789abc';

test('which answers count as denied attempts', () => {
  assert.ok(isDeniedAttempt(`/api/patients/${id}/plan`, 404));
  assert.ok(isDeniedAttempt('/api/clinic/settings', 403));
  assert.ok(!isDeniedAttempt('/api/patients', 200));
  assert.ok(!isDeniedAttempt('/api/auth/staff/sign-in', 403), 'sign-in counts its own failures');
  assert.ok(!isDeniedAttempt('/api/nothing-here', 404), 'a wrong address is not a record');
});

forEachEngine((engine) => {
  engine.test('a reviewer’s patient list and denied attempts are in the audit log', async () => {
    const { db, clinic, client: reviewer } = await freshSignedInClinic(engine, 'reviewer');
    const list = await reviewer.get('/api/patients');
    assert.equal(list.status, 200, list.text);
    const otherPatient = await reviewer.get(`/api/patients/${id}`);
    assert.ok([403, 404].includes(otherPatient.status), otherPatient.text);
    const settings = await reviewer.get('/api/clinic/settings');
    assert.equal(settings.status, 403, settings.text);

    const rows = await auditOf(db, clinic.clinicId)
      .select(['action', 'actor_role', 'details'])
      .where('actor_role', '=', 'reviewer')
      .orderBy('at')
      .execute();
    const actions = rows.map((row) => row.action);
    assert.ok(actions.includes('patient.list'), `the reviewer's list is audited: ${actions}`);
    const denied = rows.filter((row) => row.action === 'access.denied');
    assert.equal(denied.length, 2, JSON.stringify(rows));
    const paths = denied.map((row) => (row.details as { path: string }).path);
    assert.deepEqual(paths, ['/api/patients/:id', '/api/clinic/settings']);
  });
});
