import type { SetupStatus } from '@lamina/contract';
import { useEffect, useState } from 'react';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { navigate } from '../lib/router.tsx';
import { ErrorNote, Field, useSending } from '../ui/Form.tsx';
import { useT } from './i18n.ts';

function problemText(failure: unknown, fallback: string): string {
  if (failure instanceof ApiError)
    return failure.fields.length > 0
      ? `${failure.message} ${failure.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`
      : failure.message;
  if (failure instanceof NetworkError) return fallback;
  return fallback;
}

/** Whether this server still has no clinic (then /console shows the setup page). */
export function useSetupNeeded(): boolean | undefined {
  const [needed, setNeeded] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    api
      .get<SetupStatus>('/api/setup')
      .then((s) => setNeeded(s.setupNeeded))
      .catch(() => setNeeded(false));
  }, []);
  return needed;
}

/** First run: the clinic and its first admin, with the one-time setup code from the server log. */
export function FirstRunSetup() {
  const { t } = useT();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [form, setForm] = useState({
    token: '',
    name: '',
    slug: '',
    timeZone: browserZone,
    adminName: '',
    adminEmail: '',
    password: '',
    defaultLanguage: 'en',
  });
  const { busy, error, submit } = useSending((failure) =>
    problemText(failure, t('console.loadError')),
  );
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const send = submit(async () => {
    await api.post('/api/setup', form);
    navigate('/console/signin', { replace: true });
    location.reload();
  });

  return (
    <form className="card signin" onSubmit={send} noValidate>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <Field
        label={t('setup.token')}
        value={form.token}
        onChange={set('token')}
        autoComplete="off"
      />
      <Field
        label={t('setup.name')}
        value={form.name}
        onChange={set('name')}
        autoComplete="organization"
      />
      <Field label={t('setup.slug')} value={form.slug} onChange={set('slug')} autoComplete="off" />
      <Field
        label={t('setup.timeZone')}
        value={form.timeZone}
        onChange={set('timeZone')}
        autoComplete="off"
      />
      <label className="field">
        <span>{t('setup.language')}</span>
        <select
          value={form.defaultLanguage}
          onChange={(e) => set('defaultLanguage')(e.target.value)}
        >
          <option value="en">{t('language.en')}</option>
          <option value="es">{t('language.es')}</option>
        </select>
      </label>
      <Field
        label={t('setup.adminName')}
        value={form.adminName}
        onChange={set('adminName')}
        autoComplete="name"
      />
      <Field
        label={t('setup.adminEmail')}
        type="email"
        value={form.adminEmail}
        onChange={set('adminEmail')}
        autoComplete="username"
      />
      <Field
        label={t('setup.password')}
        type="password"
        value={form.password}
        onChange={set('password')}
        autoComplete="new-password"
      />
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.submit')}
      </button>
    </form>
  );
}

/** A setup or staff invitation link (/console?invitation=…): choose a password, once. */
export function AcceptInvitation({ token }: { token: string }) {
  const { t } = useT();
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSending(
    (failure) => problemText(failure, t('console.loadError')),
    true,
  );
  const send = submit(async () => {
    await api.post('/api/auth/staff/accept-invitation', { token, password });
    history.replaceState(null, '', '/console/signin');
    location.reload();
  });

  return (
    <form className="card signin" onSubmit={send} noValidate>
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.intro')}</p>
      <Field
        label={t('signin.password')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
      />
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('invite.submit')}
      </button>
    </form>
  );
}
