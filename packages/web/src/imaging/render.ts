/** One frame from the frame route: pixel values plus how to display them (from the x-dicom-* headers). */
export interface FrameData {
  rows: number;
  columns: number;
  bitsAllocated: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  rescaleSlope: number;
  rescaleIntercept: number;
  windowCenter: number | null;
  windowWidth: number | null;
  pixels: ArrayBuffer;
}

export function frameFromResponse(headers: Headers, pixels: ArrayBuffer): FrameData {
  const number = (name: string, fallback: number) => {
    const value = headers.get(`x-dicom-${name}`);
    const parsed = Number(value);
    return value === null || value === '' || !Number.isFinite(parsed) ? fallback : parsed;
  };
  const optional = (name: string) => {
    const value = headers.get(`x-dicom-${name}`);
    return value === null || value === '' ? null : Number(value);
  };
  return {
    rows: number('rows', 0),
    columns: number('columns', 0),
    bitsAllocated: number('bits-allocated', 16),
    pixelRepresentation: number('pixel-representation', 0),
    samplesPerPixel: number('samples-per-pixel', 1),
    photometricInterpretation: headers.get('x-dicom-photometric-interpretation') ?? 'MONOCHROME2',
    rescaleSlope: number('rescale-slope', 1),
    rescaleIntercept: number('rescale-intercept', 0),
    windowCenter: optional('window-center'),
    windowWidth: optional('window-width'),
    pixels,
  };
}

/** Stored values scaled to what they mean (e.g. Hounsfield units on CT). */
function values(frame: FrameData): ArrayLike<number> {
  const count = frame.rows * frame.columns * frame.samplesPerPixel;
  if (frame.bitsAllocated === 8) return new Uint8Array(frame.pixels, 0, count);
  return frame.pixelRepresentation === 1
    ? new Int16Array(frame.pixels, 0, count)
    : new Uint16Array(frame.pixels, 0, count);
}

/** A window that shows the whole range of this frame, for files that name none. */
export function fullRangeWindow(frame: FrameData): { center: number; width: number } {
  const stored = values(frame);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < stored.length; i++) {
    const v = (stored[i] ?? 0) * frame.rescaleSlope + frame.rescaleIntercept;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) return { center: 0, width: 1 };
  return { center: (min + max) / 2, width: Math.max(1, max - min) };
}

/** RGBA pixels for a canvas: grey levels by the window (linear, as DICOM's default VOI LUT). */
export function renderFrame(
  frame: FrameData,
  window: { center: number; width: number },
  out: Uint8ClampedArray,
): void {
  const stored = values(frame);
  const pixelCount = frame.rows * frame.columns;
  if (frame.samplesPerPixel === 3) {
    for (let i = 0; i < pixelCount; i++) {
      out[i * 4] = stored[i * 3] ?? 0;
      out[i * 4 + 1] = stored[i * 3 + 1] ?? 0;
      out[i * 4 + 2] = stored[i * 3 + 2] ?? 0;
      out[i * 4 + 3] = 255;
    }
    return;
  }
  const low = window.center - window.width / 2;
  const width = Math.max(1, window.width);
  const invert = frame.photometricInterpretation === 'MONOCHROME1';
  for (let i = 0; i < pixelCount; i++) {
    const value = (stored[i] ?? 0) * frame.rescaleSlope + frame.rescaleIntercept;
    let grey = Math.round(((value - low) / width) * 255);
    grey = grey < 0 ? 0 : grey > 255 ? 255 : grey;
    if (invert) grey = 255 - grey;
    out[i * 4] = grey;
    out[i * 4 + 1] = grey;
    out[i * 4 + 2] = grey;
    out[i * 4 + 3] = 255;
  }
}
