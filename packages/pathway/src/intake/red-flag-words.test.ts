import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource } from '../sources/source.ts';
import {
  findRedFlagWords,
  normalizeForRedFlags,
  redFlagInstructionFor,
  redFlagInstructions,
  redFlagWords,
} from './red-flag-words.ts';

const ids = (text: string) => findRedFlagWords(text).map((m) => m.id);

test('English red flags are found, plurals and capitals included', () => {
  assert.ok(ids('Since last night I cannot control my BLADDER').includes('bladder-bowel'));
  assert.ok(ids("I can't pee since this morning").includes('bladder-bowel'));
  assert.ok(ids('problems with my bowels').includes('bladder-bowel'));
  assert.ok(ids('numbness in my groin and between my legs').includes('saddle-numbness'));
  assert.ok(ids('my legs gave out and feel weaker').includes('leg-weakness'));
  assert.ok(ids('I have chest pain').includes('chest-breathing'));
  assert.ok(ids('I am short of breath').includes('chest-breathing'));
  assert.ok(ids('coughing up blood').includes('chest-breathing'));
  assert.ok(ids('the dressing is soaked, it keeps bleeding').includes('heavy-bleeding'));
  assert.ok(ids('I have had fevers and the incision is oozing').includes('fever-wound'));
  assert.ok(ids('my calves are swollen').includes('calf-clot'));
  assert.ok(ids('hard to swallow since the neck surgery').includes('neck-swelling-swallowing'));
});

test('Spanish red flags are found with or without accents', () => {
  for (const text of [
    'No puedo orinar desde ayer',
    'perdí el control de la vejiga',
    'perdi el control de la vejiga',
    'se me escapan las heces',
  ])
    assert.ok(ids(text).includes('bladder-bowel'), text);
  for (const text of ['tengo adormecida la entrepierna', 'entumecimiento en la INGLE'])
    assert.ok(ids(text).includes('saddle-numbness'), text);
  for (const text of ['siento debilidad en las piernas', 'tengo las piernas muy débiles'])
    assert.ok(ids(text).includes('leg-weakness'), text);
  for (const text of ['dolor de pecho', 'me falta el aire', 'no puedo respirar bien'])
    assert.ok(ids(text).includes('chest-breathing'), text);
  for (const text of ['tengo fiebre', 'la herida tiene pus', 'la incisión está roja'])
    assert.ok(ids(text).includes('fever-wound'), text);
  assert.ok(ids('me duele la pantorrilla').includes('calf-clot'));
  assert.ok(ids('me cuesta tragar').includes('neck-swelling-swallowing'));
});

test('text without red flags matches nothing', () => {
  for (const text of [
    'My back hurts when I stand for a long time. I would like to talk about surgery.',
    'Please call me about my appointment on Tuesday afternoon.',
    'Quiero información sobre la cirugía de espalda y el seguro.',
    'Me duele la espalda al caminar, pero mejora al sentarme.',
    '',
  ])
    assert.deepEqual(ids(text), [], text);
});

test('the most serious level comes first, each match with the words that triggered it', () => {
  const matches = findRedFlagWords('fever since Monday and now I cannot pee');
  assert.deepEqual(
    matches.map((m) => m.level),
    ['emergency', 'urgent'],
  );
  assert.ok(matches[0]?.matched.some((word) => word.includes('pee')));
});

test('normalizing strips accents, punctuation and case', () => {
  assert.equal(normalizeForRedFlags('¡Débil, MUY débil!'), ' debil muy debil ');
  assert.equal(normalizeForRedFlags("can't"), ' cant ');
  assert.equal(normalizeForRedFlags('niño'), ' nino ');
});

test('every red flag and instruction carries known sources', () => {
  for (const flag of redFlagWords) {
    assert.ok(flag.sources.length > 0, flag.id);
    for (const source of flag.sources) assert.ok(isKnownSource(source), `${flag.id} ${source}`);
  }
  for (const level of Object.values(redFlagInstructions))
    for (const statement of Object.values(level))
      for (const source of statement.sources) assert.ok(isKnownSource(source), statement.id);
});

test('the instruction names the emergency number first, in the chosen language', () => {
  const emergency = redFlagInstructionFor(findRedFlagWords('no puedo orinar'), 'es', {
    emergencyNumber: '112',
    clinicPhone: '+34 900 000 000',
  });
  assert.equal(emergency?.level, 'emergency');
  assert.match(emergency?.text ?? '', /Llame ahora al 112/);
  const urgent = redFlagInstructionFor(findRedFlagWords('I have a fever'), 'en', {
    emergencyNumber: '911',
    clinicPhone: '555-0100',
  });
  assert.equal(urgent?.level, 'urgent');
  assert.match(urgent?.text ?? '', /555-0100/);
  // No clinic phone to call: the emergency advice instead of an unusable one.
  const noPhone = redFlagInstructionFor(findRedFlagWords('I have a fever'), 'en', {
    emergencyNumber: '911',
    clinicPhone: null,
  });
  assert.equal(noPhone?.level, 'emergency');
  assert.equal(
    redFlagInstructionFor([], 'en', { emergencyNumber: '911', clinicPhone: null }),
    undefined,
  );
});
