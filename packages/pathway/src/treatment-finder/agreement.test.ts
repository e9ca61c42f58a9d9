import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { IsoDate } from '../dates/dates.ts';
import { plan } from '../plan/plan.ts';
import { approaches, type Procedure, type Region, surgerySchema } from '../surgery/surgery.ts';
import { compareTreatmentOptions } from './procedures.ts';

/** The treatment finder and the recovery plan must tell the same story (issue 13). */

const seedPath = (file: string) => new URL(`../../../../../shared/seeds/${file}`, import.meta.url);
/** When the seeds are beside this clone, a quoted sentence must really be in them. */
function assertSeedSays(file: string, quote: string) {
  const path = seedPath(file);
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8').replace(/\s+/g, ' ');
  assert.ok(text.includes(quote), `${file} does not say: ${quote}`);
}

const daysOf = (region: Region, procedure: Procedure, fusion = false) =>
  approaches.map((approach) => {
    const surgery = surgerySchema.parse({
      region,
      procedure,
      approach,
      fusion,
      surgeryDate: '2026-01-01',
    });
    const p = plan(surgery, {}, '2026-01-01' as IsoDate);
    const m = (id: string) => p.milestones.find((x) => x.id === id);
    const day = (date: string | undefined) =>
      date === undefined
        ? undefined
        : Math.round((Date.parse(date) - Date.parse('2026-01-01')) / 864e5);
    return {
      home: [day(m('go-home')?.from), day(m('go-home')?.to)],
      normal: [day(m('normal-activity')?.from), day(m('normal-activity')?.to)],
      desk: [day(m('return-desk-work')?.from), day(m('return-desk-work')?.to)],
      full: [day(m('full-recovery')?.from), day(m('full-recovery')?.to)],
    };
  });

test('cervical microlaminectomy: plan and finder both follow seed:004 (home 1–2 days, normal activity 4–6 weeks)', () => {
  const seed =
    'Most patients return home one to two days after surgery. They typically can begin light work several weeks after the procedure and normal activities four to six weeks after the procedure.';
  assertSeedSays('004_adb1a031b949dd85.txt', seed);
  const micro = compareTreatmentOptions('cervical').options.find(
    (o) => o.id === 'microlaminectomy',
  );
  assert.match(micro?.typicalStay.text ?? '', /1 to 2 days/);
  assert.match(micro?.typicalRecovery.text ?? '', /several weeks.*4 to 6 weeks/);
  for (const d of daysOf('cervical', 'microlaminectomy')) {
    assert.deepEqual(d.home, [1, 2]);
    assert.deepEqual(d.normal, [28, 42]);
    // "light work several weeks after": desk or light work from week 3 to week 6.
    assert.deepEqual(d.desk, [21, 42]);
  }
});

test('cervical laminectomy: the finder gives seed:000’s timeline, not the lumbar "6 weeks"', () => {
  assertSeedSays(
    '000_3ecf1d6e02541555.txt',
    'Depending on your occupation, you may be able to return to a desk job or light household activities during this time.',
  );
  assertSeedSays(
    '000_3ecf1d6e02541555.txt',
    'Full recovery from cervical laminectomy can take anywhere from six months to a full year.',
  );
  const lam = compareTreatmentOptions('cervical').options.find((o) => o.id === 'laminectomy');
  const text = lam?.typicalRecovery.text ?? '';
  assert.doesNotMatch(text, /over 6 weeks/);
  assert.match(text, /months 2 to 3/);
  assert.match(text, /6 to 12 months/);
  assert.deepEqual(lam?.typicalRecovery.sources, ['seed:000']);
  for (const d of daysOf('cervical', 'laminectomy')) {
    assert.deepEqual(d.desk, [42, 90]);
    assert.equal(d.full[0], 181);
    assert.equal(d.full[1], 365);
  }
});

test('every treatment-finder stay covers the plan’s go-home window for that region and procedure', () => {
  const ranges: [Region, Procedure, 'laminotomy' | 'laminectomy' | 'microlaminectomy'][] = [
    ['lumbar', 'laminotomy', 'laminotomy'],
    ['lumbar', 'laminectomy', 'laminectomy'],
    ['lumbar', 'microlaminectomy', 'microlaminectomy'],
    ['cervical', 'laminotomy', 'laminotomy'],
    ['cervical', 'laminectomy', 'laminectomy'],
    ['cervical', 'microlaminectomy', 'microlaminectomy'],
  ];
  for (const [region, procedure, option] of ranges) {
    const stay = compareTreatmentOptions(region).options.find((o) => o.id === option)?.typicalStay
      .text;
    const sameDay = /same day/.test(stay ?? '');
    const numbers = [...(stay ?? '').matchAll(/(\d+)/g)].map((m) => Number(m[1]));
    const low = sameDay ? 0 : Math.min(...numbers);
    const high = Math.max(...numbers);
    for (const d of daysOf(region, procedure)) {
      assert.ok((d.home[0] ?? -1) >= low, `${region} ${procedure}: plan ${d.home} vs "${stay}"`);
      assert.ok((d.home[1] ?? 99) <= high, `${region} ${procedure}: plan ${d.home} vs "${stay}"`);
    }
  }
});

test('cervical laminotomy without a fusion: same day to 3 days, the judgement cites seed:002 and seed:000', () => {
  assertSeedSays(
    '002_d29c5f8d3844b102.txt',
    'Laminotomy/laminectomy is typically performed on an outpatient basis.',
  );
  for (const d of daysOf('cervical', 'laminotomy')) assert.deepEqual(d.home, [0, 3]);
  const stay = compareTreatmentOptions('cervical').options.find(
    (o) => o.id === 'laminotomy',
  )?.typicalStay;
  assert.ok(stay?.sources.includes('team'));
  assert.ok(stay?.sources.includes('seed:002'));
  assert.ok(stay?.sources.includes('seed:000'));
});
