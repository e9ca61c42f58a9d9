import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkinSchemaFor, type HistoryEntry } from '../checkin/checkin.ts';
import { addDays, addMonths, daysBetween, type IsoDate } from '../dates/dates.ts';
import { surgeryFor } from './scenario-kit.ts';
import { triage } from './triage.ts';

const surgery = surgeryFor('lumbar');
const on = (day: number) => addDays(surgery.surgeryDate, day);
const fired = (input: object, day: number, history: HistoryEntry[] = []) =>
  triage(checkinSchemaFor('lumbar').parse(input), surgery, history, on(day)).findings.map(
    (f) => f.ruleId,
  );
const past = (day: number, input: object): HistoryEntry => ({
  ...checkinSchemaFor('lumbar').parse(input),
  date: on(day) as IsoDate,
});

test('limb pain that has not eased fires from 8 weeks (nerve-healing timeline), not before', () => {
  const history = (today: number) => [past(3, { limbPain: 6 }), past(today - 2, { limbPain: 6 })];
  assert.ok(!fired({ limbPain: 6 }, 55, history(55)).includes('limb-pain-not-improving'));
  assert.ok(fired({ limbPain: 6 }, 56, history(56)).includes('limb-pain-not-improving'));
});

test('limb pain needs two check-ins that agree: one bad day is not enough', () => {
  assert.ok(!fired({ limbPain: 6 }, 70).includes('limb-pain-not-improving'));
  const twoDays = [past(67, { limbPain: 6 })];
  assert.ok(fired({ limbPain: 6 }, 70, twoDays).includes('limb-pain-not-improving'));
});

test('numbness persistence starts at 3 calendar months after surgery', () => {
  const threeMonths = daysBetween(surgery.surgeryDate, addMonths(surgery.surgeryDate, 3));
  const input = { numbness: { change: 'unchanged' } };
  assert.ok(!fired(input, threeMonths - 1).includes('numbness-persisting'));
  assert.ok(fired(input, threeMonths).includes('numbness-persisting'));
});

test('from 12 months the honest "may be permanent" finding replaces the persisting one', () => {
  const year = daysBetween(surgery.surgeryDate, addMonths(surgery.surgeryDate, 12));
  const findings = fired({ numbness: { change: 'unchanged' } }, year);
  assert.ok(findings.includes('numbness-may-be-permanent'));
  assert.ok(!findings.includes('numbness-persisting'));
});

test('walking: a drop needs a baseline of 3 check-ins and two low check-ins in a row', () => {
  const baseline = [10, 11, 12].map((d) => past(d, { walkingMinutes: 30 }));
  const lowYesterday = past(13, { walkingMinutes: 10 });
  assert.ok(
    fired({ walkingMinutes: 10 }, 14, [...baseline, lowYesterday]).includes('walking-falling'),
  );
  assert.ok(
    !fired({ walkingMinutes: 10 }, 14, [...baseline.slice(1), lowYesterday]).includes(
      'walking-falling',
    ),
  );
  const normalYesterday = past(13, { walkingMinutes: 28 });
  assert.ok(
    !fired({ walkingMinutes: 10 }, 14, [...baseline, normalYesterday]).includes('walking-falling'),
  );
  const staleYesterday = past(9, { walkingMinutes: 10 });
  const older = [4, 5, 6].map((d) => past(d, { walkingMinutes: 30 }));
  assert.ok(
    !fired({ walkingMinutes: 10 }, 14, [...older, staleYesterday]).includes('walking-falling'),
  );
});

test('walking: a very low usual level (under 10 minutes) is not compared', () => {
  const baseline = [10, 11, 12].map((d) => past(d, { walkingMinutes: 6 }));
  const history = [...baseline, past(13, { walkingMinutes: 1 })];
  assert.ok(!fired({ walkingMinutes: 1 }, 14, history).includes('walking-falling'));
});

test('numbness that keeps increasing needs an earlier increase within 14 days', () => {
  const input = { numbness: { change: 'worse' } };
  assert.ok(!fired(input, 40, [past(20, input)]).includes('numbness-keeps-increasing'));
  assert.ok(fired(input, 40, [past(30, input)]).includes('numbness-keeps-increasing'));
});

test('weakness unchanged past 3 months needs a second report within 28 days', () => {
  const input = { weakness: { change: 'unchanged' } };
  assert.ok(!fired(input, 130, [past(90, input)]).includes('weakness-not-improving'));
  assert.ok(fired(input, 130, [past(110, input)]).includes('weakness-not-improving'));
  assert.ok(!fired(input, 60, [past(50, input)]).includes('weakness-not-improving'));
});
