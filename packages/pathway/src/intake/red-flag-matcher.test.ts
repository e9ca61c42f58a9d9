import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern, findHits, foldWord, tokenize } from './red-flag-matcher.ts';

test('the spelling fold meets common misspellings', () => {
  const same = [
    ['horinar', 'orinar'],
    ['inchado', 'hinchado'],
    ['adormesido', 'adormecido'],
    ['cabesa', 'cabeza'],
    ['devil', 'debil'],
    ['yamar', 'llamar'],
    ['pleeease', 'please'],
    ['weeker', 'weker'],
  ];
  for (const [a = '', b = ''] of same) assert.equal(foldWord(a), foldWord(b), `${a} / ${b}`);
  assert.notEqual(foldWord('pecho'), foldWord('peso'));
});

test('text splits into sentences and words; decimals and hyphens do not end a sentence', () => {
  const sentences = tokenize('Fever of 101.8! My x-ray, fine');
  assert.equal(sentences.length, 2);
  assert.deepEqual(
    sentences[0]?.tokens.map((t) => t.raw),
    ['fever', 'of', '101', '8'],
  );
  const [x, ray, fine] = sentences[1]?.tokens.slice(1) ?? [];
  assert.equal(x?.segment, ray?.segment);
  assert.notEqual(ray?.segment, fine?.segment, 'a comma starts a new stretch');
  assert.equal(tokenize("I can not pee, can't")[0]?.tokens[1]?.raw, 'cannot');
});

test('patterns match stems, word sequences and small gaps, and no more', () => {
  const tokens = (text: string) => tokenize(text)[0]?.tokens ?? [];
  const pattern = compilePattern('no puedo|pude orin*|hacer_pis');
  assert.equal(findHits(pattern, tokens('no puedo orinar')).length, 1);
  assert.equal(findHits(pattern, tokens('no puedo hacer pis')).length, 1);
  assert.equal(findHits(pattern, tokens('no lo puedo casi orinar')).length, 1, 'gaps of 3');
  assert.equal(findHits(pattern, tokens('no a b c d puedo orinar')).length, 0, 'gap too wide');
  assert.equal(findHits(compilePattern('{0} me orino'), tokens('me lo orino')).length, 0);
  const hit = findHits(pattern, tokens('ya no puedo orinar'))[0];
  assert.deepEqual([hit?.start, hit?.end, hit?.carriesNegation], [1, 4, true]);
  assert.equal(findHits(compilePattern('orin*'), tokens('orinar'))[0]?.carriesNegation, false);
  assert.equal(findHits(compilePattern('!orin*'), tokens('orinar'))[0]?.carriesNegation, true);
  // `=word` skips the fold: "wee" is not "we".
  assert.equal(findHits(compilePattern('cant =wee'), tokens('cant wee')).length, 1);
  assert.equal(findHits(compilePattern('cant =wee'), tokens('cant we go')).length, 0);
});

test('a stem that folds too short is refused, so it cannot match half the dictionary', () => {
  assert.throws(() => compilePattern('ooz*'), /too short/);
  assert.throws(() => compilePattern('dolor? cabeza'), /bad red-flag pattern word/);
});
