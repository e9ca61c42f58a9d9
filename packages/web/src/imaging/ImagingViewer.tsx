import type { StudyDetail } from '@lamina/contract';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { useImagingT } from './i18n.ts';
import './imaging.css';
import { type FrameData, frameFromResponse, fullRangeWindow, renderFrame } from './render.ts';
import { studyLine } from './study-line.ts';

type Window = { center: number; width: number };

/** Presets in the units of the image (CT: Hounsfield); "from the file" uses the file's own window. */
const presets: {
  key: 'imaging.presetSoft' | 'imaging.presetBone' | 'imaging.presetWide';
  window: Window;
}[] = [
  { key: 'imaging.presetSoft', window: { center: 40, width: 400 } },
  { key: 'imaging.presetBone', window: { center: 500, width: 2000 } },
  { key: 'imaging.presetWide', window: { center: 1000, width: 4000 } },
];

async function loadFrame(fileId: string, variant: string): Promise<FrameData> {
  const response = await fetch(`/api/imaging/files/${fileId}/frame?variant=${variant}`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError(response.status, problem.detail ?? response.statusText);
  }
  return frameFromResponse(response.headers, await response.arrayBuffer());
}

/** One study: pick a series, move through its images, adjust window/level. For checking the right study arrived. */
export function ImagingViewer({
  studyId,
  variant = 'original',
  onClose,
}: {
  studyId: string;
  variant?: 'original' | 'deidentified';
  onClose?: () => void;
}) {
  const { t, lang } = useImagingT();
  const ids = { series: useId(), slice: useId(), center: useId(), width: useId(), title: useId() };
  const [detail, setDetail] = useState<StudyDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [seriesIndex, setSeriesIndex] = useState(0);
  const [slice, setSlice] = useState(0);
  const [frame, setFrame] = useState<FrameData | null>(null);
  const [window, setWindow] = useState<Window | null>(null);
  const [fileWindow, setFileWindow] = useState<Window | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    api
      .get<StudyDetail>(`/api/imaging/studies/${studyId}?variant=${variant}`)
      .then(setDetail)
      .catch((e: Error) => setError(e.message));
  }, [studyId, variant]);

  const series = detail?.series[seriesIndex];
  const instance = series?.instances[slice];

  useEffect(() => {
    if (!instance) return;
    let current = true;
    loadFrame(instance.fileId, variant)
      .then((loaded) => {
        if (!current) return;
        setError(null);
        setFrame(loaded);
        const own =
          loaded.windowCenter !== null && loaded.windowWidth !== null
            ? { center: loaded.windowCenter, width: loaded.windowWidth }
            : fullRangeWindow(loaded);
        setFileWindow(own);
        // The first image sets the window; moving through a series keeps the one chosen.
        setWindow((chosen) => chosen ?? own);
      })
      .catch((e: Error) => current && setError(t('imaging.cannotShow', { reason: e.message })));
    return () => {
      current = false;
    };
  }, [instance, variant, t]);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !frame || !window) return;
    element.width = frame.columns;
    element.height = frame.rows;
    const context = element.getContext('2d');
    if (!context) return;
    const image = context.createImageData(frame.columns, frame.rows);
    renderFrame(frame, window, image.data);
    context.putImageData(image, 0, 0);
    // Tells tests (and anyone inspecting the page) that a frame is on the canvas, not its blank default.
    element.dataset.drawn = String(Number(element.dataset.drawn ?? 0) + 1);
  }, [frame, window]);

  if (!detail)
    return error ? (
      <p role="alert" className="error">
        {error}
      </p>
    ) : (
      <p role="status">…</p>
    );

  const total = series?.instances.length ?? 0;
  const move = (by: number) =>
    setSlice((s) => Math.min(Math.max(0, s + by), Math.max(0, total - 1)));
  const range = frame ? (frame.bitsAllocated === 8 ? 256 : 4096) : 4096;

  return (
    <section className="card imaging-viewer" aria-labelledby={ids.title}>
      <h3 id={ids.title}>
        {t('imaging.viewer')}: {detail.study.description ?? detail.study.modality ?? ''}
      </h3>
      <p className="hint">
        {t(
          'imaging.studyLine',
          studyLine(detail.study, {
            lang,
            unknown: t('imaging.unknown'),
            noDate: t('imaging.noDate'),
          }),
        )}
      </p>
      <p className="hint">{t('imaging.notADiagnosis')}</p>
      <div className="imaging-controls">
        <label htmlFor={ids.series}>{t('imaging.series')}</label>
        <select
          id={ids.series}
          value={seriesIndex}
          onChange={(event) => {
            setSeriesIndex(Number(event.target.value));
            setSlice(0);
            setWindow(null);
          }}
        >
          {detail.series.map((s, index) => (
            <option key={s.seriesInstanceUid ?? index} value={index}>
              {t('imaging.seriesOption', {
                number: s.seriesNumber ?? index + 1,
                description: s.description ?? s.modality ?? '',
                images: s.instances.length,
              })}
            </option>
          ))}
        </select>
        <label htmlFor={ids.slice}>{t('imaging.slice')}</label>
        <input
          id={ids.slice}
          type="range"
          min={0}
          max={Math.max(0, total - 1)}
          value={slice}
          onChange={(event) => setSlice(Number(event.target.value))}
          aria-valuetext={t('imaging.sliceOf', { n: slice + 1, total })}
        />
        <output htmlFor={ids.slice} className="imaging-slice-label">
          {t('imaging.sliceOf', { n: slice + 1, total })}
        </output>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <canvas
        ref={canvas}
        className="imaging-canvas"
        tabIndex={0}
        role="img"
        aria-label={t('imaging.canvas', {
          n: slice + 1,
          series: series?.seriesNumber ?? seriesIndex + 1,
        })}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowRight') {
            event.preventDefault();
            move(1);
          } else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') {
            event.preventDefault();
            move(-1);
          }
        }}
        onWheel={(event) => move(event.deltaY > 0 ? 1 : -1)}
      />
      {window ? (
        <div className="imaging-controls">
          <label htmlFor={ids.center}>{t('imaging.windowCenter')}</label>
          <input
            id={ids.center}
            type="range"
            min={-1024}
            max={range * 2}
            value={Math.round(window.center)}
            onChange={(event) => setWindow({ ...window, center: Number(event.target.value) })}
          />
          <output htmlFor={ids.center}>{Math.round(window.center)}</output>
          <label htmlFor={ids.width}>{t('imaging.windowWidth')}</label>
          <input
            id={ids.width}
            type="range"
            min={1}
            max={range * 2}
            value={Math.round(window.width)}
            onChange={(event) => setWindow({ ...window, width: Number(event.target.value) })}
          />
          <output htmlFor={ids.width}>{Math.round(window.width)}</output>
          <fieldset className="imaging-presets">
            <legend>{t('imaging.presets')}</legend>
            <button type="button" onClick={() => fileWindow && setWindow(fileWindow)}>
              {t('imaging.presetFile')}
            </button>
            {presets.map((preset) => (
              <button key={preset.key} type="button" onClick={() => setWindow(preset.window)}>
                {t(preset.key)}
              </button>
            ))}
          </fieldset>
        </div>
      ) : null}
      {onClose ? (
        <button type="button" onClick={onClose}>
          {t('imaging.close')}
        </button>
      ) : null}
    </section>
  );
}
