import { useCallback } from 'react';
import { type ConsoleKey, consoleEn } from '../i18n/console.en.ts';
import { consoleEs } from '../i18n/console.es.ts';
import { format, type Params, useI18n } from '../i18n/i18n.tsx';

/**
 * The care-team console's strings: their own catalogue, loaded with the console only, so the
 * patient app's first download does not carry them. Spanish falls back to English per key.
 */
export function useT() {
  const i18n = useI18n();
  // Stable per language: screens load data in effects that list `t` as a dependency.
  const t = useCallback(
    (key: ConsoleKey, params?: Params) =>
      format((i18n.lang === 'es' ? consoleEs[key] : undefined) ?? consoleEn[key], params),
    [i18n.lang],
  );
  return { ...i18n, t };
}

/** "4 min", "2 h 5 min", "3 d 2 h": how long, in the units a person at a desk reads at a glance. */
export function duration(ms: number, lang: string): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const unit = (n: number, u: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(n);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}`;
  return `${unit(Math.floor(hours / 24), 'day')} ${unit(hours % 24, 'hour')}`;
}

/** "4:07" for the last hour before a deadline, so the seconds visibly tick. */
export function countdown(ms: number, lang: string): string {
  if (ms >= 3_600_000) return duration(ms, lang);
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function dateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
