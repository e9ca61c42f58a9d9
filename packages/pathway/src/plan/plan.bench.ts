/** Plans generated per second on one core, across surgeries and days (issue 2 expects well over 10 000/s). */
import { measureThroughput, report } from '../../../../scripts/bench-kit.ts';
import { addDays, type IsoDate } from '../dates/dates.ts';
import { approaches, procedures, regions, surgerySchema } from '../surgery/surgery.ts';
import { plan } from './plan.ts';

const surgeries = regions.flatMap((region) =>
  procedures.flatMap((procedure) =>
    approaches.flatMap((approach) =>
      [false, true].map((fusion) =>
        surgerySchema.parse({
          region,
          procedure,
          approach,
          fusion,
          levels: 2,
          surgeryDate: '2026-11-01',
        }),
      ),
    ),
  ),
);
const days = Array.from({ length: 50 }, (_, i) => addDays('2026-10-20' as IsoDate, i * 9));
const factors = { smoker: true, preopNumbness: 'mild' as const, jobDemand: 'desk' as const };

const result = measureThroughput('plans generated', (i) => {
  const surgery = surgeries[i % surgeries.length];
  const today = days[i % days.length];
  if (!surgery || !today) throw new Error('unreachable');
  return plan(surgery, factors, today);
});
report(result, { atLeastPerSecond: 10_000 });
