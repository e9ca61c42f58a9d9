import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CorpusSet, corpusByLanguage, scoreCorpus } from './red-flag-corpus.ts';
import { findRedFlagWords } from './red-flag-words.ts';

/** The detector as the corpus sees it: the most serious level found, or none. */
const detect = (text: string) => findRedFlagWords(text)[0]?.level ?? 'none';

const languages = corpusByLanguage;

// Decision 014: thresholds the corpus must meet in each language.
const thresholds = { emergencyRecall: 0.95, urgentRecall: 0.9, falseAlarmRate: 0.05 };

test('the corpus is big enough and every phrase is labelled once', () => {
  for (const [language, set] of Object.entries(languages)) {
    const all = [...set.emergency, ...set.urgent, ...set.none];
    assert.ok(all.length >= 250, `${language}: ${all.length} phrases`);
    assert.ok(set.emergency.length >= 100 && set.urgent.length >= 60 && set.none.length >= 80);
    const seen = new Map<string, number>();
    for (const text of all) seen.set(text, (seen.get(text) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([text]) => text);
    assert.deepEqual(twice, [], `${language}: labelled more than once`);
  }
});

for (const [language, set] of Object.entries(languages))
  test(`${language}: recall on emergencies and urgent phrases, false alarms on calm ones`, () => {
    const score = scoreCorpus(set, detect);
    const percent = (n: number) => `${(n * 100).toFixed(1)} %`.padStart(8);
    console.log(
      [
        `red-flag corpus, ${language}: ${score.phrases} phrases`,
        `  emergency recall ${percent(score.emergencyRecall)}  (no flag: ${score.emergencyMissed.length}, only urgent: ${score.emergencyAsUrgent.length}; of ${set.emergency.length})`,
        `  urgent recall    ${percent(score.urgentRecall)}  (missed: ${score.urgentMissed.length} of ${set.urgent.length})`,
        `  false alarms     ${percent(score.falseAlarmRate)}  (${score.falseAlarms.length} of ${set.none.length})`,
      ].join('\n'),
    );
    // The worst error: an emergency that shows no instruction at all.
    assert.deepEqual(score.emergencyMissed, [], 'emergency phrases with no flag at all');
    assert.ok(
      score.emergencyRecall >= thresholds.emergencyRecall,
      `emergency recall ${score.emergencyRecall}; as urgent only: ${score.emergencyAsUrgent.join(' | ')}`,
    );
    assert.ok(
      score.urgentRecall >= thresholds.urgentRecall,
      `urgent recall ${score.urgentRecall}; missed: ${score.urgentMissed.join(' | ')}`,
    );
    assert.ok(
      score.falseAlarmRate <= thresholds.falseAlarmRate,
      `false alarms ${score.falseAlarmRate}: ${score.falseAlarms.join(' | ')}`,
    );
  });

test('the scorer counts what it should (so the thresholds above can fail)', () => {
  const set: CorpusSet = { emergency: ['e1', 'e2'], urgent: ['u1'], none: ['n1', 'n2'] };
  const answers: Record<string, 'emergency' | 'urgent' | 'none'> = {
    e1: 'emergency',
    e2: 'none',
    u1: 'emergency',
    n1: 'urgent',
    n2: 'none',
  };
  const score = scoreCorpus(set, (text) => answers[text] ?? 'none');
  assert.equal(score.emergencyRecall, 0.5);
  assert.deepEqual(score.emergencyMissed, ['e2']);
  assert.equal(score.urgentRecall, 1);
  assert.equal(score.falseAlarmRate, 0.5);
  // A detector that never flags fails every threshold.
  const silent = scoreCorpus(languages.en, () => 'none');
  assert.ok(silent.emergencyRecall < thresholds.emergencyRecall);
  // One that always flags has no misses but fails on false alarms.
  const alarmist = scoreCorpus(languages.en, () => 'emergency');
  assert.ok(alarmist.falseAlarmRate > thresholds.falseAlarmRate);
});
