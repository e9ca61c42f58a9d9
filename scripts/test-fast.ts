/**
 * `npm run test:fast`: the inner loop — pure and unit tests only (no database, no server process,
 * no browser). CI still runs everything with `npm test`; this is for a quick answer while editing.
 * A test file is "slow" when it opens a database, starts a server or drives a browser; everything
 * else runs here. Extra arguments are passed to `node --test` (e.g. `--test-name-pattern=fever`).
 */
import { spawnSync } from 'node:child_process';
import { globSync, readFileSync } from 'node:fs';

const slowMarkers = [
  'forEachEngine',
  'test-engines',
  'spawn-server',
  'startServer',
  'browser.test-helper',
  'playwright',
  'run-cli.test-helper',
  'pglite',
  'PGlite',
  'typescript/bin/tsc', // runs the type checker on a copy of the repo (web/src/contract.test.ts)
];
const files = globSync('packages/*/src/**/*.test.ts')
  .filter((file) => {
    const text = readFileSync(file, 'utf8');
    return !slowMarkers.some((marker) => text.includes(marker));
  })
  .sort();
if (files.length === 0) {
  console.error('no fast test files found');
  process.exit(2);
}
console.log(`test:fast: ${files.length} files without a database, server or browser`);
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
