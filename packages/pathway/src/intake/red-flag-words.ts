import type { Source, Statement } from '../sources/source.ts';

/**
 * Red-flag words in what a person types into a request (a callback description, symptoms).
 * Matching is deliberately loose: a missed red flag is far worse than a false alarm, so we match
 * word stems after lower-casing and stripping accents, in English and Spanish. A match never
 * diagnoses anything; it only puts the emergency instruction first and the request on top.
 */
export type RedFlagLevel = 'emergency' | 'urgent';

export interface RedFlagWord {
  readonly id: string;
  /** What the words point to, for the care team (English; the console shows it). */
  readonly concern: string;
  readonly level: RedFlagLevel;
  /** Patterns over the normalized text (lower case, no accents, single spaces, padded with spaces). */
  readonly patterns: readonly RegExp[];
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export interface RedFlagMatch {
  readonly id: string;
  readonly concern: string;
  readonly level: RedFlagLevel;
  /** The normalized words that matched, so staff can see why. */
  readonly matched: readonly string[];
  readonly sources: readonly Source[];
}

// " stem" matches the start of a word; patterns run on text padded with spaces.
export const redFlagWords: readonly RedFlagWord[] = [
  {
    id: 'bladder-bowel',
    concern: 'Bladder or bowel trouble (possible cauda equina signs)',
    level: 'emergency',
    patterns: [
      / bladder/,
      / bowel/,
      / incontinen/,
      / (cant|cannot|can not|unable to|couldnt|could not) (pee|urinat|go to the bathroom|poop)/,
      / (wet|soil|pee|peed|pooped) (myself|my pants|the bed)/,
      / urin/,
      / retention/,
      / vejiga/,
      / intestin/,
      / orin/,
      / (no puedo|no pude|no logro) (orinar|hacer pis|hacer del bano|defecar|evacuar)/,
      / (me hice|me orine|me hago) /,
      / (heces|popo|caca|esfinter)/,
      / control (de|del|de la) (orina|vejiga|intestino|esfinter)/,
    ],
    sources: ['ref:1', 'ref:3', 'seed:001'],
  },
  {
    id: 'saddle-numbness',
    concern: 'Numbness in the groin or saddle area (possible cauda equina signs)',
    level: 'emergency',
    patterns: [
      / saddle/,
      / groin/,
      / genital/,
      / perine/,
      / between (my|the) legs/,
      / (buttock|bottom|private)s? (are |is |feel |feels )?numb/,
      / numb\w* (in |around |between )?(my |the )?(groin|bottom|private|buttock|genital|crotch|inner thigh)/,
      / crotch/,
      / entrepierna/,
      / ingle/,
      / silla de montar/,
      / perine/,
      / genital/,
      / (partes intimas|zona intima)/,
      / entre (las|mis) piernas/,
    ],
    sources: ['ref:1', 'seed:001'],
  },
  {
    id: 'leg-weakness',
    concern: 'Weakness or numbness in the legs or arms, new or getting worse fast',
    level: 'emergency',
    patterns: [
      / weak/,
      / paraly/,
      / (cant|cannot|can not|unable to|couldnt|could not) (move|feel|lift|stand|walk)/,
      / (legs?|knees?) (gave|give|giving|gives) (out|way)/,
      / foot drop/,
      / numb/,
      / debil/,
      / paralis/,
      / paraliz/,
      / (no puedo|no pude|no logro) (mover|sentir|levantar|pararme|caminar|andar)/,
      / (adormec|entumec|dormid|hormigue)/,
      / (se me doblan|se me dobla|me fallan|me falla) /,
    ],
    sources: ['ref:1', 'ref:3', 'seed:001'],
  },
  {
    id: 'chest-breathing',
    concern: 'Chest pain, trouble breathing or coughing blood (possible blood clot in the lungs)',
    level: 'emergency',
    patterns: [
      / chest/,
      / (short|shortness) of breath/,
      / breath/,
      / (cant|cannot|can not|hard to|trouble|struggling to) breathe/,
      / cough\w* (up )?blood/,
      / pecho/,
      / falta\w* (de |el )?aire/,
      / sin aire/,
      / (respir|ahog|asfixi)/,
      / (tos|toso|tosiendo|tosi) (con )?sangre/,
    ],
    sources: ['ref:3', 'ref:8'],
  },
  {
    id: 'heavy-bleeding',
    concern: 'Heavy bleeding or a dressing soaked with blood',
    level: 'emergency',
    patterns: [/ bleed/, / blood/, / hemorrhag/, / sangr/, / hemorrag/],
    sources: ['ref:3', 'ref:8'],
  },
  {
    id: 'neck-swelling-swallowing',
    concern: 'Neck swelling, or trouble swallowing or speaking (after neck surgery)',
    level: 'emergency',
    patterns: [
      / swallow/,
      / (cant|cannot|can not|unable to|trouble) (speak|talk)/,
      / (neck|throat) (is |are )?(swell|swollen)/,
      / trag/,
      / (no puedo|me cuesta) (hablar|tragar)/,
      / (cuello|garganta) (esta )?(hinchad|inflamad)/,
      / hinchazon (del|en el) cuello/,
    ],
    sources: ['ref:22', 'ref:3'],
    uncertain: true,
  },
  {
    id: 'fever-wound',
    concern: 'Fever, or a wound that is red, warm, leaking or opening (possible infection)',
    level: 'urgent',
    patterns: [
      / fever/,
      / feverish/,
      / temperature/,
      / chills/,
      / (pus|drain|discharg|ooz|leak|seep)/,
      / (wound|incision|cut|stitches|scar)/,
      / infect/,
      / fiebre/,
      / calentura/,
      / escalofri/,
      / temperatura/,
      / (pus|supur|secrecion|drena|liquido)/,
      / (herida|incision|cicatriz|puntos)/,
      / infecc/,
      / infectad/,
    ],
    sources: ['seed:001', 'ref:3', 'ref:7'],
  },
  {
    id: 'calf-clot',
    concern: 'Calf pain or swelling (possible blood clot in the leg)',
    level: 'urgent',
    patterns: [/ calf/, / calves/, / pantorrill/, / (coagul|trombo|cuagul)/, / clot/],
    sources: ['ref:3', 'ref:4'],
  },
  {
    id: 'positional-headache',
    concern: 'A headache that is worse sitting or standing (possible spinal fluid leak)',
    level: 'urgent',
    patterns: [/ headache/, / (dolor de cabeza|jaqueca|migrana)/],
    sources: ['ref:13'],
  },
  {
    id: 'uncontrolled-pain',
    concern: 'Severe pain that the medicine does not control',
    level: 'urgent',
    patterns: [
      / (severe|unbearable|worst|excruciating|terrible|uncontrolled) pain/,
      / (dolor|dolores) (muy )?(fuerte|insoportable|terrible|intenso|severo)/,
      / (insoportable)/,
    ],
    sources: ['seed:001'],
  },
];

/** Lower case, accents stripped, anything but letters and digits turned into single spaces. */
export function normalizeForRedFlags(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    // "can't" → "cant", "don’t" → "dont": apostrophes vanish instead of splitting the word.
    .replace(/['’`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return ` ${folded} `;
}

/** The red flags the text mentions, most serious first; empty when none. */
export function findRedFlagWords(text: string): RedFlagMatch[] {
  const normalized = normalizeForRedFlags(text);
  const found: RedFlagMatch[] = [];
  for (const flag of redFlagWords) {
    const matched = flag.patterns
      .map((pattern) => pattern.exec(normalized)?.[0]?.trim())
      .filter((m): m is string => m !== undefined && m !== '');
    if (matched.length > 0)
      found.push({
        id: flag.id,
        concern: flag.concern,
        level: flag.level,
        matched: [...new Set(matched)],
        sources: flag.sources,
      });
  }
  return found.sort((a, b) => levelRank[a.level] - levelRank[b.level]);
}

const levelRank: Record<RedFlagLevel, number> = { emergency: 0, urgent: 1 };

export type IntakeLanguage = 'en' | 'es';

/**
 * What the person reads first when their words contain a red flag. `{emergencyNumber}` and
 * `{clinicPhone}` are filled in from the clinic's settings.
 */
export const redFlagInstructions: Readonly<
  Record<RedFlagLevel, Readonly<Record<IntakeLanguage, Statement>>>
> = {
  emergency: {
    en: {
      id: 'intake.red-flag.emergency',
      text: 'What you wrote may be a sign of an emergency. Do not wait for a call back. Call {emergencyNumber} now, or go to the nearest emergency room. Lamina cannot tell what is wrong, but these signs need a doctor right away.',
      sources: ['ref:1', 'ref:3', 'ref:8', 'seed:001'],
    },
    es: {
      id: 'intake.red-flag.emergency',
      text: 'Lo que escribió puede ser señal de una emergencia. No espere a que le llamen. Llame ahora al {emergencyNumber} o vaya a la sala de emergencias más cercana. Lamina no puede saber qué le pasa, pero estas señales necesitan un médico de inmediato.',
      sources: ['ref:1', 'ref:3', 'ref:8', 'seed:001'],
    },
  },
  urgent: {
    en: {
      id: 'intake.red-flag.urgent',
      text: 'What you wrote may need a doctor today. Do not wait for a call back: call your clinic now at {clinicPhone}. If you feel very sick, or it gets worse fast, call {emergencyNumber}. Lamina cannot tell what is wrong.',
      sources: ['seed:001', 'ref:3', 'ref:7'],
    },
    es: {
      id: 'intake.red-flag.urgent',
      text: 'Lo que escribió puede necesitar un médico hoy. No espere a que le llamen: llame ahora a su clínica al {clinicPhone}. Si se siente muy mal, o empeora rápido, llame al {emergencyNumber}. Lamina no puede saber qué le pasa.',
      sources: ['seed:001', 'ref:3', 'ref:7'],
    },
  },
};

/** The instruction to show first for these matches (the most serious level wins), or undefined. */
export function redFlagInstructionFor(
  matches: readonly RedFlagMatch[],
  language: IntakeLanguage,
  contact: { emergencyNumber: string; clinicPhone: string | null },
): (Statement & { level: RedFlagLevel }) | undefined {
  const top = matches[0];
  if (!top) return undefined;
  // Without a clinic phone the urgent advice would be unusable: fall back to the emergency one.
  const level: RedFlagLevel =
    top.level === 'urgent' && contact.clinicPhone ? 'urgent' : 'emergency';
  const statement = redFlagInstructions[level][language];
  return {
    ...statement,
    level,
    text: statement.text
      .replaceAll('{emergencyNumber}', contact.emergencyNumber)
      .replaceAll('{clinicPhone}', contact.clinicPhone ?? contact.emergencyNumber),
  };
}
