import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isKnownSource } from '../sources/source.ts';
import { secondOpinionPrompt, secondOpinionPromptWindows } from './prompt.ts';

test('weeks 1 to 6 after surgery: the early-healing prompt, from day 3 to day 42', () => {
  assert.equal(secondOpinionPrompt(2), undefined, 'still in hospital (first 48 hours)');
  assert.equal(secondOpinionPrompt(3)?.id, 'early-healing');
  assert.equal(secondOpinionPrompt(10)?.id, 'early-healing');
  assert.equal(secondOpinionPrompt(42)?.id, 'early-healing');
  assert.equal(secondOpinionPrompt(43), undefined, 'past the six-week mark');
});

test('around 6 months: the six-month prompt, over the 6-month visit window (day 153 to 213)', () => {
  assert.equal(secondOpinionPrompt(152), undefined);
  assert.equal(secondOpinionPrompt(153)?.id, 'six-months');
  assert.equal(secondOpinionPrompt(183)?.id, 'six-months');
  assert.equal(secondOpinionPrompt(213)?.id, 'six-months');
  assert.equal(secondOpinionPrompt(214), undefined);
});

test('no prompt before surgery, between the windows, after them, or on a broken day count', () => {
  for (const day of [-30, -1, 0, 1, 60, 100, 365, 400, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
    assert.equal(secondOpinionPrompt(day), undefined, String(day));
});

test('the windows do not overlap, and a day is in a window exactly when the function says so', () => {
  const [early, six] = secondOpinionPromptWindows;
  assert.ok(early && six && early.toDay < six.fromDay);
  fc.assert(
    fc.property(fc.integer({ min: -400, max: 2000 }), (day) => {
      const inside = secondOpinionPromptWindows.filter((w) => day >= w.fromDay && day <= w.toDay);
      assert.equal(secondOpinionPrompt(day)?.id, inside[0]?.id);
      assert.ok(inside.length <= 1);
    }),
  );
});

test('each window and its reason carry known sources, the seed 000 page among them', () => {
  for (const window of secondOpinionPromptWindows) {
    for (const source of [...window.sources, ...window.why.sources])
      assert.ok(isKnownSource(source), source);
    assert.ok(window.sources.includes('seed:000'), window.id);
    assert.ok(window.why.sources.includes('seed:000'), window.id);
  }
});
