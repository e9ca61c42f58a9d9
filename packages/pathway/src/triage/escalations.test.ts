import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkinSchemaFor, historyEntrySchemaFor } from '../checkin/checkin.ts';
import { statementsEs } from '../i18n/statements.es.ts';
import { unsureYesStatementIds } from '../i18n/triage-escalations.statements.es.ts';
import { instructionFor } from './define-rule.ts';
import { findRule } from './rules.ts';
import { runScenario } from './scenario-kit.ts';
import { unsureRules } from './unsure.ts';

test('"not sure" shows the patient the very words of the "yes" instruction, and tells the team', () => {
  for (const rule of unsureRules) {
    const yes = findRule(rule.id.replace(/^unsure-/, ''));
    assert.ok(yes, rule.id);
    assert.equal(rule.level, 'contact');
    assert.deepEqual(rule.regions, yes.regions);
    for (const region of rule.regions) {
      assert.equal(instructionFor(rule, region).text, instructionFor(yes, region).text, rule.id);
      assert.deepEqual(instructionFor(rule, region).sources, instructionFor(yes, region).sources);
    }
    assert.match(rule.clinicianSummary, /^Patient was unsure about /);
  }
});

test('"not sure" about saddle numbness: contact for the team, "call 911" for the patient, and a headline that does not say "not an emergency"', () => {
  for (const region of ['lumbar', 'cervical'] as const) {
    const decision = runScenario(
      {
        name: 'unsure saddle',
        sources: ['seed:001'],
        regions: [region],
        day: 6,
        checkin: { saddleNumbness: 'unsure' },
        level: 'contact',
        fires: [],
      },
      region,
    );
    assert.equal(decision.level, 'contact');
    assert.equal(decision.instruction.id, 'triage.headline.contact-unsure');
    assert.doesNotMatch(decision.instruction.text, /not an emergency/);
    const finding = decision.findings.find((f) => f.ruleId === 'unsure-saddle-numbness');
    assert.match(finding?.instruction.text ?? '', /Call 911/);
    assert.match(finding?.clinicianSummary ?? '', /unsure about numbness between the legs/);
    // Still listed as an open question too.
    assert.ok(decision.unanswered.some((q) => q.question === 'saddleNumbness'));
  }
});

test('old stored check-ins with only a free-text "where" still parse, for both regions', () => {
  for (const region of ['lumbar', 'cervical'] as const) {
    const old = {
      date: '2026-01-07',
      weakness: { change: 'worse', where: 'both legs' },
      walkingBalance: 'suddenly-worse',
    };
    assert.equal(historyEntrySchemaFor(region).safeParse(old).success, true, region);
  }
});

test('worsening weakness without a structured "where" stays urgent and asks where, with "call 911 if both legs"', () => {
  const decision = runScenario(
    {
      name: 'where missing',
      sources: ['seed:001'],
      regions: ['lumbar'],
      day: 3,
      checkin: { weakness: { change: 'worse' } },
      level: 'urgent',
      fires: [],
    },
    'lumbar',
  );
  assert.equal(decision.level, 'urgent');
  const ask = decision.unanswered.find((q) => q.question === 'weakness.legs');
  assert.equal(ask?.levelIfYes, 'emergency');
  assert.match(ask?.prompt.text ?? '', /both legs.*call 911/);
});

test('the new answers are validated with clear field errors', () => {
  const lumbar = checkinSchemaFor('lumbar');
  const cervical = checkinSchemaFor('cervical');
  assert.equal(lumbar.safeParse({ walkingBalance: 'gradually-worse' }).success, true);
  assert.equal(lumbar.safeParse({ weakness: { change: 'worse', legs: 'both' } }).success, true);
  const badLegs = lumbar.safeParse({ weakness: { legs: 'three' } });
  assert.equal(badLegs.error?.issues[0]?.path.join('.'), 'weakness.legs');
  // Clumsy hands is a neck question: rejected after lumbar surgery, not silently dropped.
  assert.equal(lumbar.safeParse({ handClumsiness: 'new' }).success, false);
  assert.equal(cervical.safeParse({ handClumsiness: 'new' }).success, true);
  assert.equal(cervical.safeParse({ handClumsiness: 'yes' }).success, false);
  // Numbness keeps its own shape: no legs/arms there.
  assert.equal(lumbar.safeParse({ numbness: { legs: 'both' } }).success, false);
  // Below the plausible range is still a field error, not a low reading.
  const tooLow = lumbar.safeParse({ temperature: { value: 33.9, unit: 'C' } });
  assert.equal(tooLow.error?.issues[0]?.path.join('.'), 'temperature.value');
  assert.equal(lumbar.safeParse({ temperature: { value: 93.2, unit: 'F' } }).success, true);
});

test('the Spanish "not sure" copies list every "not sure" statement, and only those', () => {
  const ids = unsureRules.flatMap((rule) =>
    rule.regions.map((region) => instructionFor(rule, region).id.replace(/^triage\.unsure-/, '')),
  );
  assert.deepEqual([...new Set(ids)].sort(), [...unsureYesStatementIds].sort());
  for (const id of ids)
    assert.equal(statementsEs[`triage.unsure-${id}`], statementsEs[`triage.${id}`]);
});
