import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statementsEs } from '../i18n/statements.es.ts';
import { isKnownSource } from '../sources/source.ts';
import {
  imagingReviewAddendumSchema,
  imagingReviewGuidance,
  imagingReviewNextSteps,
  imagingReviewNotice,
  imagingReviewResultSchema,
  imagingReviewTextLimits,
  imagingReviewTexts,
} from './imaging-review.ts';

const all = [
  imagingReviewNotice,
  ...imagingReviewNextSteps.flatMap((step) => [
    imagingReviewGuidance[step].meaning,
    imagingReviewGuidance[step].doNow,
  ]),
];

test('every fixed text has known sources, seed 002 among them, and Spanish', () => {
  for (const statement of all) {
    assert.ok(statement.sources.includes('seed:002'), statement.id);
    for (const source of statement.sources) assert.ok(isKnownSource(source), source);
    assert.ok(statementsEs[statement.id], `Spanish for ${statement.id}`);
  }
});

test('the notice says it is not a diagnosis and when to call the emergency number', () => {
  assert.match(imagingReviewNotice.text, /not a diagnosis/);
  assert.match(imagingReviewNotice.text, /emergency number/);
  assert.match(statementsEs['imaging-review.notice'] ?? '', /no un diagnóstico/);
});

test('the texts come in the language of the request', () => {
  const en = imagingReviewTexts('conservative_care', 'en');
  const es = imagingReviewTexts('conservative_care', 'es');
  assert.equal(en.notice.lang, 'en');
  assert.equal(en.meaning.text, imagingReviewGuidance.conservative_care.meaning.text);
  assert.equal(es.notice.lang, 'es');
  assert.equal(es.doNow.text, statementsEs['imaging-review.conservative-care.do-now']);
  assert.deepEqual(es.doNow.sources, imagingReviewGuidance.conservative_care.doNow.sources);
});

test('the result: a next step from the list and a summary within its limits', () => {
  const ok = imagingReviewResultSchema.safeParse({
    nextStep: 'consultation',
    summary: '  Your MRI shows narrowing at one level of the lower back.  ',
  });
  assert.ok(ok.success);
  assert.equal(ok.data.summary, 'Your MRI shows narrowing at one level of the lower back.');
  for (const bad of [
    { nextStep: 'surgery', summary: 'Your MRI shows narrowing at one level.' },
    { nextStep: 'consultation', summary: 'too short' },
    { nextStep: 'consultation', summary: 'x'.repeat(imagingReviewTextLimits.summary.max + 1) },
    { nextStep: 'consultation', summary: 'Your MRI shows narrowing at one level.', extra: 1 },
  ])
    assert.equal(
      imagingReviewResultSchema.safeParse(bad).success,
      false,
      JSON.stringify(bad).slice(0, 60),
    );
  assert.equal(imagingReviewAddendumSchema.safeParse({ text: 'short' }).success, false);
  assert.ok(
    imagingReviewAddendumSchema.safeParse({ text: 'The level is L4-L5, not L3-L4.' }).success,
  );
});
