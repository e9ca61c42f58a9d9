import assert from 'node:assert/strict';
import { test } from 'node:test';
import { promInstrumentIds } from './instrument.ts';
import { promPlainName } from './plain-names.ts';
import { promInstruments } from './registry.ts';

test('every questionnaire has a plain name in English and Spanish, never its formal title', () => {
  for (const id of promInstrumentIds) {
    const formal = promInstruments[id].questionnaire.title;
    for (const language of ['en', 'es'] as const) {
      const name = promPlainName(id, language);
      assert.ok(name.length > 2 && name.length <= 48, `${id} ${language}: ${name}`);
      assert.notEqual(name, formal, id);
      assert.doesNotMatch(name, /Index|Questionnaire|Score|Oswestry|Zurich|Japanese|\(0–10\)/, id);
    }
    assert.notEqual(promPlainName(id, 'en'), promPlainName(id, 'es'), `${id} is translated`);
  }
  assert.equal(promPlainName('zcq', 'en'), 'Walking and leg symptoms');
});
