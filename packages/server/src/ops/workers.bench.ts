/**
 * Check-in throughput of `lamina serve --workers 1` and `--workers 2` on one PostgreSQL, behind a
 * real load balancer (Debian's HAProxy on loopback, plain HTTP), in the same run (issue 19):
 * 200 signed-in patients, wrk with 50 connections, fresh idempotency keys, rounds alternating
 * 1 and 2 workers so both share the machine's moments of load. Prints both rates and their ratio.
 * On a machine whose cores are all busy (PostgreSQL, wrk and the workers share 2 cores here) a
 * second worker cannot add much; the figure says what this machine gives, not what a bigger one
 * would. BENCH_SECONDS (default 10; 4 with --quick), BENCH_ROUNDS (default 2).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findWrk, type LoadResult, quick, runWrk } from '../../../../scripts/bench-kit.ts';
import { enrolBenchPatients, startLamina } from './bench-servers.test-helper.ts';

const postgresUrl =
  process.env.LAMINA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 4 : 10));
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = 50;
const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((path) => existsSync(path));
const workDir = mkdtempSync(join(tmpdir(), 'lamina-bench-workers-'));

function freePort(): Promise<number> {
  return import('node:net').then(
    ({ createServer }) =>
      new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      }),
  );
}

/** HAProxy in front of one port (the workers of `--workers N` share it), plain HTTP on loopback. */
async function balancer(backendPort: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const config = join(workDir, `haproxy-${backendPort}.cfg`);
  writeFileSync(
    config,
    `global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    option forwardfor
frontend lamina
    bind 127.0.0.1:${port}
    default_backend lamina
backend lamina
    server lamina 127.0.0.1:${backendPort} maxconn 100
`,
  );
  const child: ChildProcess = spawn(haproxy as string, ['-db', '-f', config], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(wrk: string) {
  const admin = new pg.Client({ connectionString: postgresUrl });
  const database = `lamina_bench_workers_${process.pid}`;
  try {
    await admin.connect();
    await admin.query(`create database ${database}`);
  } catch (error) {
    console.log(`workers on PostgreSQL: skipped (${(error as Error).message})`);
    await admin.end().catch(() => {});
    return;
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString(), LAMINA_DATA_DIR: '', LAMINA_TRUST_PROXY: '1' };
  try {
    const targets = await enrolBenchPatients({ engine: 'postgres', url: url.toString() });
    const results: Record<1 | 2, LoadResult[]> = { 1: [], 2: [] };
    for (let round = 0; round < rounds; round++) {
      for (const workers of [1, 2] as const) {
        const server = await startLamina(env, `workers-${workers}`, ['--workers', String(workers)]);
        const lb = await balancer(Number(new URL(server.url).port));
        try {
          await runWrk(wrk, lb.url, targets, { connections, seconds: 2, workDir }); // warm-up
          results[workers].push(
            await runWrk(wrk, lb.url, targets, { connections, seconds, workDir }),
          );
        } finally {
          await lb.stop();
          await server.stop();
        }
      }
    }
    const best = (list: LoadResult[]) => list.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const describe = (r: LoadResult) =>
      `${fmt(r.perSecond)}/s (p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, ${r.errors} failed)`;
    console.log(`1 worker behind HAProxy: ${results[1].map(describe).join(' | ')}`);
    console.log(`2 workers behind HAProxy: ${results[2].map(describe).join(' | ')}`);
    const one = best(results[1]);
    const two = best(results[2]);
    console.log(
      `\nsummary:\n  check-in throughput on PostgreSQL behind HAProxy (${connections} connections): 1 worker ${fmt(one.perSecond)}/s, 2 workers ${fmt(two.perSecond)}/s = ${fmt(two.perSecond / one.perSecond, 2)}× (reported, no aim: on this 2-core machine PostgreSQL, wrk and the workers share the cores)`,
    );
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

const wrk = findWrk();
try {
  if (!wrk) console.log('workers: skipped — wrk is not installed (as root: apt-get install wrk)');
  else if (!haproxy)
    console.log('workers: skipped — HAProxy is not installed (as root: apt-get install haproxy)');
  else await main(wrk);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
