import assert from 'node:assert/strict';

/**
 * Asserts that two lists hold the same entries, each way with its own message: `onlyInA` when
 * `a` has entries `b` lacks, `onlyInB` when `b` has entries `a` lacks (the failure lists them).
 */
export function assertSameEntries(
  a: Iterable<string>,
  b: Iterable<string>,
  onlyInA: string,
  onlyInB: string,
): void {
  const left = [...a];
  const right = [...b];
  assert.deepEqual(
    left.filter((entry) => !right.includes(entry)),
    [],
    onlyInA,
  );
  assert.deepEqual(
    right.filter((entry) => !left.includes(entry)),
    [],
    onlyInB,
  );
}
