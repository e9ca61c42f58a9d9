import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FrameData, frameFromResponse, fullRangeWindow, renderFrame } from './render.ts';

const frame = (stored: number[], extra: Partial<FrameData> = {}): FrameData => ({
  rows: 1,
  columns: stored.length,
  bitsAllocated: 16,
  pixelRepresentation: 0,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  rescaleSlope: 1,
  rescaleIntercept: 0,
  windowCenter: null,
  windowWidth: null,
  pixels: new Uint16Array(stored).buffer,
  ...extra,
});
const greys = (data: FrameData, window: { center: number; width: number }) => {
  const out = new Uint8ClampedArray(data.columns * 4);
  renderFrame(data, window, out);
  return [...out].filter((_, i) => i % 4 === 0);
};

test('the window maps values linearly to grey, clipping below and above', () => {
  assert.deepEqual(
    greys(frame([0, 500, 1000, 1500, 2000]), { center: 1000, width: 1000 }),
    [0, 0, 128, 255, 255],
  );
});

test('rescale slope and intercept apply before the window (CT in Hounsfield units); MONOCHROME1 is inverted', () => {
  const ct = frame([0, 1024, 2048], { rescaleIntercept: -1024, pixelRepresentation: 0 });
  assert.deepEqual(greys(ct, { center: 0, width: 2048 }), [0, 128, 255]);
  assert.deepEqual(
    greys(frame([0, 100], { photometricInterpretation: 'MONOCHROME1' }), {
      center: 50,
      width: 100,
    }),
    [255, 0],
  );
  assert.deepEqual(fullRangeWindow(frame([100, 300])), { center: 200, width: 200 });
});

test('frame settings are read from the x-dicom-* headers', () => {
  const headers = new Headers({
    'x-dicom-rows': '2',
    'x-dicom-columns': '3',
    'x-dicom-window-center': '40',
    'x-dicom-window-width': '',
  });
  const data = frameFromResponse(headers, new ArrayBuffer(12));
  assert.deepEqual(
    [data.rows, data.columns, data.windowCenter, data.windowWidth, data.rescaleSlope],
    [2, 3, 40, null, 1],
  );
});
