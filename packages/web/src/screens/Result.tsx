import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { PatientContext } from '../lib/patient-context.ts';
import { shownResult } from '../lib/result.ts';
import { Link, navigate } from '../lib/router.tsx';
import { Stmt } from '../ui/Statement.tsx';

/**
 * The answer to a check-in. Nothing here is softened: the level decides the screen, an emergency
 * fills the screen with a call button, and every screen says Lamina does not diagnose.
 */
export function Result({ ctx }: { ctx: PatientContext }) {
  const { t, st } = useI18n();
  const result = shownResult();
  useEffect(() => {
    if (!result) navigate('/', { replace: true });
  }, [result]);
  if (!result) return null;
  const { decision, sent, alerted } = result;
  const photoNote = result.photo ? <PhotoStatus pending={result.photo} /> : null;
  // The clinic's own numbers; 911 when the app has never been told (the demo and US default).
  const emergencyNumber = ctx.me.clinic?.emergencyNumber ?? '911';
  const clinicPhone = ctx.me.clinic?.phone ?? null;
  const level = decision.level;
  const headline = st(decision.instruction);

  const notSent = sent ? null : (
    <p className="banner waiting" data-testid="not-sent">
      {t('result.notSent')}
    </p>
  );
  const findings = decision.findings.map((f) => (
    <div key={f.ruleId} className="finding">
      <Stmt s={f.instruction} />
      {f.patientWords ? (
        <p className="hint">{t('result.youSaid', { words: f.patientWords })}</p>
      ) : null}
    </div>
  ));
  const unanswered =
    decision.unanswered.length > 0 ? (
      <section className="card" aria-labelledby="unanswered-title">
        <h2 id="unanswered-title">{t('result.unanswered')}</h2>
        {decision.unanswered.map((u) => (
          <Stmt key={u.question} s={u.prompt} />
        ))}
      </section>
    ) : null;
  const disclaimer = <Stmt s={decision.disclaimer} className="disclaimer" />;

  if (level === 'emergency') {
    return (
      <div
        className="screen result emergency"
        data-level="emergency"
        role="alertdialog"
        aria-labelledby="emergency-title"
        aria-describedby="emergency-text"
      >
        <h1 id="emergency-title">{t('result.emergencyTitle')}</h1>
        <a className="call" href={`tel:${emergencyNumber}`}>
          {t('result.callEmergency', { number: emergencyNumber })}
        </a>
        <p id="emergency-text" className="headline" lang={headline.lang}>
          {headline.text}
        </p>
        <section aria-label={t('result.why')}>{findings}</section>
        {notSent ? <p className="on-dark">{t('result.notSentEmergency')}</p> : null}
        {photoNote}
        {disclaimer}
        <Link href="/" className="button quiet-on-dark">
          {t('result.back')}
        </Link>
      </div>
    );
  }

  return (
    <div className={`screen result ${level}`} data-level={level}>
      {notSent}
      {photoNote}
      <h1>
        {decision.instruction.id === 'triage.headline.contact-unsure'
          ? t('result.title.contactUnsure')
          : t(`result.title.${level}`)}
      </h1>
      <div className={`card level ${level}`}>
        <p className="headline" lang={headline.lang}>
          {headline.text}
        </p>
        {level === 'urgent' ? (
          <>
            {clinicPhone ? (
              <a className="button primary big" href={`tel:${clinicPhone.replace(/[^0-9+]/g, '')}`}>
                {t('result.callClinic', { phone: clinicPhone })}
              </a>
            ) : (
              <p>{t('result.clinicNumber')}</p>
            )}
            <p className="alerted">
              {sent && alerted ? t('result.alerted') : t('result.notAlerted')}
            </p>
            <a className="button secondary" href={`tel:${emergencyNumber}`}>
              {t('result.callEmergencyIfWorse', { number: emergencyNumber })}
            </a>
          </>
        ) : null}
      </div>
      {findings.length > 0 ? (
        <section className="card" aria-labelledby="findings-title">
          <h2 id="findings-title">{t('result.why')}</h2>
          {findings}
        </section>
      ) : null}
      {unanswered}
      {decision.selfCare.length > 0 ? (
        <section className="card" aria-labelledby="selfcare-title">
          <h2 id="selfcare-title">{t('result.selfCare')}</h2>
          {decision.selfCare.map((s) => (
            <Stmt key={s.id} s={s} />
          ))}
        </section>
      ) : null}
      {disclaimer}
      <Link href="/" className="button secondary">
        {t('result.back')}
      </Link>
    </div>
  );
}

/** Whether the wound photo went (the result never waits for it: a red flag is shown at once). */
function PhotoStatus({ pending }: { pending: Promise<boolean> }) {
  const { t } = useI18n();
  const [sent, setSent] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    pending.then(
      (ok) => current && setSent(ok),
      () => current && setSent(false),
    );
    return () => {
      current = false;
    };
  }, [pending]);
  if (sent === null) return null;
  return sent ? (
    <p className="banner" role="status" data-testid="photo-sent">
      {t('photo.sent')}
    </p>
  ) : (
    <p className="banner waiting" role="alert" data-testid="photo-not-sent">
      {t('photo.notSent')}
    </p>
  );
}
