import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// No import cycles in the web source (issue 14). Reads every .ts/.tsx file under this folder (tests
// and test helpers left out), follows its relative imports — static, type-only, re-exports and
// lazy import() alike, since each is a dependency that points somewhere — and walks the graph
// depth-first. A cycle means two modules depend on each other: shared things belong below both
// (ui/, lib/, console/ui-*.tsx).

const root = import.meta.dirname;

/**
 * Edges allowed to close a cycle for a while (`from -> to`), e.g. while another piece of work in
 * flight still imports the old way. Empty today; the test fails while an entry is no longer needed,
 * so the list can only shrink.
 */
const pending = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test(-helper)?\.ts$|\.bench\.ts$/.test(entry.name))
      out.push(path);
  }
  return out;
}

/** The relative specifiers a file imports: `from '…'` (import/export) and `import('…')`. */
export function relativeImports(source: string): string[] {
  const specs: string[] = [];
  const pattern =
    /\bfrom\s+['"](\.[^'"]+)['"]|\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)|\bimport\s+['"](\.[^'"]+)['"]/g;
  for (const m of source.matchAll(pattern)) specs.push((m[1] ?? m[2] ?? m[3]) as string);
  return specs;
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null; // CSS, JSON, assets: not modules with imports of their own
}

/** Every cycle found by a depth-first walk, each as the list of files from its start back to it. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function webGraph(skip: ReadonlySet<string>): { graph: Map<string, string[]>; used: Set<string> } {
  const graph = new Map<string, string[]>();
  const used = new Set<string>();
  for (const file of sourceFiles(root)) {
    const from = relative(root, file);
    const edges: string[] = [];
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, spec);
      if (!target) continue;
      const to = relative(root, target);
      const edge = `${from} -> ${to}`;
      if (skip.has(edge)) used.add(edge);
      else edges.push(to);
    }
    graph.set(from, edges);
  }
  return { graph, used };
}

test('the cycle finder finds a cycle, a self-import and none in a tree', () => {
  assert.deepEqual(
    findCycles(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
      ]),
    ),
    [['a', 'b', 'c', 'a']],
  );
  assert.deepEqual(findCycles(new Map([['a', ['a']]])), [['a', 'a']]);
  assert.deepEqual(
    findCycles(
      new Map([
        ['a', ['b', 'c']],
        ['b', ['c']],
        ['c', []],
      ]),
    ),
    [],
  );
  assert.deepEqual(
    relativeImports(
      "import type { X } from '../App.tsx';\nexport { y } from './y.ts';\nconst Z = lazy(() => import('./z.tsx'));\nimport './a.css';\nimport { useState } from 'react';",
    ),
    ['../App.tsx', './y.ts', './z.tsx', './a.css'],
  );
});

test('the web source has no import cycles', () => {
  const { graph, used } = webGraph(pending);
  assert.ok(graph.size > 50, `read ${graph.size} files: the walk should see the whole web source`);
  const cycles = findCycles(graph).map((c) => c.join(' -> '));
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
  const stale = [...pending].filter((edge) => !used.has(edge));
  assert.deepEqual(stale, [], 'these pending edges no longer exist: delete them from the list');
});
