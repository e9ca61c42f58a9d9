import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exercisesFor } from './exercises.ts';

const texts = (region: 'lumbar' | 'cervical') =>
  Object.values(exercisesFor(region))
    .flat()
    .map((e) => `${e.name.text}: ${e.text}`)
    .join('\n');

test('neck patients get a neck programme (seed:000), not the low-back core and bridge programme', () => {
  // seed:000: "Your therapist will guide you through gentle range-of-motion exercises and
  // strengthening routines for the muscles that support your neck and upper back."
  const neck = texts('cervical');
  assert.doesNotMatch(neck, /bridge|tummy|belly|buttock|hip|core/i);
  assert.match(neck, /Gentle neck movement/);
  assert.match(neck, /neck and upper back/);
  assert.match(neck, /5-minute walks/);
  const neckOnly = Object.values(exercisesFor('cervical'))
    .flat()
    .filter((e) => e.id.startsWith('exercise.neck.'));
  assert.ok(neckOnly.length >= 6);
  for (const e of neckOnly) assert.deepEqual(e.sources, ['seed:000'], e.id);
  // The low-back programme is unchanged.
  assert.match(texts('lumbar'), /bridges/);
});

test('timers only where the exercise text gives the numbers; every id is listed once and found', async () => {
  const { allExerciseIds, exerciseById } = await import('./exercises.ts');
  for (const id of allExerciseIds) {
    const e = exerciseById(id);
    assert.ok(e, id);
    if (!e.timer) continue;
    assert.match(e.text, new RegExp(`\\b${e.timer.repeats}\\b`), `${id}: repeats in the text`);
    if (e.timer.holdSeconds)
      assert.match(e.text, new RegExp(`${e.timer.holdSeconds} seconds`), `${id}: hold in the text`);
  }
  assert.equal(new Set(allExerciseIds).size, allExerciseIds.length);
  assert.equal(exerciseById('exercise.early.tummy')?.timer?.holdSeconds, 5);
  assert.equal(exerciseById('nope'), undefined);
});
