import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { studyLine } from '../../imaging/study-line.ts';
import { UploadImaging } from '../../imaging/UploadImaging.tsx';
import {
  type PublicStatus,
  type RequestImaging,
  readRequestImaging,
  requestImagingUrl,
  tokenHeaders,
} from './intake-api.ts';

/** Kinds of request that take scans: the free MRI/CT review, and optionally a consultation. */
export const takesScans = (kind: PublicStatus['kind']) =>
  kind === 'imaging_review' || kind === 'treatment';

/** "Add your scans" on the status page: the upload (with the request token) and what arrived. */
export function RequestScans({
  status,
  clinicSlug,
  token,
}: {
  status: PublicStatus;
  clinicSlug: string;
  token: string;
}) {
  const { t, lang } = useI18n();
  const [received, setReceived] = useState<RequestImaging | null>(null);
  const [failed, setFailed] = useState(false);
  const headers = useMemo(() => tokenHeaders(token), [token]);
  const open = status.status === 'new' || status.status === 'in_progress';

  const load = useCallback(() => {
    readRequestImaging(clinicSlug, status.id, token)
      .then((answer) => {
        setReceived(answer);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, [clinicSlug, status.id, token]);
  useEffect(load, [load]);

  const words = { lang, unknown: t('intake.scanUnknown'), noDate: t('intake.scanNoDate') };
  const empty = received && received.studies.length === 0 && received.documents.length === 0;

  return (
    <section className="card request-scans" aria-labelledby="scans-heading">
      <h2 id="scans-heading">{t('intake.scansTitle')}</h2>
      {open ? (
        <>
          <p>
            {t(`intake.scansIntro.${status.kind === 'treatment' ? 'treatment' : 'imaging_review'}`)}
          </p>
          <UploadImaging
            url={requestImagingUrl(clinicSlug, status.id)}
            headers={headers}
            onUploaded={load}
          />
        </>
      ) : (
        <p>{t('intake.scansClosed')}</p>
      )}
      <h3>{t('intake.scansReceived')}</h3>
      {failed ? <p role="alert">{t('intake.scansLoadError')}</p> : null}
      {empty ? <p>{t('intake.scansNone')}</p> : null}
      {received && !empty ? (
        <ul className="plain" data-testid="request-scans">
          {received.studies.map((study) => (
            <li key={study.id}>{t('intake.scanStudy', studyLine(study, words))}</li>
          ))}
          {received.documents.map((doc) => (
            <li key={`${doc.name}-${doc.uploadedAt}`}>
              {t('intake.scanDocument', { name: doc.name })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
