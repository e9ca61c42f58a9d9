import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkinSchemaFor } from '../checkin/checkin.ts';
import { addDays, type IsoDate } from '../dates/dates.ts';
import { plan } from '../plan/plan.ts';
import { type Region, surgerySchema } from '../surgery/surgery.ts';
import { calmCheckin } from '../triage/scenario-kit.ts';
import { triage } from '../triage/triage.ts';
import {
  conditionHolds,
  milestoneTextId,
  protocols,
  restrictionDetailId,
  restrictionTextId,
} from './protocols.ts';

/**
 * Where Lamina contradicted the seeds or itself (issue 13): one test per contradiction, each
 * quoting the seed sentence it follows. When shared/seeds/ is beside the clone the quote is
 * checked against the seed file too.
 */

function assertSeedSays(file: string, quote: string) {
  const path = new URL(`../../../../../shared/seeds/${file}`, import.meta.url);
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8').replace(/\s+/g, ' ');
  assert.ok(text.includes(quote), `${file} does not say: ${quote}`);
}

const surgeryDate = '2026-03-02' as IsoDate;
const surgery = (region: Region, extra: object = {}) =>
  surgerySchema.parse({ region, procedure: 'laminectomy', surgeryDate, ...extra });
const tipsOn = (region: Region, day: number, extra: object = {}) =>
  triage(
    checkinSchemaFor(region).parse(calmCheckin(region)),
    surgery(region, extra),
    [],
    addDays(surgeryDate, day),
  ).selfCare;
const sittingInForce = (region: Region, day: number) =>
  plan(surgery(region), {}, addDays(surgeryDate, day)).restrictions.filter(
    (r) => r.kind === 'sitting' && r.inForce,
  );

test('1. sitting: one message per region and phase; from week 3 it is seed:001’s "every 30 to 45 minutes"', () => {
  const seed = 'Position changes every 30 to 45 minutes help with stiffness and nerve irritability';
  assertSeedSays('001_9c62da0c2ebdefba.txt', seed);
  for (let day = 0; day <= 60; day++) {
    const plannedLumbar = sittingInForce('lumbar', day);
    assert.ok(plannedLumbar.length <= 1, `day ${day}: ${plannedLumbar.map((r) => r.id)}`);
    const expected = day < 14 ? /20 to 30 minutes/ : day < 42 ? /every 30 to 45 minutes/ : null;
    if (expected) assert.match(plannedLumbar[0]?.text ?? '', expected, `day ${day}`);
    else assert.equal(plannedLumbar.length, 0, `day ${day}`);
    // The check-in tip is the plan's own sentence, same id, same text.
    const tips = tipsOn('lumbar', day).filter(
      (s) => /minutes/.test(s.text) && /sit|position/i.test(s.text),
    );
    assert.deepEqual(
      tips.map((s) => [s.id, s.text]),
      plannedLumbar.map((r) => [r.textId, r.text]),
      `day ${day}`,
    );
    // Neck patients get no lumbar sitting limit, neither in the plan nor in the check-in.
    assert.deepEqual(sittingInForce('cervical', day), []);
    assert.ok(!tipsOn('cervical', day).some((s) => /20 to 30|30 to 45/.test(s.text)), `day ${day}`);
  }
  // No phase carries a sitting number of its own: the restrictions are the one place.
  for (const protocol of protocols)
    for (const phase of protocol.phases)
      for (const s of [...phase.focus, ...phase.avoid])
        assert.doesNotMatch(s.text, /\d+ to \d+ minutes/, s.id);
});

test('2. fusion: the bending tip follows the plan ("until your surgeon says the fusion allows it"), not "about 2 weeks"', () => {
  assertSeedSays(
    '001_9c62da0c2ebdefba.txt',
    "Your surgeon's instructions take priority, especially if your operation included a fusion",
  );
  for (const day of [1, 10, 20, 60]) {
    const fused = tipsOn('lumbar', day, { fusion: true });
    assert.ok(
      fused.some((s) => /until your surgeon says the fusion allows it/.test(s.text)),
      `day ${day}`,
    );
    assert.ok(!fused.some((s) => /first 2 weeks/.test(s.text)), `day ${day}`);
  }
  const plain = tipsOn('lumbar', 5);
  assert.ok(plain.some((s) => s.id === 'restriction.no-bending-twisting'));
  assert.ok(!tipsOn('lumbar', 20).some((s) => s.id === 'restriction.no-bending-twisting'));
});

test('6. a number no seed gives is marked as the team’s judgement, not credited to seed:001', () => {
  const check = (
    region: Region,
    extra: object,
    id: string,
    job: 'desk' | 'heavy' | undefined,
    mustCite: string,
  ) => {
    const s = surgery(region, extra);
    const protocol = protocols.find(
      (p) => p.region === region && p.procedures.includes(s.procedure),
    );
    const m = protocol?.milestones.find(
      (x) =>
        x.id === id && conditionHolds(x.when, s) && (job === undefined || x.forJobs?.includes(job)),
    );
    assert.ok(m, `${region} ${id}`);
    assert.ok(m.sources.includes(mustCite as never), `${region} ${id}: ${m.sources}`);
    assert.ok(!m.sources.includes('seed:001'), `${region} ${id} credits seed:001`);
  };
  // seed:001 gives no return-to-work numbers at all.
  check('lumbar', { fusion: true }, 'return-desk-work', 'desk', 'team');
  check('lumbar', { fusion: false }, 'return-manual-work', 'heavy', 'team');
  check('lumbar', { fusion: true }, 'return-manual-work', 'heavy', 'team');
  check('lumbar', { fusion: true }, 'normal-activity', undefined, 'team');
  // seed:000 says physical labor "may need to wait longer" than months 2–3, no end date.
  assertSeedSays(
    '000_3ecf1d6e02541555.txt',
    'However, if your work involves physical labor, you may need to wait longer.',
  );
  check('cervical', {}, 'return-manual-work', 'heavy', 'team');
  // seed:001 says "no heavy lifting", never 10 lb: the number is the discharge sheets' (ref:6, ref:7).
  const lifting = plan(surgery('lumbar'), {}, surgeryDate).restrictions.find(
    (r) => r.id === 'lifting-limit',
  );
  assert.deepEqual(lifting?.sources, ['ref:6', 'ref:7']);
  // ref:72 says desk work at 3–4 weeks, so it cannot back a 6-week-to-3-month window.
  const neck = plan(surgery('cervical'), { jobDemand: 'desk' }, surgeryDate);
  const desk = neck.milestones.find((m) => m.id === 'return-desk-work');
  assert.deepEqual(desk?.sources, ['seed:000']);
});

test('7. bladder trouble before surgery changes the plan (seed:003); age does not, for want of a source', () => {
  assertSeedSays(
    '003_abc8c353438eb43f.txt',
    'Symptoms associated with back, or lumbar, nerve injury can involve these systems',
  );
  const s = surgery('lumbar');
  const without = plan(s, {}, surgeryDate);
  const withBladder = plan(s, { preopBladder: true }, surgeryDate);
  assert.ok(
    withBladder.symptomCourse.slowerHealing.some((x) => x.id === 'nerve.factor.bladder-before'),
  );
  assert.ok(
    !without.symptomCourse.slowerHealing.some((x) => x.id === 'nerve.factor.bladder-before'),
  );
  assert.match(
    withBladder.symptomCourse.slowerHealing.find((x) => x.id === 'nerve.factor.bladder-before')
      ?.text ?? '',
    /emergency: call 911/,
  );
  assert.deepEqual(plan(s, { age: 90 }, surgeryDate), { ...without, factors: { age: 90 } });
});

test('numbness with new bladder or bowel problems is the emergency instruction, as everywhere else', () => {
  assertSeedSays(
    '003_abc8c353438eb43f.txt',
    'If the numbness is associated with other symptoms such as pain, organ dysfunction such as urinary or stool incontinence, or severe muscle weakness.',
  );
  const note = plan(surgery('lumbar'), {}, surgeryDate).symptomCourse.notes.find(
    (n) => n.id === 'nerve.numbness.when-to-ask',
  );
  assert.match(note?.text ?? '', /Call 911 now if it comes with new bladder or bowel problems/);
  assert.doesNotMatch(note?.text ?? '', /Tell your care team[^.]*bladder/);
});

test('one translation id, one English text: every restriction and milestone variant has its own id', () => {
  const seen = new Map<string, string>();
  const visit = (id: string, text: string) => {
    const earlier = seen.get(id);
    assert.ok(earlier === undefined || earlier === text, `${id}: "${earlier}" and "${text}"`);
    seen.set(id, text);
  };
  for (const protocol of protocols) {
    for (const r of protocol.restrictions) {
      visit(restrictionTextId(r), r.text);
      if (r.detail) visit(restrictionDetailId(r), r.detail);
    }
    for (const m of protocol.milestones) visit(milestoneTextId(m), m.text);
  }
  // The variants the issue names each have more than one id now.
  const ids = [...seen.keys()];
  for (const base of [
    'restriction.lifting-limit.',
    'restriction.no-bending-twisting',
    'restriction.no-driving',
    'milestone.return-desk-work',
    'milestone.imaging-6-months',
    'milestone.normal-activity',
  ])
    assert.ok(ids.filter((id) => id.startsWith(base)).length >= 2, base);
});
