import { localDate } from '../lib/dates.ts';
import { useT } from './i18n.ts';

/** A tel: address from a stored phone number: digits and a leading +, nothing else. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? `+${digits.slice(1).replace(/\+/g, '')}` : digits.replace(/\+/g, '')}`;
}

/** Whole years from a date of birth (YYYY-MM-DD) to today on this device; null when unknown. */
export function ageFrom(dateOfBirth: string | null | undefined, today = new Date()): number | null {
  if (!dateOfBirth) return null;
  const born = dateOfBirth.slice(0, 10);
  // The reader's own calendar date (not UTC's, which is tomorrow every California evening).
  const now = localDate(today);
  const years = Number(now.slice(0, 4)) - Number(born.slice(0, 4));
  return now.slice(5) < born.slice(5) ? years - 1 : years;
}

/**
 * How to reach the patient, on an alert card and the patient page (issue 17): the phone as a
 * tap-to-call link, the preferred language and the age.
 */
export function PatientContact({
  phone,
  language,
  age,
}: {
  phone: string | null | undefined;
  language: 'en' | 'es' | undefined;
  age: number | null;
}) {
  const { t } = useT();
  return (
    <p className="patient-contact" data-testid="patient-contact">
      {phone ? (
        <a href={telHref(phone)} className="phone" data-testid="patient-phone">
          {t('contact.call', { phone })}
        </a>
      ) : (
        <span>{t('contact.noPhone')}</span>
      )}
      {language ? (
        <span data-testid="patient-language">
          {' · '}
          {t('contact.language', { language: t(`contact.lang.${language}`) })}
        </span>
      ) : null}
      {age !== null ? (
        <span data-testid="patient-age">
          {' · '}
          {t('contact.age', { age })}
        </span>
      ) : null}
    </p>
  );
}
