import type { CaseStudyView } from '@lamina/contract';
import { useState } from 'react';
import { ImagingViewer } from '../imaging/ImagingViewer.tsx';
import { useT } from './i18n.ts';

/** A case's scan as the server shapes it: a de-identified one has no date or description. */

/**
 * The scans sent with a second opinion, each opening the simple viewer: de-identified copies for a
 * reviewer of a de-identified case (the server refuses them the originals), the originals for staff.
 */
export function CaseScans({ scans }: { scans: CaseStudyView[] }) {
  const { t, date } = useT();
  const [open, setOpen] = useState<string | null>(null);
  const when = (scan: CaseStudyView) => {
    if (scan.studyDate) return date(scan.studyDate);
    if (scan.daysFromSurgery === null) return null;
    return scan.daysFromSurgery >= 0
      ? t('so.scanDays', { days: scan.daysFromSurgery })
      : t('so.scanDaysBefore', { days: -scan.daysFromSurgery });
  };
  return (
    <section className="card" aria-labelledby="so-scans" data-testid="so-scans">
      <h2 id="so-scans">{t('so.scans')}</h2>
      {scans.length === 0 ? <p>{t('so.scansNone')}</p> : null}
      <ul className="plain">
        {scans.map((scan) => (
          <li key={scan.id} data-testid="so-scan">
            <p>
              {scan.description ? <strong>{scan.description} · </strong> : null}
              {t('so.scanLine', {
                modality: scan.modality ?? '–',
                bodyPart: scan.bodyPart ?? '–',
                series: scan.seriesCount,
                images: scan.imageCount,
              })}
              {when(scan) ? ` · ${when(scan)}` : ''}
            </p>
            {scan.deidentified ? <p className="hint">{t('so.scanDeidentified')}</p> : null}
            <button
              type="button"
              className="secondary small"
              aria-expanded={open === scan.id}
              onClick={() => setOpen(open === scan.id ? null : scan.id)}
            >
              {open === scan.id ? t('so.closeScan') : t('so.openScan')}
            </button>
            {open === scan.id ? (
              <ImagingViewer
                studyId={scan.id}
                variant={scan.deidentified ? 'deidentified' : 'original'}
                onClose={() => setOpen(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
