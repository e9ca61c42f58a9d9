import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, type IsoDate } from '../dates/dates.ts';
import { type SurgeryInput, surgerySchema } from '../surgery/surgery.ts';
import { type PlanOverridesInput, planOverridesSchema } from './overrides.ts';
import { PlanInputError, plan, type RecoveryPlan } from './plan.ts';

const surgeryDate = '2026-11-01' as IsoDate;
const day = (n: number) => addDays(surgeryDate, n);

function planFor(
  surgery: Omit<SurgeryInput, 'surgeryDate'>,
  onDay: number,
  extra: { factors?: Parameters<typeof plan>[1]; overrides?: PlanOverridesInput } = {},
): RecoveryPlan {
  return plan(
    surgerySchema.parse({ ...surgery, surgeryDate }),
    extra.factors ?? {},
    day(onDay),
    planOverridesSchema.parse(extra.overrides ?? {}),
  );
}

const restriction = (p: RecoveryPlan, id: string) =>
  p.restrictions.find((r) => r.id === id) ?? assert.fail(`no restriction ${id}`);
const milestone = (p: RecoveryPlan, id: string) =>
  p.milestones.find((m) => m.id === id) ?? assert.fail(`no milestone ${id}`);

const cervical = { region: 'cervical', procedure: 'laminectomy' } as const;
const lumbar = { region: 'lumbar', procedure: 'laminectomy' } as const;

test('seed:000 cervical: 5 to 10 lb lifting limit through week 6, then it lifts', () => {
  const inWeek6 = restriction(planFor(cervical, 41), 'lifting-limit');
  assert.deepEqual(inWeek6.maxLoad, { lb: 5, lbHigh: 10, kg: 2.3, kgHigh: 4.5 });
  assert.equal(inWeek6.inForce, true);
  assert.equal(inWeek6.liftsOn, day(42));
  assert.match(inWeek6.text, /5 to 10 lb \(2\.3 to 4\.5 kg\)/);
  assert.ok(inWeek6.sources.includes('seed:000'));
  assert.equal(restriction(planFor(cervical, 42), 'lifting-limit').inForce, false);
});

test('seed:000 cervical: physical therapy from about 6 weeks, full recovery 6 to 12 months, X-rays at 6 months', () => {
  const p = planFor(cervical, 1);
  assert.equal(milestone(p, 'start-physical-therapy').from, day(42));
  assert.deepEqual(
    [milestone(p, 'full-recovery').from, milestone(p, 'full-recovery').to],
    ['2027-05-01', '2027-11-01'],
  );
  assert.equal(milestone(p, 'imaging-6-months').from, '2027-05-01');
  assert.deepEqual(
    [milestone(p, 'normal-activity').from, milestone(p, 'normal-activity').to],
    [day(42), '2027-02-01'],
  );
  assert.deepEqual([milestone(p, 'go-home').from, milestone(p, 'go-home').to], [day(1), day(3)]);
  assert.deepEqual(
    [milestone(p, 'walk-within-24-hours').from, milestone(p, 'walk-within-24-hours').to],
    [day(0), day(1)],
  );
});

test('seed:000 cervical: a collar only after a fusion, and then it lasts until the surgeon clears it', () => {
  assert.equal(
    planFor(cervical, 5).restrictions.some((r) => r.kind === 'collar'),
    false,
  );
  const collar = restriction(planFor({ ...cervical, fusion: true }, 200), 'wear-collar');
  assert.equal(collar.lifting, 'when-cleared');
  assert.equal(collar.inForce, true);
});

test('seed:004 microlaminectomy: home in 1 to 2 days, normal activities at 4 to 6 weeks', () => {
  const p = planFor({ region: 'lumbar', procedure: 'microlaminectomy' }, 0);
  assert.equal(p.protocol.id, 'lumbar-microlaminectomy');
  assert.equal(p.surgery.approach, 'minimally-invasive');
  assert.deepEqual([milestone(p, 'go-home').from, milestone(p, 'go-home').to], [day(1), day(2)]);
  assert.deepEqual(
    [milestone(p, 'normal-activity').from, milestone(p, 'normal-activity').to],
    [day(28), day(42)],
  );
});

test('seed:002 laminotomy: most people go home the day of surgery', () => {
  const home = milestone(planFor({ region: 'lumbar', procedure: 'laminotomy' }, 0), 'go-home');
  assert.equal(home.from, day(0));
  assert.equal(home.status, 'now');
});

test('ref:4 open lumbar laminectomy: home in 1 to 4 days', () => {
  const home = milestone(planFor(lumbar, 0), 'go-home');
  assert.deepEqual([home.from, home.to], [day(1), day(4)]);
});

test('seed:001 lumbar phases follow the week-by-week table', () => {
  const titles = (n: number) => planFor(lumbar, n).currentPhase?.title;
  assert.equal(titles(0), 'The first 24 to 48 hours');
  assert.equal(titles(2), 'The first 24 to 48 hours');
  assert.equal(titles(3), 'Days 3 to 7');
  assert.equal(titles(7), 'Days 3 to 7');
  assert.equal(titles(8), 'Week 2');
  assert.equal(titles(14), 'Week 2');
  assert.equal(titles(15), 'Weeks 3 to 6');
  assert.equal(titles(42), 'Weeks 3 to 6');
  assert.equal(titles(43), 'After 6 weeks (months 2 to 3)');
  assert.equal(titles(400), 'Months 12 to 18');
  assert.equal(titles(2000), 'Beyond 18 months');
});

test('ref:6 ref:7 lumbar: 10 lb limit for 6 weeks, no bending or twisting for 2 weeks, no driving for 2 to 3 weeks', () => {
  const p = planFor(lumbar, 10);
  const lifting = restriction(p, 'lifting-limit');
  assert.deepEqual(lifting.maxLoad, { lb: 10, kg: 4.5 });
  assert.equal(lifting.liftsOn, day(42));
  assert.equal(restriction(p, 'no-bending-twisting').liftsOn, day(14));
  assert.equal(restriction(p, 'no-bending-twisting').inForce, true);
  assert.equal(restriction(planFor(lumbar, 14), 'no-bending-twisting').inForce, false);
  const driving = restriction(p, 'no-driving');
  assert.equal(driving.liftsOn, day(21));
  assert.equal(driving.lifting, 'on-date-if-cleared');
  assert.equal(restriction(planFor(lumbar, 500), 'no-driving-on-opioids').inForce, true);
});

test('seed:001 loaded bending is limited from week 3 to week 6 only', () => {
  assert.equal(restriction(planFor(lumbar, 10), 'limit-loaded-bending').inForce, false);
  assert.equal(restriction(planFor(lumbar, 20), 'limit-loaded-bending').inForce, true);
  assert.equal(restriction(planFor(lumbar, 42), 'limit-loaded-bending').inForce, false);
});

test('after a fusion, lifting and bending limits last until the surgeon clears them and X-rays come at 6 months', () => {
  const p = planFor({ ...lumbar, fusion: true }, 300);
  assert.equal(restriction(p, 'lifting-limit').lifting, 'when-cleared');
  assert.equal(restriction(p, 'lifting-limit').inForce, true);
  assert.equal(restriction(p, 'no-bending-twisting').lifting, 'when-cleared');
  assert.ok(p.milestones.some((m) => m.id === 'imaging-6-months'));
  assert.equal(
    planFor(lumbar, 300).milestones.some((m) => m.id === 'imaging-6-months'),
    false,
  );
  assert.ok(p.symptomCourse.slowerHealing.some((s) => s.id === 'nerve.factor.fusion'));
});

test('the job decides which return-to-work milestone shows', () => {
  const ids = (jobDemand?: 'desk' | 'heavy' | 'none') =>
    planFor(lumbar, 1, { factors: jobDemand ? { jobDemand } : {} }).milestones.map((m) => m.id);
  assert.ok(ids('desk').includes('return-desk-work'));
  assert.ok(!ids('desk').includes('return-manual-work'));
  assert.ok(ids('heavy').includes('return-manual-work'));
  assert.ok(!ids('none').some((id) => id.startsWith('return-')));
  assert.ok(ids().includes('return-desk-work') && ids().includes('return-manual-work'));
});

test('before surgery there is no current phase and nothing is in force yet', () => {
  const p = planFor(lumbar, -5);
  assert.equal(p.stage, 'before-surgery');
  assert.equal(p.dayOfRecovery, -5);
  assert.equal(p.currentPhase, null);
  assert.equal(
    p.restrictions.some((r) => r.inForce),
    false,
  );
  assert.ok(p.milestones.every((m) => m.status === 'upcoming'));
});

test('surgeon overrides win and are marked: lifting limit 5 lb until week 8', () => {
  const p = planFor(lumbar, 45, {
    overrides: {
      restrictions: {
        'lifting-limit': { maxLoadLb: 5, lifts: { weeks: 8 }, note: 'Two levels, go slow.' },
      },
    },
  });
  const lifting = restriction(p, 'lifting-limit');
  assert.deepEqual(lifting.maxLoad, { lb: 5, kg: 2.3 });
  assert.equal(lifting.liftsOn, day(56));
  assert.equal(lifting.inForce, true);
  assert.equal(lifting.setBy, 'surgeon');
  assert.equal(lifting.surgeonNote, 'Two levels, go slow.');
  assert.equal(lifting.sources[0], 'surgeon');
  assert.match(lifting.text, /5 lb \(2\.3 kg\)/);
  assert.equal(restriction(p, 'no-driving').setBy, 'protocol');
});

test('a surgeon can lift a restriction, move a milestone and book a visit', () => {
  const p = planFor({ ...cervical, fusion: true }, 10, {
    overrides: {
      restrictions: { 'wear-collar': { lifts: 'lifted' } },
      milestones: { 'start-physical-therapy': { from: { weeks: 3 } } },
      followUps: { 'visit-6-weeks': { date: '2026-12-15' } },
    },
  });
  assert.equal(restriction(p, 'wear-collar').inForce, false);
  const pt = milestone(p, 'start-physical-therapy');
  assert.deepEqual([pt.from, pt.to, pt.setBy], [day(21), day(56), 'surgeon']);
  const visit = p.followUps.find((v) => v.id === 'visit-6-weeks');
  assert.deepEqual(
    [visit?.date, visit?.booked, visit?.windowStart],
    ['2026-12-15', true, '2026-12-15'],
  );
});

test('an override naming an item the protocol does not have is refused, listing the known ids', () => {
  assert.throws(
    () =>
      planFor(lumbar, 1, { overrides: { restrictions: { 'wear-colar': { lifts: 'lifted' } } } }),
    (error: Error) =>
      error instanceof PlanInputError &&
      /restrictions\.wear-colar/.test(error.message) &&
      /lifting-limit/.test(error.message),
  );
  assert.throws(
    () =>
      planFor(lumbar, 1, {
        overrides: { milestones: { 'go-home': { from: { days: 5 }, to: { days: 2 } } } },
      }),
    PlanInputError,
  );
});

test('nerve expectations are ranges with the patient’s slower-healing factors, never a countdown', () => {
  const p = planFor(cervical, 30, {
    factors: {
      smoker: true,
      diabetesOrNeuropathy: true,
      compressionMonths: 24,
      preopNumbness: 'severe',
    },
  });
  const ids = p.symptomCourse.slowerHealing.map((s) => s.id);
  for (const id of [
    'nerve.factor.smoking',
    'nerve.factor.diabetes',
    'nerve.factor.long-compression',
    'nerve.factor.severe-numbness',
    'nerve.factor.open',
  ]) {
    assert.ok(ids.includes(id), id);
  }
  assert.ok(p.symptomCourse.symptoms.every((s) => s.outlook === 'may-take-longer'));
  assert.equal(
    p.symptomCourse.symptoms.find((s) => s.symptom === 'numbness')?.hadBeforeSurgery,
    true,
  );
  assert.equal(p.symptomCourse.symptoms.find((s) => s.symptom === 'limb-pain')?.label, 'Arm pain');
  assert.ok(p.symptomCourse.notes.some((n) => n.id === 'nerve.cervical.cord'));
  const everything = JSON.stringify(p);
  assert.doesNotMatch(everything, /\bmm\b|millimet|inch a month/i);

  const easy = planFor({ region: 'lumbar', procedure: 'microlaminectomy' }, 30);
  assert.deepEqual(easy.symptomCourse.slowerHealing, []);
  assert.ok(easy.symptomCourse.symptoms.every((s) => s.outlook === 'usual'));
});

test('several levels add a note that recovery may be slower', () => {
  assert.ok(planFor({ ...lumbar, levels: 3 }, 1).notices.some((n) => n.id === 'plan.more-levels'));
  assert.ok(!planFor(lumbar, 1).notices.some((n) => n.id === 'plan.more-levels'));
});
