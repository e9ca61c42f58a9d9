import { useI18n } from '../i18n/i18n.tsx';

/** Each language named in itself, so a patient who cannot read the current one still finds theirs. */
export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  const other = lang === 'en' ? 'es' : 'en';
  return (
    <button type="button" className="lang" lang={other} onClick={() => setLang(other)}>
      {other === 'es' ? 'Español' : 'English'}
    </button>
  );
}
