import type { Load, PlannedMilestone, PlannedRestriction } from '@lamina/pathway';
import { clinical, type Lang } from '../i18n/i18n.tsx';

/** "10 lb (4.5 kg)", "10 libras (4.5 kg)": the numbers always come from the plan itself. */
export function loadText(lang: Lang, load: Load): string {
  const and = lang === 'es' ? 'a' : 'to';
  const lb = lang === 'es' ? 'libras' : 'lb';
  return load.lbHigh === undefined
    ? `${load.lb} ${lb} (${load.kg} kg)`
    : `${load.lb} ${and} ${load.lbHigh} ${lb} (${load.kg} ${and} ${load.kgHigh} kg)`;
}

/** A restriction's sentence: translated by id, with the weight limit filled in from the plan. */
export function restrictionText(lang: Lang, r: PlannedRestriction) {
  if (lang === 'en') return { text: r.text, lang };
  return clinical(
    lang,
    r.textId ?? `restriction.${r.id}`,
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

/** A restriction's extra advice, by its own key (variants of one restriction differ). */
export function restrictionDetail(lang: Lang, r: PlannedRestriction) {
  if (!r.detail) return null;
  return clinical(lang, r.detailId ?? `restriction.${r.id}.detail`, r.detail);
}

/** A milestone's sentence, by its own key (a plan saved before keys existed falls back to the id). */
export function milestoneText(lang: Lang, m: Pick<PlannedMilestone, 'id' | 'text' | 'textId'>) {
  return clinical(lang, m.textId ?? `milestone.${m.id}`, m.text);
}
