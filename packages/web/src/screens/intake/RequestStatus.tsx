import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { downloadKit, type PublicStatus, readStatus, saveBlob } from './intake-api.ts';
import { RequestScans, takesScans } from './RequestScans.tsx';
import { ReviewResult } from './ReviewResult.tsx';

/**
 * The requester's status page: /request-status/:id?clinic=slug#token=… The token stays in the
 * fragment (browsers never send it) and goes to the API in a header.
 */
export function RequestStatus({
  requestId,
  clinicSlug,
}: {
  requestId: string;
  clinicSlug: string;
}) {
  const { t, lang, setLang } = useI18n();
  // The page speaks the language the request was made in, once, on arrival (the switch still works).
  const languageSet = useRef(false);
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [status, setStatus] = useState<PublicStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [kitState, setKitState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');

  useEffect(() => {
    document.title = `${t('intake.statusTitle')} · Lamina`;
  }, [t]);
  useEffect(() => {
    if (!token) {
      setFailed(true);
      return;
    }
    readStatus(clinicSlug, requestId, token)
      .then(setStatus)
      .catch(() => setFailed(true));
  }, [clinicSlug, requestId, token]);
  useEffect(() => {
    if (!status || languageSet.current) return;
    languageSet.current = true;
    if (status.language !== lang) setLang(status.language);
  }, [status, lang, setLang]);

  if (failed)
    return (
      <div className="screen">
        <h1>{t('intake.statusTitle')}</h1>
        <p role="alert">{t(token ? 'intake.statusNotFound' : 'intake.statusNeedsLink')}</p>
      </div>
    );
  if (!status)
    return (
      <p className="loading" role="status">
        {t('intake.statusLoading')}
      </p>
    );

  const sentOn = new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(
    new Date(status.createdAt),
  );
  return (
    <div className="screen request-status" data-status={status.status}>
      <h1>{t('intake.statusTitle')}</h1>
      <p>
        <strong>{t(`intake.kind.${status.kind}`)}</strong> · {t('intake.sentOn', { date: sentOn })}
      </p>
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t('intake.status')}</h2>
        <p data-testid="request-status">{t(`intake.status.${status.status}`)}</p>
      </section>

      {status.kind === 'insurance' ? (
        <section className="card" aria-labelledby="outcome-heading" data-testid="insurance-outcome">
          <h2 id="outcome-heading">{t('intake.outcomeTitle')}</h2>
          {status.insuranceOutcome ? (
            <>
              <p>
                <strong>{t(`intake.outcome.${status.insuranceOutcome.outcome}`)}</strong>
              </p>
              <p>
                {t('intake.messageFromClinic')} <span>{status.insuranceOutcome.message}</span>
              </p>
            </>
          ) : (
            <p>{t('intake.outcome.pending')}</p>
          )}
        </section>
      ) : null}

      {status.kind === 'imaging_review' ? (
        status.imagingReview ? (
          <ReviewResult review={status.imagingReview} clinicSlug={clinicSlug} />
        ) : status.status === 'closed' ? null : (
          <p className="card" data-testid="review-pending">
            {t('intake.resultPending')}
          </p>
        )
      ) : null}

      {status.infoKit ? (
        <section className="card" aria-labelledby="kit-heading">
          <h2 id="kit-heading">{t('intake.kitTitle')}</h2>
          <button
            type="button"
            className="primary"
            disabled={kitState === 'busy'}
            onClick={async () => {
              setKitState('busy');
              try {
                const blob = await downloadKit(clinicSlug, requestId, token);
                saveBlob(
                  blob,
                  `lamina-info-kit-${status.infoKit?.region}-${status.infoKit?.procedure}-${status.language}.pdf`,
                );
                setKitState('done');
              } catch {
                setKitState('failed');
              }
            }}
          >
            {t('intake.kitDownload')}
          </button>
          {kitState === 'done' ? <p role="status">{t('intake.kitReady')}</p> : null}
          {kitState === 'failed' ? <p role="alert">{t('intake.kitError')}</p> : null}
        </section>
      ) : null}

      {takesScans(status.kind) ? (
        <RequestScans status={status} clinicSlug={clinicSlug} token={token} />
      ) : null}

      <p className="hint">{t('intake.statusKeep')}</p>
      {status.clinic.phone ? (
        <p>{t('intake.callClinic', { clinic: status.clinic.name, phone: status.clinic.phone })}</p>
      ) : null}
      <p className="disclaimer">{t('intake.notADiagnosis')}</p>
    </div>
  );
}
