import { randomUUID } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/**
 * PGlite has no lock of its own, and two processes on one data directory silently lose rows.
 * So the embedded engine holds `<dataDir>.lock` (beside the directory, so that a backup of the
 * directory never carries a lock and a restore can swap the directory while holding it).
 */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  /** Kernel start time of the holder (Linux), so a pid reused after a crash is not mistaken for the holder. */
  processStart: string | null;
  token: string;
  dataDir: string;
  since: string;
}

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly holderPid: number;
  constructor(dataDir: string, holder: LockOwner, lockPath: string) {
    const where =
      holder.host === hostname()
        ? `process ${holder.pid}`
        : `process ${holder.pid} on host ${holder.host}`;
    super(
      `The data directory ${dataDir} is in use by ${where} (since ${holder.since}). ` +
        `Only one Lamina process may use an embedded data directory: stop the other process, ` +
        `or point this one at PostgreSQL with DATABASE_URL. ` +
        `If you are certain no process uses it, delete ${lockPath}.`,
    );
    this.dataDir = dataDir;
    this.holderPid = holder.pid;
  }
}

/** Locks taken by this process: a second open of the same directory in one process is the same bug. */
const heldHere = new Set<string>();

export function lockPathFor(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

export function acquireDataDirLock(
  dataDir: string,
  onNotice: (message: string) => void = () => {},
): DataDirLock {
  const directory = resolve(dataDir);
  const path = lockPathFor(directory);
  if (heldHere.has(path)) {
    throw new Error(
      `The data directory ${directory} is already open in this process (${process.pid}).`,
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    processStart: processStartTime(process.pid),
    token: randomUUID(),
    dataDir: directory,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (tryCreate(path, owner)) return held(path, owner);
    const holder = readOwner(path);
    if (holder === undefined) continue; // released between our create and our read: try again
    if (isAlive(holder)) throw new DataDirLockedError(directory, holder, path);
    removeStaleLock(path, holder, onNotice);
  }
  throw new Error(`Could not take the lock ${path}: other processes keep racing for it.`);
}

/** Atomic: the lock file appears complete (written to a private file, then hard-linked) or not at all. */
function tryCreate(path: string, owner: LockOwner): boolean {
  const draft = `${path}.${owner.pid}.${owner.token}`;
  writeFileSync(draft, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readOwner(path: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid === 'number' && typeof owner.token === 'string') return owner;
  } catch {}
  throw new Error(
    `The lock file ${path} is not a Lamina lock (unreadable content); inspect and delete it.`,
  );
}

function isAlive(holder: LockOwner): boolean {
  // On another host we cannot see the process: assume it is alive rather than risk two writers.
  if (holder.host !== hostname()) return true;
  // Our own pid but not a lock we hold: a previous life of this pid (a container restart).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStartTime(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

/**
 * Two processes may find the same stale lock at once; a guard directory (mkdir is atomic) lets
 * one of them replace it, and the other then finds a live lock.
 */
function removeStaleLock(
  path: string,
  stale: LockOwner,
  onNotice: (message: string) => void,
): void {
  const guard = `${path}.recovering`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A guard older than a few seconds was left by a process that died while recovering.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 5_000) rmdirSync(guard);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    } catch {
      // The other process finished recovering in the meantime.
    }
    return;
  }
  try {
    const current = readOwner(path);
    if (current?.token !== stale.token) return;
    unlinkSync(path);
    onNotice(
      `Recovered a stale lock on ${stale.dataDir}: process ${stale.pid} (since ${stale.since}) is no longer running.`,
    );
  } finally {
    rmdirSync(guard);
  }
}

function held(path: string, owner: LockOwner): DataDirLock {
  heldHere.add(path);
  const onExit = () => releaseIfOurs(path, owner);
  process.once('exit', onExit);
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      heldHere.delete(path);
      releaseIfOurs(path, owner);
    },
  };
}

function releaseIfOurs(path: string, owner: LockOwner): void {
  try {
    if (readOwner(path)?.token === owner.token) unlinkSync(path);
  } catch {
    // Releasing must never mask the error that made us stop; a leftover lock is recovered as stale.
  }
}

function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the parenthesised command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
