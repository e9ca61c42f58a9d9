import type { TotpSetup } from '@lamina/contract';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { ErrorNote, Field, Submit, useSending } from '../ui/Form.tsx';
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

/** "Too many tries" (a 429): how many minutes to wait when the server said, else the plain words. */
export function tooManyTries(t: T, failure: ApiError): string {
  return failure.retryAfterSeconds
    ? t('account.waitMinutes', {
        minutes: String(Math.max(1, Math.ceil(failure.retryAfterSeconds / 60))),
      })
    : t('signin.tooMany');
}

/** One message for a failed call: wait time on 429, the server's words otherwise. */
export function explain(t: T, failure: unknown): string {
  if (failure instanceof NetworkError) return t('signin.offline');
  if (failure instanceof ApiError && failure.status === 429) return tooManyTries(t, failure);
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

/** The console's one-card account forms (sign in, passwords, setup): a title, an intro, the fields. */
export function AccountCard({
  title,
  intro,
  onSubmit,
  children,
}: {
  title: string;
  intro?: string;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
}) {
  return (
    <form className="card signin" onSubmit={onSubmit} noValidate>
      <h1>{title}</h1>
      {intro ? <p>{intro}</p> : null}
      {children}
    </form>
  );
}

/** The clinic code and email that name a staff account (sign in, "Forgot your password?"). */
export function ClinicAndEmail({
  clinic,
  setClinic,
  email,
  setEmail,
}: {
  clinic: string;
  setClinic(value: string): void;
  email: string;
  setEmail(value: string): void;
}) {
  const { t } = useT();
  return (
    <>
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
    </>
  );
}

/** A password: the one in use (to sign in or confirm) or a new one (with the rules as a hint). */
export function PasswordField({
  value,
  onChange,
  kind,
  label,
  hint,
}: {
  value: string;
  onChange(value: string): void;
  kind: 'current' | 'new';
  /** The field's words; "Password" unless said. */
  label?: string;
  hint?: string;
}) {
  const { t } = useT();
  return (
    <Field
      label={label ?? t('signin.password')}
      type="password"
      value={value}
      onChange={onChange}
      autoComplete={`${kind}-password`}
      hint={hint}
    />
  );
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
    <AccountCard title={t('account.forgotTitle')} onSubmit={send}>
      {sent ? (
        <p role="status">{t('account.resetSent', { email })}</p>
      ) : (
        <>
          <p>{t('account.forgotIntro')}</p>
          <ClinicAndEmail clinic={clinic} setClinic={setClinic} email={email} setEmail={setEmail} />
          <Submit error={error} busy={busy} label={t('account.sendLink')} />
        </>
      )}
      <button type="button" className="link" onClick={onBack}>
        {t('account.backToSignIn')}
      </button>
    </AccountCard>
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
    <AccountCard title={t('account.resetTitle')} onSubmit={send}>
      {done ? (
        <p role="status">
          {t('account.resetDone')} <Link href="/console/signin">{t('account.backToSignIn')}</Link>
        </p>
      ) : (
        <>
          <PasswordField
            kind="new"
            label={t('account.newPassword')}
            value={password}
            onChange={setPassword}
            hint={t('account.passwordRules')}
          />
          <Submit error={error} busy={busy || !token} label={t('account.savePassword')} />
        </>
      )}
    </AccountCard>
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
    <AccountCard title={t('account.mfaTitle')} intro={t('account.mfaIntro')} onSubmit={send}>
      {secret ? (
        <>
          <p>{t('account.mfaKey')}</p>
          <p>
            <code className="secret">{secret.secret}</code>
          </p>
          <p>
            <a href={secret.otpauthUri}>{t('account.mfaOpenApp')}</a>
          </p>
          <PasswordField kind="current" value={password} onChange={setPassword} />
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
    </AccountCard>
  );
}
