import type { Statement } from '@lamina/pathway';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { en, type MessageKey } from './en.ts';

export type Lang = 'en' | 'es';
export const languages: readonly Lang[] = ['en', 'es'];
const storageKey = 'lamina.lang';

interface Catalogue {
  readonly messages: Readonly<Record<MessageKey, string>>;
  /** Clinical sentences by statement id; absent for English, which the API already speaks. */
  readonly clinical?: Readonly<Record<string, string>>;
}

// English ships with the first screen; Spanish is its own chunk (the service worker keeps it for
// offline use), so a phone that reads English does not download the Spanish catalogues.
const catalogues: Partial<Record<Lang, Catalogue>> = { en: { messages: en } };

/** Fetches a language's catalogues once. Until they arrive (or if they cannot), text is English. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (catalogues[lang]) return;
  const { spanish } = await import('./spanish.ts');
  catalogues.es = spanish;
}

export type Params = Readonly<Record<string, string | number>>;

/**
 * Fills {name} with a parameter. `{count, plural, one {# day} other {# days}}` picks the form for
 * the number (English and Spanish: "one" is exactly 1), so no text needs "day(s)".
 */
export function format(template: string, params: Params = {}): string {
  const plural = template.replace(
    /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g,
    (whole, name: string, one: string, other: string) => {
      const n = params[name];
      if (typeof n !== 'number') return whole;
      return (n === 1 ? one : other).replaceAll('#', String(n));
    },
  );
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(catalogues[lang]?.messages[key] ?? en[key], params);
}

/**
 * A clinical sentence from the API in the patient's language: translated by its stable id, or the
 * English text when there is no translation yet (`lang` tells screen readers which it is).
 */
export function clinical(
  lang: Lang,
  id: string,
  english: string,
  params?: Params,
): { text: string; lang: Lang } {
  const translated = catalogues[lang]?.clinical?.[id];
  return translated === undefined
    ? { text: format(english, params), lang: 'en' }
    : { text: format(translated, params), lang };
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'en' || saved === 'es') return saved;
  } catch {
    // Storage can be blocked; fall through to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export interface I18n {
  lang: Lang;
  /** The person's own choice (the language switch): it wins over any language the server sends later. */
  setLang(lang: Lang): void;
  /**
   * A language that comes from the server (the patient's stored one, an invitation's): applied
   * unless the person has chosen a language themselves in this tab, whose choice wins however late
   * the server's answer arrives (issue 15). Returns the language that stays on screen.
   */
  fromServer(lang: Lang): Lang;
  t(key: MessageKey, params?: Params): string;
  st(statement: Pick<Statement, 'id' | 'text'>): { text: string; lang: Lang };
  /** A calendar date (YYYY-MM-DD) in words, e.g. "Tuesday, December 23". */
  date(iso: string, style?: 'long' | 'short'): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Lang>(initialLang);
  /** The language the person chose with the switch in this tab, if they did. */
  const chosen = useRef<Lang | null>(null);
  const show = useCallback((next: Lang) => {
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered, but still switched.
    }
    setWanted(next);
  }, []);
  const fromServer = useCallback(
    (next: Lang): Lang => {
      if (chosen.current !== null) return chosen.current;
      show(next);
      return next;
    },
    [show],
  );
  // The language on screen: the wanted one as soon as its catalogues are here.
  const [lang, setShown] = useState<Lang | null>(() => (catalogues[wanted] ? wanted : null));
  useEffect(() => {
    let current = true;
    loadLanguage(wanted)
      .catch(() => {}) // offline before the chunk was ever cached: English rather than nothing
      .then(() => {
        if (current) setShown(catalogues[wanted] ? wanted : 'en');
      });
    return () => {
      current = false;
    };
  }, [wanted]);
  const value = useMemo<I18n | null>(() => {
    if (lang === null) return null;
    const long = new Intl.DateTimeFormat(lang, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    const short = new Intl.DateTimeFormat(lang, {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    // With the year when it is not this year's (a visit next January, a check-in last December).
    const longYear = new Intl.DateTimeFormat(lang, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const shortYear = new Intl.DateTimeFormat(lang, {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    document.documentElement.lang = lang;
    return {
      lang,
      setLang(next) {
        chosen.current = next;
        show(next);
      },
      fromServer,
      t: (key, params) => translate(lang, key, params),
      st: (statement) => clinical(lang, statement.id, statement.text),
      date: (iso, style = 'long') => {
        const sameYear = iso.slice(0, 4) === String(new Date().getFullYear());
        const formatter =
          style === 'long' ? (sameYear ? long : longYear) : sameYear ? short : shortYear;
        return formatter.format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
      },
    };
  }, [lang, show, fromServer]);
  // The first paint waits the moment it takes to fetch Spanish, rather than flashing English.
  if (value === null) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
