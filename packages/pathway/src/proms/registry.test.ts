import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource } from '../sources/source.ts';
import { allowedValues, promInstrumentIds } from './instrument.ts';
import { isPromInstrumentEnabled, promInstruments, scorePromAnswers } from './registry.ts';

test('every instrument is a FHIR Questionnaire with coded, uniquely linked items', () => {
  for (const id of promInstrumentIds) {
    const q = promInstruments[id].questionnaire;
    assert.equal(q.resourceType, 'Questionnaire');
    assert.equal(q.id, id);
    const linkIds = q.item.map((i) => i.linkId);
    assert.equal(new Set(linkIds).size, linkIds.length, `${id} has duplicate linkIds`);
    for (const item of q.item) {
      assert.ok(item.code.length > 0, `${id}.${item.linkId} has a code`);
      assert.ok(allowedValues(item).length > 0, `${id}.${item.linkId} has answers`);
    }
  }
});

test('every licence, scoring rule and band names known sources', () => {
  for (const id of promInstrumentIds) {
    const instrument = promInstruments[id];
    for (const s of [...instrument.licence.terms.sources, ...instrument.scoring.sources]) {
      assert.ok(isKnownSource(s), `${id}: ${s}`);
    }
  }
});

test('ODI is off until the clinic confirms its licence; free instruments are always on', () => {
  assert.equal(isPromInstrumentEnabled('odi'), false);
  assert.equal(isPromInstrumentEnabled('odi', ['odi']), true);
  assert.equal(isPromInstrumentEnabled('nrs-back-leg'), true);
  const refused = scorePromAnswers('odi', {});
  assert.equal(refused.ok, false);
  assert.equal(refused.ok === false && refused.reason, 'licence-not-confirmed');
});

test('scoring refuses off-scale values and unknown items, naming the field', () => {
  const offScale = scorePromAnswers('ndi', { lifting: 6 });
  assert.equal(offScale.ok === false && offScale.field, 'lifting');
  const unknown = scorePromAnswers('ndi', { liftng: 2 });
  assert.equal(unknown.ok === false && unknown.field, 'liftng');
  const balance = scorePromAnswers('zcq', { balance: 2 });
  assert.equal(balance.ok === false && balance.field, 'balance');
  const notObject = scorePromAnswers('ndi', [1, 2]);
  assert.equal(notObject.ok, false);
  assert.equal(scorePromAnswers('sf-36', {}).ok, false);
});

test('scoring accepts null for a skipped item and scores the rest', () => {
  const result = scorePromAnswers('nrs-neck-arm', { axial: 4, limb: null });
  assert.ok(result.ok);
  assert.equal(result.score.scales[0]?.value, 4);
});

test('pain medicine answers are reported as they are and opioid use is flagged', () => {
  const result = scorePromAnswers('pain-medication', { frequency: 'daily', strongest: 'opioid' });
  assert.ok(result.ok);
  assert.deepEqual(result.score.categories, { frequency: 'daily', strongest: 'opioid' });
  assert.equal(result.score.flags?.[0]?.id, 'prom.pain-medication.opioid-flag');
  const none = scorePromAnswers('pain-medication', { frequency: 'none', strongest: 'none' });
  assert.ok(none.ok);
  assert.equal(none.score.flags, undefined);
  const bad = scorePromAnswers('work-status', { status: 'sometimes' });
  assert.equal(bad.ok === false && bad.field, 'status');
});
