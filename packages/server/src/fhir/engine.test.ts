import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Source, tableType } from './engine.ts';
import { resourceDefinitions, revincludesOf } from './resources.ts';

/** The definition table is checked when it loads: a parameter or sort key no source can serve fails. */
const source = (more: Partial<Source> = {}): Source => ({
  from: () => {
    throw new Error('not run');
  },
  id: 'id',
  patient: 'patient_id',
  sortColumns: { date: 'at' },
  toResources: () => [],
  ...more,
});

test('a parameter without a filter, or a sort key without a column, is refused at load', () => {
  const base = {
    type: 'Flag',
    idParam: 'alertId',
    defaultSort: [{ name: 'date', desc: true }],
  } as const;
  const status = { name: 'status', type: 'token', documentation: 'status' } as const;
  assert.throws(
    () => tableType({ ...base, params: [status], sources: [source()] }),
    /no filter for status/,
  );
  assert.throws(
    () =>
      tableType({
        ...base,
        params: [],
        sorts: ['sent'],
        sources: [source()],
      }),
    /no column to sort by sent/,
  );
  // Served by a filter, or by a resource-level matcher: accepted.
  const filtered = tableType({
    ...base,
    params: [status],
    sources: [source({ filters: { status: (q) => q } })],
  });
  assert.deepEqual(filtered.sorts, []);
  const matched = tableType({
    ...base,
    params: [status],
    sources: [source()],
    matchers: { status: () => () => true },
  });
  assert.equal(matched.type, 'Flag');
});

test('the table: includes and revincludes follow the reference parameters', () => {
  const observation = resourceDefinitions.find((d) => d.type === 'Observation');
  assert.deepEqual(observation?.includes, [
    'Observation:patient',
    'Observation:subject',
    'Observation:derived-from',
  ]);
  assert.ok(revincludesOf('Patient').includes('DocumentReference:patient'));
  assert.deepEqual(revincludesOf('Flag'), ['Communication:about']);
  assert.deepEqual(revincludesOf('QuestionnaireResponse'), ['Observation:derived-from']);
});
