import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { IsoDate } from '@lamina/pathway';
import { sql } from 'kysely';
import pg from 'pg';
import * as tar from 'tar';
import { runInProcess } from '../cli/run-cli.test-helper.ts';
import { seedDemo } from '../demo/seed.ts';
import { DiskBlobStore } from '../storage/blob-store.ts';
import { listFiles, sha256File } from './backup.ts';
import { openDatabase } from './open.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-backup-'));
after(() => rmSync(root, { recursive: true, force: true }));

const lamina = (args: string[], env: Record<string, string> = {}) =>
  runInProcess(args, { env, today: '2026-01-01' });

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

test('on PostgreSQL, a failing pg_dump is reported in one line without the password', async () => {
  const env = { DATABASE_URL: 'postgres://lamina:secret@db.invalid:5432/lamina' };
  const out = join(root, 'pg-fail.tar.gz');
  const backup = await lamina(['backup', '--out', out], env);
  assert.equal(backup.code, 1);
  assert.match(backup.err, /pg_dump/);
  assert.doesNotMatch(backup.err, /secret/);
  assert.equal(existsSync(out), false);
  const restore = await lamina(['restore', join(root, 'x.dump')], env);
  assert.match(restore.err, /x\.dump does not exist/);
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

const modeOf = (path: string) => statSync(path).mode & 0o777;

test('data directories are the owner’s only (0700) and backup files too (0600), whatever the umask', async () => {
  const previousUmask = process.umask(0o022);
  try {
    const dataDir = join(root, 'modes', 'data');
    await addClinic(dataDir, 'mode-clinic');
    assert.equal(modeOf(dataDir).toString(8), '700');
    const file = join(root, 'modes', 'backup.tar.gz');
    const backup = await lamina(['backup', '--data-dir', dataDir, '--out', file]);
    assert.equal(backup.code, 0, backup.err);
    assert.equal(modeOf(file).toString(8), '600');

    const restore = await lamina(['restore', file, '--data-dir', dataDir]);
    assert.equal(restore.code, 0, restore.err);
    const kept = /kept in (\S+)\.$/.exec(restore.out)?.[1] ?? '';
    assert.equal(modeOf(dataDir).toString(8), '700');
    assert.equal(modeOf(kept).toString(8), '700');

    // A directory made before this rule (or by hand) is tightened when the database opens.
    const loose = join(root, 'modes', 'loose');
    mkdirSync(loose, { mode: 0o755 });
    assert.equal(modeOf(loose).toString(8), '755');
    await addClinic(loose, 'loose-clinic');
    assert.equal(modeOf(loose).toString(8), '700');
  } finally {
    process.umask(previousUmask);
  }
});

test('restore and backup say where replaced data directories are kept, and to delete them', async () => {
  const dataDir = join(root, 'kept', 'data');
  await addClinic(dataDir, 'kept-clinic');
  const file = join(root, 'kept', 'b.tar.gz');
  assert.equal((await lamina(['backup', '--data-dir', dataDir, '--out', file])).code, 0);
  const first = await lamina(['restore', file, '--data-dir', dataDir]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /1 replaced data directory is kept .*patient data/);
  assert.match(first.err, /delete them/);
  // A second restore (a different time stamp) keeps a second one; both are listed.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await lamina(['restore', file, '--data-dir', dataDir]);
  assert.equal(second.code, 0, second.err);
  const listed = second.err.split('\n').filter((line) => line.includes('data.before-restore-'));
  assert.equal(listed.length, 2, second.err);
  const again = await lamina([
    'backup',
    '--data-dir',
    dataDir,
    '--out',
    join(root, 'kept', 'c.tgz'),
  ]);
  assert.match(again.err, /2 replaced data directories are kept/);
});

/** Every table's row count in an open database: what a restore must bring back exactly. */
async function tableRowCounts(
  database: Awaited<ReturnType<typeof openDatabase>>,
): Promise<Record<string, number>> {
  try {
    const { rows: tables } = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(database.db);
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(name)}`.execute(database.db);
      counts[name] = rows[0]?.n ?? 0;
    }
    return counts;
  } finally {
    await database.close();
  }
}

/** The row counts of the embedded database in `dataDir`. */
const rowCounts = async (dataDir: string) =>
  tableRowCounts(await openDatabase({ engine: 'pglite', dataDir }));

/** Seeds the demo clinic (its uploaded files in `filesDir`) into an open database, then closes it. */
async function seedDemoAndClose(
  database: Awaited<ReturnType<typeof openDatabase>>,
  filesDir: string,
): Promise<void> {
  try {
    await seedDemo(
      database.db,
      '2026-11-20' as IsoDate,
      new Date('2026-11-20T15:00:00Z'),
      new DiskBlobStore(filesDir),
    );
  } finally {
    await database.close();
  }
}

async function fileHashes(root: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const key of await listFiles(root)) hashes[key] = await sha256File(join(root, key));
  return hashes;
}

test('restore drill: back up the demo clinic with its uploaded files, destroy both, restore, compare rows and file hashes', async () => {
  const dataDir = join(root, 'drill', 'data');
  const filesDir = `${dataDir}-files`;
  await seedDemoAndClose(await openDatabase({ engine: 'pglite', dataDir }), filesDir);
  const store = new DiskBlobStore(filesDir);
  await store.put('clinics/x/imaging/y/original', randomBytes(70_000));
  await store.put('clinics/x/logo/logo.png', randomBytes(300));
  const rowsBefore = await rowCounts(dataDir);
  const filesBefore = await fileHashes(filesDir);
  assert.ok(
    (rowsBefore.patients ?? 0) > 5 && (rowsBefore.audit_log ?? 0) > 0,
    'a clinic worth restoring',
  );
  assert.ok(Object.keys(filesBefore).length >= 2);

  const file = join(root, 'drill', 'backup.tar.gz');
  const backup = await lamina(['backup', '--data-dir', dataDir, '--out', file]);
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, new RegExp(`and ${Object.keys(filesBefore).length} uploaded files to`));

  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });

  const restore = await lamina(['restore', file, '--data-dir', dataDir]);
  assert.equal(restore.code, 0, restore.err);
  assert.match(restore.out, /each checked against the manifest/);
  assert.deepEqual(await rowCounts(dataDir), rowsBefore);
  assert.deepEqual(await fileHashes(filesDir), filesBefore);
  assert.equal(modeOf(filesDir).toString(8), '700');
});

test('a damaged backup (one file altered) is refused before anything is replaced', async () => {
  const dataDir = join(root, 'damaged', 'data');
  const filesDir = `${dataDir}-files`;
  await addClinic(dataDir, 'kept-as-is');
  await new DiskBlobStore(filesDir).put(
    'clinics/x/imaging/y/original',
    Buffer.from('the original scan'),
  );
  const file = join(root, 'damaged', 'good.tar.gz');
  assert.equal((await lamina(['backup', '--data-dir', dataDir, '--out', file])).code, 0);

  // Unpack, alter one uploaded file, pack again: the manifest no longer matches.
  const unpacked = join(root, 'damaged', 'unpacked');
  mkdirSync(unpacked);
  await tar.x({ file, cwd: unpacked });
  writeFileSync(join(unpacked, 'files/clinics/x/imaging/y/original'), 'an altered scan');
  const damaged = join(root, 'damaged', 'damaged.tar.gz');
  await tar.c({ gzip: true, file: damaged, cwd: unpacked }, [
    'manifest.json',
    'database.tar',
    'files',
  ]);

  await addClinic(dataDir, 'added-after');
  const restore = await lamina(['restore', damaged, '--data-dir', dataDir]);
  assert.equal(restore.code, 1);
  assert.match(
    restore.err,
    /files\/clinics\/x\/imaging\/y\/original does not match its sha256 in the manifest/,
  );
  assert.deepEqual(await clinicSlugs(dataDir), ['added-after', 'kept-as-is']);
  assert.equal(
    readFileSync(join(filesDir, 'clinics/x/imaging/y/original'), 'utf8'),
    'the original scan',
  );
  assert.equal(existsSync(`${dataDir}.restoring-${process.pid}.archive`), false);
});

const postgresUrl = process.env.LAMINA_TEST_POSTGRES_URL?.trim() || undefined;
const hasPgTools = ['pg_dump', 'pg_restore'].every((tool) =>
  (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, tool))),
);

test('restore drill on PostgreSQL: pg_dump + files in one backup, restored into an empty database', {
  skip: !postgresUrl
    ? 'LAMINA_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)'
    : !hasPgTools
      ? 'pg_dump/pg_restore are not installed (apt-get install -y postgresql-client)'
      : false,
}, async () => {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const source = `lamina_backup_${process.pid}_${randomBytes(4).toString('hex')}`;
  const target = `${source}_restored`;
  const urlOf = (name: string) => {
    const url = new URL(postgresUrl as string);
    url.pathname = `/${name}`;
    return url.toString();
  };
  try {
    await admin.query(`create database ${source}`);
    const filesDir = join(root, 'pg-drill', 'files');
    await seedDemoAndClose(
      await openDatabase({ engine: 'postgres', url: urlOf(source) }),
      filesDir,
    );
    await new DiskBlobStore(filesDir).put('clinics/x/imaging/y/original', randomBytes(50_000));
    const counts = async (url: string) =>
      tableRowCounts(await openDatabase({ engine: 'postgres', url }, { migrate: false }));
    const rowsBefore = await counts(urlOf(source));
    const filesBefore = await fileHashes(filesDir);
    assert.ok((rowsBefore.patients ?? 0) > 5);

    const file = join(root, 'pg-drill', 'backup.tar.gz');
    const env = { DATABASE_URL: urlOf(source), LAMINA_FILES_DIR: filesDir };
    const backup = await lamina(['backup', '--out', file], env);
    assert.equal(backup.code, 0, backup.err);
    assert.equal(modeOf(file).toString(8), '600');

    // Destroy: the database and the files.
    await admin.query(`drop database ${source} with (force)`);
    rmSync(filesDir, { recursive: true, force: true });

    await admin.query(`create database ${target}`);
    const restoreEnv = { DATABASE_URL: urlOf(target), LAMINA_FILES_DIR: filesDir };
    const restore = await lamina(['restore', file], restoreEnv);
    assert.equal(restore.code, 0, restore.err);
    assert.deepEqual(await counts(urlOf(target)), rowsBefore);
    assert.deepEqual(await fileHashes(filesDir), filesBefore);

    // Never over a live database.
    const again = await lamina(['restore', file], restoreEnv);
    assert.equal(again.code, 1);
    assert.match(again.err, /already holds Lamina tables: restore into an empty database/);
  } finally {
    await admin.query(`drop database if exists ${source} with (force)`);
    await admin.query(`drop database if exists ${target} with (force)`);
    await admin.end();
  }
});
