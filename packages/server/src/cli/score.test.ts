import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess, runProcess } from './run-cli.test-helper.ts';

const run = (argv: string[], stdin = '') => runInProcess(argv, { stdin, today: '2026-05-01' });

const odiExample = {
  'pain-intensity': 3,
  'personal-care': 2,
  lifting: 1,
  walking: 2,
  sitting: 2,
  standing: 1,
  sleeping: 2,
  'sex-life': null,
  'social-life': 2,
  travelling: 1,
};

test('score odi needs the clinic licence; with it, the manual example gives 35.6 (16 ÷ 45)', async () => {
  const refused = await run(['score', 'odi'], JSON.stringify(odiExample));
  assert.equal(refused.code, 2);
  assert.equal(refused.out, '');
  assert.match(refused.err, /licence/);
  const { code, out } = await run(
    ['score', 'odi', '--licensed', 'odi'],
    JSON.stringify(odiExample),
  );
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).scales[0].value, 35.6);
});

test('score ndi applies the missing-item rule', async () => {
  const answers = {
    'pain-intensity': 2,
    'personal-care': 2,
    lifting: 2,
    reading: 2,
    headaches: 2,
    concentration: 2,
    work: 2,
    sleeping: 2,
    recreation: 2,
  };
  const { code, out } = await run(['score', 'ndi'], JSON.stringify(answers));
  assert.equal(code, 0);
  assert.deepEqual(
    JSON.parse(out).scales.map((s: { value: number }) => s.value),
    [20, 40],
  );
});

test('score rejects bad answers naming the item, and unknown instruments', async () => {
  const offScale = await run(['score', 'nrs-back-leg'], '{"axial": 11}');
  assert.equal(offScale.code, 2);
  assert.match(offScale.err, /answers\.axial: must be one of 0, 1/);
  const unknown = await run(['score', 'sf36'], '{}');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown instrument "sf36"/);
  const noName = await run(['score'], '{}');
  assert.equal(noName.code, 2);
  const badFlag = await run(['score', 'ndi', '--licenced', 'odi'], '{}');
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.err, /licenced/);
});

test('score --list shows each instrument and whether it needs a clinic licence', async () => {
  const { code, out } = await run(['score', '--list']);
  assert.equal(code, 0);
  const odi = JSON.parse(out).find((i: { instrument: string }) => i.instrument === 'odi');
  assert.equal(odi.needsClinicLicence, true);
});

test('the real process: lamina score mjoa', () => {
  const input = JSON.stringify({
    'upper-limb-motor': 4,
    'lower-limb-motor': 5,
    'upper-limb-sensory': 2,
    urinary: 2,
  });
  const result = runProcess(['score', 'mjoa'], { stdin: input });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).scales[0].band.id, 'moderate');
  const bad = runProcess(['score', 'mjoa'], { stdin: '{"urinary": 4}' });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /answers\.urinary/);
});
