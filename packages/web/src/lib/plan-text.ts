import type { Load, PlannedRestriction } from '@lamina/pathway';
import { clinical, type Lang } from '../i18n/i18n.tsx';

/** "10 lb (4.5 kg)" in the patient's language; the numbers always come from the plan itself. */
export function loadText(lang: Lang, load: Load): string {
  const and = lang === 'es' ? 'a' : 'to';
  return load.lbHigh === undefined
    ? `${load.lb} lb (${load.kg} kg)`
    : `${load.lb} ${and} ${load.lbHigh} lb (${load.kg} ${and} ${load.kgHigh} kg)`;
}

/** A restriction's sentence: translated by id, with the weight limit filled in from the plan. */
export function restrictionText(lang: Lang, r: PlannedRestriction) {
  if (lang === 'en') return { text: r.text, lang };
  return clinical(
    lang,
    `restriction.${r.id}`,
    r.text,
    r.maxLoad ? { load: loadText(lang, r.maxLoad) } : {},
  );
}

/** Titles of phases, milestones and visits, keyed `phase.<id>`, `milestone.<id>`, `followup.<id>`. */
export function titleText(
  lang: Lang,
  kind: 'phase' | 'milestone' | 'followup',
  id: string,
  english: string,
) {
  return clinical(lang, `${kind}.${id}`, english);
}
