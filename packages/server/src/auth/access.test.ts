import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../db/schema.ts';
import {
  type Actor,
  clinicPermissions,
  mayActInClinic,
  mayActOnPatient,
  type PatientAction,
  patientPermissions,
} from './access.ts';

const roles: Role[] = ['patient', 'care_manager', 'clinician', 'reviewer', 'admin'];
const patientActions: PatientAction[] = [
  'read',
  'submit-checkin',
  'read-messages',
  'send-message',
  'submit-prom',
  'act-on-alert',
  'override-plan',
  'assign-inbox',
  'manage',
];
const actor = (role: Role): Actor => ({
  userId: `u-${role}`,
  clinicId: 'clinic-a',
  role,
  patientId: role === 'patient' ? 'p-1' : null,
});

test('nobody reaches another clinic, whatever the role or action', () => {
  for (const role of roles) {
    for (const action of patientActions) {
      assert.equal(
        mayActOnPatient(actor(role), action, {
          clinicId: 'clinic-b',
          patientId: 'p-1',
          assignedToActor: true,
        }),
        false,
      );
    }
    for (const action of Object.values(clinicPermissions).flat()) {
      assert.equal(mayActInClinic(actor(role), action, 'clinic-b'), false);
    }
  }
});

test('a patient reaches only their own record, and only to read and report', () => {
  const me = actor('patient');
  for (const action of patientActions) {
    const allowed = [
      'read',
      'submit-checkin',
      'read-messages',
      'send-message',
      'submit-prom',
    ].includes(action);
    assert.equal(
      mayActOnPatient(me, action, { clinicId: 'clinic-a', patientId: 'p-1' }),
      allowed,
      action,
    );
    assert.equal(
      mayActOnPatient(me, action, { clinicId: 'clinic-a', patientId: 'p-2' }),
      false,
      action,
    );
  }
});

test('a reviewer reads only assigned cases and can change nothing', () => {
  const reviewer = actor('reviewer');
  assert.equal(
    mayActOnPatient(reviewer, 'read', {
      clinicId: 'clinic-a',
      patientId: 'p-9',
      assignedToActor: true,
    }),
    true,
  );
  assert.equal(
    mayActOnPatient(reviewer, 'read', { clinicId: 'clinic-a', patientId: 'p-9' }),
    false,
  );
  for (const action of patientActions.filter((a) => a !== 'read')) {
    assert.equal(
      mayActOnPatient(reviewer, action, {
        clinicId: 'clinic-a',
        patientId: 'p-9',
        assignedToActor: true,
      }),
      false,
    );
  }
  assert.deepEqual(clinicPermissions.reviewer, []);
});

test('care managers and admins enrol patients (issue 15: nurses enrol)', () => {
  for (const role of roles) {
    assert.equal(
      mayActInClinic(actor(role), 'enrol-patient', 'clinic-a'),
      role === 'admin' || role === 'care_manager',
      `${role} enrol-patient`,
    );
  }
});

test('only admins invite staff and read the audit log', () => {
  for (const role of roles) {
    for (const action of [
      'invite-staff',
      'manage-users',
      'manage-clinic-settings',
      'assign-reviewer',
      'read-audit',
    ] as const) {
      assert.equal(
        mayActInClinic(actor(role), action, 'clinic-a'),
        role === 'admin',
        `${role} ${action}`,
      );
    }
  }
});

test('only staff who treat patients act on alerts; patients never do', () => {
  const allowed = roles.filter((role) => patientPermissions[role].includes('act-on-alert'));
  assert.deepEqual(allowed.sort(), ['admin', 'care_manager', 'clinician']);
});

test('the message thread is for the patient and the care team; reviewers never read it', () => {
  const readers = roles.filter((role) => patientPermissions[role].includes('read-messages'));
  assert.deepEqual(readers.sort(), ['admin', 'care_manager', 'clinician', 'patient']);
  const inbox = roles.filter((role) => clinicPermissions[role].includes('read-message-inbox'));
  assert.deepEqual(inbox.sort(), ['admin', 'care_manager', 'clinician']);
});

test('leads are handled by care managers and admins only', () => {
  for (const role of roles) {
    for (const action of ['read-leads', 'manage-leads'] as const) {
      assert.equal(
        mayActInClinic(actor(role), action, 'clinic-a'),
        role === 'admin' || role === 'care_manager',
        `${role} ${action}`,
      );
    }
  }
});

test('care managers and admins hand out the inbox; the whole care team sees who is on staff', () => {
  const assigners = roles.filter((role) => patientPermissions[role].includes('assign-inbox'));
  assert.deepEqual(assigners.sort(), ['admin', 'care_manager']);
  const listers = roles.filter((role) => clinicPermissions[role].includes('list-staff'));
  assert.deepEqual(listers.sort(), ['admin', 'care_manager', 'clinician']);
});
