import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * Dependencies point down (docs/architecture.md, "Layers"). This test reads every import in the
 * server's and the web app's source and fails on one that points up or sideways:
 *
 *   composition  app.ts, cli/, demo/, openapi/ (but its registry)   may import anything below
 *   features     patients/ checkins/ alerts/ … peers/                 import shared and db; another
 *                                                                     feature's store/service, never
 *                                                                     its routes; no cycles
 *   shared       audit/ auth/ http/ jobs/ messaging/ storage/ events/ log/      import shared and db only
 *                ratelimit/ openapi/registry.ts
 *   db           db/                                                  imports nothing above it
 *
 * Test support (tests, benches, *.test-helper.ts, fixtures, db/test-*.ts, http/test-*.ts) may import
 * anything. The web app never imports the server.
 */
const serverRoot = fileURLToPath(new URL('.', import.meta.url));
const webRoot = resolve(serverRoot, '../../web/src');

type Layer = 'db' | 'shared' | 'feature' | 'composition';
const sharedFolders = new Set([
  'audit',
  'auth',
  'http',
  'jobs',
  'storage',
  'events',
  'log',
  'ratelimit',
  'messaging',
]);
const compositionFolders = new Set(['cli', 'demo', 'openapi']);
const rank: Record<Layer, number> = { db: 0, shared: 1, feature: 2, composition: 3 };

function folderOf(file: string): string {
  const path = relative(serverRoot, file);
  return path.includes('/') ? (path.split('/')[0] as string) : '.';
}

function layerOf(file: string): Layer {
  const folder = folderOf(file);
  if (folder === '.') return 'composition'; // app.ts
  if (folder === 'db') return 'db';
  if (relative(serverRoot, file) === 'openapi/registry.ts') return 'shared';
  if (sharedFolders.has(folder)) return 'shared';
  if (compositionFolders.has(folder)) return 'composition';
  return 'feature';
}

const isTestSupport = (file: string) =>
  /\.(test|bench)\.tsx?$|\.test-helper\.ts$|\.fixture\.ts$|\.d\.ts$/.test(file) ||
  /\/(db|http)\/test-[^/]+\.ts$/.test(file);

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const edges: Edge[] = [];
  for (const match of text.matchAll(importPattern)) {
    const spec = match[2] ?? match[3];
    if (!spec) continue;
    edges.push({
      from: file,
      to: spec.startsWith('.') ? resolve(dirname(file), spec) : spec,
      typeOnly: match[1] !== undefined,
    });
  }
  return edges;
}

const serverFiles = globSync('**/*.ts', { cwd: serverRoot })
  .map((path) => join(serverRoot, path))
  .filter((file) => !isTestSupport(file));
const serverEdges = serverFiles
  .flatMap(importsOf)
  .filter((edge) => edge.to.startsWith(serverRoot) && !isTestSupport(edge.to));

const show = (edge: Edge) =>
  `${relative(serverRoot, edge.from)} → ${relative(serverRoot, edge.to)}`;

test('the layering check reads imports (it finds app.ts importing the routes)', () => {
  assert.ok(serverFiles.length > 50);
  assert.ok(
    serverEdges.some((e) => e.from.endsWith('/app.ts') && e.to.endsWith('patients/routes.ts')),
  );
});

test('no import in the server points to a higher layer', () => {
  const upward = serverEdges.filter((edge) => rank[layerOf(edge.to)] > rank[layerOf(edge.from)]);
  assert.deepEqual(upward.map(show), []);
});

test('only the composition layer imports route files', () => {
  const routeImports = serverEdges.filter(
    (edge) =>
      /(^|\/|-)routes\.ts$/.test(edge.to) &&
      layerOf(edge.from) !== 'composition' &&
      folderOf(edge.from) !== folderOf(edge.to),
  );
  assert.deepEqual(routeImports.map(show), []);
});

test('feature folders do not depend on each other in a circle', () => {
  const graph = new Map<string, Set<string>>();
  for (const edge of serverEdges) {
    if (edge.typeOnly || layerOf(edge.from) !== 'feature' || layerOf(edge.to) !== 'feature')
      continue;
    const [from, to] = [folderOf(edge.from), folderOf(edge.to)];
    if (from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)?.add(to);
  }
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (next === path[0]) cycles.push([...path, next].join(' → '));
      else if (!path.includes(next) && next > (path[0] as string)) visit(next, [...path, next]);
    }
  };
  for (const node of [...graph.keys()].sort()) visit(node, [node]);
  assert.deepEqual(cycles, []);
});

test('the web app never imports the server', () => {
  const webFiles = globSync('**/*.{ts,tsx}', { cwd: webRoot }).map((path) => join(webRoot, path));
  assert.ok(webFiles.length > 20);
  const serverImports = webFiles
    .filter((file) => !isTestSupport(file))
    .flatMap(importsOf)
    .filter(
      (edge) =>
        edge.to.startsWith('@lamina/server') || edge.to.startsWith(resolve(serverRoot, '..')),
    )
    .map((edge) => `${relative(webRoot, edge.from)} → ${edge.to}`);
  assert.deepEqual(serverImports, []);
});

test('the clinical core imports no server, web or I/O code', () => {
  const pathwayRoot = resolve(serverRoot, '../../pathway/src');
  const files = globSync('**/*.ts', { cwd: pathwayRoot }).map((path) => join(pathwayRoot, path));
  assert.ok(files.length > 20);
  const outside = files
    .filter((file) => !isTestSupport(file))
    .flatMap(importsOf)
    .filter((edge) =>
      edge.to.startsWith('/')
        ? !edge.to.startsWith(pathwayRoot)
        : edge.to.startsWith('@lamina/') || edge.to.startsWith('node:'),
    )
    .map((edge) => `${relative(pathwayRoot, edge.from)} → ${edge.to}`);
  assert.deepEqual(outside, []);
});

test('the contract (@lamina/contract) imports only zod and the clinical core', () => {
  const contractRoot = resolve(serverRoot, '../../contract/src');
  const files = globSync('**/*.ts', { cwd: contractRoot }).map((path) => join(contractRoot, path));
  assert.ok(files.length > 1);
  const outside = files
    .filter((file) => !isTestSupport(file))
    .flatMap(importsOf)
    .filter((edge) =>
      edge.to.startsWith('/')
        ? !edge.to.startsWith(contractRoot)
        : !/^(zod|@lamina\/pathway)$/.test(edge.to),
    )
    .map((edge) => `${relative(contractRoot, edge.from)} → ${edge.to}`);
  assert.deepEqual(outside, []);
});
