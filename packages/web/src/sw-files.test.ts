import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './testing/browser.test-helper.ts';

// The service worker keeps every listed file for offline use, and its install fails as a whole when
// one of them cannot be fetched (the server answers a missing /assets/ file with 404). So every
// file sw.js lists must exist in the build, or the app silently never works offline.
test('every file the service worker keeps for offline use exists in the build', () => {
  ensureBuilt();
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const listed = /const files = (\[[^\]]*\])/.exec(sw)?.[1] ?? /(\["\/"[^\]]*\])/.exec(sw)?.[1];
  assert.ok(listed, 'sw.js has its file list');
  const files = JSON.parse(listed) as string[];
  assert.ok(
    files.some((f) => /^\/assets\/index-.*\.js$/.test(f)),
    'the entry chunk is listed',
  );
  const missing = files.filter((f) => f !== '/' && !existsSync(join(dist, f)));
  assert.deepEqual(missing, []);
});
