/** `npm run bench`: runs every *.bench.ts in the packages, one at a time, each in its own process. */
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const only = process.argv[2];
const files = globSync('packages/*/src/**/*.bench.ts')
  .filter((file) => only === undefined || file.includes(only))
  .sort();
if (files.length === 0) {
  console.error(only ? `no benchmark matches "${only}"` : 'no benchmarks found');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
