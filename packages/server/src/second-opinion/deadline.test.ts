import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addBusinessDaysToDate, type IsoDate, startOfLocalDay } from '@lamina/pathway';
import { deadlineStatus, reportDeadline } from './deadline.ts';

const d = (value: string) => value as IsoDate;

test('business days skip Saturdays and Sundays', () => {
  // 2026-12-01 is a Tuesday.
  assert.equal(addBusinessDaysToDate(d('2026-12-01'), 5), '2026-12-08');
  assert.equal(addBusinessDaysToDate(d('2026-12-04'), 1), '2026-12-07'); // Friday → Monday
  assert.equal(addBusinessDaysToDate(d('2026-12-05'), 1), '2026-12-07'); // Saturday → Monday
  assert.equal(addBusinessDaysToDate(d('2026-12-06'), 5), '2026-12-11'); // Sunday → Friday
  assert.equal(addBusinessDaysToDate(d('2026-12-01'), 0), '2026-12-01');
});

test('business days cross month and year ends, and leap days', () => {
  assert.equal(addBusinessDaysToDate(d('2026-01-29'), 5), '2026-02-05');
  assert.equal(addBusinessDaysToDate(d('2026-12-29'), 5), '2027-01-05');
  assert.equal(addBusinessDaysToDate(d('2028-02-25'), 2), '2028-02-29');
});

test('the day of assignment is the clinic’s local day, not UTC', () => {
  // 03:00 UTC on Friday 4 December is still Thursday evening in Los Angeles, Friday morning in Berlin.
  const at = new Date('2026-12-04T03:00:00Z');
  assert.equal(reportDeadline(at, 'America/Los_Angeles').dueOn, '2026-12-10');
  assert.equal(reportDeadline(at, 'Europe/Berlin').dueOn, '2026-12-11');
  const tokyoMonday = reportDeadline(new Date('2026-12-06T16:00:00Z'), 'Asia/Tokyo');
  assert.equal(tokyoMonday.dueOn, '2026-12-14');
});

test('due at the end of the due day in the clinic’s time zone, also across daylight-saving changes', () => {
  const { dueAt } = reportDeadline(new Date('2026-12-01T18:00:00Z'), 'America/Los_Angeles');
  assert.equal(dueAt.toISOString(), '2026-12-09T08:00:00.000Z'); // midnight PST after 8 December
  assert.equal(
    startOfLocalDay(d('2026-03-09'), 'America/Los_Angeles').toISOString(),
    '2026-03-09T07:00:00.000Z', // PDT began on 8 March
  );
  assert.equal(
    startOfLocalDay(d('2026-03-08'), 'America/Los_Angeles').toISOString(),
    '2026-03-08T08:00:00.000Z', // the change day itself starts in PST
  );
  assert.equal(startOfLocalDay(d('2026-07-01'), 'UTC').toISOString(), '2026-07-01T00:00:00.000Z');
});

test('overdue once the due moment has passed', () => {
  const dueAt = new Date('2026-12-09T08:00:00Z');
  assert.deepEqual(deadlineStatus(dueAt, new Date('2026-12-09T07:00:00Z')), {
    overdue: false,
    msLeft: 3_600_000,
  });
  assert.equal(deadlineStatus(dueAt, new Date('2026-12-09T08:00:01Z')).overdue, true);
});
