import { findRedFlagWords } from './red-flag-words.ts';

for (const t of process.argv.slice(2))
  console.log(t, '=>', JSON.stringify(findRedFlagWords(t).map((m) => [m.id, m.matched])));
