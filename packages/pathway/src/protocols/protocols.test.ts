import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Statement } from '../sources/source.ts';
import { approaches, procedures, regions, surgerySchema } from '../surgery/surgery.ts';
import { conditionHolds, protocolFor, protocols } from './protocols.ts';

test('every region and procedure has exactly one protocol', () => {
  for (const region of regions) {
    for (const procedure of procedures) {
      const matching = protocols.filter(
        (p) => p.region === region && p.procedures.includes(procedure),
      );
      assert.equal(matching.length, 1, `${region} ${procedure}`);
      assert.equal(protocolFor({ region, procedure }), matching[0]);
    }
  }
});

test('for any surgery, each restriction and milestone id has at most one variant that applies', () => {
  for (const protocol of protocols) {
    for (const procedure of protocol.procedures) {
      for (const approach of approaches) {
        for (const fusion of [false, true]) {
          const surgery = surgerySchema.parse({
            region: protocol.region,
            procedure,
            approach,
            fusion,
            surgeryDate: '2026-01-01',
          });
          for (const list of [protocol.restrictions, protocol.milestones]) {
            const ids = list
              .filter((item) => conditionHolds(item.when, surgery))
              .map((item) => item.id);
            assert.equal(
              new Set(ids).size,
              ids.length,
              `${protocol.id} ${procedure} ${approach} fusion=${fusion}: ${ids}`,
            );
          }
          const goHome = protocol.milestones.filter(
            (m) => m.id === 'go-home' && conditionHolds(m.when, surgery),
          );
          assert.equal(
            goHome.length,
            1,
            `${protocol.id} ${procedure} ${approach} fusion=${fusion} has a discharge window`,
          );
        }
      }
    }
  }
});

test('phases start in order, the first on the day of surgery', () => {
  const approxDays = (o: { days: number } | { weeks: number } | { months: number }) =>
    'days' in o ? o.days : 'weeks' in o ? o.weeks * 7 : o.months * 30.4;
  for (const protocol of protocols) {
    assert.deepEqual(protocol.phases[0]?.starts, { days: 0 }, protocol.id);
    const starts = protocol.phases.map((p) => approxDays(p.starts));
    assert.deepEqual(
      [...starts].sort((a, b) => a - b),
      starts,
      protocol.id,
    );
  }
});

test('a statement id means one text everywhere (ids are translation keys)', () => {
  const seen = new Map<string, string>();
  const visit = (statement: Statement) => {
    const earlier = seen.get(statement.id);
    assert.ok(earlier === undefined || earlier === statement.text, `${statement.id} has two texts`);
    seen.set(statement.id, statement.text);
  };
  for (const protocol of protocols) {
    visit(protocol.summary);
    protocol.phases.flatMap((p) => [...p.focus, ...p.avoid]).forEach(visit);
    protocol.warningSigns.forEach(visit);
  }
  assert.ok(seen.size > 40);
});

test('weight limits are plausible and patient text has its placeholder filled only where a limit exists', () => {
  for (const protocol of protocols) {
    for (const r of protocol.restrictions) {
      assert.equal(r.text.includes('{load}'), r.maxLoadLb !== undefined, `${protocol.id} ${r.id}`);
      if (r.maxLoadLb)
        assert.ok(
          r.maxLoadLb.low > 0 && r.maxLoadLb.low <= r.maxLoadLb.high && r.maxLoadLb.high <= 25,
        );
    }
  }
});

test('every protocol has the milestones a patient asks about, and X-rays at 6 months after a fusion', () => {
  const required = [
    'walk-within-24-hours',
    'go-home',
    'start-physical-therapy',
    'return-desk-work',
    'return-manual-work',
    'normal-activity',
    'full-recovery',
    'imaging-6-months',
  ];
  for (const protocol of protocols) {
    const fused = surgerySchema.parse({
      region: protocol.region,
      procedure: protocol.procedures[0],
      fusion: true,
      surgeryDate: '2026-01-01',
    });
    const ids = protocol.milestones.filter((m) => conditionHolds(m.when, fused)).map((m) => m.id);
    for (const id of required) assert.ok(ids.includes(id), `${protocol.id} lacks ${id}`);
  }
});
