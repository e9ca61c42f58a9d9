/** `npm run bench red-flag`: free-text red-flag checks per second on one core (one per request). */
import { measureThroughput, report } from '../../../../scripts/bench-kit.ts';
import { corpusByLanguage } from './red-flag-corpus.ts';
import { findRedFlagWords } from './red-flag-words.ts';

const phrases = Object.values(corpusByLanguage).flatMap((set) => [
  ...set.emergency,
  ...set.urgent,
  ...set.none,
]);

const short = measureThroughput('red-flag check, corpus phrases (EN + ES, mixed labels)', (i) =>
  findRedFlagWords(phrases[i % phrases.length] ?? ''),
);
report(short, { atLeastPerSecond: 1_000 });

// A long call-back description: a dozen sentences, the size of a full request text.
const long = phrases.slice(0, 12).join('. ');
const longRun = measureThroughput(`red-flag check, one ${long.length}-character request`, () =>
  findRedFlagWords(long),
);
report(longRun, { atLeastPerSecond: 100 });

// Wall-clock rates suffer on a shared machine; CPU time says what the check itself costs.
const started = process.cpuUsage();
const runs = 5_000;
for (let i = 0; i < runs; i++) findRedFlagWords(phrases[i % phrases.length] ?? '');
const used = process.cpuUsage(started);
const perCpuSecond = Math.round(runs / ((used.user + used.system) / 1e6));
console.log(`red-flag check, corpus phrases: ${perCpuSecond.toLocaleString('en-US')}/CPU-second`);
const longStarted = process.cpuUsage();
for (let i = 0; i < 500; i++) findRedFlagWords(long);
const longUsed = process.cpuUsage(longStarted);
const perLong = Math.round(500 / ((longUsed.user + longUsed.system) / 1e6));
console.log(
  `red-flag check, ${long.length}-character request: ${perLong.toLocaleString('en-US')}/CPU-second`,
);
