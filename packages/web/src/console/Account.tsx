import type { TotpSetup } from '@lamina/contract';
import { useState } from 'react';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { ErrorNote, Field, useSending } from '../ui/Form.tsx';
import { useT } from './i18n.ts';

type T = ReturnType<typeof useT>['t'];

const fieldLabels: Record<
  string,
  'account.field.password' | 'account.field.token' | 'account.field.code'
> = {
  password: 'account.field.password',
  newPassword: 'account.field.password',
  currentPassword: 'account.field.password',
  token: 'account.field.token',
  code: 'account.field.code',
};

/** One message for a failed call: wait time on 429, the server's words otherwise. */
export function explain(t: T, failure: unknown): string {
  if (failure instanceof NetworkError) return t('signin.offline');
  if (failure instanceof ApiError && failure.status === 429)
    return failure.retryAfterSeconds
      ? t('account.waitMinutes', {
          minutes: String(Math.max(1, Math.ceil(failure.retryAfterSeconds / 60))),
        })
      : t('signin.tooMany');
  if (failure instanceof ApiError)
    return failure.fields.length > 0
      ? failure.fields
          .map((f) => {
            const label = fieldLabels[f.field];
            return `${label ? t(label) : f.field}: ${f.message}.`;
          })
          .join(' ')
      : failure.message;
  return t('console.loadError');
}

/** "Forgot your password?": a reset link by email (the answer is the same whether the account exists). */
export function ForgotPassword({ onBack }: { onBack(): void }) {
  const { t } = useT();
  const [clinic, setClinic] = useState('');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSending((failure) => explain(t, failure));
  const send = submit(async () => {
    await api.post('/api/auth/password/reset-request', {
      clinic: clinic.trim(),
      email: email.trim(),
    });
    setSent(true);
  });

  return (
    <form className="card signin" onSubmit={send} noValidate>
      <h1>{t('account.forgotTitle')}</h1>
      {sent ? (
        <p role="status">{t('account.resetSent', { email })}</p>
      ) : (
        <>
          <p>{t('account.forgotIntro')}</p>
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
          <ErrorNote error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('account.sendLink')}
          </button>
        </>
      )}
      <button type="button" className="link" onClick={onBack}>
        {t('account.backToSignIn')}
      </button>
    </form>
  );
}

/** /console/reset-password#token=…: choose a new password with the link from the email. */
export function ResetPassword() {
  const { t } = useT();
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSending((failure) => explain(t, failure));
  const send = submit(async () => {
    await api.post('/api/auth/password/reset', { token, password });
    setDone(true);
  });

  return (
    <form className="card signin" onSubmit={send} noValidate>
      <h1>{t('account.resetTitle')}</h1>
      {done ? (
        <p role="status">
          {t('account.resetDone')} <Link href="/console/signin">{t('account.backToSignIn')}</Link>
        </p>
      ) : (
        <>
          <Field
            label={t('account.newPassword')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            hint={t('account.passwordRules')}
          />
          <ErrorNote error={error} />
          <button type="submit" className="primary" disabled={busy || !token}>
            {t('account.savePassword')}
          </button>
        </>
      )}
    </form>
  );
}

/** The clinic requires an authenticator app for this role: set it up before anything else. */
export function MfaSetup({ onDone }: { onDone(): Promise<void> }) {
  const { t } = useT();
  const [secret, setSecret] = useState<TotpSetup | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const starting = useSending((failure) => explain(t, failure));
  const enabling = useSending((failure) => explain(t, failure), true);
  const busy = starting.busy || enabling.busy;
  const error = enabling.error ?? starting.error;
  const start = () =>
    starting.send(async () => {
      setSecret(await api.post<TotpSetup>('/api/auth/totp/setup', {}));
    });
  const send = enabling.submit(async () => {
    await api.post('/api/auth/totp/enable', { password, code: code.trim() });
    await onDone();
  });

  return (
    <form className="card signin" onSubmit={send} noValidate>
      <h1>{t('account.mfaTitle')}</h1>
      <p>{t('account.mfaIntro')}</p>
      {secret ? (
        <>
          <p>{t('account.mfaKey')}</p>
          <p>
            <code className="secret">{secret.secret}</code>
          </p>
          <p>
            <a href={secret.otpauthUri}>{t('account.mfaOpenApp')}</a>
          </p>
          <Field
            label={t('signin.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          <Field
            label={t('signin.totp')}
            value={code}
            onChange={setCode}
            autoComplete="one-time-code"
          />
        </>
      ) : null}
      <ErrorNote error={error} />
      {secret ? (
        <button type="submit" className="primary" disabled={busy}>
          {t('account.mfaConfirm')}
        </button>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={start}>
          {t('account.mfaStart')}
        </button>
      )}
    </form>
  );
}
