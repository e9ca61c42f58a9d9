/**
 * `npm run bench bundle`: builds the patient app and reports the JavaScript a phone downloads
 * before the first screen (the entry chunk and everything it imports statically), in KB gzip.
 * Budget: 150 KB. Lazy screens are listed separately.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetKb = 150;
const webRoot = fileURLToPath(new URL('../', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'lamina-bundle-'));
try {
  const started = performance.now();
  const build = spawnSync(
    process.execPath,
    [
      join(webRoot, '../../node_modules/vite/bin/vite.js'),
      'build',
      '--manifest',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: webRoot, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const buildMs = performance.now() - started;

  interface Chunk {
    file: string;
    isEntry?: boolean;
    imports?: string[];
    dynamicImports?: string[];
  }
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const gz = (file: string) =>
    gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length / 1024;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const initialKb = [...initial]
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gz(f), 0);
  const lazy = Object.values(manifest)
    .filter((c) => c.file.endsWith('.js') && !initial.has(c.file))
    .map((c) => ({ file: c.file, kb: gz(c.file) }))
    .sort((a, b) => b.kb - a.kb);

  console.log(`vite build: ${buildMs.toFixed(0)} ms`);
  console.log(
    `initial JavaScript (patient app): ${initialKb.toFixed(1)} KB gzip (budget ${budgetKb} KB)`,
  );
  for (const file of initial)
    if (file.endsWith('.js')) console.log(`  ${file}: ${gz(file).toFixed(1)} KB`);
  console.log('loaded when opened:');
  for (const chunk of lazy) console.log(`  ${chunk.file}: ${chunk.kb.toFixed(1)} KB`);
  if (initialKb > budgetKb) {
    console.error(`over budget by ${(initialKb - budgetKb).toFixed(1)} KB`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
