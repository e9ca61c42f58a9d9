import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localWeekdayAndTime } from '../dates/clinic-time.ts';
import { clinicHoursSchema, defaultClinicHours, isClinicOpen } from './clinic-hours.ts';

const la = 'America/Los_Angeles';

test('the default is Monday to Friday, 08:00 to 17:00 in the clinic time zone', () => {
  // Tuesday 2026-11-24 08:00 in Los Angeles is 16:00 UTC (PST, UTC-8).
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-11-24T16:00:00Z')), true);
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-11-24T15:59:00Z')), false);
  // 16:59 open, 17:00 closed.
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-11-25T00:59:00Z')), true);
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-11-25T01:00:00Z')), false);
  // Saturday noon.
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-11-28T20:00:00Z')), false);
});

test('the weekday is the one at the clinic, not in UTC', () => {
  // Saturday 02:00 UTC is still Friday 18:00 in Los Angeles.
  assert.deepEqual(localWeekdayAndTime(la, new Date('2026-11-28T02:00:00Z')), {
    weekday: 'fri',
    time: '18:00',
  });
  assert.deepEqual(localWeekdayAndTime('Europe/Madrid', new Date('2026-11-28T23:30:00Z')), {
    weekday: 'sun',
    time: '00:30',
  });
});

test('daylight saving time moves the opening instant in UTC', () => {
  // July: PDT (UTC-7), so 08:00 local is 15:00 UTC.
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-07-14T15:00:00Z')), true);
  assert.equal(isClinicOpen(defaultClinicHours, la, new Date('2026-07-14T14:59:00Z')), false);
});

test('a clinic open on Saturday morning, and closed days', () => {
  const hours = { ...defaultClinicHours, sat: { open: '09:00', close: '12:00' }, mon: null };
  assert.equal(isClinicOpen(hours, la, new Date('2026-11-28T18:00:00Z')), true);
  assert.equal(isClinicOpen(hours, la, new Date('2026-11-23T18:00:00Z')), false);
});

test('hours must be real times that close after they open', () => {
  const bad = [
    { ...defaultClinicHours, mon: { open: '17:00', close: '08:00' } },
    { ...defaultClinicHours, tue: { open: '8:00', close: '17:00' } },
    { ...defaultClinicHours, wed: { open: '08:00', close: '24:00' } },
    { mon: null },
  ];
  for (const hours of bad) assert.equal(clinicHoursSchema.safeParse(hours).success, false);
  assert.equal(clinicHoursSchema.safeParse(defaultClinicHours).success, true);
});
