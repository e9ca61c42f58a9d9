import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allExerciseIds } from '@lamina/pathway';
import { artFor, drawings } from './exercise-art.ts';

test('every exercise of both programmes has a drawing, and every drawing is used', () => {
  for (const id of allExerciseIds) assert.ok(artFor[id] && drawings[artFor[id]], id);
  assert.deepEqual(
    Object.keys(artFor).sort(),
    [...allExerciseIds].sort(),
    'no drawing for a gone exercise',
  );
  assert.deepEqual(
    [...new Set(Object.values(artFor))].sort(),
    Object.keys(drawings).sort(),
    'no unused drawing in the bundle',
  );
});

test('drawings stay small and on the 96 × 64 grid (one style, light for the bundle)', () => {
  const all = JSON.stringify(drawings);
  assert.ok(all.length < 6000, `${all.length} characters of path data`);
  for (const [name, d] of Object.entries(drawings)) {
    assert.ok(d.heads.length === 1, `${name}: one person`);
    for (const [cx, cy, r] of d.heads) {
      assert.ok(cx - r >= 0 && cx + r <= 96 && cy - r >= 0 && cy + r <= 64, name);
      assert.equal(r, 5, `${name}: heads are one size`);
    }
    for (const path of [...d.lines, ...('dashed' in d ? d.dashed : [])]) {
      assert.match(path, /^M[0-9MLHVmlhvqaz .-]+$/, `${name}: ${path}`);
      // Absolute coordinates after M/L stay on the grid.
      for (const m of path.matchAll(/[ML](\d+) (\d+)/g))
        assert.ok(Number(m[1]) <= 96 && Number(m[2]) <= 64, `${name}: ${m[0]}`);
    }
  }
});
