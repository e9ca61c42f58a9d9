import type { PromInstrumentId } from './instrument.ts';

/**
 * What a patient reads as a questionnaire's name: what it asks about, in plain words, instead of
 * the instrument's formal title ("Walking and leg symptoms", not "Zurich Claudication
 * Questionnaire"). Staff screens keep the formal title (`questionnaire.title`).
 */
export const promPlainNames: Readonly<
  Record<PromInstrumentId, { readonly en: string; readonly es: string }>
> = {
  'nrs-back-leg': { en: 'Back and leg pain', es: 'Dolor de espalda y de pierna' },
  'nrs-neck-arm': { en: 'Neck and arm pain', es: 'Dolor de cuello y de brazo' },
  odi: { en: 'Daily life with back pain', es: 'La vida diaria con dolor de espalda' },
  ndi: { en: 'Daily life with neck pain', es: 'La vida diaria con dolor de cuello' },
  zcq: { en: 'Walking and leg symptoms', es: 'Caminar y síntomas en las piernas' },
  mjoa: {
    en: 'Nerve check by your care team',
    es: 'Revisión de los nervios por su equipo médico',
  },
  'work-status': { en: 'Your work', es: 'Su trabajo' },
  'pain-medication': { en: 'Pain medicines', es: 'Medicinas para el dolor' },
};

export function promPlainName(id: PromInstrumentId, language: 'en' | 'es'): string {
  return promPlainNames[id][language];
}
