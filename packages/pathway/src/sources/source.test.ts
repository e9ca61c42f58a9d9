import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clinicalReference } from './clinical-reference.test-helper.ts';
import { isKnownSource, referenceNumbers } from './source.ts';

test('accepts seeds, known references and the surgeon; rejects anything else', () => {
  for (const ok of ['seed:000', 'seed:004', 'ref:1', 'ref:36b', 'ref:117', 'surgeon']) {
    assert.equal(isKnownSource(ok), true, ok);
  }
  for (const bad of ['seed:005', 'ref:11', 'ref:118', 'ref:', 'Ref:3', 'web', '']) {
    assert.equal(isKnownSource(bad), false, bad);
  }
});

test('the known reference numbers are exactly those listed in the clinical reference', {
  skip: clinicalReference.skip,
}, () => {
  const list = clinicalReference.sourceList();
  const listed = new Set([...list.matchAll(/(?:^|· )(\d+b?) https?:/gm)].map((m) => m[1]));
  assert.deepEqual([...listed].sort(), [...referenceNumbers].sort());
});
