import type { ClinicProfile as Profile } from '@lamina/contract';
import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { languages } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { SelectField } from '../ui/SelectField.tsx';
import { useT } from './i18n.ts';
import { explainFailure, StatusNote } from './ui-status.tsx';

/** Admins: the clinic's name, phone line, emergency number, time zone, default language and logo. */
export function ClinicProfile() {
  const { t } = useT();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [form, setForm] = useState({
    name: '',
    phone: '',
    emergencyNumber: '',
    timeZone: '',
    defaultLanguage: 'en',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [logoVersion, setLogoVersion] = useState(0);

  useEffect(() => {
    api
      .get<Profile>('/api/clinic/profile')
      .then((p) => {
        setProfile(p);
        setForm(formOf(p));
      })
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);

  const explain = (failure: unknown) => explainFailure(failure, t('console.loadError'));

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const saved = await api.put<Profile>('/api/clinic/profile', {
        ...form,
        phone: form.phone.trim() || null,
      });
      setProfile(saved);
      setForm(formOf(saved));
      setMessage({ ok: true, text: t('profile.saved') });
    } catch (failure) {
      setMessage({ ok: false, text: explain(failure) });
    }
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    try {
      setProfile(await api.put<Profile>('/api/clinic/logo', { imageBase64: btoa(binary) }));
      setLogoVersion((v) => v + 1);
      setMessage({ ok: true, text: t('profile.logoSaved') });
    } catch (failure) {
      setMessage({ ok: false, text: explain(failure) });
    }
  }

  if (!profile) return message ? <p role="alert">{message.text}</p> : null;
  const field = (key: keyof typeof form, label: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section className="card" aria-labelledby="clinic-profile">
      <h2 id="clinic-profile">{t('profile.title')}</h2>
      <form onSubmit={save} noValidate>
        {field('name', t('profile.name'))}
        {field('phone', t('profile.phone'))}
        {field('emergencyNumber', t('profile.emergency'))}
        {field('timeZone', t('profile.timeZone'))}
        <SelectField
          label={t('profile.language')}
          value={form.defaultLanguage}
          onChange={(defaultLanguage) => setForm({ ...form, defaultLanguage })}
          values={languages}
          optionLabel={(language) => t(`language.${language}`)}
        />
        <button type="submit" className="primary">
          {t('profile.save')}
        </button>
      </form>
      {profile.logoUrl ? (
        <img src={`${profile.logoUrl}?v=${logoVersion}`} alt={t('profile.logoAlt')} height={48} />
      ) : null}
      <label className="field">
        <span>{t('profile.logo')}</span>
        <input type="file" accept="image/png,image/jpeg" onChange={(e) => void upload(e)} />
      </label>
      <StatusNote message={message} okClass="notice" />
    </section>
  );
}

/** The form's values for a profile. */
function formOf(p: Profile) {
  return {
    name: p.name,
    phone: p.phone ?? '',
    emergencyNumber: p.emergencyNumber,
    timeZone: p.timeZone,
    defaultLanguage: p.defaultLanguage,
  };
}
