import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patientFactorsSchema, surgerySchema } from './surgery.ts';

test('a surgery takes defaults for approach, fusion and levels', () => {
  const surgery = surgerySchema.parse({
    region: 'lumbar',
    procedure: 'laminectomy',
    surgeryDate: '2026-11-01',
  });
  assert.deepEqual(surgery, {
    region: 'lumbar',
    procedure: 'laminectomy',
    approach: 'open',
    fusion: false,
    levels: 1,
    surgeryDate: '2026-11-01',
  });
});

test('a microlaminectomy is always minimally invasive', () => {
  const surgery = surgerySchema.parse({
    region: 'lumbar',
    procedure: 'microlaminectomy',
    surgeryDate: '2026-11-01',
  });
  assert.equal(surgery.approach, 'minimally-invasive');
});

test('bad surgeries are rejected with the field named', () => {
  const cases = [
    [{ region: 'thoracic', procedure: 'laminectomy', surgeryDate: '2026-11-01' }, 'region'],
    [{ region: 'lumbar', procedure: 'discectomy', surgeryDate: '2026-11-01' }, 'procedure'],
    [{ region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-02-30' }, 'surgeryDate'],
    [
      { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-11-01', levels: 0 },
      'levels',
    ],
    [{ region: 'lumbar', procedure: 'laminectomy' }, 'surgeryDate'],
  ] as const;
  for (const [input, field] of cases) {
    const result = surgerySchema.safeParse(input);
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, [field]);
  }
});

test('patient factors are optional and unknown keys are refused', () => {
  assert.deepEqual(patientFactorsSchema.parse({}), {});
  assert.equal(patientFactorsSchema.safeParse({ smokes: true }).success, false);
});
