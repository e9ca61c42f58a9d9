import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '@lamina/pathway';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

async function run(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readStdin: async () => stdin,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    today: () => '2026-05-01' as IsoDate,
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

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
  const ok = spawnSync(process.execPath, [mainPath, 'assess'], {
    input: JSON.stringify(stenosisStory),
    encoding: 'utf8',
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).category, 'strong-fit');
  const bad = spawnSync(process.execPath, [mainPath, 'assess'], {
    input: '{"region":"hip"}',
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^lamina assess: answers\.region: /);
});
