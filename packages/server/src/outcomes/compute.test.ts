import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IsoDate } from '@lamina/pathway';
import { type OutcomePatient, outcomeCsv, outcomeReport } from './compute.ts';

const d = (s: string) => s as IsoDate;
const nrs = (completedOn: string, limb: number) => ({
  instrument: 'nrs-back-leg' as const,
  completedOn: d(completedOn),
  scales: { axial: 4, limb },
});

// Surgery 2026-01-10; 6-week target 2026-02-21; today well past 3 months.
/** An alert raised at `at`; acknowledged `minutes` later, or never (then overdue). */
const alert = (level: string, at: string, minutes: number | null) => ({
  level,
  createdAt: new Date(at),
  acknowledgedAt: minutes === null ? null : new Date(new Date(at).getTime() + minutes * 60_000),
  overdue: minutes === null,
});
/** A lumbar laminectomy on 2026-01-10 with these answers and alerts. */
const lumbarPatient = (
  responses: OutcomePatient['responses'],
  alerts: OutcomePatient['alerts'],
): OutcomePatient => ({
  region: 'lumbar',
  procedure: 'laminectomy',
  surgeryDate: d('2026-01-10'),
  responses,
  alerts,
});
const improved = lumbarPatient(
  [nrs('2026-01-05', 8), nrs('2026-02-21', 3)],
  [alert('urgent', '2026-01-20T10:00:00Z', 4), alert('urgent', '2026-01-25T10:00:00Z', 10)],
);
const notImproved = lumbarPatient(
  [nrs('2026-01-08', 6), nrs('2026-02-20', 5)],
  [alert('emergency', '2026-02-01T10:00:00Z', null)],
);
const cervical: OutcomePatient = {
  region: 'cervical',
  procedure: 'laminotomy',
  surgeryDate: d('2026-03-01'),
  responses: [],
  alerts: [],
};

test('outcomes by region and procedure: MCID share, alert rates, median time to acknowledge, overdue', () => {
  const groups = outcomeReport([improved, notImproved, cervical], d('2026-04-25'), []);
  assert.deepEqual(
    groups.map((g) => [g.region, g.procedure, g.patients]),
    [
      ['cervical', 'laminotomy', 1],
      ['lumbar', 'laminectomy', 2],
    ],
  );
  const lumbar = groups[1];
  assert.ok(lumbar);
  // Leg pain 8 → 3 improves by the MCID (2 points / 30 %, ref:50); 6 → 5 does not.
  assert.deepEqual(
    lumbar.mcid.find((m) => m.timepoint === '6-weeks'),
    {
      timepoint: '6-weeks',
      measured: 2,
      improved: 1,
      share: 0.5,
      instrument: 'nrs-back-leg',
      scale: 'limb',
    },
  );
  assert.equal(lumbar.mcid.find((m) => m.timepoint === '12-months')?.share, null);
  // 105 days each since surgery → 30 patient-weeks; 2 urgent and 1 emergency alerts.
  assert.equal(lumbar.patientWeeks, 30);
  assert.equal(lumbar.alertsPer100PatientWeeks.urgent, 6.67);
  assert.equal(lumbar.alertsPer100PatientWeeks.emergency, 3.33);
  assert.equal(lumbar.medianMinutesToAcknowledge.urgent, 7);
  assert.equal(lumbar.medianMinutesToAcknowledge.emergency, null);
  assert.equal(lumbar.overdue, 1);
  // Baseline windows have opened for both; the 6-month window has not.
  const baseline = lumbar.promCompletion.find((c) => c.timepoint === 'baseline');
  assert.equal(baseline?.opened, 2);
  assert.equal(lumbar.promCompletion.find((c) => c.timepoint === '6-months')?.opened, 0);
});

test('the CSV has a header and one row per figure, escaped', () => {
  const csv = outcomeCsv(outcomeReport([improved], d('2026-04-25'), []));
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'region,procedure,measure,timepoint_or_level,value,numerator,denominator');
  assert.ok(lines.includes('lumbar,laminectomy,patients,,1,,'));
  assert.ok(
    lines.some((l) => l.startsWith('lumbar,laminectomy,median_minutes_to_acknowledge,urgent,7,')),
  );
});
