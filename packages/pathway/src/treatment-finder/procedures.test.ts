import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource, type Statement } from '../sources/source.ts';
import { compareTreatmentOptions, treatmentOptionIds, treatmentOptions } from './procedures.ts';

const statementsOf = () =>
  treatmentOptions.flatMap((o): Statement[] => [
    o.whatIsRemoved,
    o.problemsStatement,
    o.howItIsDone,
    o.typicalStay.lumbar,
    o.typicalStay.cervical,
    o.typicalRecovery.lumbar,
    o.typicalRecovery.cervical,
  ]);

test('the four options are all compared, in order from least to most surgery', () => {
  assert.deepEqual(
    compareTreatmentOptions('lumbar').options.map((o) => o.id),
    [...treatmentOptionIds],
  );
});

test('laminotomy removes part of the lamina, laminectomy all of it (seed:002)', () => {
  const [laminotomy, laminectomy] = treatmentOptions;
  assert.ok(laminotomy?.whatIsRemoved.sources.includes('seed:002'));
  assert.match(laminotomy?.whatIsRemoved.text ?? '', /small piece/);
  assert.match(laminectomy?.whatIsRemoved.text ?? '', /whole lamina/);
});

test('microlaminectomy stay and recovery follow seed:004: home in 1–2 days, normal activity 4–6 weeks', () => {
  const micro = compareTreatmentOptions('lumbar').options.find((o) => o.id === 'microlaminectomy');
  assert.match(micro?.typicalStay.text ?? '', /1 to 2 days/);
  assert.match(micro?.typicalRecovery.text ?? '', /4 to 6 weeks/);
});

test('cervical stays come from the cervical sources (seed:000, ref:72), a microlaminectomy from seed:004', () => {
  for (const option of compareTreatmentOptions('cervical').options) {
    const own = option.id === 'microlaminectomy' ? ['seed:004'] : ['seed:000', 'ref:72'];
    assert.ok(
      option.typicalStay.sources.some((s) => own.includes(s)),
      option.id,
    );
  }
});

test('filtering by problem keeps only options that address it', () => {
  const slip = compareTreatmentOptions('lumbar', 'spondylolisthesis').options.map((o) => o.id);
  assert.deepEqual(slip, ['microlaminectomy', 'decompression-with-fusion']);
  const cyst = compareTreatmentOptions('lumbar', 'cyst').options.map((o) => o.id);
  assert.deepEqual(cyst, ['laminectomy']);
});

test('every treatment statement has a unique id and known sources', () => {
  const statements = statementsOf();
  const unique = new Map(statements.map((s) => [s.id, s.text]));
  for (const s of statements)
    assert.equal(unique.get(s.id), s.text, `id ${s.id} reused for different text`);
  for (const s of statements)
    for (const src of s.sources) assert.ok(isKnownSource(src), `${s.id}: ${src}`);
});
