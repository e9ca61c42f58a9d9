import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, addMonths, addOffset, daysBetween, type IsoDate, parseIsoDate } from './dates.ts';

const d = (s: string) => parseIsoDate(s) ?? assert.fail(`bad date ${s}`);

test('rejects dates that do not exist', () => {
  for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-4-1', '20261101', 'x']) {
    assert.equal(parseIsoDate(bad), undefined, bad);
  }
  assert.equal(parseIsoDate('2028-02-29'), '2028-02-29');
});

test('day arithmetic crosses month and year ends', () => {
  assert.equal(addDays(d('2026-12-25'), 10), '2027-01-04');
  assert.equal(addDays(d('2028-02-28'), 1), '2028-02-29');
  assert.equal(daysBetween(d('2026-12-31'), d('2027-01-01')), 1);
  assert.equal(daysBetween(d('2027-01-01'), d('2026-12-31')), -1);
});

test('days are whole across daylight-saving changes, whatever the process time zone', () => {
  // US and EU clocks change in March and October/November; a date has no clock.
  assert.equal(daysBetween(d('2026-03-07'), d('2026-03-09')), 2);
  assert.equal(daysBetween(d('2026-10-24'), d('2026-11-02')), 9);
  assert.equal(addDays(d('2026-03-08'), 1), '2026-03-09');
});

test('month arithmetic clamps to the last day of a shorter month', () => {
  assert.equal(addMonths(d('2026-01-31'), 1), '2026-02-28');
  assert.equal(addMonths(d('2027-08-31'), 6), '2028-02-29');
  assert.equal(addMonths(d('2026-11-30'), 3), '2027-02-28');
  assert.equal(addMonths(d('2026-11-15'), 12), '2027-11-15');
  assert.equal(addOffset(d('2026-11-01'), { weeks: 6 }), '2026-12-13');
});

const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10) as IsoDate);

test('property: adding n days then measuring gives n', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
      assert.equal(daysBetween(date, addDays(date, n)), n);
      assert.ok(parseIsoDate(addDays(date, n)));
    }),
  );
});

test('property: adding more months never gives an earlier date', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: 0, max: 60 }), (date, n) => {
      assert.ok(daysBetween(addMonths(date, n), addMonths(date, n + 1)) >= 28);
    }),
  );
});

test('property: day arithmetic agrees with the platform calendar', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const expected = new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
      assert.equal(addDays(date, n), expected);
    }),
    { numRuns: 2000 },
  );
});
