import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInProcess, runProcess } from './run-cli.test-helper.ts';

const base = [
  'plan',
  '--region',
  'lumbar',
  '--procedure',
  'laminectomy',
  '--surgery-date',
  '2026-11-01',
];

test('lamina plan prints a readable plan for the day asked', async () => {
  const { code, stdout, stderr } = await runInProcess([...base, '--today', '2026-11-20']);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /day 19 after surgery/);
  assert.match(stdout, /NOW: Weeks 3 to 6 \(2026-11-16 to 2026-12-13\)/);
  assert.match(stdout, /10 lb \(4\.5 kg\).*until 2026-12-13/);
  assert.match(stdout, /\[seed:001/);
  assert.equal(stderr, '');
});

test('lamina plan --json gives the documented shape', async () => {
  const { code, stdout } = await runInProcess([
    ...base,
    '--approach',
    'mis',
    '--levels',
    '2',
    '--today',
    '2026-11-02',
    '--json',
  ]);
  assert.equal(code, 0);
  const plan = JSON.parse(stdout);
  assert.equal(plan.surgery.approach, 'minimally-invasive');
  assert.equal(plan.surgery.levels, 2);
  assert.equal(plan.dayOfRecovery, 1);
  assert.equal(plan.currentPhase.id, 'lumbar-first-48-hours');
  for (const key of [
    'protocol',
    'phases',
    'restrictions',
    'milestones',
    'followUps',
    'symptomCourse',
    'warningSigns',
    'notices',
  ]) {
    assert.ok(key in plan, key);
  }
});

test('lamina plan uses today’s date when --today is left out', async () => {
  const { stdout } = await runInProcess([...base, '--json'], { today: '2026-11-08' });
  assert.equal(JSON.parse(stdout).dayOfRecovery, 7);
});

test('lamina plan reads the surgeon’s overrides from a file and marks them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-plan-'));
  const file = join(dir, 'overrides.json');
  writeFileSync(
    file,
    JSON.stringify({ restrictions: { 'lifting-limit': { maxLoadLb: 5, lifts: { weeks: 8 } } } }),
  );
  const { code, stdout } = await runInProcess([
    ...base,
    '--today',
    '2026-12-20',
    '--overrides',
    file,
  ]);
  assert.equal(code, 0);
  assert.match(stdout, /5 lb \(2\.3 kg\)\. Lasts until 2026-12-27\. \(set by your surgeon\)/);
});

test('bad or missing arguments get one clear line, exit 2 and nothing on stdout', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['plan', '--procedure', 'laminectomy', '--surgery-date', '2026-11-01'],
      /--region is required \(lumbar or cervical\)/,
    ],
    [
      [
        'plan',
        '--region',
        'thoracic',
        '--procedure',
        'laminectomy',
        '--surgery-date',
        '2026-11-01',
      ],
      /--region: expected lumbar or cervical/,
    ],
    [
      ['plan', '--region', 'lumbar', '--procedure', 'fusion', '--surgery-date', '2026-11-01'],
      /--procedure: expected laminotomy, laminectomy, microlaminectomy/,
    ],
    [
      ['plan', '--region', 'lumbar', '--procedure', 'laminectomy', '--surgery-date', '2026-02-30'],
      /--surgery-date: expected a date written YYYY-MM-DD/,
    ],
    [['plan', '--region', 'lumbar', '--procedure', 'laminectomy'], /--surgery-date is required/],
    [[...base, '--levels', 'two'], /--levels: expected a number/],
    [[...base, '--levels', '0'], /--levels: expected a whole number from 1 to 8/],
    [[...base, '--approach', 'robotic'], /--approach: expected open or mis/],
    [[...base, '--today', 'tomorrow'], /--today: expected a date/],
    [[...base, '--job', 'astronaut'], /--job: expected none, desk, light, heavy/],
    [[...base, '--colour', 'blue'], /Unknown option '--colour'.*--help/],
    [
      [
        'plan',
        '--region',
        'lumbar',
        '--procedure',
        'microlaminectomy',
        '--surgery-date',
        '2026-11-01',
        '--approach',
        'open',
      ],
      /always minimally invasive/,
    ],
    [[...base, '--overrides', '/nonexistent/file.json'], /--overrides: cannot read/],
  ];
  for (const [argv, message] of cases) {
    const { code, stdout, stderr } = await runInProcess(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.equal(stdout, '', argv.join(' '));
    assert.match(stderr, message, argv.join(' '));
    assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
  }
});

test('an override for something the protocol does not have is refused by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-plan-'));
  const file = join(dir, 'overrides.json');
  writeFileSync(file, JSON.stringify({ restrictions: { 'wear-collar': { lifts: 'lifted' } } }));
  const { code, stderr } = await runInProcess([...base, '--overrides', file]);
  assert.equal(code, 2);
  assert.match(stderr, /restrictions\.wear-collar is not in the lumbar-decompression protocol/);
});

test('the real lamina process prints a plan and exits 0, and exits 2 on a bad argument', () => {
  const ok = runProcess([
    'plan',
    '--region',
    'cervical',
    '--procedure',
    'laminectomy',
    '--surgery-date',
    '2026-11-01',
    '--today',
    '2026-11-05',
    '--fusion',
  ]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Wear your neck collar/);
  const bad = runProcess(['plan', '--region', 'cervical']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^lamina plan: --procedure is required/);
});

test('lamina with no command shows usage; an unknown command is named', async () => {
  const none = await runInProcess([]);
  assert.equal(none.code, 2);
  assert.match(none.stdout, /Usage: lamina <command>/);
  const unknown = await runInProcess(['plna']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "plna"/);
});

test('--preop-bladder changes the plan (seed:003); --age is gone, since no source makes age slow recovery', async () => {
  const plain = await runInProcess([...base, '--today', '2026-11-20', '--json']);
  const bladder = await runInProcess([
    ...base,
    '--today',
    '2026-11-20',
    '--preop-bladder',
    '--json',
  ]);
  assert.equal(bladder.code, 0, bladder.stderr);
  const ids = (stdout: string) =>
    (JSON.parse(stdout).symptomCourse.slowerHealing as { id: string }[]).map((s) => s.id);
  assert.ok(ids(bladder.stdout).includes('nerve.factor.bladder-before'));
  assert.ok(!ids(plain.stdout).includes('nerve.factor.bladder-before'));
  const age = await runInProcess([...base, '--age', '70']);
  assert.notEqual(age.code, 0);
  assert.match(age.stderr, /age/);
});
