import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckinInput } from '@lamina/pathway';
import { checkinSeries, dailyMeans, tableRows } from './chart-data.ts';

test('several check-ins on one day: the line goes through the mean, one point a day', () => {
  assert.deepEqual(
    dailyMeans([
      { x: 3, y: 2 },
      { x: 1, y: 8 },
      { x: 1, y: 3 },
      { x: 1, y: 4 },
    ]),
    [
      { x: 1, y: 5 },
      { x: 3, y: 2 },
    ],
  );
  assert.deepEqual(
    dailyMeans([
      { x: 2, y: 1 },
      { x: 2, y: 2 },
    ]),
    [{ x: 2, y: 1.5 }],
  );
});

test('the table has a row a day with every value of every series and the red flag', () => {
  const rows = tableRows(
    [
      {
        points: [
          { x: 0, y: 6 },
          { x: 2, y: 7 },
          { x: 2, y: 3 },
        ],
      },
      { points: [{ x: 1, y: 4 }] },
    ],
    [2],
  );
  assert.deepEqual(rows, [
    { day: 0, values: [[6], []], flag: false },
    { day: 1, values: [[], [4]], flag: false },
    { day: 2, values: [[7, 3], []], flag: true },
  ]);
});

test('check-ins become series, oldest first; urgent and emergency days are red-flag days', () => {
  const answers = (limbPain: number, extra: Partial<CheckinInput> = {}) =>
    ({ limbPain, ...extra }) as CheckinInput;
  const day = (at: string) => Number(at.slice(8, 10)) - 10;
  const data = checkinSeries(
    [
      { answers: answers(5), level: 'routine', submittedAt: '2026-01-12T18:00:00Z' },
      { answers: answers(9), level: 'urgent', submittedAt: '2026-01-12T08:00:00Z' },
      {
        answers: answers(2, { numbness: { change: 'worse' } } as Partial<CheckinInput>),
        level: 'contact',
        submittedAt: '2026-01-13T08:00:00Z',
      },
      { answers: answers(4), level: 'emergency', submittedAt: '2026-01-09T08:00:00Z' },
    ],
    day,
  );
  assert.equal(data.count, 3, 'a check-in before surgery is left out');
  assert.deepEqual(data.limb, [
    { x: 2, y: 9 },
    { x: 2, y: 5 },
    { x: 3, y: 2 },
  ]);
  assert.deepEqual(data.numb, [{ x: 3, y: 3 }]);
  assert.deepEqual(data.flagDays, [2]);
  assert.equal(data.lastDay, 3);
});
