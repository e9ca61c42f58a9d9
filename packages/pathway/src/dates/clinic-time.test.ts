import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addBusinessDays, localDate, startOfLocalDay } from './clinic-time.ts';
import type { IsoDate } from './dates.ts';

test('the local date is the clinic’s, not the server’s: 23:30 UTC is already tomorrow in Madrid', () => {
  const at = new Date('2026-11-27T23:30:00Z');
  assert.equal(localDate('Europe/Madrid', at), '2026-11-28');
  assert.equal(localDate('America/Los_Angeles', at), '2026-11-27');
  assert.equal(localDate('UTC', at), '2026-11-27');
});

test('a local day starts at local midnight, and the start of one day is the end of the day before', () => {
  const day = '2026-11-01' as IsoDate; // the day US clocks go back
  const start = startOfLocalDay(day, 'America/New_York');
  assert.equal(start.toISOString(), '2026-11-01T04:00:00.000Z');
  assert.equal(localDate('America/New_York', start), day);
  assert.equal(localDate('America/New_York', new Date(start.getTime() - 1)), '2026-10-31');
});

test('business days skip the clinic’s local weekend, not UTC’s', () => {
  // Friday 20:00 in Los Angeles is Saturday 04:00 UTC: two business days later is Tuesday evening.
  const fridayEvening = new Date('2026-11-21T04:00:00Z');
  assert.equal(
    addBusinessDays(fridayEvening, 2, 'America/Los_Angeles').toISOString(),
    '2026-11-25T04:00:00.000Z',
  );
});
