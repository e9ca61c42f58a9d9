/** Tiny benchmarking helpers shared by every *.bench.ts file. Benchmarks report; they never fail a test run. */

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
