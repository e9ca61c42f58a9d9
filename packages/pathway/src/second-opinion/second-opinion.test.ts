import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource } from '../sources/source.ts';
import {
  fusionAnswerProblem,
  recommendationGuidance,
  secondOpinionNotice,
  secondOpinionRecommendations,
  secondOpinionReportSchema,
} from './second-opinion.ts';

test('every recommendation has plain words and what to do now, each with known sources', () => {
  for (const recommendation of secondOpinionRecommendations) {
    const guidance = recommendationGuidance[recommendation];
    for (const statement of [guidance.meaning, guidance.doNow, secondOpinionNotice]) {
      assert.ok(statement.sources.length > 0, statement.id);
      for (const source of statement.sources) assert.ok(isKnownSource(source), source);
    }
  }
  assert.deepEqual(
    secondOpinionRecommendations.filter((r) => recommendationGuidance[r].urgent),
    ['urgent_care'],
  );
});

test('the fusion question is required exactly when the surgery included a fusion', () => {
  assert.equal(fusionAnswerProblem('yes', true), undefined);
  assert.equal(fusionAnswerProblem('unclear', true), undefined);
  assert.match(fusionAnswerProblem('not_applicable', true) ?? '', /included a fusion/);
  assert.equal(fusionAnswerProblem('not_applicable', false), undefined);
  assert.match(fusionAnswerProblem('no', false) ?? '', /no fusion/);
});

test('a report needs a known recommendation and a summary for the patient within limits', () => {
  const report = {
    decompressionAdequate: 'yes',
    fusionForming: 'not_applicable',
    recommendation: 'continue_plan',
    patientSummary: 'Your nerves have room now. Keep walking every day.',
  };
  assert.equal(secondOpinionReportSchema.safeParse(report).success, true);
  assert.equal(secondOpinionReportSchema.parse(report).concerns, '');
  for (const bad of [
    { ...report, recommendation: 'surgery' },
    { ...report, patientSummary: 'ok' },
    { ...report, patientSummary: 'x'.repeat(2001) },
    { ...report, decompressionAdequate: 'maybe' },
    { ...report, extra: true },
  ])
    assert.equal(secondOpinionReportSchema.safeParse(bad).success, false, JSON.stringify(bad));
});
