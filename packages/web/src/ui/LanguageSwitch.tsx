import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';

/**
 * Each language named in itself, so a patient who cannot read the current one still finds theirs.
 * For a signed-in patient the choice is stored (emails, text messages and PDFs use it too).
 */
export function LanguageSwitch({ patientId }: { patientId?: string | null } = {}) {
  const { lang, setLang } = useI18n();
  const other = lang === 'en' ? 'es' : 'en';
  return (
    <button
      type="button"
      className="lang"
      lang={other}
      onClick={() => {
        setLang(other);
        if (patientId)
          void api.put(`/api/patients/${patientId}/language`, { language: other }).catch(() => {});
      }}
    >
      {other === 'es' ? 'Español' : 'English'}
    </button>
  );
}
