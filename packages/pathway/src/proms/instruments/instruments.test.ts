import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { PromScaleScore } from '../instrument.ts';
import { ndiItemIds, odiSectionIds, scoreNdi, scoreOdi } from './disability-indexes.ts';
import { mjoa } from './mjoa.ts';
import { nrsBackLeg } from './nrs.ts';
import { scoreZcq, zcqSubscales } from './zcq.ts';

const answersFor = (ids: readonly string[], values: readonly (number | undefined)[]) =>
  Object.fromEntries(ids.map((id, i) => [id, values[i] ?? null]));

const only = (scales: readonly PromScaleScore[], id: string) => {
  const scale = scales.find((s) => s.scale === id);
  assert.ok(scale, `scale ${id} exists`);
  return scale;
};

test('ODI manual worked example: 16 points over 10 sections is 32% (ref:32)', () => {
  const score = only(
    scoreOdi(answersFor(odiSectionIds, [3, 2, 1, 2, 2, 1, 2, 0, 2, 1])).scales,
    'odi',
  );
  assert.equal(score.value, 32);
  assert.equal(score.band?.id, 'moderate');
});

test('ODI manual worked example: one section missed gives 16 ÷ 45 × 100 = 35.6% (the manual prints 35.5, truncated)', () => {
  const score = only(
    scoreOdi(answersFor(odiSectionIds, [3, 2, 1, 2, 2, 1, 2, undefined, 2, 1])).scales,
    'odi',
  );
  assert.equal(score.value, 35.6);
  assert.equal(score.answeredItems, 9);
});

test('ODI with two sections missing has no score rather than a guessed one', () => {
  const score = only(scoreOdi(answersFor(odiSectionIds, [3, 2, 1, 2, 2, 1, 2])).scales, 'odi');
  assert.equal(score.value, undefined);
  assert.match(score.note ?? '', /at most 1/);
});

test('ODI bands follow ref:33 at their edges', () => {
  const bandOf = (perSection: number[]) =>
    only(scoreOdi(answersFor(odiSectionIds, perSection)).scales, 'odi').band?.id;
  assert.equal(bandOf([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 'minimal'); // 20
  assert.equal(bandOf([2, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 'moderate'); // 22
  assert.equal(bandOf([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]), 'moderate'); // 40
  assert.equal(bandOf([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), 'severe'); // 60
  assert.equal(bandOf([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]), 'crippled'); // 80
  assert.equal(bandOf([5, 4, 4, 4, 4, 4, 4, 4, 4, 4]), 'bed-bound'); // 82
});

test('ODI with every section answered is the sum doubled, always within 0–100', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 10, maxLength: 10 }),
      (values) => {
        const value = only(scoreOdi(answersFor(odiSectionIds, values)).scales, 'odi').value;
        assert.equal(value, values.reduce((a, b) => a + b, 0) * 2);
      },
    ),
  );
});

test('NDI: raw 16 of 50 is 32% and moderate (ref:39b)', () => {
  const scales = scoreNdi(answersFor(ndiItemIds, [2, 1, 2, 2, 3, 1, 2, 1, 1, 1])).scales;
  assert.equal(only(scales, 'raw').value, 16);
  assert.equal(only(scales, 'raw').band?.id, 'moderate');
  assert.equal(only(scales, 'percent').value, 32);
});

test('NDI missing item: the mean of the answered items is added (ref:39b)', () => {
  // Nine items sum to 18 (mean 2); the skipped driving item adds 2: raw 20, 40%.
  const values = [2, 2, 2, 2, 2, 2, 2, undefined, 2, 2];
  const scales = scoreNdi(answersFor(ndiItemIds, values)).scales;
  assert.equal(only(scales, 'raw').value, 20);
  assert.equal(only(scales, 'percent').value, 40);
  // An uneven case: 9 answers summing 22 give 22 + 22/9 = 24.4, still moderate.
  const uneven = scoreNdi(answersFor(ndiItemIds, [5, 3, 2, 2, 3, 2, 2, undefined, 2, 1])).scales;
  assert.equal(only(uneven, 'raw').value, 24.4);
  assert.equal(only(uneven, 'raw').band?.id, 'moderate');
});

test('NDI with three items missing has no score', () => {
  const scales = scoreNdi(answersFor(ndiItemIds, [2, 2, 2, 2, 2, 2, 2])).scales;
  assert.equal(only(scales, 'raw').value, undefined);
});

test('NDI raw bands: 0–4 none, 5–14 mild, 15–24 moderate, 25–34 severe, above 34 complete (ref:39b)', () => {
  const bandAt = (raw: number) => {
    const values = Array.from({ length: 10 }, (_, i) => Math.min(5, Math.max(0, raw - i * 5)));
    return only(scoreNdi(answersFor(ndiItemIds, values)).scales, 'raw').band?.id;
  };
  assert.deepEqual([4, 5, 14, 15, 24, 25, 34, 35].map(bandAt), [
    'none',
    'mild',
    'mild',
    'moderate',
    'moderate',
    'severe',
    'severe',
    'complete',
  ]);
});

test('NRS: each item is its own score; an unanswered item has none', () => {
  const score = nrsBackLeg.score({ axial: 7, limb: null });
  assert.equal(only(score.scales, 'axial').value, 7);
  assert.equal(only(score.scales, 'limb').value, undefined);
});

test('ZCQ worked example: each subscale is the mean of its items (ref:48)', () => {
  const answers = {
    ...answersFor(zcqSubscales['symptom-severity'], [3, 4, 2, 5, 3, 1, 3]),
    ...answersFor(zcqSubscales['physical-function'], [2, 3, 3, 1, 1]),
  };
  const scales = scoreZcq(answers).scales;
  assert.equal(only(scales, 'symptom-severity').value, 3); // 21 / 7
  assert.equal(only(scales, 'physical-function').value, 2); // 10 / 5
  assert.equal(only(scales, 'satisfaction').value, undefined);
  assert.match(only(scales, 'satisfaction').note ?? '', /after treatment/);
});

test('ZCQ satisfaction of 2.5 or lower means at least somewhat satisfied (ref:49)', () => {
  const satisfaction = (values: number[]) =>
    only(scoreZcq(answersFor(zcqSubscales.satisfaction, values)).scales, 'satisfaction');
  assert.equal(satisfaction([1, 2, 2, 3, 2, 2]).value, 2);
  assert.equal(satisfaction([1, 2, 2, 3, 2, 2]).band?.id, 'satisfied');
  assert.equal(satisfaction([3, 3, 2, 3, 2, 2]).value, 2.5);
  assert.equal(satisfaction([3, 3, 2, 3, 2, 2]).band?.id, 'satisfied');
  assert.equal(satisfaction([3, 3, 3, 2, 3, 3]).value, 2.83);
  assert.equal(satisfaction([3, 3, 3, 2, 3, 3]).band?.id, 'not-satisfied');
});

test('ZCQ allows one missing item per subscale, not two', () => {
  const one = scoreZcq(answersFor(zcqSubscales['symptom-severity'], [3, 4, 2, 5, 3, 1])).scales;
  assert.equal(only(one, 'symptom-severity').value, 3); // 18 / 6
  const two = scoreZcq(answersFor(zcqSubscales['symptom-severity'], [3, 4, 2, 5, 3])).scales;
  assert.equal(only(two, 'symptom-severity').value, undefined);
});

test('mJOA sums four clinician-rated domains to 0–18 with bands from ref:44', () => {
  const total = (values: number[]) =>
    only(
      mjoa.score(
        answersFor(
          ['upper-limb-motor', 'lower-limb-motor', 'upper-limb-sensory', 'urinary'],
          values,
        ),
      ).scales,
      'mjoa',
    );
  assert.deepEqual([total([5, 7, 3, 3]).value, total([5, 7, 3, 3]).band?.id], [18, 'normal']);
  assert.deepEqual([total([4, 6, 3, 2]).value, total([4, 6, 3, 2]).band?.id], [15, 'mild']);
  assert.deepEqual([total([4, 5, 2, 2]).value, total([4, 5, 2, 2]).band?.id], [13, 'moderate']);
  assert.deepEqual([total([3, 4, 2, 2]).value, total([3, 4, 2, 2]).band?.id], [11, 'severe']);
  assert.equal(total([4, 5, 2]).value, undefined);
  assert.equal(mjoa.respondent, 'clinician');
});
