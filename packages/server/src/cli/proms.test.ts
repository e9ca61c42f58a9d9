import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess, runProcess } from './run-cli.test-helper.ts';

const run = (argv: string[], stdin = '') => runInProcess(argv, { stdin, today: '2026-04-13' });

test('proms due uses io.today when --today is not given: 6 weeks after Mar 1 is overdue on Apr 13', async () => {
  const { code, out, err } = await run([
    'proms',
    'due',
    '--surgery-date',
    '2026-03-01',
    '--region',
    'cervical',
  ]);
  assert.equal(code, 0, err);
  const report = JSON.parse(out);
  assert.equal(report.today, '2026-04-13');
  assert.ok(
    report.dueNow.every(
      (d: { timepoint: string; status: string }) =>
        d.timepoint === '6-weeks' && d.status === 'overdue',
    ),
  );
  assert.equal(report.dueNow.length, 5);
});

test('proms due reads responses on stdin and honours --licensed', async () => {
  const responses = [{ instrument: 'nrs-back-leg', completedOn: '2026-04-10' }];
  const { code, out } = await run(
    [
      'proms',
      'due',
      '--surgery-date',
      '2026-03-01',
      '--region',
      'lumbar',
      '--today',
      '2026-04-13',
      '--licensed',
      'odi',
    ],
    JSON.stringify(responses),
  );
  assert.equal(code, 0);
  const due = JSON.parse(out).dueNow.map((d: { instrument: string }) => d.instrument);
  assert.deepEqual(due, ['odi', 'zcq', 'work-status', 'pain-medication']);
});

test('proms due: bad options and responses give one line naming the field, exit 2', async () => {
  const cases: [string[], string, RegExp][] = [
    [['proms', 'due', '--region', 'lumbar'], '', /--surgery-date is required/],
    [
      ['proms', 'due', '--surgery-date', '2026-02-30', '--region', 'lumbar'],
      '',
      /--surgery-date: must be a real calendar date/,
    ],
    [['proms', 'due', '--surgery-date', '2026-02-01', '--region', 'thoracic'], '', /--region/],
    [
      ['proms', 'due', '--surgery-date', '2026-02-01', '--region', 'lumbar'],
      '[{"instrument":"odi","completedOn":"soon"}]',
      /responses\.0\.completedOn/,
    ],
    [
      ['proms', 'due', '--surgery-date', '2026-02-01', '--region', 'lumbar', '--today', 'tomorrow'],
      '',
      /--today/,
    ],
    [['proms', 'fetch'], '', /unknown subcommand/],
  ];
  for (const [argv, stdin, message] of cases) {
    const { code, out, err } = await run(argv, stdin);
    assert.equal(code, 2, argv.join(' '));
    assert.equal(out, '');
    assert.match(err, message);
  }
});

test('proms change classifies against the MCID (ODI 12.8 points, ref:34)', async () => {
  const { code, out } = await run([
    'proms',
    'change',
    'odi',
    '--baseline',
    '50',
    '--follow-up',
    '37.2',
  ]);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).classification, 'improved');
  const ndi = await run([
    'proms',
    'change',
    'ndi',
    '--scale',
    'raw',
    '--baseline',
    '20',
    '--follow-up',
    '16',
  ]);
  assert.equal(JSON.parse(ndi.out).classification, 'no-important-change');
  const noScale = await run(['proms', 'change', 'ndi', '--baseline', '20', '--follow-up', '16']);
  assert.equal(noScale.code, 2);
  assert.match(noScale.err, /--scale is required/);
  const notNumber = await run([
    'proms',
    'change',
    'odi',
    '--baseline',
    'forty',
    '--follow-up',
    '1',
  ]);
  assert.match(notNumber.err, /--baseline: must be a number/);
});

test('proms questionnaire prints a FHIR Questionnaire', async () => {
  const { code, out } = await run(['proms', 'questionnaire', 'zcq']);
  assert.equal(code, 0);
  const questionnaire = JSON.parse(out);
  assert.equal(questionnaire.resourceType, 'Questionnaire');
  assert.equal(questionnaire.item.length, 18);
});

test('the real process: lamina proms due across a month end', () => {
  const result = runProcess(
    ['proms', 'due', '--surgery-date', '2026-11-30', '--region', 'lumbar', '--today', '2027-02-20'],
    { stdin: '' },
  );
  assert.equal(result.code, 0, result.stderr);
  const threeMonths = JSON.parse(result.stdout).timepoints.find(
    (t: { timepoint: string }) => t.timepoint === '3-months',
  );
  assert.equal(threeMonths.target, '2027-02-28');
  assert.equal(threeMonths.status, 'due');
  const bad = runProcess(['proms', 'due', '--region', 'lumbar'], { stdin: '' });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
