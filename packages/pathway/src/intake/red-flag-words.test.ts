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

/** Each text must raise the flag it is listed under. */
function assertFound(cases: Readonly<Record<string, readonly string[]>>) {
  for (const [id, texts] of Object.entries(cases))
    for (const text of texts) assert.ok(ids(text).includes(id), `${id}: ${text}`);
}

/** None of these texts may raise any flag. */
function assertNoFlags(texts: readonly string[]) {
  for (const text of texts) assert.deepEqual(ids(text), [], text);
}

test('English red flags are found, plurals and capitals included', () => {
  assertFound({
    'bladder-bowel': [
      'Since last night I cannot control my BLADDER',
      "I can't pee since this morning",
      'problems with my bowels',
    ],
    'saddle-numbness': ['numbness in my groin and between my legs'],
    'leg-weakness': ['my legs gave out and feel weaker'],
    'chest-breathing': ['I have chest pain', 'I am short of breath', 'coughing up blood'],
    'heavy-bleeding': ['the dressing is soaked, it keeps bleeding'],
    'fever-wound': ['I have had fevers and the incision is oozing'],
    'calf-clot': ['my calves are swollen'],
    'neck-swelling-swallowing': ['hard to swallow since the neck surgery'],
  });
});

test('Spanish red flags are found with or without accents', () => {
  assertFound({
    'bladder-bowel': [
      'No puedo orinar desde ayer',
      'perdí el control de la vejiga',
      'perdi el control de la vejiga',
      'se me escapan las heces',
    ],
    'saddle-numbness': ['tengo adormecida la entrepierna', 'entumecimiento en la INGLE'],
    'leg-weakness': ['siento debilidad en las piernas', 'tengo las piernas muy débiles'],
    'chest-breathing': ['dolor de pecho', 'me falta el aire', 'no puedo respirar bien'],
    'fever-wound': ['tengo fiebre', 'la herida tiene pus', 'la incisión está roja'],
    'calf-clot': ['me duele la pantorrilla'],
    'neck-swelling-swallowing': ['me cuesta tragar'],
  });
});

test('text without red flags matches nothing', () => {
  assertNoFlags([
    'My back hurts when I stand for a long time. I would like to talk about surgery.',
    'Please call me about my appointment on Tuesday afternoon.',
    'Quiero información sobre la cirugía de espalda y el seguro.',
    'Me duele la espalda al caminar, pero mejora al sentarme.',
    '',
  ]);
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

const top = (text: string) => findRedFlagWords(text)[0]?.level ?? 'none';

test('issue 13: colloquial, regional and misspelled emergencies are caught', () => {
  for (const text of [
    'no puedo hacer pipí',
    'se me sale el pis',
    'no siento las piernas',
    'me atraganto',
    'no puedo horinar',
    'tengo el cuello inchado',
    'siento adormesido entre las piernas',
    'mis piernas estan devil',
    'i cnat pee',
    'my leg is weeker',
    'I am peeing on myself and dont feel it',
  ])
    assert.equal(top(text), 'emergency', text);
  assert.ok(ids('el chamorro hinchado y caliente').includes('calf-clot'));
});

test('issue 13: first-person forms are caught like the noun forms', () => {
  for (const text of ['me duele la cabeza', 'dolor de cabeza', 'my head hurts', 'headache'])
    assert.ok(ids(text).includes('positional-headache'), text);
  assert.ok(ids('me duele el pecho').includes('chest-breathing'));
});

test('issue 13: ordinary sentences that share letters with symptoms raise nothing', () => {
  assertNoFlags([
    'hablo inglés',
    'me hice una resonancia',
    'me hicieron análisis de sangre',
    'I had blood work done',
    'my chest x-ray was clear',
    'Sorry, wrong number earlier.',
    'Una vez me cayó mal la anestesia',
    'I cannot wait to walk my dog again!',
    'we went to the hospital for my MRI',
    "I'm confused about the insurance form",
    'tengo mal aliento',
    'se me mojó la herida en la ducha',
    'tengo un silbido en el oído',
    "can't we talk tomorrow?",
    'tomé un trago de agua',
  ]);
});

test('a denial takes back the symptom it reaches, not a phrase that is itself the loss', () => {
  for (const text of [
    'no tengo fiebre',
    'sin fiebre',
    'ya no tengo fiebre',
    'I do not have a fever',
    'denies fever or chills',
    'no chest pain and no trouble breathing',
    'No bladder or bowel problems.',
    'no siento debilidad en las piernas',
    'la pierna ya no está hinchada',
    'orino bien',
    'bladder and bowels are normal',
  ])
    assert.equal(top(text), 'none', text);
  // The negation is part of the red flag.
  for (const text of [
    'no puedo orinar',
    "can't pee",
    'I cannot feel my legs',
    'no sensation when I sit on the toilet',
    'I have no strength in my legs',
    'no me entra el aire',
  ])
    assert.equal(top(text), 'emergency', text);
  // A denial reaches its own clause only.
  assert.deepEqual(ids('no tengo fiebre pero no puedo orinar'), ['bladder-bowel']);
  assert.ok(ids('no fever and my legs are numb').includes('new-numbness'));
  assert.ok(!ids('no fever and my legs are numb').includes('fever-wound'));
});

test('"not sure" is never "no": a hedged sentence keeps its flag', () => {
  for (const text of [
    'no sé si tengo fiebre',
    'not sure if I have a fever',
    'I think I can’t feel my legs',
    "I don't know if my wound is infected",
    'creo que no tengo fiebre',
  ])
    assert.notEqual(top(text), 'none', text);
  assert.equal(top('I think I cant feel my legs'), 'emergency');
});

test('numbness of long standing or slowly improving is not new numbness', () => {
  assert.ok(ids('new numbness in my foot since yesterday').includes('new-numbness'));
  assert.deepEqual(ids('Numbness in my left foot for two years, looking for a consult'), []);
  assert.deepEqual(ids('Hormigueo en las manos desde hace meses.'), []);
  assert.deepEqual(ids('the numbness in my toes is slowly getting better'), []);
  // Saddle numbness is an emergency however long it has been there.
  assert.equal(top('numb between my legs for months'), 'emergency');
});
