import { useCallback } from 'react';
import { format, type Params, useI18n } from '../i18n/i18n.tsx';
import { type ImagingKey, imagingEn } from './imaging.en.ts';
import { imagingEs } from './imaging.es.ts';

/** The imaging components' own strings, in the language of the app they are embedded in. */
export function useImagingT() {
  const i18n = useI18n();
  const t = useCallback(
    (key: ImagingKey, params?: Params) =>
      format((i18n.lang === 'es' ? imagingEs[key] : undefined) ?? imagingEn[key], params),
    [i18n.lang],
  );
  return { lang: i18n.lang, t };
}
