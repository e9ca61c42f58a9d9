import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess, runProcess } from './run-cli.test-helper.ts';

const surgery = { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-11-01' };
const input = (extra: object) => JSON.stringify({ surgery, ...extra });

test('lamina triage prints the decision as JSON', async () => {
  const { code, stdout, stderr } = await runInProcess(['triage'], {
    stdin: input({ checkin: { temperature: { value: 101.2, unit: 'F' } }, today: '2026-11-11' }),
  });
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const decision = JSON.parse(stdout);
  assert.equal(decision.level, 'urgent');
  assert.equal(decision.daysSinceSurgery, 10);
  assert.equal(decision.findings[0].ruleId, 'fever');
  assert.ok(decision.findings[0].sources.includes('ref:3'));
  for (const key of ['offTrack', 'instruction', 'selfCare', 'unanswered', 'disclaimer']) {
    assert.ok(key in decision, key);
  }
});

test('lamina triage uses the local date when today is left out, and reads history', async () => {
  const history = [
    { date: '2026-11-18', numbness: { change: 'worse' } },
    { date: '2026-11-19', numbness: { change: 'unchanged' } },
  ];
  const { code, stdout } = await runInProcess(['triage'], {
    stdin: input({ checkin: { numbness: { change: 'worse' } }, history }),
    today: '2026-11-20',
  });
  assert.equal(code, 0);
  const decision = JSON.parse(stdout);
  assert.equal(decision.daysSinceSurgery, 19);
  assert.equal(decision.offTrack, true);
  assert.ok(
    decision.findings.some((f: { ruleId: string }) => f.ruleId === 'numbness-keeps-increasing'),
  );
});

test('lamina triage rejects bad input naming the field, exit 2, nothing on stdout', async () => {
  const cases: [string, RegExp][] = [
    ['', /expected JSON on stdin/],
    ['{not json', /not valid JSON/],
    [JSON.stringify({ checkin: {} }), /^lamina triage: surgery: is required/],
    [input({}), /^lamina triage: checkin: is required/],
    [
      input({ checkin: { temperature: { value: 99, unit: 'C' } } }),
      /checkin\.temperature\.value: must be a body temperature/,
    ],
    [input({ checkin: { swallowing: 'mild' } }), /checkin: .*swallowing/],
    [input({ checkin: { saddleNumbness: true } }), /checkin\.saddleNumbness:/],
    [
      JSON.stringify({ surgery: { ...surgery, region: 'thoracic' }, checkin: {} }),
      /surgery\.region:/,
    ],
    [input({ checkin: {}, today: '2026-02-30' }), /^lamina triage: today:/],
    [input({ checkin: {}, history: [{ limbPain: 3 }] }), /history\[0\]\.date: is required/],
    [
      input({ checkin: {}, today: '2026-11-05', history: [{ date: '2026-11-09' }] }),
      /history\[0\]\.date: 2026-11-09 is after today/,
    ],
    [input({ checkin: {}, settings: { feverC: 39 } }), /settings\.feverC: must be at most 38/],
    [input({ checkin: {}, extra: 1 }), /extra/],
  ];
  for (const [stdin, message] of cases) {
    const { code, stdout, stderr } = await runInProcess(['triage'], { stdin });
    assert.equal(code, 2, stdin);
    assert.equal(stdout, '', stdin);
    assert.match(stderr, message, stdin);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  }
});

test('lamina triage --help explains the contract', async () => {
  const { code, stdout } = await runInProcess(['triage', '--help']);
  assert.equal(code, 0);
  assert.match(stdout, /README/);
});

test('the real lamina process triages stdin and fails cleanly on bad input', () => {
  const ok = runProcess(['triage'], {
    stdin: JSON.stringify({
      surgery: { region: 'cervical', procedure: 'laminectomy', surgeryDate: '2026-11-01' },
      checkin: { swallowing: 'cannot' },
      today: '2026-11-02',
    }),
  });
  assert.equal(ok.code, 0, ok.stderr);
  const decision = JSON.parse(ok.stdout);
  assert.equal(decision.level, 'emergency');
  assert.equal(decision.instruction.id, 'triage.headline.emergency');

  const bad = runProcess(['triage'], { stdin: input({ checkin: { limbPain: 12 } }) });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /checkin\.limbPain:/);
});
