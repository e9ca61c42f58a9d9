import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { migrations } from '../db/migrations/index.ts';
import { runInProcess } from './run-cli.test-helper.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-db-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

const lamina = (args: string[], env: Record<string, string> = {}) =>
  runInProcess(args, { env, today: '2026-01-01' });

test('lamina db migrate creates the embedded database, then finds it up to date', async () => {
  const dataDir = join(root, 'data');
  const first = await lamina(['db', 'migrate'], { LAMINA_DATA_DIR: dataDir });
  assert.equal(first.code, 0, first.err);
  assert.equal(
    first.out,
    `The embedded database in ${dataDir}: applied ${migrations.map((m) => m.name).join(', ')}.`,
  );
  const again = await lamina(['db', 'migrate', '--data-dir', dataDir]);
  assert.equal(again.code, 0, again.err);
  assert.match(
    again.out,
    new RegExp(`is up to date \\(${migrations.length} migrations applied before\\)`),
  );
});

test('lamina db with an unknown subcommand is a usage error', async () => {
  const result = await lamina(['db', 'rollback']);
  assert.equal(result.code, 2);
  assert.match(result.err, /unknown subcommand "rollback"/);
});
