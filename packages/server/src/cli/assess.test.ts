import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess, runProcess } from './run-cli.test-helper.ts';

const run = (argv: string[], stdin = '') => runInProcess(argv, { stdin, today: '2026-05-01' });

const stenosisStory = {
  region: 'lumbar',
  emergency: {
    newBladderOrBowelTrouble: false,
    saddleNumbness: false,
    rapidlyWorseningWeakness: false,
  },
  symptoms: {
    painTravelsIntoLimb: true,
    nervePatternNumbnessOrTingling: true,
    weakness: 'none',
    pattern: 'consistent',
  },
  walking: { worseWithStandingOrWalking: true, easedBySittingOrBendingForward: true },
  dailyTasksLost: ['walking-errands'],
  conservativeCare: { tried: ['physical-therapy'], weeks: 12, result: 'no-help' },
  imaging: { type: 'mri', showed: 'nerve-compression' },
};

test('assess prints the fit result for the seed:001 stenosis story', async () => {
  const { code, out, err } = await run(['assess'], JSON.stringify(stenosisStory));
  assert.equal(code, 0, err);
  const result = JSON.parse(out);
  assert.equal(result.category, 'strong-fit');
  assert.equal(result.notADiagnosis.id, 'candidacy.not-a-diagnosis');
});

test('assess stops at an emergency answer (ref:1)', async () => {
  const { code, out } = await run(
    ['assess'],
    JSON.stringify({ region: 'cervical', emergency: { saddleNumbness: true } }),
  );
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).category, 'urgent');
});

test('assess rejects bad input with one line naming the field, exit 2, nothing on stdout', async () => {
  const cases: [string, RegExp][] = [
    [
      JSON.stringify({ region: 'lumbar', symptoms: { weakness: 'very' } }),
      /answers\.symptoms\.weakness/,
    ],
    [JSON.stringify({ region: 'thoracic' }), /answers\.region/],
    [
      JSON.stringify({ region: 'lumbar', walking: { limp: true } }),
      /answers\.walking\.limp: unknown field/,
    ],
    ['{not json', /not valid JSON/],
    ['', /got nothing/],
  ];
  for (const [stdin, message] of cases) {
    const { code, out, err } = await run(['assess'], stdin);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, message);
    assert.equal(err.trim().split('\n').length, 1);
  }
});

test('the real process: lamina assess reads stdin and exits 2 on a bad field', () => {
  const ok = runProcess(['assess'], { stdin: JSON.stringify(stenosisStory) });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).category, 'strong-fit');
  const bad = runProcess(['assess'], { stdin: '{"region":"hip"}' });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^lamina assess: answers\.region: /);
});
