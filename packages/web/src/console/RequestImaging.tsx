import type { StaffRequestImaging } from '@lamina/contract';
import { useEffect, useState } from 'react';
import { studyLine } from '../imaging/study-line.ts';
import { DocumentLink, ViewStudy } from '../imaging/study-parts.tsx';
import { api } from '../lib/api.ts';
import { useT } from './i18n.ts';

type Attached = StaffRequestImaging;

/** The scans and reports sent with a request, so the care manager can check the right study arrived. */
export function RequestImaging({ requestId }: { requestId: string }) {
  const { t, lang } = useT();
  const [attached, setAttached] = useState<Attached | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    setAttached(null);
    setFailed(false);
    api
      .get<Attached>(`/api/requests/${requestId}/imaging`)
      .then(setAttached)
      .catch(() => setFailed(true));
  }, [requestId]);

  const words = {
    lang,
    unknown: t('requests.imagingUnknown'),
    noDate: t('requests.imagingNoDate'),
  };
  const empty = attached && attached.studies.length === 0 && attached.documents.length === 0;

  return (
    <section className="card" aria-labelledby="request-imaging-heading">
      <h2 id="request-imaging-heading">{t('requests.imaging')}</h2>
      {failed ? <p role="alert">{t('requests.imagingError')}</p> : null}
      {empty ? <p>{t('requests.imagingNone')}</p> : null}
      {attached && !empty ? (
        <ul className="plain" data-testid="request-imaging">
          {attached.studies.map((study) => (
            <li key={study.id}>
              {study.description ? <strong>{study.description} </strong> : null}
              <span>{t('requests.imagingStudy', studyLine(study, words))}</span>{' '}
              <ViewStudy
                studyId={study.id}
                open={open}
                setOpen={setOpen}
                view={t('requests.imagingView')}
                hide={t('requests.imagingHide')}
              />
            </li>
          ))}
          {attached.documents.map((doc) => (
            <li key={doc.fileId}>
              <DocumentLink doc={doc} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
