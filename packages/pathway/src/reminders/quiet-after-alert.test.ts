import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noCheckinSinceAlert } from './quiet-after-alert.ts';

const raised = '2026-11-18T18:00:00.000Z';
const dayLater = new Date('2026-11-19T18:00:00.000Z');

test('an urgent or emergency alert with no check-in in the day since is raised', () => {
  for (const level of ['urgent', 'emergency'])
    assert.equal(noCheckinSinceAlert({ level, createdAt: raised }, null, dayLater), true);
  // A check-in before the alert (the one that raised it) does not count.
  assert.equal(
    noCheckinSinceAlert({ level: 'urgent', createdAt: raised }, '2026-11-18T17:59:00Z', dayLater),
    true,
  );
});

test('not before a day has passed, not after a check-in since, never for contact alerts', () => {
  const justBefore = new Date(dayLater.getTime() - 1);
  assert.equal(
    noCheckinSinceAlert({ level: 'urgent', createdAt: raised }, null, justBefore),
    false,
  );
  assert.equal(
    noCheckinSinceAlert({ level: 'urgent', createdAt: raised }, '2026-11-19T08:00:00Z', dayLater),
    false,
  );
  assert.equal(noCheckinSinceAlert({ level: 'contact', createdAt: raised }, null, dayLater), false);
});
