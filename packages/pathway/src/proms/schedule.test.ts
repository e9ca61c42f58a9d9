import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, type IsoDate, parseIsoDate } from '../dates/dates.ts';
import { isKnownSource } from '../sources/source.ts';
import { promInstrumentSets, promsDue, promTimepoints, promWindow } from './schedule.ts';

const day = (value: string) => parseIsoDate(value) ?? assert.fail(`bad date ${value}`);
const timepoint = (report: ReturnType<typeof promsDue>, id: string) =>
  report.timepoints.find((t) => t.timepoint === id) ?? assert.fail(`no ${id}`);

test('targets land on month ends without drifting: surgery on Jan 31', () => {
  const report = promsDue(
    { region: 'lumbar', surgeryDate: day('2026-01-31') },
    [],
    day('2026-01-01'),
  );
  assert.equal(timepoint(report, '6-weeks').target, '2026-03-14');
  assert.equal(timepoint(report, '3-months').target, '2026-04-30');
  assert.equal(timepoint(report, '6-months').target, '2026-07-31');
  assert.equal(timepoint(report, '12-months').target, '2027-01-31');
  assert.equal(timepoint(report, '24-months').target, '2028-01-31');
});

test('three months after Nov 30 is the last day of February, leap year or not', () => {
  const target = (surgery: string) =>
    timepoint(
      promsDue({ region: 'cervical', surgeryDate: day(surgery) }, [], day(surgery)),
      '3-months',
    ).target;
  assert.equal(target('2026-11-30'), '2027-02-28');
  assert.equal(target('2027-11-30'), '2028-02-29');
});

test('the 6-week window: due from a week before, overdue after the target, missed after two weeks late', () => {
  const surgery = { region: 'lumbar' as const, surgeryDate: day('2026-03-01') };
  const window = timepoint(promsDue(surgery, [], day('2026-03-01')), '6-weeks');
  assert.deepEqual(
    [window.opens, window.target, window.closes],
    ['2026-04-05', '2026-04-12', '2026-04-26'],
  );
  const statusOn = (today: string) =>
    timepoint(promsDue(surgery, [], day(today)), '6-weeks').status;
  assert.equal(statusOn('2026-04-04'), 'upcoming');
  assert.equal(statusOn('2026-04-05'), 'due');
  assert.equal(statusOn('2026-04-12'), 'due');
  assert.equal(statusOn('2026-04-13'), 'overdue');
  assert.equal(statusOn('2026-04-26'), 'overdue');
  assert.equal(statusOn('2026-04-27'), 'missed');
});

test('baseline is due before surgery and missed once surgery has happened', () => {
  const surgery = { region: 'cervical' as const, surgeryDate: day('2026-03-01') };
  assert.equal(timepoint(promsDue(surgery, [], day('2025-12-31')), 'baseline').status, 'due'); // 60 days before
  assert.equal(timepoint(promsDue(surgery, [], day('2025-12-30')), 'baseline').status, 'upcoming');
  assert.equal(timepoint(promsDue(surgery, [], day('2026-03-02')), 'baseline').status, 'missed');
});

test('responses inside the window complete it; one outside the window does not', () => {
  const surgery = { region: 'cervical' as const, surgeryDate: day('2026-03-01') };
  const all = promInstrumentSets.cervical.map((instrument) => ({
    instrument,
    completedOn: day('2026-04-20'),
  }));
  const done = promsDue(surgery, all, day('2026-04-21'));
  assert.equal(timepoint(done, '6-weeks').status, 'complete');
  assert.equal(done.dueNow.length, 0);
  const tooLate = promsDue(
    surgery,
    [{ instrument: 'ndi', completedOn: day('2026-04-30') }],
    day('2026-04-30'),
  );
  assert.equal(timepoint(tooLate, '6-weeks').status, 'missed');
});

test('a partly done time point lists what is still due, with the clinician-rated mJOA marked', () => {
  const surgery = { region: 'cervical' as const, surgeryDate: day('2026-03-01') };
  const report = promsDue(
    surgery,
    [{ instrument: 'ndi', completedOn: day('2026-04-10') }],
    day('2026-04-10'),
  );
  assert.equal(timepoint(report, '6-weeks').status, 'due');
  assert.deepEqual(
    report.dueNow.map((d) => d.instrument),
    ['nrs-neck-arm', 'mjoa', 'work-status', 'pain-medication'],
  );
  const mjoaEntry = timepoint(report, '6-weeks').instruments.find((i) => i.instrument === 'mjoa');
  assert.equal(mjoaEntry?.respondent, 'clinician');
});

test('lumbar set leaves ODI out until the clinic confirms its licence', () => {
  const surgery = { region: 'lumbar' as const, surgeryDate: day('2026-03-01') };
  const unlicensed = promsDue(surgery, [], day('2026-02-01'));
  assert.deepEqual(
    unlicensed.disabledInstruments.map((d) => d.instrument),
    ['odi'],
  );
  assert.ok(!unlicensed.dueNow.some((d) => d.instrument === 'odi'));
  const licensed = promsDue(surgery, [], day('2026-02-01'), { licensedInstruments: ['odi'] });
  assert.deepEqual(licensed.disabledInstruments, []);
  assert.ok(licensed.dueNow.some((d) => d.instrument === 'odi'));
});

test('windows never overlap and come in order, for any surgery date', () => {
  const anyDate = fc
    .integer({ min: 0, max: 365 * 30 })
    .map((n) => addDays(day('2000-01-01'), n) as IsoDate);
  fc.assert(
    fc.property(anyDate, (surgeryDate) => {
      const windows = promTimepoints.map((t) => promWindow(surgeryDate, t));
      for (const [i, w] of windows.entries()) {
        assert.ok(w.opens <= w.target && w.target <= w.closes);
        const next = windows[i + 1];
        if (next)
          assert.ok(w.closes < next.opens, `${promTimepoints[i]?.id} overlaps the next window`);
      }
    }),
  );
});

test('every time point cites known sources', () => {
  for (const t of promTimepoints) for (const s of t.statement.sources) assert.ok(isKnownSource(s));
});
