import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkinSchemaFor,
  hasAnyAnswer,
  historyEntrySchemaFor,
  isUnanswered,
  isYes,
  lumbarCheckinSchema,
  toCelsius,
} from './checkin.ts';

function firstIssuePath(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[] }[] };
}) {
  return result.error?.issues[0]?.path.join('.');
}

test('an empty check-in is valid: every question is optional', () => {
  assert.deepEqual(lumbarCheckinSchema.parse({}), {});
});

test('a missing answer stays missing; it is never filled in as "no"', () => {
  const checkin = checkinSchemaFor('lumbar').parse({ chestPain: 'no' });
  assert.equal(checkin.saddleNumbness, undefined);
  assert.equal(isUnanswered(checkin.saddleNumbness), true);
  assert.equal(isUnanswered(checkin.chestPain), false);
});

test('"unsure" counts as not answered, and only "yes" counts as yes', () => {
  assert.equal(isUnanswered('unsure'), true);
  assert.equal(isYes('unsure'), false);
  assert.equal(isYes('yes'), true);
  assert.equal(isYes(undefined), false);
});

test('neck questions are asked only after cervical surgery', () => {
  assert.equal(checkinSchemaFor('cervical').safeParse({ swallowing: 'mild' }).success, true);
  const lumbar = checkinSchemaFor('lumbar').safeParse({ swallowing: 'mild' });
  assert.equal(lumbar.success, false);
  assert.match(JSON.stringify(lumbar.error?.issues), /swallowing/);
});

test('temperatures in °C and °F are accepted within a plausible body range', () => {
  const schema = checkinSchemaFor('lumbar');
  assert.equal(schema.safeParse({ temperature: { value: 37.2, unit: 'C' } }).success, true);
  assert.equal(schema.safeParse({ temperature: { value: 99.1, unit: 'F' } }).success, true);
  for (const [value, unit] of [
    [99.1, 'C'],
    [37.2, 'F'],
    [30, 'C'],
    [115, 'F'],
  ] as const) {
    const result = schema.safeParse({ temperature: { value, unit } });
    assert.equal(result.success, false, `${value} ${unit}`);
    assert.equal(firstIssuePath(result), 'temperature.value');
  }
  assert.equal(
    firstIssuePath(schema.safeParse({ temperature: { value: 37 } })),
    'temperature.unit',
  );
});

test('toCelsius converts °F so that the published thresholds match exactly', () => {
  assert.equal(toCelsius({ value: 100.4, unit: 'F' }), 38);
  assert.equal(toCelsius({ value: 101.5, unit: 'F' }), 38.61);
  assert.equal(toCelsius({ value: 37.4, unit: 'C' }), 37.4);
});

test('bad answers are rejected with the field named', () => {
  const schema = checkinSchemaFor('cervical');
  const cases = [
    [{ axialPain: 11 }, 'axialPain'],
    [{ limbPain: 2.5 }, 'limbPain'],
    [{ chestPain: true }, 'chestPain'],
    [{ numbness: { change: 'a bit' } }, 'numbness.change'],
    [{ incision: { drainage: 'pus' } }, 'incision.drainage'],
    [{ walkingMinutes: -5 }, 'walkingMinutes'],
    [{ neckSwelling: 'huge' }, 'neckSwelling'],
    [{ mood: 'fine' }, ''],
  ] as const;
  for (const [input, path] of cases) {
    const result = schema.safeParse(input);
    assert.equal(result.success, false, JSON.stringify(input));
    assert.equal(firstIssuePath(result), path, JSON.stringify(input));
  }
});

test('a history entry needs the date it describes', () => {
  const schema = historyEntrySchemaFor('lumbar');
  assert.equal(schema.safeParse({ limbPain: 3, date: '2026-02-01' }).success, true);
  assert.equal(firstIssuePath(schema.safeParse({ limbPain: 3 })), 'date');
  assert.equal(firstIssuePath(schema.safeParse({ date: '2026-02-30' })), 'date');
});

test('hasAnyAnswer: an empty check-in, a note alone or empty groups say nothing (issue 17)', () => {
  assert.equal(hasAnyAnswer({}), false);
  assert.equal(hasAnyAnswer({ note: 'hello' }), false);
  assert.equal(hasAnyAnswer({ incision: {}, numbness: { where: 'left foot' } }), false);
  assert.equal(hasAnyAnswer({ axialPain: 0 }), true);
  assert.equal(hasAnyAnswer({ chestPain: 'unsure' }), true);
  assert.equal(hasAnyAnswer({ incision: { redness: 'no' } }), true);
  assert.equal(hasAnyAnswer({ temperature: { value: 37, unit: 'C' } }), true);
});
