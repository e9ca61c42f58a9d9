import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Actor,
  mayActOnSecondOpinion,
  type SecondOpinionAction,
  secondOpinionPermissions,
} from '../auth/access.ts';
import type { Role } from '../db/schema.ts';

const actor = (role: Role, userId = `${role}-1`): Actor => ({
  userId,
  clinicId: 'clinic-a',
  role,
  patientId: role === 'patient' ? 'p-1' : null,
});
const target = { clinicId: 'clinic-a', patientId: 'p-1', reviewerId: 'reviewer-1' };
const actions: SecondOpinionAction[] = ['request', 'list', 'read', 'withdraw', 'assign', 'report'];

test('the second-opinion policy: who may do what (deny by default)', () => {
  const allowed = (role: Role) => actions.filter((a) => mayActOnSecondOpinion(actor(role), a));
  assert.deepEqual(allowed('patient'), ['request', 'list', 'read', 'withdraw']);
  assert.deepEqual(allowed('reviewer'), ['list', 'read', 'report']);
  assert.deepEqual(allowed('admin'), ['list', 'read', 'assign']);
  assert.deepEqual(allowed('care_manager'), ['list', 'read']);
  assert.deepEqual(allowed('clinician'), ['list', 'read']);
  for (const role of Object.keys(secondOpinionPermissions) as Role[])
    assert.equal(mayActOnSecondOpinion(actor(role), 'assign'), role === 'admin', role);
});

test('a patient acts on their own case, a reviewer only on one assigned to them, nobody across clinics', () => {
  assert.equal(mayActOnSecondOpinion(actor('patient'), 'read', target), true);
  assert.equal(
    mayActOnSecondOpinion(actor('patient'), 'read', { ...target, patientId: 'p-2' }),
    false,
  );
  assert.equal(mayActOnSecondOpinion(actor('reviewer'), 'report', target), true);
  assert.equal(
    mayActOnSecondOpinion(actor('reviewer', 'reviewer-2'), 'read', target),
    false,
    'another reviewer',
  );
  assert.equal(
    mayActOnSecondOpinion(actor('reviewer'), 'read', { ...target, reviewerId: null }),
    false,
  );
  assert.equal(mayActOnSecondOpinion(actor('reviewer'), 'assign', target), false);
  for (const role of ['patient', 'reviewer', 'admin', 'clinician'] as const)
    assert.equal(
      mayActOnSecondOpinion(actor(role), 'read', { ...target, clinicId: 'clinic-b' }),
      false,
      role,
    );
});
