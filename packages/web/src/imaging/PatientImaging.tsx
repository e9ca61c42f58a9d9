import type { ImagingList } from '@lamina/contract';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { useImagingT } from './i18n.ts';
import { studyLine } from './study-line.ts';
import { DocumentLink, ViewStudy } from './study-parts.tsx';
import { UploadImaging } from './UploadImaging.tsx';

type Listing = ImagingList;

/** A patient's studies and reports, a viewer for one study, and (when allowed) the upload. */
export function PatientImaging({
  patientId,
  canUpload,
  headingLevel = 2,
  title,
  intro,
}: {
  patientId: string;
  canUpload: boolean;
  headingLevel?: 1 | 2;
  title?: string;
  intro?: string;
}) {
  const { t, lang } = useImagingT();
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const url = `/api/patients/${patientId}/imaging`;

  const load = useCallback(() => {
    api
      .get<Listing>(url)
      .then(setListing)
      .catch((e: Error) => setError(e.message));
  }, [url]);
  useEffect(load, [load]);

  const words = { lang, unknown: t('imaging.unknown'), noDate: t('imaging.noDate') };
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';

  return (
    <section className="card imaging" id="imaging" aria-labelledby="imaging-h">
      <Heading id="imaging-h">{title ?? t('imaging.title')}</Heading>
      {intro ? <p>{intro}</p> : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {listing && listing.studies.length === 0 && listing.documents.length === 0 ? (
        <p>{t('imaging.none')}</p>
      ) : null}
      {listing && listing.studies.length > 0 ? (
        <>
          <Sub>{t('imaging.studies')}</Sub>
          <ul className="plain imaging-studies">
            {listing.studies.map((study) => (
              <li key={study.id}>
                <strong>{study.description ?? study.modality ?? ''}</strong>{' '}
                <span className="hint">{t('imaging.studyLine', studyLine(study, words))}</span>{' '}
                <ViewStudy
                  studyId={study.id}
                  open={open}
                  setOpen={setOpen}
                  view={t('imaging.open')}
                  hide={t('imaging.close')}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {listing && listing.documents.length > 0 ? (
        <>
          <Sub>{t('imaging.documents')}</Sub>
          <ul className="plain">
            {listing.documents.map((doc) => (
              <li key={doc.fileId}>
                <DocumentLink doc={doc} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canUpload ? <UploadImaging url={url} onUploaded={load} /> : null}
    </section>
  );
}

/** The patient app's "My scans" screen (/scans). */
export default function MyScans({ patientId }: { patientId: string }) {
  const { t } = useImagingT();
  return (
    <div className="screen my-scans">
      <PatientImaging
        patientId={patientId}
        canUpload
        headingLevel={1}
        title={t('imaging.myScans')}
        intro={t('imaging.myScansIntro')}
      />
    </div>
  );
}

/** The console patient view's jump link to the imaging section. */
export function ImagingJumpLink() {
  const { t } = useImagingT();
  return <a href="#imaging">{t('imaging.title')}</a>;
}
