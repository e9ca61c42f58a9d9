/** `npm run bench triage`: triage decisions per second on one core. */
import { measureThroughput, report } from '../../../../scripts/bench-kit.ts';
import { checkinSchemaFor, type HistoryEntry } from '../checkin/checkin.ts';
import { addDays } from '../dates/dates.ts';
import type { Region } from '../surgery/surgery.ts';
import { escalationScenarios } from './escalations.scenarios.ts';
import { normalScenarios } from './normal.scenarios.ts';
import { redFlagScenarios } from './red-flags.scenarios.ts';
import { calmCheckin, historyOf, surgeryFor } from './scenario-kit.ts';
import { trajectoryScenarios } from './trajectory.scenarios.ts';
import { triage } from './triage.ts';

/** Every scenario of the test table, parsed once, so the loop measures triage alone. */
const cases = [
  ...redFlagScenarios,
  ...trajectoryScenarios,
  ...normalScenarios,
  ...escalationScenarios,
].flatMap((s) =>
  s.regions.map((region: Region) => {
    const surgery = surgeryFor(region, s.surgery);
    const today = addDays(surgery.surgeryDate, s.day);
    const base = s.bare ? {} : calmCheckin(region);
    const checkin = checkinSchemaFor(region).parse({ ...base, ...s.checkin });
    return { checkin, surgery, today, history: historyOf(region, today, s.history) };
  }),
);

// A realistic daily check-in: a full answer set plus 30 days of history.
const surgery = surgeryFor('lumbar');
const today = addDays(surgery.surgeryDate, 45);
const month: HistoryEntry[] = historyOf(
  'lumbar',
  today,
  Array.from({ length: 30 }, (_, i) => ({
    daysAgo: i + 1,
    walkingMinutes: 20 + (i % 7),
    limbPain: 3,
  })),
);
const checkin = checkinSchemaFor('lumbar').parse(calmCheckin('lumbar'));

const table = measureThroughput('triage, scenario table mix (no parsing)', (i) => {
  const c = cases[i % cases.length];
  return c && triage(c.checkin, c.surgery, c.history, c.today);
});
report(table, { atLeastPerSecond: 50_000 });

const withHistory = measureThroughput('triage, full check-in with 30 days of history', () =>
  triage(checkin, surgery, month, today),
);
report(withHistory, { atLeastPerSecond: 50_000 });

const raw = { ...calmCheckin('lumbar'), temperature: { value: 100.9, unit: 'F' } };
const parsedToo = measureThroughput('parse check-in (zod) + triage, no history', () =>
  triage(checkinSchemaFor('lumbar').parse(raw), surgery, [], today),
);
report(parsedToo);
