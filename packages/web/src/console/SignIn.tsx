import { useState } from 'react';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { ErrorNote, Field, useSending } from '../ui/Form.tsx';
import { ForgotPassword } from './Account.tsx';
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
    if (failure instanceof ApiError && failure.status === 429)
      return failure.retryAfterSeconds
        ? t('account.waitMinutes', {
            minutes: String(Math.max(1, Math.ceil(failure.retryAfterSeconds / 60))),
          })
        : t('signin.tooMany');
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
    <form className="card signin" onSubmit={send} noValidate>
      <h1>{t('signin.staffTitle')}</h1>
      <p>{t('signin.staffIntro')}</p>
      <Field
        label={t('signin.clinic')}
        value={clinic}
        onChange={setClinic}
        autoComplete="organization"
      />
      <Field
        label={t('signin.email')}
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="username"
      />
      <Field
        label={t('signin.password')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
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
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('signin.submit')}
      </button>
      <button type="button" className="link" onClick={() => setForgot(true)}>
        {t('signin.forgot')}
      </button>
    </form>
  );
}
