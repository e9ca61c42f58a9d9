import type { PatientInvitationOpened } from '@lamina/contract';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, api, NetworkError } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { Field, Submit } from '../ui/Form.tsx';

const clinicKey = 'lamina.clinic';

/** Sign in without a password: email, then the 6-digit code the clinic's system sends. */
export function SignIn({ onSignedIn }: { onSignedIn(): Promise<void> }) {
  const { t } = useI18n();
  const fromLink = new URLSearchParams(location.search).get('clinic');
  const [clinic, setClinic] = useState(fromLink ?? localStorage.getItem(clinicKey) ?? '');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { fromServer } = useI18n();
  const opened = useRef(false);

  // An invitation link (/signin?invite=…): used once to fill in the clinic and email, then the code
  // is asked for through the normal flow, in the patient's language.
  useEffect(() => {
    const invite = new URLSearchParams(location.search).get('invite');
    if (!invite || opened.current) return;
    opened.current = true;
    history.replaceState(null, '', '/signin');
    void (async () => {
      try {
        const found = await api.post<PatientInvitationOpened>('/api/auth/patient/invitation', {
          token: invite,
        });
        setClinic(found.clinic);
        setEmail(found.email);
        fromServer(found.language);
        localStorage.setItem(clinicKey, found.clinic);
        await api.post('/api/auth/patient/code', { clinic: found.clinic, email: found.email });
        setNotice('signin.invited');
        setStep('code');
      } catch {
        setNotice('signin.inviteUsed');
      }
    })();
  }, [fromServer]);

  const explain = (e: unknown) =>
    e instanceof NetworkError
      ? t('signin.offline')
      : e instanceof ApiError && e.status === 429
        ? e.retryAfterSeconds
          ? t(step === 'email' ? 'signin.waitForCode' : 'signin.waitToTry', {
              minutes: String(Math.max(1, Math.ceil(e.retryAfterSeconds / 60))),
            })
          : t('signin.tooMany')
        : e instanceof ApiError && e.status < 500
          ? t(step === 'email' ? 'signin.badEmail' : 'signin.badCode')
          : t('app.loadError');

  async function requestCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/patient/code', { clinic: clinic.trim(), email: email.trim() });
      localStorage.setItem(clinicKey, clinic.trim());
      setStep('code');
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/patient/verify', {
        clinic: clinic.trim(),
        email: email.trim(),
        code: code.replace(/\s/g, ''),
      });
      await onSignedIn();
    } catch (e) {
      setError(explain(e));
      setBusy(false);
    }
  }

  return (
    <div className="screen signin">
      <h1>{t('signin.title')}</h1>
      <p className="lead">{t('signin.intro')}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice === 'signin.invited' ? 'signin.invited' : 'signin.inviteUsed')}
        </p>
      ) : null}
      {step === 'email' ? (
        <form onSubmit={requestCode} noValidate>
          <Field
            label={t('signin.clinic')}
            name="clinic"
            autoComplete="organization"
            autoCapitalize="none"
            value={clinic}
            onChange={setClinic}
            hint={t('signin.clinicHint')}
          />
          <Field
            label={t('signin.email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            value={email}
            onChange={setEmail}
          />
          <Submit error={error} busy={busy} label={t('signin.sendCode')} />
        </form>
      ) : (
        <form onSubmit={verify} noValidate>
          <p>{t('signin.codeSent', { email })}</p>
          <Field
            label={t('signin.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={8}
            value={code}
            onChange={setCode}
          />
          <Submit error={error} busy={busy} label={t('signin.signIn')} />
          <button type="button" className="link" onClick={() => setStep('email')}>
            {t('signin.startOver')}
          </button>
        </form>
      )}
      <section className="card quiet">
        <h2>{t('signin.notPatientYet')}</h2>
        <p>{t('signin.checkIntro')}</p>
        <Link href="/check" className="button secondary">
          {t('signin.checkLink')}
        </Link>
      </section>
    </div>
  );
}
