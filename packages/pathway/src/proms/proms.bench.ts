/** Scores per second for the heaviest scoring paths (validation + scoring) and for promsDue. */
import { measureThroughput, report } from '../../../../scripts/bench-kit.ts';
import type { IsoDate } from '../dates/dates.ts';
import { scorePromAnswers } from './registry.ts';
import { promsDue } from './schedule.ts';

const ndiAnswers = {
  'pain-intensity': 2,
  'personal-care': 1,
  lifting: 3,
  reading: 2,
  headaches: 1,
  concentration: 2,
  work: 3,
  sleeping: 2,
  recreation: 2,
};
const odiAnswers = {
  'pain-intensity': 3,
  'personal-care': 2,
  lifting: 1,
  walking: 2,
  sitting: 2,
  standing: 1,
  sleeping: 2,
  'social-life': 2,
  travelling: 1,
};

report(
  measureThroughput('scorePromAnswers(ndi) incl. validation', () =>
    scorePromAnswers('ndi', ndiAnswers),
  ),
);
report(
  measureThroughput('scorePromAnswers(odi) incl. validation', () =>
    scorePromAnswers('odi', odiAnswers, { licensedInstruments: ['odi'] }),
  ),
);
report(
  measureThroughput('promsDue(lumbar, 10 responses)', (i) =>
    promsDue(
      { region: 'lumbar', surgeryDate: '2026-01-31' as IsoDate },
      Array.from({ length: 10 }, () => ({
        instrument: 'zcq' as const,
        completedOn: '2026-03-10' as IsoDate,
      })),
      (i % 2 ? '2026-03-12' : '2026-05-01') as IsoDate,
    ),
  ),
);
