import { type Statement, statementsEs } from '@lamina/pathway';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { en, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type Lang = 'en' | 'es';
export const languages: readonly Lang[] = ['en', 'es'];
const storageKey = 'lamina.lang';

const catalogues: Record<Lang, Readonly<Record<MessageKey, string>>> = { en, es };
const clinicalCatalogues: Record<Lang, Readonly<Record<string, string>> | undefined> = {
  en: undefined,
  es: statementsEs,
};

export type Params = Readonly<Record<string, string | number>>;

export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(catalogues[lang][key] ?? en[key], params);
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
  const translated = clinicalCatalogues[lang]?.[id];
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
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  st(statement: Pick<Statement, 'id' | 'text'>): { text: string; lang: Lang };
  /** A calendar date (YYYY-MM-DD) in words, e.g. "Tuesday, December 23". */
  date(iso: string, style?: 'long' | 'short'): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
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
    document.documentElement.lang = lang;
    return {
      lang,
      setLang(next) {
        try {
          localStorage.setItem(storageKey, next);
        } catch {
          // Not remembered, but still switched.
        }
        setLangState(next);
      },
      t: (key, params) => translate(lang, key, params),
      st: (statement) => clinical(lang, statement.id, statement.text),
      date: (iso, style = 'long') =>
        (style === 'long' ? long : short).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`)),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
