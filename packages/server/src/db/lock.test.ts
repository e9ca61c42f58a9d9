import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../cli/main.ts';
import { acquireDataDirLock, DataDirLockedError, lockPathFor } from './lock.ts';
import { openDatabase } from './open.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-lock-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const fixture = new URL('./hold-data-dir.fixture.ts', import.meta.url).pathname;
const cli = new URL('../cli/main.ts', import.meta.url).pathname;

/** Starts a holder process; `line(n)` resolves with its n-th line of output. */
function startHolder(dataDir: string, mode?: 'lock-only') {
  const child = spawn(process.execPath, [fixture, dataDir, ...(mode ? [mode] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  const line = (n: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const lines = output.split('\n');
        if (lines.length > n) resolve(lines[n - 1] as string);
      };
      check();
      child.stdout?.on('data', check);
      child.on('exit', (code) => reject(new Error(`holder exited with ${code} after: ${output}`)));
    });
  return { child, firstLine: line(1), line };
}

function run(command: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...command], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      readStdin: async () => '',
      out: (text: string) => out.push(text),
      err: (text: string) => err.push(text),
      today: () => '2026-01-01' as never,
      env: {},
    },
  };
}

test('a second process on the same data directory is refused, naming the directory and the holder', async () => {
  const dataDir = join(root, 'shared');
  const holder = startHolder(dataDir);
  assert.equal(await holder.firstLine, `ready ${holder.child.pid}`);

  const second = await run(['db', 'migrate', '--data-dir', dataDir]);
  assert.equal(second.code, 1);
  assert.match(
    second.stderr,
    new RegExp(`data directory ${dataDir} is in use by process ${holder.child.pid}`),
  );

  await assert.rejects(
    openDatabase({ engine: 'pglite', dataDir }),
    (error) => error instanceof DataDirLockedError && error.holderPid === holder.child.pid,
  );

  const backup = captureIo();
  assert.equal(
    await runCli(['backup', '--data-dir', dataDir, '--out', join(root, 'b.tgz')], backup.io),
    1,
  );
  assert.match(backup.err.join('\n'), /in use by process/);
  assert.equal(existsSync(join(root, 'b.tgz')), false);

  // The holder crashes: its lock is stale, recovered with a notice, and its committed row is there.
  holder.child.kill('SIGKILL');
  await new Promise((resolve) => holder.child.once('exit', resolve));
  const notices: string[] = [];
  const database = await openDatabase(
    { engine: 'pglite', dataDir },
    { onNotice: (text) => notices.push(text) },
  );
  try {
    assert.match(
      notices.join('\n'),
      new RegExp(`stale lock on ${dataDir}: process ${holder.child.pid}`),
    );
    const clinics = await database.db.selectFrom('clinics').select('slug').execute();
    assert.deepEqual(clinics, [{ slug: `holder-${holder.child.pid}` }]);
  } finally {
    await database.close();
  }
  assert.equal(existsSync(lockPathFor(dataDir)), false, 'close() removes the lock file');
});

test('several processes racing for a stale lock: exactly one wins', async () => {
  const dataDir = join(root, 'race');
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => gone.once('exit', resolve));
  writeFileSync(
    lockPathFor(dataDir),
    JSON.stringify({
      pid: gone.pid,
      host: (await import('node:os')).hostname(),
      processStart: null,
      token: 'old',
      dataDir,
      since: 'earlier',
    }),
  );
  const holders = Array.from({ length: 4 }, () => startHolder(dataDir, 'lock-only'));
  await Promise.all(holders.map((holder) => holder.firstLine));
  for (const holder of holders) holder.child.stdin?.write('go\n');
  const lines = await Promise.all(holders.map((holder) => holder.line(2)));
  assert.equal(lines.filter((line) => line.startsWith('ready')).length, 1, lines.join('\n'));
  assert.equal(lines.filter((line) => line.startsWith('refused')).length, 3, lines.join('\n'));
  for (const holder of holders) holder.child.stdin?.end();
});

test('one process cannot open the same directory twice', () => {
  const dataDir = join(root, 'twice');
  const lock = acquireDataDirLock(dataDir);
  try {
    assert.throws(() => acquireDataDirLock(dataDir), /already open in this process/);
  } finally {
    lock.release();
  }
  acquireDataDirLock(dataDir).release();
});

test('a lock held on another host is respected; an unreadable lock file is reported', () => {
  const dataDir = join(root, 'elsewhere');
  const path = lockPathFor(dataDir);
  writeFileSync(
    path,
    JSON.stringify({
      pid: 1,
      host: 'other-host',
      processStart: null,
      token: 't',
      dataDir,
      since: 'x',
    }),
  );
  assert.throws(() => acquireDataDirLock(dataDir), /in use by process 1 on host other-host/);
  writeFileSync(path, 'garbage');
  assert.throws(() => acquireDataDirLock(dataDir), /not a Lamina lock/);
});
