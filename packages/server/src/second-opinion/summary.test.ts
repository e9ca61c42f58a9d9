import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type IsoDate, plan, surgerySchema } from '@lamina/pathway';
import { ageBand, buildSummary, deidentifySummary, type SummaryInput } from './summary.ts';

const d = (value: string) => value as IsoDate;
const surgery = surgerySchema.parse({
  region: 'lumbar',
  procedure: 'laminectomy',
  surgeryDate: '2026-10-20',
  fusion: true,
  levels: 2,
});
const today = d('2026-12-01');
const input: SummaryInput = {
  today,
  patient: {
    given_name: 'Rosa',
    family_name: 'Quintanilla',
    email: 'rosa.q@mail.example',
    phone: '+1 555 0100',
    date_of_birth: '1961-04-17',
  },
  surgery,
  surgeonName: 'Dr. Hartwell',
  plan: plan(surgery, {}, today),
  checkins: [
    { date: d('2026-10-22'), level: 'routine', answers: { axialPain: 6, limbPain: 7 } },
    { date: d('2026-11-15'), level: 'contact', answers: { axialPain: 4, walkingMinutes: 20 } },
    { date: d('2026-11-30'), level: 'urgent', answers: { limbPain: 2, note: 'Call Rosa' } },
  ],
  proms: [
    {
      instrument: 'nrs-back-leg',
      completedOn: d('2026-11-19'),
      scales: [{ scale: 'leg', value: 3 }],
      change: [],
    },
  ],
};

test('the summary has surgery, plan position, check-in trajectory and PROMs', () => {
  const summary = buildSummary(input);
  assert.equal(summary.patient.name, 'Rosa Quintanilla');
  assert.equal(summary.surgery?.daysSinceSurgery, 42);
  assert.equal(summary.surgery?.fusion, true);
  assert.equal(summary.plan?.dayOfRecovery, 42);
  assert.ok(summary.plan?.currentPhase, 'a current phase six weeks after surgery');
  assert.ok((summary.plan?.restrictionsInForce.length ?? 0) > 0);
  assert.deepEqual(summary.checkins.byLevel, { routine: 1, contact: 1, urgent: 1, emergency: 0 });
  assert.deepEqual(
    summary.checkins.points.map((p) => [p.day, p.axialPain, p.limbPain]),
    [
      [2, 6, 7],
      [26, 4, null],
      [41, null, 2],
    ],
  );
  assert.equal(summary.proms[0]?.day, 30);
});

test('the de-identified summary carries no name, contact, birth date, surgeon or calendar date', () => {
  const json = JSON.stringify(deidentifySummary(buildSummary(input)));
  for (const secret of [
    'Rosa',
    'Quintanilla',
    'rosa.q@mail.example',
    '555',
    '1961',
    'Hartwell',
    'Call Rosa',
  ])
    assert.ok(!json.includes(secret), `leaks ${secret}`);
  assert.doesNotMatch(json, /\d{4}-\d{2}-\d{2}/, 'no calendar dates');
  const view = deidentifySummary(buildSummary(input));
  assert.equal(view.patient.ageBand, '60–69');
  assert.equal(view.surgery?.daysSinceSurgery, 42);
  assert.deepEqual(
    view.checkins.points.map((p) => p.day),
    [2, 26, 41],
  );
});

test('age bands are decades, and 90 or older is one band', () => {
  assert.equal(ageBand('1961-12-02', d('2026-12-01')), '60–69');
  assert.equal(ageBand('1966-12-01', d('2026-12-01')), '60–69');
  assert.equal(ageBand('1966-12-02', d('2026-12-01')), '50–59');
  assert.equal(ageBand('1930-01-01', d('2026-12-01')), '90+');
  assert.equal(ageBand(null, d('2026-12-01')), null);
});
