import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkinSchemaFor, type HistoryEntry } from '../checkin/checkin.ts';
import { addDays, type IsoDate } from '../dates/dates.ts';
import { isKnownSource } from '../sources/source.ts';
import { instructionFor } from './define-rule.ts';
import { allTriageRules, findRule } from './rules.ts';
import { calmCheckin, surgeryFor } from './scenario-kit.ts';
import { resolveTriageSettings, triageSettingLimits, triageSettingsSchema } from './settings.ts';
import { triage } from './triage.ts';

const lumbar = surgeryFor('lumbar');
const cervical = surgeryFor('cervical');
const dayAfter = (days: number) => addDays(lumbar.surgeryDate, days);
const parse = (region: 'lumbar' | 'cervical', input: object) =>
  checkinSchemaFor(region).parse(input);

test('every rule has a unique id, at least one known source, and a patient instruction per region', () => {
  const ids = new Set<string>();
  const statementIds = new Set<string>();
  for (const rule of allTriageRules) {
    assert.ok(!ids.has(rule.id), `duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    assert.ok(rule.sources.length > 0, rule.id);
    for (const source of rule.sources) assert.ok(isKnownSource(source), `${rule.id}: ${source}`);
    assert.ok(rule.clinicianSummary.length > 10, rule.id);
    for (const region of rule.regions) {
      const statement = instructionFor(rule, region);
      assert.deepEqual(statement.sources, rule.sources);
      assert.equal(statement.uncertain === true, rule.uncertain === true, rule.id);
      assert.ok(statement.id.startsWith(`triage.${rule.id}`), statement.id);
      statementIds.add(statement.id);
    }
  }
  assert.ok(statementIds.size >= allTriageRules.length);
});

test('rules built on sources the reference marks ⚠️ are marked uncertain', () => {
  for (const id of ['incision-drainage-clear', 'cannot-swallow', 'cannot-speak']) {
    assert.equal(findRule(id)?.uncertain, true, id);
  }
});

test('patient instructions use short sentences (plain words)', () => {
  for (const rule of allTriageRules) {
    for (const region of rule.regions) {
      const { text } = instructionFor(rule, region);
      const sentences = text.split(/[.!?]\s/).filter(Boolean);
      const longest = Math.max(...sentences.map((s) => s.split(/\s+/).length));
      assert.ok(longest <= 25, `${rule.id}: a sentence of ${longest} words`);
    }
  }
});

test('clinic settings may be more cautious, never less: the schema rejects, triage clamps', () => {
  assert.equal(triageSettingsSchema.safeParse({ feverC: 37.8 }).success, true);
  const loose = triageSettingsSchema.safeParse({ feverC: 38.6 });
  assert.equal(loose.success, false);
  assert.equal(loose.error?.issues[0]?.path.join('.'), 'feverC');
  assert.equal(triageSettingsSchema.safeParse({ noBowelMovementDays: 7 }).success, false);
  const clamped = resolveTriageSettings({
    feverC: 39.5,
    earlyFeverC: 40,
    earlyFeverDays: 9,
    noBowelMovementDays: 10,
  });
  assert.equal(clamped.feverC, triageSettingLimits.feverC.leastCautious);
  assert.equal(clamped.earlyFeverC, triageSettingLimits.earlyFeverC.leastCautious);
  assert.equal(clamped.earlyFeverDays, triageSettingLimits.earlyFeverDays.leastCautious);
  assert.equal(clamped.noBowelMovementDays, triageSettingLimits.noBowelMovementDays.leastCautious);
});

test('a loosened fever setting still raises 38.0 °C at day 10', () => {
  const checkin = parse('lumbar', { temperature: { value: 38.0, unit: 'C' } });
  const decision = triage(checkin, lumbar, [], dayAfter(10), { feverC: 39 });
  assert.equal(decision.level, 'urgent');
});

test('a more cautious clinic raises 37.8 °C at day 10', () => {
  const checkin = parse('lumbar', { temperature: { value: 37.8, unit: 'C' } });
  assert.equal(triage(checkin, lumbar, [], dayAfter(10)).level, 'routine');
  assert.equal(triage(checkin, lumbar, [], dayAfter(10), { feverC: 37.8 }).level, 'urgent');
});

test('the same temperature is routine on day 1 and urgent on day 10 (day-after-surgery awareness)', () => {
  const checkin = parse('cervical', { temperature: { value: 101, unit: 'F' } });
  const early = triage(checkin, cervical, [], dayAfter(1));
  assert.equal(early.level, 'routine');
  assert.ok(early.selfCare.some((s) => s.id === 'triage.selfcare.early-temperature'));
  assert.equal(triage(checkin, cervical, [], dayAfter(10)).level, 'urgent');
});

test('unanswered danger-sign questions are listed, and change the routine headline', () => {
  const decision = triage(parse('lumbar', { limbPain: 2 }), lumbar, [], dayAfter(5));
  assert.equal(decision.level, 'routine');
  assert.equal(decision.instruction.id, 'triage.headline.routine-unanswered');
  const asked = decision.unanswered.map((q) => q.question);
  for (const q of ['saddleNumbness', 'urinaryRetention', 'chestPain', 'temperature']) {
    assert.ok(asked.includes(q), q);
  }
  assert.ok(!asked.includes('swallowing'), 'neck questions are not asked after lumbar surgery');
  const saddle = decision.unanswered.find((q) => q.question === 'saddleNumbness');
  assert.equal(saddle?.levelIfYes, 'emergency');
  assert.match(saddle?.prompt.text ?? '', /911/);
});

test('a fully answered calm check-in has nothing unanswered and the plain routine headline', () => {
  const decision = triage(parse('cervical', calmCheckin('cervical')), cervical, [], dayAfter(5));
  assert.deepEqual(decision.unanswered, []);
  assert.equal(decision.instruction.id, 'triage.headline.routine');
  assert.ok(decision.selfCare.length > 0);
});

test('"unsure" about a danger sign is listed as unanswered', () => {
  const input = { ...calmCheckin('lumbar'), urinaryRetention: 'unsure' as const };
  const decision = triage(parse('lumbar', input), lumbar, [], dayAfter(3));
  assert.deepEqual(
    decision.unanswered.map((q) => q.question),
    ['urinaryRetention'],
  );
});

test('findings carry the patient’s own words and the most urgent comes first', () => {
  const checkin = parse('lumbar', {
    numbness: { change: 'worse', where: 'left big toe' },
    chestPain: 'yes',
  });
  const decision = triage(checkin, lumbar, [], dayAfter(6));
  assert.deepEqual(
    decision.findings.map((f) => f.ruleId),
    ['chest-pain', 'numbness-worse'],
  );
  assert.equal(decision.findings[1]?.patientWords, 'left big toe');
  assert.deepEqual(decision.selfCare, []);
});

test('history entries dated after today are ignored', () => {
  const checkin = parse('lumbar', { numbness: { change: 'worse' } });
  const future: HistoryEntry[] = [{ numbness: { change: 'worse' }, date: dayAfter(40) as IsoDate }];
  const decision = triage(checkin, lumbar, future, dayAfter(30));
  assert.ok(!decision.findings.some((f) => f.ruleId === 'numbness-keeps-increasing'));
});

test('a check-in before the surgery date still raises red flags', () => {
  const decision = triage(parse('lumbar', { saddleNumbness: 'yes' }), lumbar, [], dayAfter(-3));
  assert.equal(decision.level, 'emergency');
  assert.equal(decision.daysSinceSurgery, -3);
});

test('numbness still improving after 3 months is a next-visit note, not a finding', () => {
  const checkin = parse('lumbar', { numbness: { change: 'improving' } });
  const decision = triage(checkin, lumbar, [], dayAfter(120));
  assert.equal(decision.level, 'routine');
  assert.ok(decision.selfCare.some((s) => s.id === 'triage.selfcare.numbness-improving'));
});

test('a free-text note is never read for danger signs, and the patient is told so', () => {
  const checkin = parse('lumbar', {
    ...calmCheckin('lumbar'),
    note: 'cannot pee since this morning',
  });
  const decision = triage(checkin, lumbar, [], dayAfter(3));
  assert.equal(decision.level, 'routine');
  assert.ok(decision.selfCare.some((s) => s.id === 'triage.note-not-read'));
});
