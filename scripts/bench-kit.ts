/** Tiny benchmarking helpers shared by every *.bench.ts file. Benchmarks report; they never fail a test run. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Throughput {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
}

/** Runs `operation` repeatedly for about `seconds` (after a warm-up) on this one thread and reports operations per second. */
export function measureThroughput(
  name: string,
  operation: (i: number) => unknown,
  seconds = 2,
): Throughput {
  let sink: unknown;
  for (let i = 0; i < 2_000; i++) sink = operation(i);
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let operations = 0;
  while (performance.now() < deadline) {
    for (let j = 0; j < 200; j++) sink = operation(operations++);
  }
  const elapsed = (performance.now() - started) / 1000;
  if (sink === Symbol.for('never')) console.log(sink);
  return { name, operations, seconds: elapsed, perSecond: operations / elapsed };
}

export function report(result: Throughput, target?: { atLeastPerSecond: number }): void {
  const rate = Math.round(result.perSecond).toLocaleString('en-US');
  const verdict =
    target === undefined
      ? ''
      : result.perSecond >= target.atLeastPerSecond
        ? '  (target met)'
        : '  (BELOW TARGET)';
  const aim = target ? `; aim ≥ ${target.atLeastPerSecond.toLocaleString('en-US')}/s` : '';
  console.log(
    `${result.name}: ${rate}/s over ${result.operations.toLocaleString('en-US')} runs${aim}${verdict}`,
  );
}

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(
    sortedAscending.length - 1,
    Math.ceil((p / 100) * sortedAscending.length) - 1,
  );
  return sortedAscending[Math.max(0, index)] as number;
}

// ---- Load generation with wrk, server memory, and verdicts (issue 19) --------------------------

/** `npm run bench -- --quick` (or BENCH_QUICK=1): shorter runs and smaller data, same shape. */
export const quick = process.env.BENCH_QUICK === '1';

/** BENCH_PARTS=a,b selects parts of a benchmark file by name; unset runs them all. */
export function partSelected(name: string): boolean {
  const parts = process.env.BENCH_PARTS?.split(',').map((part) => part.trim()) ?? [];
  return parts.length === 0 || parts.some((part) => part !== '' && name.includes(part));
}

/** "met" or "BELOW", as every aim line ends. */
export const verdict = (met: boolean) => (met ? 'met' : 'BELOW');

/**
 * The path of `wrk` (Debian's C HTTP load generator): a Node load generator would share the two
 * cores with the server under test and cap what it can show. When it is missing and we may use
 * apt-get (root), it is installed from Debian; otherwise undefined (the caller skips with a message).
 */
export function findWrk(): string | undefined {
  for (const path of ['/usr/bin/wrk', '/usr/local/bin/wrk']) if (existsSync(path)) return path;
  if (process.getuid?.() === 0) {
    console.log('wrk is missing: installing it from Debian (apt-get install wrk)…');
    const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'wrk'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status === 0 && existsSync('/usr/bin/wrk')) return '/usr/bin/wrk';
  }
  return undefined;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Answers other than 201 Created (a replay or an error), timeouts and socket errors. */
  errors: number;
}

/** One request wrk sends: a path, a cookie and a JSON body in which `{key}` becomes a fresh unique key. */
export interface LoadTarget {
  path: string;
  cookie: string;
  body: string;
}

/**
 * Drives `baseUrl` with wrk (2 threads, `connections` connections) for `seconds`, cycling through
 * `targets`. The Lua script reads the targets from a file, sends POSTs and prints the latency
 * percentiles as JSON when done.
 */
export async function runWrk(
  wrk: string,
  baseUrl: string,
  targets: readonly LoadTarget[],
  options: { connections: number; seconds: number; workDir: string },
): Promise<LoadResult> {
  const targetsFile = join(options.workDir, 'wrk-targets.tsv');
  writeFileSync(
    targetsFile,
    `${targets.map((t) => [t.path, t.cookie, t.body.replaceAll('\t', ' ')].join('\t')).join('\n')}\n`,
  );
  const script = join(options.workDir, 'wrk-post.lua');
  writeFileSync(script, wrkScript(targetsFile));
  // Not spawnSync: this process keeps sampling the server's memory while wrk runs.
  const child = spawn(wrk, [
    `-t${Math.min(2, options.connections)}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    baseUrl,
  ]);
  const result = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    result.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString();
  });
  await new Promise((resolve) => child.once('close', resolve));
  const line = result.stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk gave no result: ${result.stdout}\n${result.stderr}`);
  const json = JSON.parse(line.slice('WRK_JSON '.length)) as {
    requests: number;
    durationUs: number;
    p50Us: number;
    p99Us: number;
    errors: number;
  };
  return {
    requests: json.requests,
    perSecond: json.requests / (json.durationUs / 1e6),
    p50: json.p50Us / 1000,
    p99: json.p99Us / 1000,
    errors: json.errors,
  };
}

function wrkScript(targetsFile: string): string {
  return `-- Written by scripts/bench-kit.ts: POSTs each target in turn with a fresh idempotency key.
local targets = {}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

-- thread_id is a global set by setup() in each thread's own Lua state (a local would hide it).
function init(args)
  thread_id = thread_id or 0
  for line in io.lines(${JSON.stringify(targetsFile)}) do
    local path, cookie, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t(.*)$")
    if path then table.insert(targets, { path = path, cookie = cookie, body = body }) end
  end
  counter = thread_id * 7919
  math.randomseed(os.time() + thread_id * 1000)
  prefix = string.format("wrk-%d-%d-%08x-", thread_id, os.time(), math.random(0, 0x7fffffff))
end

function request()
  counter = counter + 1
  local t = targets[(counter % #targets) + 1]
  local body = t.body:gsub("{key}", prefix .. counter)
  return wrk.format("POST", t.path, { ["content-type"] = "application/json", ["cookie"] = t.cookie }, body)
end

not_created = 0
function response(status, headers, body)
  if status ~= 201 then not_created = not_created + 1 end
end

function done(summary, latency, requests)
  local e = summary.errors
  local other = 0
  for _, thread in ipairs(threads) do other = other + (thread:get("not_created") or 0) end
  io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + other))
end
`;
}

/** Resident memory of a process in MB (Linux /proc), or NaN where that cannot be read. */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak in MB. */
export function sampleRss(pid: number | undefined): () => number {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (!(now <= peak)) peak = now;
  }, 200);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc), or NaN. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command name: state is 3rd, utime the 14th and stime the 15th of the line.
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}
/** Linux's USER_HZ, 100 on every mainstream kernel. */
const clockTicksPerSecond = 100;

/** What a PostgreSQL database did, per request, while a load ran (see `databaseWork`). */
export interface DatabaseWork {
  /** CPU of the database's server processes (its backends) per request, ms. */
  cpuMs: number;
  transactions: number;
  rowsWritten: number;
  blocksTouched: number;
}

/**
 * Counts what PostgreSQL does for a database while a load runs: the CPU of its backends (read from
 * /proc: the bench runs on the database's machine) and the database's counters
 * (pg_stat_database). Backends publish their counters about once a second while busy, so the
 * counters are read inside the run (`mark()` at two moments of steady load) and divided by the
 * requests answered between them (`perRequest(requests)`). `query` runs on a connection of its own.
 */
export async function databaseWork(
  query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>,
) {
  // The backends are listed at the first mark, under load: a pool closes idle connections and
  // opens new ones when the load starts, so a list taken before the run can miss them.
  let backends: number[] | undefined;
  const mark = async () => {
    backends ??= (
      await query(
        `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      )
    ).rows.map((r) => Number(r.pid));
    await query('select pg_stat_clear_snapshot()');
    const row = (
      await query(`select xact_commit + xact_rollback as xacts, tup_inserted + tup_updated + tup_deleted as written,
          blks_hit + blks_read as blocks from pg_stat_database where datname = current_database()`)
    ).rows[0] as { xacts: string; written: string; blocks: string };
    return {
      cpu: new Map((backends ?? []).map((pid) => [pid, cpuMs(pid)])),
      xacts: Number(row.xacts),
      written: Number(row.written),
      blocks: Number(row.blocks),
    };
  };
  const marks: Awaited<ReturnType<typeof mark>>[] = [];
  return {
    mark: async () => {
      marks.push(await mark());
    },
    perRequest(requests: number): DatabaseWork {
      const [a, b] = marks;
      if (!a || !b) throw new Error('databaseWork needs two marks');
      const per = (n: number) => n / Math.max(requests, 1);
      return {
        // A backend that ended between the marks (NaN) is left out of both.
        cpuMs: per(
          [...b.cpu].reduce(
            (sum, [pid, ms]) => sum + (ms - (a.cpu.get(pid) ?? Number.NaN) || 0),
            0,
          ),
        ),
        transactions: per(b.xacts - a.xacts),
        rowsWritten: per(b.written - a.written),
        blocksTouched: per(b.blocks - a.blocks),
      };
    },
  };
}
