import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';

/** A study as the case (or the patient's own list) shows it. */
export interface ScanView {
  id: string;
  modality: string | null;
  bodyPart: string | null;
  seriesCount: number;
  imageCount: number;
  studyDate?: string | null;
}

/** The patient's own studies (the same list as "My scans"), for choosing which to send. */
export function useOwnScans(patientId: string): ScanView[] | null {
  const [scans, setScans] = useState<ScanView[] | null>(null);
  useEffect(() => {
    api
      .get<{ studies: ScanView[] }>(`/api/patients/${patientId}/imaging`)
      .then((listing) => setScans(listing.studies))
      .catch(() => setScans([]));
  }, [patientId]);
  return scans;
}

export function ScanLine({ scan }: { scan: ScanView }) {
  const { t, date } = useI18n();
  const unknown = '–';
  return (
    <>
      {t('so.scanLine', {
        modality: scan.modality ?? unknown,
        bodyPart: scan.bodyPart ?? unknown,
        series: scan.seriesCount,
        images: scan.imageCount,
      })}
      {scan.studyDate ? ` · ${t('so.scanDate', { date: date(scan.studyDate) })}` : ''}
    </>
  );
}

/** Checkboxes of the patient's own scans, with the way to upload new ones first. */
export function ScanPicker({
  scans,
  chosen,
  onChange,
}: {
  scans: ScanView[] | null;
  chosen: readonly string[];
  onChange(ids: string[]): void;
}) {
  const { t } = useI18n();
  const hint = useId();
  return (
    <fieldset className="field so-scans" aria-describedby={hint}>
      <legend>{t('so.scans')}</legend>
      <p className="hint" id={hint}>
        {t('so.scansHint')}
      </p>
      {scans && scans.length === 0 ? <p>{t('so.scansNone')}</p> : null}
      {(scans ?? []).map((scan) => (
        <label key={scan.id} className="check">
          <input
            type="checkbox"
            data-testid="so-scan-choice"
            checked={chosen.includes(scan.id)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...chosen, scan.id] : chosen.filter((id) => id !== scan.id),
              )
            }
          />{' '}
          <ScanLine scan={scan} />
        </label>
      ))}
      <p>
        <Link href="/scans">{t('so.scansUpload')}</Link>
      </p>
    </fieldset>
  );
}

/** The scans sent with one question; before the report the patient may add or remove them. */
export function CaseScans({
  caseId,
  attached,
  editable,
  ownScans,
  onSaved,
}: {
  caseId: string;
  attached: ScanView[];
  editable: boolean;
  ownScans: ScanView[] | null;
  onSaved(): Promise<void>;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<string[]>(attached.map((s) => s.id));
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setError(null);
    setMessage(null);
    try {
      await api.put(`/api/second-opinions/${caseId}/studies`, { studyIds: chosen });
      setEditing(false);
      setMessage(t('so.scansSaved'));
      await onSaved();
    } catch {
      setError(t('so.scansError'));
    }
  }

  return (
    <div data-testid="so-case-scans">
      {attached.length === 0 ? (
        <p className="hint">{t('so.noneAttached')}</p>
      ) : (
        <>
          <p className="hint">{t('so.attached')}</p>
          <ul>
            {attached.map((scan) => (
              <li key={scan.id} data-testid="so-attached-scan">
                <ScanLine scan={scan} />
              </li>
            ))}
          </ul>
        </>
      )}
      {editable && !editing ? (
        <button
          type="button"
          className="link"
          onClick={() => {
            setChosen(attached.map((s) => s.id));
            setEditing(true);
          }}
        >
          {t('so.changeScans')}
        </button>
      ) : null}
      {editing ? (
        <>
          <ScanPicker scans={ownScans} chosen={chosen} onChange={setChosen} />
          <button type="button" className="secondary" onClick={save}>
            {t('so.saveScans')}
          </button>
        </>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
