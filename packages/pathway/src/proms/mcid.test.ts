import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource } from '../sources/source.ts';
import { classifyPromChange, mcidRules } from './mcid.ts';

test('ODI: 12.8 points is an important improvement (Copay, ref:34)', () => {
  const change = classifyPromChange('odi', 'odi', 50, 37.2);
  assert.equal(change.classification, 'improved');
  assert.deepEqual(change.reachedBy, ['points']);
});

test('ODI: 12 points and 24% is not enough', () => {
  assert.equal(classifyPromChange('odi', 'odi', 50, 38).classification, 'no-important-change');
});

test('ODI: a 30% reduction counts even below 12.8 points (ref:35)', () => {
  const change = classifyPromChange('odi', 'odi', 30, 21);
  assert.equal(change.classification, 'improved');
  assert.deepEqual(change.reachedBy, ['percent']);
  assert.equal(change.percentImprovement, 30);
});

test('ODI: getting worse by 12.8 points or more is classed as worse', () => {
  assert.equal(classifyPromChange('odi', 'odi', 20, 34).classification, 'worsened');
  assert.equal(classifyPromChange('odi', 'odi', 20, 30).classification, 'no-important-change');
});

test('NDI: 5 raw points or 30% (ref:39b, ref:43)', () => {
  assert.deepEqual(classifyPromChange('ndi', 'raw', 20, 15).reachedBy, ['points']);
  assert.deepEqual(classifyPromChange('ndi', 'raw', 10, 7).reachedBy, ['percent']);
  assert.equal(classifyPromChange('ndi', 'raw', 20, 16).classification, 'no-important-change');
  assert.equal(classifyPromChange('ndi', 'percent', 40, 30).classification, 'improved');
});

test('NRS: 2 points or 30% (ref:50, ref:51), marked uncertain', () => {
  const leg = classifyPromChange('nrs-back-leg', 'limb', 8, 6);
  assert.equal(leg.classification, 'improved');
  assert.equal(leg.rule?.uncertain, true);
  assert.equal(
    classifyPromChange('nrs-back-leg', 'limb', 8, 7).classification,
    'no-important-change',
  );
  assert.deepEqual(classifyPromChange('nrs-neck-arm', 'axial', 3, 2).reachedBy, ['percent']);
  assert.equal(classifyPromChange('nrs-neck-arm', 'axial', 4, 6).classification, 'worsened');
});

test('mJOA: higher is better and 2 points matter (ref:45)', () => {
  assert.equal(classifyPromChange('mjoa', 'mjoa', 12, 14).classification, 'improved');
  assert.equal(classifyPromChange('mjoa', 'mjoa', 12, 13).classification, 'no-important-change');
  assert.equal(classifyPromChange('mjoa', 'mjoa', 14, 12).classification, 'worsened');
  assert.equal(classifyPromChange('mjoa', 'mjoa', 12, 14).percentImprovement, undefined);
});

test('ZCQ has no confirmed threshold, so change is reported but not classified', () => {
  const change = classifyPromChange('zcq', 'symptom-severity', 3.5, 2.2);
  assert.equal(change.classification, undefined);
  assert.equal(change.improvement, 1.3);
});

test('an unknown scale is a programming error', () => {
  assert.throws(() => classifyPromChange('odi', 'raw', 1, 2), RangeError);
});

test('every MCID rule cites known sources', () => {
  for (const rule of mcidRules) {
    assert.ok(rule.sources.length > 0);
    for (const s of rule.sources) assert.ok(isKnownSource(s), `${rule.instrument}: ${s}`);
  }
});
