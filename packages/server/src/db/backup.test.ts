import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CliIo } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';
import { openDatabase } from './open.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-backup-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function lamina(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readStdin: async () => '',
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    today: () => '2026-01-01' as ReturnType<CliIo['today']>,
    env,
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function clinicSlugs(dataDir: string): Promise<string[]> {
  const database = await openDatabase({ engine: 'pglite', dataDir });
  try {
    const rows = await database.db.selectFrom('clinics').select('slug').orderBy('slug').execute();
    return rows.map((row) => row.slug);
  } finally {
    await database.close();
  }
}

async function addClinic(dataDir: string, slug: string): Promise<void> {
  const database = await openDatabase({ engine: 'pglite', dataDir });
  try {
    await database.db.insertInto('clinics').values({ slug, name: slug }).execute();
  } finally {
    await database.close();
  }
}

test('backup then restore brings back exactly the data at backup time, keeping the replaced data', async () => {
  const dataDir = join(root, 'data');
  const file = join(root, 'before.tar.gz');
  await addClinic(dataDir, 'first-clinic');

  const backup = await lamina(['backup', '--data-dir', dataDir, '--out', file]);
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, /Backed up .* to .*before\.tar\.gz/);

  await addClinic(dataDir, 'second-clinic');
  const restore = await lamina(['restore', file, '--data-dir', dataDir]);
  assert.equal(restore.code, 0, restore.err);
  const kept = /kept in (\S+)\.$/.exec(restore.out)?.[1];
  assert.ok(kept, restore.out);

  assert.deepEqual(await clinicSlugs(dataDir), ['first-clinic']);
  assert.deepEqual(await clinicSlugs(kept), ['first-clinic', 'second-clinic']);
});

test('backup refuses to overwrite a file, or to back up a directory without a database', async () => {
  const file = join(root, 'exists.tar.gz');
  writeFileSync(file, 'precious');
  const existing = await lamina(['backup', '--data-dir', join(root, 'data'), '--out', file]);
  assert.equal(existing.code, 1);
  assert.match(existing.err, /exists\.tar\.gz already exists/);
  const empty = await lamina([
    'backup',
    '--data-dir',
    join(root, 'nothing-here'),
    '--out',
    join(root, 'x.tgz'),
  ]);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /no embedded database in .*nothing-here/);
});

test('restoring a file that is not a backup fails clearly and leaves the data alone', async () => {
  const dataDir = join(root, 'untouched');
  await addClinic(dataDir, 'still-here');
  const bogus = join(root, 'bogus.tar.gz');
  writeFileSync(bogus, 'this is not a tarball');
  const restore = await lamina(['restore', bogus, '--data-dir', dataDir]);
  assert.equal(restore.code, 1);
  assert.match(restore.err, /bogus\.tar\.gz is not a Lamina backup/);
  assert.deepEqual(await clinicSlugs(dataDir), ['still-here']);
  assert.equal(existsSync(`${dataDir}.restoring-${process.pid}`), false);
  const missing = await lamina(['restore', join(root, 'missing.tgz'), '--data-dir', dataDir]);
  assert.match(missing.err, /missing\.tgz does not exist/);
});

test('on PostgreSQL, backup and restore point at pg_dump and pg_restore', async () => {
  const env = { DATABASE_URL: 'postgres://lamina:secret@db.example:5432/lamina' };
  const backup = await lamina(['backup'], env);
  assert.equal(backup.code, 2);
  assert.match(backup.err, /pg_dump/);
  assert.doesNotMatch(backup.err, /secret/);
  const restore = await lamina(['restore', 'x.dump'], env);
  assert.match(restore.err, /pg_restore/);
});

test('bad usage is a usage error', async () => {
  assert.equal((await lamina(['restore'])).code, 2);
  assert.equal((await lamina(['backup', '--frobnicate'])).code, 2);
  assert.match((await lamina(['db'])).err, /missing subcommand/);
  assert.match(
    (await lamina(['db', 'migrate'], { DATABASE_URL: 'mysql://x' })).err,
    /must start with postgres:\/\//,
  );
});
