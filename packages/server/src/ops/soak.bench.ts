/**
 * Soak (issue 19): the embedded-engine server under a steady check-in load for 10 minutes
 * (BENCH_SOAK_MINUTES; 2 with --quick), its RSS sampled every 30 s. Says whether memory grew:
 * the median of the last third of the samples against the median of the first third (after the
 * first minute's warm-up), with 10 % + 16 MB of slack for the garbage collector's rhythm.
 * Not part of `npm run bench` without a name (scripts/bench.ts): run it as `npm run bench -- soak`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWrk, quick, rssMb, runWrk, verdict } from '../../../../scripts/bench-kit.ts';
import { enrolBenchPatients, startLamina } from './bench-servers.test-helper.ts';

const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 2 : 10));
const sliceSeconds = 30;
/** A steady load, not a saturating one: a clinic's busy hour, many times over. */
const connections = 8;
const workDir = mkdtempSync(join(tmpdir(), 'lamina-bench-soak-'));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(wrk: string) {
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const env = { LAMINA_DATA_DIR: dataDir, DATABASE_URL: '' };
  await (await startLamina(env, 'soak-first')).stop();
  const targets = await enrolBenchPatients({ engine: 'pglite', dataDir });
  const server = await startLamina(env, 'soak');
  try {
    const samples: { at: number; rss: number; perSecond: number; p99: number }[] = [];
    const started = Date.now();
    console.log(
      `soak: ${minutes} min of check-ins at ${connections} connections, RSS every ${sliceSeconds} s`,
    );
    while (Date.now() - started < minutes * 60_000) {
      const result = await runWrk(wrk, server.url, targets, {
        connections,
        seconds: sliceSeconds,
        workDir,
      });
      const sample = {
        at: (Date.now() - started) / 60_000,
        rss: rssMb(server.child.pid),
        perSecond: result.perSecond,
        p99: result.p99,
      };
      samples.push(sample);
      console.log(
        `  ${sample.at.toFixed(1)} min: RSS ${sample.rss.toFixed(0)} MB, ${sample.perSecond.toFixed(0)} check-ins/s, p99 ${sample.p99.toFixed(0)} ms, ${result.errors} failed`,
      );
    }
    const settled = samples.filter((s) => s.at > 1);
    const third = Math.max(1, Math.floor(settled.length / 3));
    const early = median(settled.slice(0, third).map((s) => s.rss));
    const late = median(settled.slice(-third).map((s) => s.rss));
    const grew = late > early * 1.1 + 16;
    console.log(
      `\nsummary:\n  soak (${minutes} min, embedded engine): RSS ${early.toFixed(0)} MB early → ${late.toFixed(0)} MB late (medians of the first and last thirds after the first minute), peak ${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MB; ${grew ? 'it grew' : 'no growth'}; aim no growth: ${verdict(!grew && settled.length >= 2)}`,
    );
  } finally {
    await server.stop();
  }
}

const wrk = findWrk();
try {
  if (!wrk) console.log('soak: skipped — wrk is not installed (as root: apt-get install wrk)');
  else await main(wrk);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
