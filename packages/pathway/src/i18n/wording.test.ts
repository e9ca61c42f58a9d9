import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statementsEs } from './statements.es.ts';

/** Spanish wording a native reader flagged (issue 13): each would fail on the old text. */

test('new arm weakness is "se le pone débil y antes no lo estaba", not "de nuevo" (again)', () => {
  const text = statementsEs['warn.cervical-arm-weakness'] ?? '';
  assert.match(text, /se le pone débil y antes no lo estaba/);
  assert.doesNotMatch(text, /de nuevo/);
});

test('urinary retention names the bladder, not a full stomach', () => {
  const text = statementsEs['triage.urinary-retention'] ?? '';
  assert.match(text, /vejiga llena/);
  assert.doesNotMatch(text, /sentirse lleno/);
});

test('the urgent second-opinion text names leaking as well as not being able to go', () => {
  const text = statementsEs['second-opinion.urgent-care.do-now'] ?? '';
  assert.match(text, /no poder orinar o evacuar/);
  assert.match(text, /se le escape la orina o el excremento/);
});

test('numbness with new bladder or bowel problems is the emergency instruction in Spanish too', () => {
  const text = statementsEs['nerve.numbness.when-to-ask'] ?? '';
  assert.match(text, /Llame al 911 ahora si viene con problemas nuevos de vejiga o intestino/);
  assert.doesNotMatch(text, /Avise a su equipo[^.]*vejiga/);
});
