import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { laminaNodeFlags } from '../ops/bench-servers.test-helper.ts';

const bin = fileURLToPath(new URL('../../bin/lamina.js', import.meta.url));
const planArgs = ['plan', '--region', 'lumbar', '--procedure', 'laminectomy'];

test('the lamina bin runs a command under the Node that runs this test', () => {
  const result = spawnSync(process.execPath, [bin, ...planArgs, '--surgery-date', '2026-11-01'], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Recovery plan: Lumbar laminotomy or laminectomy/);
});

test('the lamina bin answers a usage error with one line and exit code 2', () => {
  const result = spawnSync(process.execPath, [bin, 'plan', '--region', 'hip'], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 2);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

// The machines' own Node (20) cannot strip TypeScript types; the bin must still work there
// (it re-runs itself with the Node 24 that npm install brings) instead of failing with
// ERR_UNKNOWN_FILE_EXTENSION.
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
const systemVersion = systemNode
  ? spawnSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()
  : '';
const oldNode = systemVersion !== '' && Number(systemVersion.split('.')[0]) < 22;
test(`the lamina bin works under the system Node ${systemVersion || '(none)'} too`, {
  skip: oldNode ? false : 'no Node older than 22 on this machine to try it with',
}, () => {
  const result = spawnSync(
    systemNode as string,
    [bin, ...planArgs, '--surgery-date', '2026-11-01'],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /ERR_UNKNOWN_FILE_EXTENSION/);
  assert.match(result.stdout, /Recovery plan:/);
});

test('the command, its re-run under an old Node and the start scripts run with the same Node flags', () => {
  const flags = laminaNodeFlags();
  assert.deepEqual(flags, ['--max-semi-space-size=8']);
  const source = readFileSync(bin, 'utf8');
  assert.match(source, /^#!\/usr\/bin\/env -S node /);
  assert.match(
    source,
    new RegExp(`const nodeFlags = \\[${flags.map((f) => `'${f}'`).join(', ')}\\];`),
  );
  const scripts = (
    JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../../package.json', import.meta.url)), 'utf8'),
    ) as { scripts: Record<string, string> }
  ).scripts;
  for (const name of ['start', 'lamina'])
    assert.ok(
      scripts[name]?.includes(`node ${flags.join(' ')} packages/server/bin/lamina.js`),
      `npm run ${name}: ${scripts[name]}`,
    );
});
