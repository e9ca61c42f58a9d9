import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource } from '../sources/source.ts';
import { candidacyNextSteps, candidacyQuestions, candidacyStatements } from './statements.ts';

const all = [
  ...Object.values(candidacyStatements),
  ...Object.values(candidacyQuestions),
  ...Object.values(candidacyNextSteps),
];

test('candidacy statement ids are unique and namespaced (they are translation keys)', () => {
  const ids = all.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^candidacy\.[a-z-]+(\.[a-z-]+)*$/);
});

test('every candidacy statement cites a known source', () => {
  for (const statement of all) {
    assert.ok(statement.sources.length > 0, statement.id);
    for (const s of statement.sources) assert.ok(isKnownSource(s), `${statement.id}: ${s}`);
  }
});

test('patient sentences stay short (plain-language guard: under 25 words per sentence)', () => {
  for (const statement of all) {
    for (const sentence of statement.text.split(/(?<=[.?!])\s+/)) {
      assert.ok(sentence.split(/\s+/).length < 25, `${statement.id}: "${sentence}"`);
    }
  }
});
