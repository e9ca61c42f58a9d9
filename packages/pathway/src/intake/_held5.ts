import { englishHeldOut5, scoreCorpus, spanishHeldOut5 } from './red-flag-corpus.ts';
import { findRedFlagWords } from './red-flag-words.ts';

const detect = (t: string) => findRedFlagWords(t)[0]?.level ?? 'none';
for (const [lang, set] of Object.entries({ en: englishHeldOut5, es: spanishHeldOut5 })) {
  const s = scoreCorpus(set, detect);
  console.log(
    lang,
    s.phrases,
    'emRecall',
    s.emergencyRecall.toFixed(3),
    'emNone',
    s.emergencyMissed.length,
    'emAsUrg',
    s.emergencyAsUrgent.length,
    'urgRecall',
    s.urgentRecall.toFixed(3),
    'FA',
    s.falseAlarmRate.toFixed(3),
    s.falseAlarms.length,
  );
  console.log(
    JSON.stringify(
      {
        missed: s.emergencyMissed,
        asUrgent: s.emergencyAsUrgent,
        urgMissed: s.urgentMissed,
        fa: s.falseAlarms.map((t) => [
          t,
          findRedFlagWords(t).map((m) => m.id + ':' + m.matched.join('/')),
        ]),
      },
      null,
      1,
    ),
  );
}
