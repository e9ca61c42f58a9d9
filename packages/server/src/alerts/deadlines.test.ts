import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addBusinessDays } from '@lamina/pathway';
import { ackDeadline, ackDeadlinesSchema, resolveAckDeadlines } from './deadlines.ts';

test('emergency alerts must be acknowledged in 5 minutes, urgent in an hour', () => {
  const raised = new Date('2026-11-20T15:00:00Z');
  assert.equal(ackDeadline('emergency', raised, 'UTC').toISOString(), '2026-11-20T15:05:00.000Z');
  assert.equal(ackDeadline('urgent', raised, 'UTC').toISOString(), '2026-11-20T16:00:00.000Z');
});

test('contact alerts get 2 business days, skipping the clinic’s weekend', () => {
  // Friday 2026-11-20 → Tuesday 2026-11-24
  assert.equal(
    addBusinessDays(new Date('2026-11-20T15:00:00Z'), 2, 'UTC').toISOString(),
    '2026-11-24T15:00:00.000Z',
  );
  // Wednesday → Friday
  assert.equal(
    addBusinessDays(new Date('2026-11-18T10:00:00Z'), 2, 'UTC').toISOString(),
    '2026-11-20T10:00:00.000Z',
  );
  // Friday 23:30 in Los Angeles is already Saturday in UTC: the clinic's weekday counts.
  assert.equal(
    ackDeadline('contact', new Date('2026-11-21T07:30:00Z'), 'America/Los_Angeles').toISOString(),
    '2026-11-25T07:30:00.000Z',
  );
});

test('a clinic may shorten deadlines but not stretch red flags past safe limits', () => {
  assert.deepEqual(resolveAckDeadlines({ emergency: { seconds: 60 } }).emergency, { seconds: 60 });
  assert.deepEqual(resolveAckDeadlines({ urgent: { seconds: 30 } }).contact, { businessDays: 2 });
  assert.equal(ackDeadlinesSchema.safeParse({ emergency: { seconds: 3600 } }).success, false);
  assert.equal(ackDeadlinesSchema.safeParse({ urgent: { seconds: 5 * 3600 } }).success, false);
  assert.deepEqual(resolveAckDeadlines({ emergency: { seconds: 3600 } }), resolveAckDeadlines({}));
  assert.deepEqual(resolveAckDeadlines(null).emergency, { seconds: 300 });
});
