/**
 * The machinery under the red-flag words (decision 014): text → sentences → tokens, a spelling
 * fold so common misspellings meet the pattern, phrase patterns over token sequences with small
 * gaps, and negation scope. No clinical content lives here; the words are in red-flag-words.ts.
 *
 * Pattern syntax (one string per phrase):
 * - elements separated by spaces; an element is alternatives separated by `|`;
 * - an alternative ending in `*` matches any word starting with it (a stem);
 * - `_` joins words that must follow each other: `down_there`, `poner_de_pie`;
 * - `=word` matches the word as written, without the fold (`=wee`, which folds to "we");
 * - between two elements up to `gap` other words may stand (3 by default; `{n}` at the start of
 *   the string sets it: `{0} me orino` means the words touch);
 * - a leading `!` marks a phrase that is a red flag even after a denial ("no sensation … toilet").
 * Write stems long enough to stay specific, and not ending in "l" before a possible "ll".
 * Every word is folded like the text, so patterns are written in plain spelling.
 */

/** Lower case, accents stripped, apostrophes dropped ("can't" → "cant"). */
export function baseNormalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, '');
}

/**
 * The spelling fold applied to every word of the text and of the patterns: "ll" → "y", a silent
 * "h" dropped (not in ch/sh/th/ph/gh/wh), z → s, c before e/i → s, v → b, ph → f, repeated
 * letters once. "horinar" meets "orinar", "inchado" "hinchado", "adormesido" "adormecido",
 * "devil" "débil", "cabesa" "cabeza", "pleeease" "please".
 */
export function foldWord(word: string): string {
  return word
    .replace(/ll/g, 'y')
    .replace(/ph/g, 'f')
    .replace(/(^|[^cstpgw])h+/g, '$1')
    .replace(/z/g, 's')
    .replace(/c(?=[ei])/g, 's')
    .replace(/cs/g, 's')
    .replace(/v/g, 'b')
    .replace(/([a-z])\1+/g, '$1');
}

/** A stem is folded like a word, but a last "c" may become "s" with what follows ("adormec*"). */
function foldStem(stem: string): string {
  const folded = foldWord(stem);
  return /(^|[^c])c$/.test(stem) && folded.length > 3 ? folded.slice(0, -1) : folded;
}

export interface Token {
  /** As written (lower case, no accents), for the care team. */
  readonly raw: string;
  readonly folded: string;
  /** The folded word's beginnings from three letters on, for stem look-ups without allocating. */
  readonly prefixes: readonly string[];
  /** Index of the stretch between commas / sentence ends (post-negation and "fine" stay inside). */
  readonly segment: number;
  /** Index of the stretch a negation can reach: also ends at "and", "but", "y", "pero"… */
  readonly scope: number;
}

export interface Sentence {
  readonly tokens: readonly Token[];
}

const scopeBreakers = new Set(
  [
    'and',
    'but',
    'because',
    'so',
    'though',
    'although',
    'however',
    'then',
    'now',
    'except',
    'still',
    'while',
    'y',
    'e',
    'pero',
    'porque',
    'aunque',
    'sino',
    'ahora',
    'pues',
    'excepto',
    'salvo',
    'todavia',
    'aun',
    'mientras',
  ].map(foldWord),
);

/** Sentences of tokens. Decimal points ("101.8") and hyphens ("x-ray") do not end anything. */
export function tokenize(text: string): Sentence[] {
  const base = baseNormalize(text)
    .replace(/(\d)[.,](\d)/g, '$1 $2')
    .replace(/\bcan not\b/g, 'cannot');
  const sentences: Sentence[] = [];
  let segment = 0;
  let scope = 0;
  for (const sentenceText of base.split(/[.!?;\n\r]+/)) {
    const tokens: Token[] = [];
    for (const segmentText of sentenceText.split(/[,:()[\]"/]+/)) {
      segment++;
      scope++;
      for (const raw of segmentText.match(/[a-z0-9]+/g) ?? []) {
        const folded = foldWord(raw);
        if (scopeBreakers.has(folded)) scope++;
        const prefixes: string[] = [];
        for (let length = 3; length <= folded.length; length++)
          prefixes.push(folded.slice(0, length));
        tokens.push({ raw, folded, prefixes, segment, scope });
      }
    }
    if (tokens.length > 0) sentences.push({ tokens });
  }
  return sentences;
}

interface Word {
  /** Folded; for an `=word` the folded form too (the index keys on it). */
  readonly text: string;
  readonly stem: boolean;
  /** `=wee`: the word as written, unfolded (folded "wee" would be "we"). */
  readonly raw?: string;
}
/** One alternative: one or more words that follow each other. */
type Alternative = readonly Word[];
/** An element, indexed: single words in sets (exact words, stems), word sequences in a list. */
interface Element {
  readonly exact: ReadonlySet<string>;
  readonly stems: ReadonlySet<string>;
  /** Word sequences by their first word (when it is a whole word), the rest in a list. */
  readonly sequencesByFirst: ReadonlyMap<string, readonly Alternative[]>;
  readonly stemSequences: readonly Alternative[];
}

const shortestStem = 3;

function indexElement(alternatives: readonly Alternative[]): Element {
  const exact = new Set<string>();
  const stems = new Set<string>();
  const sequencesByFirst = new Map<string, Alternative[]>();
  const stemSequences: Alternative[] = [];
  for (const alternative of alternatives) {
    const [first] = alternative;
    if (!first) continue;
    if (alternative.length === 1 && first.raw === undefined)
      (first.stem ? stems : exact).add(first.text);
    else if (first.stem) stemSequences.push(alternative);
    else
      sequencesByFirst.set(first.text, [...(sequencesByFirst.get(first.text) ?? []), alternative]);
  }
  return { exact, stems, sequencesByFirst, stemSequences };
}

function startsWithStem(stems: ReadonlySet<string>, token: Token): boolean {
  if (stems.size === 0) return false;
  for (const prefix of token.prefixes) if (stems.has(prefix)) return true;
  return false;
}

export interface Pattern {
  readonly source: string;
  /** `!`: a denial does not take this phrase back (it describes a loss: "no strength … legs"). */
  readonly alwaysFlag: boolean;
  readonly elements: readonly Element[];
  readonly gap: number;
}

/** Words that make a phrase a red flag by themselves when they are part of it (inability, loss). */
const negationInPattern = new Set(
  [
    'none',
    'nor',
    'neither',
    'hadnt',
    'arent',
    'wasnt',
    'werent',
    'tampoco',
    'ningun',
    'ninguna',
    'ninguno',
    'no',
    'not',
    'cant',
    'cannot',
    'couldnt',
    'unable',
    'dont',
    'doesnt',
    'didnt',
    'wont',
    'havent',
    'hasnt',
    'isnt',
    'nothing',
    'sin',
    'without',
    'nada',
    'ni',
    'never',
    'nunca',
    'lost',
    'perdi',
    'cnat',
    'cannt',
  ].map(foldWord),
);

export function compilePattern(source: string): Pattern {
  const alwaysFlag = source.startsWith('!');
  const unmarked = alwaysFlag ? source.slice(1).trim() : source;
  const gapMatch = /^\{(\d+)\}\s*/.exec(unmarked);
  const gap = gapMatch ? Number(gapMatch[1]) : 3;
  const body = gapMatch ? unmarked.slice(gapMatch[0].length) : unmarked;
  const elements: Element[] = body
    .trim()
    .split(/\s+/)
    .map((element) =>
      indexElement(
        element.split('|').map((alternative) =>
          alternative.split('_').map((word) => {
            if (word.startsWith('=')) {
              const raw = baseNormalize(word.slice(1));
              if (!/^[a-z0-9]+$/.test(raw)) throw new Error(`bad red-flag pattern word "${word}"`);
              return { text: foldWord(raw), stem: false, raw };
            }
            const stem = word.endsWith('*');
            const plain = baseNormalize(stem ? word.slice(0, -1) : word);
            if (!/^[a-z0-9]+$/.test(plain)) throw new Error(`bad red-flag pattern word "${word}"`);
            const text = stem ? foldStem(plain) : foldWord(plain);
            // A stem folded to two letters ("ooz*" → "os") would match half the dictionary.
            if (stem && text.length < shortestStem)
              throw new Error(`red-flag stem "${word}" folds too short`);
            return { text, stem };
          }),
        ),
      ),
    );
  return { source, alwaysFlag, elements, gap };
}

function ownsNegation(tokens: readonly Token[], from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const token = tokens[at];
    if (token && negationInPattern.has(token.folded)) return true;
  }
  return false;
}

function wordMatches(word: Word, token: Token | undefined): boolean {
  if (!token) return false;
  if (word.raw !== undefined) return token.raw === word.raw;
  return word.stem ? token.folded.startsWith(word.text) : token.folded === word.text;
}

/** The index after the element when it matches at `at`, else -1 (the longest alternative wins). */
function matchElement(element: Element, tokens: readonly Token[], at: number): number {
  const token = tokens[at];
  if (!token) return -1;
  let best = element.exact.has(token.folded) || startsWithStem(element.stems, token) ? at + 1 : -1;
  const byFirst = element.sequencesByFirst.get(token.folded);
  if (byFirst) best = longestSequence(byFirst, tokens, at, best);
  if (element.stemSequences.length > 0)
    best = longestSequence(element.stemSequences, tokens, at, best);
  return best;
}

function longestSequence(
  sequences: readonly Alternative[],
  tokens: readonly Token[],
  at: number,
  best: number,
): number {
  let longest = best;
  for (const sequence of sequences) {
    if (at + sequence.length <= longest) continue;
    let all = true;
    for (let i = 0; i < sequence.length && all; i++) {
      const word = sequence[i];
      all = word !== undefined && wordMatches(word, tokens[at + i]);
    }
    if (all) longest = at + sequence.length;
  }
  return longest;
}

export interface Hit {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** Where the last element starts (the symptom word in "wound … red"). */
  readonly lastStart: number;
  /** True when a word of the phrase itself (not a word in a gap) is a negation: "no puedo orinar". */
  readonly carriesNegation: boolean;
}

/** Every place the pattern matches in the sentence (one per start word). */
export function findHits(pattern: Pattern, tokens: readonly Token[]): Hit[] {
  const hits: Hit[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const hit = hitAt(pattern, tokens, start);
    if (hit) hits.push(hit);
  }
  return hits;
}

/** The match starting at this word, if any. */
export function hitAt(pattern: Pattern, tokens: readonly Token[], start: number): Hit | undefined {
  const [first, ...rest] = pattern.elements;
  if (!first) return undefined;
  {
    let position = matchElement(first, tokens, start);
    if (position < 0) return undefined;
    let lastStart = start;
    let carriesNegation = pattern.alwaysFlag || ownsNegation(tokens, start, position);
    for (const element of rest) {
      let next = -1;
      for (let at = position; at <= position + pattern.gap && at < tokens.length; at++) {
        // A phrase that holds after a denial stays inside its stretch (no comma in between).
        if (pattern.alwaysFlag && tokens[at]?.segment !== tokens[start]?.segment) break;
        next = matchElement(element, tokens, at);
        if (next >= 0) {
          lastStart = at;
          carriesNegation ||= ownsNegation(tokens, at, next);
          break;
        }
      }
      position = next;
      if (position < 0) break;
    }
    return position >= 0 ? { start, end: position, lastStart, carriesNegation } : undefined;
  }
}

/**
 * An index from first words to patterns, so a sentence only tries the patterns that can start
 * at one of its words (hundreds of patterns, a handful of candidates).
 */
export class PatternIndex<T> {
  readonly #exact = new Map<string, T[]>();
  readonly #stems = new Map<string, T[]>();

  add(pattern: Pattern, value: T): void {
    const [first] = pattern.elements;
    if (!first) return;
    const put = (map: Map<string, T[]>, key: string) => {
      const list = map.get(key) ?? [];
      if (!list.includes(value)) list.push(value);
      map.set(key, list);
    };
    for (const word of first.exact) put(this.#exact, word);
    for (const stem of first.stems) put(this.#stems, stem);
    for (const word of first.sequencesByFirst.keys()) put(this.#exact, word);
    for (const sequence of first.stemSequences) {
      const [head] = sequence;
      if (head) put(this.#stems, head.text);
    }
  }

  /** What may start at this word. */
  candidates(token: Token): T[] {
    const found: T[] = [...(this.#exact.get(token.folded) ?? [])];
    for (const prefix of token.prefixes) {
      const list = this.#stems.get(prefix);
      if (list) for (const value of list) if (!found.includes(value)) found.push(value);
    }
    return found;
  }
}

// --- Negation -------------------------------------------------------------------------------

const negationCues = new Set(
  [
    'no',
    'not',
    'never',
    'without',
    'none',
    'nor',
    'neither',
    'denies',
    'deny',
    'denied',
    'denying',
    'dont',
    'doesnt',
    'didnt',
    'havent',
    'hasnt',
    'hadnt',
    'isnt',
    'arent',
    'wasnt',
    'werent',
    'sin',
    'nunca',
    'ni',
    'tampoco',
    'niega',
    'nego',
    'ningun',
    'ninguna',
    'ninguno',
    'nada',
  ].map(foldWord),
);

/**
 * "no" / "don't" that do NOT deny what follows: inability ("no puedo", "no me deja", "not able"),
 * "does not stop", "no se quita", "I don't feel well".
 */
const notDenying = [
  '{1} no puedo|puede|pude|pueo|podia|podido|logro|consigo|aguanto|aguanta|para|paro|deja|dejan|able|stop|stops|stopping|quita|calma|baja|mejora|responde|responden|controlo|controla',
  '{1} dont|doesnt|didnt|wont|isnt|not stop|quit|go_away|goes_away|improve|help|work|respond|able',
  '{2} dont|doesnt|didnt|not|no feel|siento well|good|bien|right|great',
  '{1} no se si|que|como|cuando|bien|porque|por',
].map(compilePattern);

/** Hedges: in a sentence with one of these, no negation suppresses anything ("not sure", "creo"). */
const hedges = [
  'not sure',
  'not certain',
  'unsure',
  'dont know',
  'do_not know',
  'i think',
  'maybe',
  'perhaps',
  'might',
  'probably',
  'i guess',
  'not really sure',
  'seems',
  'no se si|que|como|cuando|bien',
  'no estoy segur*',
  'no stoy segur*',
  'creo',
  'quizas|quiza|quisas|quisa',
  'tal_vez|talbez',
  'puede_que',
  'parece',
  'a_lo_mejor',
  'supongo',
  'probablemente',
].map((p) => compilePattern(`{0} ${p}`));

function isNegationCue(
  tokens: readonly Token[],
  at: number,
  notDenyingStarts: ReadonlySet<number>,
) {
  const token = tokens[at];
  return token !== undefined && negationCues.has(token.folded) && !notDenyingStarts.has(at);
}

/** Per sentence, computed once: where a denial starts, and whether the sentence hedges. */
export interface SentenceContext {
  readonly cueAt: readonly boolean[];
  readonly hedged: boolean;
}

export function analyzeSentence(tokens: readonly Token[]): SentenceContext {
  const notDenyingStarts = new Set(
    notDenying.flatMap((pattern) => findHits(pattern, tokens).map((hit) => hit.start)),
  );
  return {
    cueAt: tokens.map((_, at) => isNegationCue(tokens, at, notDenyingStarts)),
    hedged: hedges.some((pattern) => findHits(pattern, tokens).length > 0),
  };
}

/** A denial reaches up to this many words ahead, within its scope ("no tengo ningún dolor de pecho"). */
const negationReach = 6;

export function isNegated(tokens: readonly Token[], context: SentenceContext, at: number): boolean {
  const token = tokens[at];
  if (!token || context.hedged) return false;
  for (let cue = at - 1; cue >= 0 && cue >= at - negationReach; cue--) {
    const before = tokens[cue];
    if (!before || before.scope !== token.scope) break;
    if (context.cueAt[cue]) return true;
  }
  return false;
}

/** "… is fine", "… stopped", "fiebre no": the mention is reported as normal or gone. */
const reassurances = new Set(
  [
    'fine',
    'normal',
    'normally',
    'normales',
    'ok',
    'okay',
    'good',
    'bien',
    'stopped',
    'gone',
    'resolved',
    'negative',
    'negativo',
    'negativa',
    'paro',
    'detuvo',
    'quito',
  ].map(foldWord),
);
const reassuranceReach = 4;
const troubleDenied = compilePattern(
  '{1} sin|no|without|ningun|any problema|problemas|problem|problems|trouble|issue|issues|dificultad',
);

export function isReassuredAfter(tokens: readonly Token[], end: number): boolean {
  const last = tokens[end - 1];
  if (!last) return false;
  for (let at = end; at < tokens.length && at < end + reassuranceReach; at++) {
    const token = tokens[at];
    if (!token || token.segment !== last.segment) break;
    if (reassurances.has(token.folded)) {
      // "not fine", "no está bien": a denied reassurance reassures nobody.
      const before = tokens[at - 1];
      if (before && at - 1 >= end && negationCues.has(before.folded)) return false;
      return true;
    }
  }
  // "respiro sin problema", "peeing without any trouble".
  for (const hit of findHits(troubleDenied, tokens)) {
    const token = tokens[hit.start];
    if (hit.start >= end && hit.start < end + reassuranceReach && token?.segment === last.segment)
      return true;
  }
  // "fiebre no", "fever none": a bare denial right after the word, ending its stretch.
  const next = tokens[end];
  const afterNext = tokens[end + 1];
  return (
    next !== undefined &&
    next.segment === last.segment &&
    ['no', 'none', 'nope'].includes(next.folded) &&
    (afterNext === undefined ||
      afterNext.segment !== next.segment ||
      ['tengo', 'have', 'ay', 'hay'].includes(afterNext.folded))
  );
}

const improving = [
  'better',
  'improving',
  'improved',
  'mejor',
  'mejorando',
  'mejora',
  'less',
  'menos',
  'fading',
  'going_away',
  'goes_away',
  'se_quita',
  'se_esta_quitando',
  'desapareciendo',
].map((p) => compilePattern(`{0} ${p}`));

/** "… slowly getting better", "va mejorando": in the same stretch after the mention, not denied. */
export function isImprovingAfter(tokens: readonly Token[], end: number): boolean {
  const last = tokens[end - 1];
  if (!last) return false;
  for (const pattern of improving)
    for (const hit of findHits(pattern, tokens)) {
      const token = tokens[hit.start];
      if (hit.start < end || !token || token.segment !== last.segment) continue;
      const before = tokens[hit.start - 1];
      if (before && negationCues.has(before.folded)) continue;
      return true;
    }
  return false;
}
