import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { UploadImaging } from '../../imaging/UploadImaging.tsx';
import { api, type Me } from '../../lib/api.ts';
import { usePath } from '../../lib/router.tsx';
import { type OwnRequest, type RequestKind, requestKinds } from './intake-api.ts';
import { RequestForm } from './RequestForm.tsx';
import { RequestOffers } from './RequestOffers.tsx';
import { takesScans } from './RequestScans.tsx';
import { RequestStatus } from './RequestStatus.tsx';
import { ReviewResult } from './ReviewResult.tsx';

/** /request, /request/:kind and /request-status/:id: for visitors and signed-in patients alike. */
export default function IntakeScreen() {
  const path = usePath();
  const { t } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api
      .get<Me>('/api/auth/me')
      .then(setMe)
      .catch(() => setMe(null));
  }, []);
  const query = new URLSearchParams(location.search);
  const clinicSlug = query.get('clinic') ?? me?.clinic?.slug ?? 'demo';
  const assessmentId = query.get('assessment') ?? undefined;

  const status = /^\/request-status\/([0-9a-f-]{36})$/.exec(path)?.[1];
  if (status) return <RequestStatus requestId={status} clinicSlug={clinicSlug} />;
  if (me === undefined)
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  const kind = /^\/request\/([a-z_]+)$/.exec(path)?.[1] as RequestKind | undefined;
  if (kind && requestKinds.includes(kind))
    return (
      <RequestForm
        key={kind}
        kind={kind}
        clinicSlug={clinicSlug}
        assessmentId={assessmentId}
        me={me?.patientId ? me : null}
      />
    );
  return <RequestHub me={me} clinicSlug={clinicSlug} />;
}

function RequestHub({ me, clinicSlug }: { me: Me | null; clinicSlug: string }) {
  const { t, lang } = useI18n();
  const [own, setOwn] = useState<OwnRequest[] | null>(null);
  useEffect(() => {
    document.title = `${t('intake.hubTitle')} · Lamina`;
  }, [t]);
  useEffect(() => {
    if (!me?.patientId) return;
    api
      .get<{ requests: OwnRequest[] }>(`/api/patients/${me.patientId}/requests`)
      .then((r) => setOwn(r.requests))
      .catch(() => setOwn([]));
  }, [me?.patientId]);
  const formatDate = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso));
  return (
    <div className="screen">
      <h1>{t('intake.hubTitle')}</h1>
      <p>{t('intake.hubIntro', { emergencyNumber: me?.clinic?.emergencyNumber ?? '911' })}</p>
      <RequestOffers clinicSlug={clinicSlug} />
      {me?.patientId ? (
        <section className="card" aria-labelledby="own-heading">
          <h2 id="own-heading">{t('intake.myRequests')}</h2>
          {own && own.length === 0 ? <p>{t('intake.noRequests')}</p> : null}
          <ul>
            {(own ?? []).map((r) => (
              <li key={r.id} data-testid="own-request">
                <strong>{t(`intake.kind.${r.kind}`)}</strong> · {formatDate(r.createdAt)} ·{' '}
                {t(`intake.status.${r.status}`)}
                {r.insuranceOutcome ? (
                  <p>
                    {t(`intake.outcome.${r.insuranceOutcome.outcome}`)} {r.insuranceOutcome.message}
                  </p>
                ) : null}
                {r.imagingReview ? (
                  <ReviewResult review={r.imagingReview} clinicSlug={clinicSlug} headingLevel={3} />
                ) : null}
                {takesScans(r.kind) && (r.status === 'new' || r.status === 'in_progress') ? (
                  <details>
                    <summary>{t('intake.scansTitle')}</summary>
                    <UploadImaging url={`/api/requests/${r.id}/imaging`} />
                  </details>
                ) : null}
                {r.kind === 'info_kit' ? (
                  <p>
                    <a href={`/api/requests/${r.id}/info-kit.pdf`} download>
                      {t('intake.kitDownload')}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="disclaimer">{t('intake.notADiagnosis')}</p>
    </div>
  );
}
