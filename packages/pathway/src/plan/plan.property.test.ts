import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, addOffset, daysBetween, type IsoDate } from '../dates/dates.ts';
import { protocolFor } from '../protocols/protocols.ts';
import { isKnownSource } from '../sources/source.ts';
import {
  approaches,
  procedures,
  regions,
  type Surgery,
  surgerySchema,
} from '../surgery/surgery.ts';
import type { PlanOverrides } from './overrides.ts';
import { plan } from './plan.ts';

const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10) as IsoDate);

const surgery: fc.Arbitrary<Surgery> = fc
  .record({
    region: fc.constantFrom(...regions),
    procedure: fc.constantFrom(...procedures),
    approach: fc.constantFrom(...approaches),
    fusion: fc.boolean(),
    levels: fc.integer({ min: 1, max: 8 }),
    surgeryDate: isoDate,
  })
  .map((input) => surgerySchema.parse(input));

// Month ends, leap days and daylight-saving weekends are where date code breaks.
const trickyDates = fc.constantFrom(
  '2026-01-31',
  '2026-02-28',
  '2028-02-29',
  '2026-03-08',
  '2026-03-29',
  '2026-10-25',
  '2026-11-01',
  '2026-12-31',
  '2027-08-31',
) as fc.Arbitrary<IsoDate>;
const surgeryOnAnyDate = fc.oneof(
  surgery,
  fc.tuple(surgery, trickyDates).map(([s, d]) => ({ ...s, surgeryDate: d })),
);
const daysFromSurgery = fc.integer({ min: -30, max: 900 });
const noOverrides: PlanOverrides = { restrictions: {}, milestones: {}, followUps: {} };

test('property: phases are contiguous from the day of surgery, with no gaps or overlaps, and one is current', () => {
  fc.assert(
    fc.property(surgeryOnAnyDate, daysFromSurgery, (s, n) => {
      const p = plan(s, {}, addDays(s.surgeryDate, n));
      assert.equal(p.phases[0]?.startDate, s.surgeryDate);
      for (let i = 1; i < p.phases.length; i++) {
        const previous = p.phases[i - 1];
        const phase = p.phases[i];
        assert.ok(previous?.endDate && phase);
        assert.equal(
          daysBetween(previous.endDate, phase.startDate),
          1,
          `${previous.id} → ${phase.id}`,
        );
        assert.ok(previous.startDate <= previous.endDate, `${previous.id} is not empty`);
      }
      assert.equal(p.phases.at(-1)?.endDate, null);
      assert.equal(p.phases.filter((phase) => phase.current).length, n < 0 ? 0 : 1);
      assert.equal(p.dayOfRecovery, n);
    }),
    { numRuns: 400 },
  );
});

test('property: every item in every plan carries known sources', () => {
  fc.assert(
    fc.property(surgeryOnAnyDate, daysFromSurgery, (s, n) => {
      const p = plan(
        s,
        {
          smoker: true,
          diabetesOrNeuropathy: true,
          compressionMonths: 30,
          preopNumbness: 'severe',
        },
        addDays(s.surgeryDate, n),
      );
      const sourced = [
        p.protocol.summary,
        ...p.phases.flatMap((phase) => [...phase.focus, ...phase.avoid]),
        ...p.restrictions,
        ...p.milestones,
        ...p.followUps,
        ...p.symptomCourse.symptoms.map((x) => x.explanation),
        ...p.symptomCourse.slowerHealing,
        ...p.symptomCourse.notes,
        ...p.warningSigns,
        ...p.notices,
      ];
      for (const item of sourced) {
        assert.ok(item.sources.length > 0, JSON.stringify(item));
        for (const source of item.sources) assert.ok(isKnownSource(source), source);
      }
    }),
    { numRuns: 200 },
  );
});

test('property: milestone windows and follow-up windows never run backwards', () => {
  fc.assert(
    fc.property(surgeryOnAnyDate, daysFromSurgery, (s, n) => {
      const p = plan(s, {}, addDays(s.surgeryDate, n));
      for (const m of p.milestones) assert.ok(m.from <= m.to, m.id);
      for (const v of p.followUps)
        assert.ok(v.windowStart <= v.date && v.date <= v.windowEnd, v.id);
      for (const r of p.restrictions) if (r.liftsOn) assert.ok(r.startsOn <= r.liftsOn, r.id);
    }),
    { numRuns: 300 },
  );
});

const offset = fc.oneof(
  fc.integer({ min: 0, max: 400 }).map((days) => ({ days })),
  fc.integer({ min: 0, max: 60 }).map((weeks) => ({ weeks })),
  fc.integer({ min: 0, max: 24 }).map((months) => ({ months })),
);

test('property: a surgeon override always wins and is marked as the surgeon’s', () => {
  const scenario = surgeryOnAnyDate.chain((s) => {
    const protocol = protocolFor(s);
    return fc.record({
      surgery: fc.constant(s),
      restrictionId: fc.constantFrom(...protocol.restrictions.map((r) => r.id)),
      milestoneId: fc.constantFrom(...protocol.milestones.map((m) => m.id)),
      maxLoadLb: fc.integer({ min: 1, max: 50 }),
      lifts: offset,
      milestoneFrom: offset,
      n: daysFromSurgery,
    });
  });
  fc.assert(
    fc.property(
      scenario,
      ({ surgery: s, restrictionId, milestoneId, maxLoadLb, lifts, milestoneFrom, n }) => {
        const overrides: PlanOverrides = {
          ...noOverrides,
          restrictions: { [restrictionId]: { maxLoadLb, lifts } },
          milestones: { [milestoneId]: { from: milestoneFrom } },
        };
        const today = addDays(s.surgeryDate, n);
        const p = plan(s, {}, today, overrides);
        const baseline = plan(s, {}, today);
        const restriction = p.restrictions.find((r) => r.id === restrictionId);
        if (restriction) {
          assert.equal(restriction.setBy, 'surgeon');
          assert.equal(restriction.sources[0], 'surgeon');
          assert.equal(restriction.maxLoad?.lb, maxLoadLb);
          assert.equal(restriction.maxLoad?.lbHigh, undefined);
          assert.equal(restriction.lifting, 'on-date');
          const liftsOn = addOffset(s.surgeryDate, lifts);
          assert.equal(restriction.liftsOn, liftsOn);
          assert.equal(restriction.inForce, today >= restriction.startsOn && today < liftsOn);
        }
        const milestone = p.milestones.find((m) => m.id === milestoneId);
        if (milestone) {
          assert.equal(milestone.setBy, 'surgeon');
          assert.equal(milestone.from, addOffset(s.surgeryDate, milestoneFrom));
          assert.ok(milestone.to >= milestone.from);
        }
        // Everything the surgeon did not touch is as the protocol says.
        for (const r of p.restrictions.filter((x) => x.id !== restrictionId)) {
          assert.deepEqual(
            r,
            baseline.restrictions.find((x) => x.id === r.id),
          );
        }
      },
    ),
    { numRuns: 300 },
  );
});
