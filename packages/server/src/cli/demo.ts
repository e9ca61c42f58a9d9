import { patientFactorsSchema, plan, surgerySchema } from '@lamina/pathway';
import type { Command } from './io.ts';
import { formatPlan } from './plan.ts';

/** Until the server exists, the demo prints one sample patient's plan, dated from today. */
export const demoCommand: Command = async (_args, io) => {
  const today = io.today();
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const tenDaysAgo = new Date(Date.UTC(y, m - 1, d - 10)).toISOString().slice(0, 10);
  const surgery = surgerySchema.parse({
    region: 'lumbar',
    procedure: 'laminectomy',
    surgeryDate: tenDaysAgo,
  });
  const factors = patientFactorsSchema.parse({ age: 67, preopNumbness: 'mild', jobDemand: 'desk' });
  io.out('Lamina demo: a 67-year-old patient, 10 days after a lumbar laminectomy.\n');
  io.out(formatPlan(plan(surgery, factors, today)));
  io.out('\nTry your own: npm run lamina -- plan --help');
  return 0;
};
