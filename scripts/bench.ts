/**
 * `npm run bench`: runs every *.bench.ts in the packages, one at a time, each in its own process.
 * `npm run bench -- [--quick] [name]`: --quick shortens runs and shrinks data (BENCH_QUICK=1);
 * name runs only the files whose path contains it (the soak runs only so). BENCH_PARTS selects parts inside a file.
 */
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => !arg.startsWith('--'));
// The soak (ten minutes) runs only when asked for by name: `npm run bench -- soak`.
const files = globSync('packages/*/src/**/*.bench.ts')
  .filter((file) => (only === undefined ? !file.includes('soak') : file.includes(only)))
  .sort();
if (files.length === 0) {
  console.error(only ? `no benchmark matches "${only}"` : 'no benchmarks found');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(process.execPath, [file], {
    stdio: 'inherit',
    env: quick ? { ...process.env, BENCH_QUICK: '1' } : process.env,
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
