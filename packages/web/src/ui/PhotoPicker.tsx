import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { type PreparedPhoto, preparePhoto } from '../lib/photo.ts';

/**
 * "Add a photo of your wound" (issue 17): the picture is re-encoded on the phone (location removed)
 * and shown small; a photo the browser cannot open (HEIC where unsupported) or that is too big is
 * explained, not sent.
 */
export function PhotoPicker({
  photo,
  onChange,
}: {
  photo: PreparedPhoto | null;
  onChange(photo: PreparedPhoto | null): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="photo-picker">
      <label htmlFor={id}>{t('photo.add')}</label>
      <p className="hint">{t('photo.hint')}</p>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/heic,image/heif"
        data-testid="photo-input"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          const prepared = await preparePhoto(file);
          if (typeof prepared === 'string') {
            setProblem(prepared === 'too-big' ? t('photo.tooBig') : t('photo.cannotOpen'));
            onChange(null);
          } else {
            setProblem(null);
            onChange(prepared);
          }
        }}
      />
      {problem ? (
        <p className="error" role="alert" data-testid="photo-problem">
          {problem}
        </p>
      ) : null}
      {photo ? (
        <div className="photo-preview">
          <img src={photo.url} alt={t('photo.preview')} data-testid="photo-preview" />
          <button type="button" className="secondary" onClick={() => onChange(null)}>
            {t('photo.remove')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
