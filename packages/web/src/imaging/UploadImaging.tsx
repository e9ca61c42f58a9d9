import { useId, useState } from 'react';
import { useImagingT } from './i18n.ts';
import './imaging.css';
import { studyLine } from './study-line.ts';
import { type UploadAnswer, uploadFile } from './upload.ts';

interface FileState {
  key: string;
  name: string;
  loaded: number;
  total: number;
  done: boolean;
  lines: { ok: boolean; text: string }[];
}

/** Choose scans or reports, upload each with its own progress bar, then say what was stored or why not. */
export function UploadImaging({
  url,
  onUploaded,
  headers,
}: {
  /** e.g. /api/patients/<id>/imaging */
  url: string;
  /** Sent with every upload, e.g. a visitor's request token. */
  headers?: Record<string, string>;
  onUploaded?: (answer: UploadAnswer) => void;
}) {
  const { t, lang } = useImagingT();
  const inputId = useId();
  const hintId = useId();
  const [chosen, setChosen] = useState<File[]>([]);
  const [files, setFiles] = useState<FileState[]>([]);
  const [busy, setBusy] = useState(false);

  const words = { lang, unknown: t('imaging.unknown'), noDate: t('imaging.noDate') };

  const update = (key: string, change: Partial<FileState>) =>
    setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));

  async function start() {
    setBusy(true);
    const batch = chosen.map((file, index) => ({
      file,
      state: {
        key: `${Date.now()}-${index}-${file.name}`,
        name: file.name,
        loaded: 0,
        total: file.size,
        done: false,
        lines: [],
      } satisfies FileState,
    }));
    setFiles((all) => [...batch.map((b) => b.state), ...all]);
    setChosen([]);
    for (const { file, state } of batch) {
      const outcome = await uploadFile(
        url,
        file,
        (loaded, total) => update(state.key, { loaded, total }),
        headers,
      );
      const lines: FileState['lines'] = [];
      if (outcome.ok) {
        const { answer } = outcome;
        for (const stored of answer.stored.filter((s) => s.kind !== 'dicom'))
          lines.push({ ok: true, text: t('imaging.storedDocument', { name: stored.name }) });
        for (const study of answer.studies)
          lines.push({
            ok: true,
            text: t('imaging.storedStudy', { name: file.name, ...studyLine(study, words) }),
          });
        for (const refused of answer.refused)
          lines.push({
            ok: false,
            text: t('imaging.refused', { name: refused.name, reason: refused.reason }),
          });
        onUploaded?.(answer);
      } else if (outcome.status === 0) {
        lines.push({ ok: false, text: t('imaging.offline') });
      } else if (outcome.refused.length > 1) {
        for (const refused of outcome.refused)
          lines.push({
            ok: false,
            text: t('imaging.refused', { name: refused.name, reason: refused.reason }),
          });
      } else {
        lines.push({
          ok: false,
          text: t('imaging.failed', { name: file.name, reason: outcome.reason }),
        });
      }
      update(state.key, { done: true, loaded: state.total, lines });
    }
    setBusy(false);
  }

  return (
    <div className="imaging-upload">
      <label htmlFor={inputId}>{t('imaging.choose')}</label>
      <p className="hint" id={hintId}>
        {t('imaging.chooseHint')}
      </p>
      <input
        id={inputId}
        type="file"
        multiple
        aria-describedby={hintId}
        accept=".dcm,.dicom,.zip,.pdf,.jpg,.jpeg,application/dicom,application/zip,application/pdf,image/jpeg"
        onChange={(event) => setChosen([...(event.target.files ?? [])])}
        disabled={busy}
      />
      <button type="button" onClick={() => void start()} disabled={busy || chosen.length === 0}>
        {t('imaging.upload')}
      </button>
      {files.length > 0 ? (
        <ul className="plain imaging-upload-list" aria-live="polite">
          {files.map((f) => (
            <li key={f.key}>
              {f.done ? null : (
                <>
                  <label htmlFor={`${f.key}-progress`}>
                    {t('imaging.uploading', { name: f.name })}
                  </label>{' '}
                  <progress id={`${f.key}-progress`} max={Math.max(1, f.total)} value={f.loaded} />
                </>
              )}
              {f.lines.map((line) => (
                <p
                  key={line.text}
                  className={line.ok ? 'ok' : 'error'}
                  role={line.ok ? undefined : 'alert'}
                >
                  {line.text}
                </p>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
