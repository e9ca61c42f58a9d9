import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
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

test('property: the remembered local date (per quarter hour) is always the one Intl gives, in zones with odd offsets and around clock changes', () => {
  const zones = [
    'America/New_York',
    'Europe/Madrid',
    'Asia/Kolkata', // +05:30, and +05:53:28 local mean time before 1870s–1940s rules
    'Asia/Kathmandu', // +05:45
    'Pacific/Chatham', // +12:45 / +13:45
    'Australia/Lord_Howe', // a 30-minute clock change
    'America/St_Johns', // −03:30 / −02:30
    'Africa/Monrovia', // −00:44:30 until 1972
    'Pacific/Apia', // skipped 30 December 2011 entirely
  ];
  const truth = (zone: string, ms: number) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(ms);
  // Clusters of instants within 20 minutes of each other: around any moment from 1900 to 2100, or
  // around a local midnight (found with startOfLocalDay) of 1900–1971, when local mean time put
  // midnights inside quarter hours (a quarter hour there holds two dates), or of 2011–2027.
  const day = 86_400_000;
  const cluster = (zone: string) =>
    fc
      .tuple(
        fc.oneof(
          fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
          fc
            .oneof(
              fc.integer({ min: 0, max: 365 * 71 }).map((n) => Date.UTC(1900, 0, 1) + n * day),
              fc.integer({ min: 0, max: 365 * 16 }).map((n) => Date.UTC(2011, 0, 1) + n * day),
            )
            .map((at) =>
              startOfLocalDay(new Date(at).toISOString().slice(0, 10) as IsoDate, zone).getTime(),
            ),
        ),
        fc.array(fc.integer({ min: -20 * 60_000, max: 20 * 60_000 }), {
          minLength: 2,
          maxLength: 8,
        }),
      )
      .map(([base, offsets]) => offsets.map((offset) => base + offset));
  fc.assert(
    fc.property(
      fc.constantFrom(...zones).chain((zone) => fc.tuple(fc.constant(zone), cluster(zone))),
      ([zone, instants]) => {
        // Asked twice, in both orders: the second answer comes from the memo when it holds one.
        for (const ms of [...instants, ...instants.toReversed()]) {
          assert.equal(
            localDate(zone, new Date(ms)),
            truth(zone, ms),
            `${zone} ${new Date(ms).toISOString()}`,
          );
        }
      },
    ),
    { numRuns: 1000 },
  );
  assert.equal(localDate('Pacific/Apia', new Date('2011-12-30T10:00:00Z')), '2011-12-31');
});
