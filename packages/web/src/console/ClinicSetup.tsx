import type { SetupStatus } from '@lamina/contract';
import { useEffect, useState } from 'react';
import { languages } from '../i18n/i18n.tsx';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { navigate } from '../lib/router.tsx';
import { Field, Submit, useSending } from '../ui/Form.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { AccountCard, PasswordField } from './Account.tsx';
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

type SetupForm = {
  token: string;
  name: string;
  slug: string;
  timeZone: string;
  adminName: string;
  adminEmail: string;
  password: string;
  defaultLanguage: string;
};

/** The first-run text fields, in order (label `setup.<key>`): the clinic's, then its first admin's. */
const clinicFields = [
  { key: 'token', autoComplete: 'off' },
  { key: 'name', autoComplete: 'organization' },
  { key: 'slug', autoComplete: 'off' },
  { key: 'timeZone', autoComplete: 'off' },
] as const;
const adminFields = [
  { key: 'adminName', autoComplete: 'name' },
  { key: 'adminEmail', type: 'email', autoComplete: 'username' },
  { key: 'password', type: 'password', autoComplete: 'new-password' },
] as const;

/** First run: the clinic and its first admin, with the one-time setup code from the server log. */
export function FirstRunSetup() {
  const { t } = useT();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [form, setForm] = useState<SetupForm>({
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

  const fields = (list: typeof clinicFields | typeof adminFields) =>
    list.map(({ key, ...input }) => (
      <Field key={key} label={t(`setup.${key}`)} {...input} value={form[key]} onChange={set(key)} />
    ));

  return (
    <AccountCard title={t('setup.title')} intro={t('setup.intro')} onSubmit={send}>
      {fields(clinicFields)}
      <SelectField
        label={t('setup.language')}
        value={form.defaultLanguage}
        onChange={set('defaultLanguage')}
        values={languages}
        optionLabel={(language) => t(`language.${language}`)}
      />
      {fields(adminFields)}
      <Submit error={error} busy={busy} label={t('setup.submit')} />
    </AccountCard>
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
    <AccountCard title={t('invite.title')} intro={t('invite.intro')} onSubmit={send}>
      <PasswordField kind="new" value={password} onChange={setPassword} />
      <Submit error={error} busy={busy} label={t('invite.submit')} />
    </AccountCard>
  );
}
