import { useState } from 'react';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { Field, Submit, useSending } from '../ui/Form.tsx';
import {
  AccountCard,
  ClinicAndEmail,
  ForgotPassword,
  PasswordField,
  tooManyTries,
} from './Account.tsx';
import { useT } from './i18n.ts';

/** Staff sign in with the clinic code, email and password; a second step when TOTP is on. */
export function StaffSignIn({ onSignedIn }: { onSignedIn(): Promise<void> }) {
  const { t } = useT();
  const [clinic, setClinic] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [forgot, setForgot] = useState(false);
  const { busy, error, submit } = useSending((failure) => {
    if (failure instanceof ApiError && /authenticator app/.test(failure.message) && !needsTotp) {
      setNeedsTotp(true);
      return t('signin.totpNeeded');
    }
    if (failure instanceof ApiError && failure.status === 429) return tooManyTries(t, failure);
    if (failure instanceof NetworkError) return t('signin.offline');
    if (failure instanceof ApiError) return failure.message;
    return t('console.loadError');
  });
  const send = submit(async () => {
    await api.post('/api/auth/sign-in', {
      clinic: clinic.trim(),
      email: email.trim(),
      password,
      ...(needsTotp ? { totp: totp.trim() } : {}),
    });
    await onSignedIn();
  });

  if (forgot) return <ForgotPassword onBack={() => setForgot(false)} />;
  return (
    <AccountCard title={t('signin.staffTitle')} intro={t('signin.staffIntro')} onSubmit={send}>
      <ClinicAndEmail clinic={clinic} setClinic={setClinic} email={email} setEmail={setEmail} />
      <PasswordField kind="current" value={password} onChange={setPassword} />
      {needsTotp ? (
        <Field
          label={t('signin.totp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          value={totp}
          onChange={setTotp}
        />
      ) : null}
      <Submit error={error} busy={busy} label={t('signin.submit')} />
      <button type="button" className="link" onClick={() => setForgot(true)}>
        {t('signin.forgot')}
      </button>
    </AccountCard>
  );
}
