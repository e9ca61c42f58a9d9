import { createRequire } from 'node:module';

// Loaded on first use, not at start: an idle server does not hold it in memory (issue 19).
const pdfLib = () => createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib');

import { FileRejection } from './dicom.ts';

/**
 * Reports (PDF, JPEG) are checked to be what they say before they are stored (issue 12, decision
 * 011): `%PDF-` followed by 50 MB of zeros is not a report. A PDF must have its header, a
 * `startxref` pointing at a cross-reference table or stream, `%%EOF` at the end, and load in
 * pdf-lib with at least one page. A JPEG must have a chain of well-formed segments from SOI through
 * a frame header (size and components) and quantization tables to the start of scan, and end with
 * EOI. These stop junk; a well-formed file full of nothing is stopped by the quotas (storage/quota.ts).
 */

const ascii = (text: string) => new TextEncoder().encode(text);
const latin1 = new TextDecoder('latin1');

function lastIndexOf(bytes: Uint8Array, needle: ArrayLike<number>, from: number): number {
  outer: for (let at = bytes.byteLength - needle.length; at >= from; at--) {
    for (let i = 0; i < needle.length; i++) if (bytes[at + i] !== needle[i]) continue outer;
    return at;
  }
  return -1;
}

const damagedPdf = (what: string) =>
  new FileRejection(
    `This PDF is damaged or incomplete (${what}). Please save or download it again and upload it.`,
  );

export async function checkPdf(bytes: Uint8Array): Promise<{ pages: number }> {
  if (!/^%PDF-\d\.\d/.test(latin1.decode(bytes.subarray(0, 8)))) throw damagedPdf('no version');
  // The end of a PDF: "startxref", the offset, "%%EOF", within its last kilobyte (ISO 32000-1 7.5.5).
  const tailStart = Math.max(0, bytes.byteLength - 1024);
  const eof = lastIndexOf(bytes, ascii('%%EOF'), tailStart);
  if (eof < 0) throw damagedPdf('it does not end with %%EOF');
  const startxref = lastIndexOf(bytes, ascii('startxref'), tailStart);
  const offset =
    startxref < 0
      ? undefined
      : /^startxref\s+(\d{1,12})\s/.exec(latin1.decode(bytes.subarray(startxref, eof)))?.[1];
  if (offset === undefined) throw damagedPdf('no cross-reference position at the end');
  const at = Number(offset);
  const target = latin1.decode(bytes.subarray(at, at + 32));
  if (at >= bytes.byteLength || !/^(xref|\d+\s+\d+\s+obj)/.test(target))
    throw damagedPdf('its cross-reference position points at nothing');
  let pages: number;
  try {
    const document = await pdfLib().PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    pages = document.getPageCount();
  } catch {
    throw damagedPdf('it could not be read');
  }
  if (pages < 1) throw damagedPdf('it has no pages');
  return { pages };
}

const damagedJpeg = (what: string) =>
  new FileRejection(
    `This JPEG picture is damaged or incomplete (${what}). Please take or save the picture again and upload it.`,
  );

/** Start-of-frame markers (ITU-T T.81 Table B.1): C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameHeader = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export function checkJpeg(bytes: Uint8Array): { width: number; height: number } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw damagedJpeg('no start marker');
  let at = 2;
  let frame: { width: number; height: number } | undefined;
  let tables = false;
  for (;;) {
    if (at >= bytes.byteLength || bytes[at] !== 0xff)
      throw damagedJpeg('its header ends before the picture starts');
    while (bytes[at] === 0xff) at++; // fill bytes
    const marker = bytes[at++] ?? 0;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd8 || marker === 0xd9 || marker === 0x00)
      throw damagedJpeg('its header ends before the picture starts');
    if (at + 2 > bytes.byteLength) throw damagedJpeg('a header cut short');
    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (length < 2 || at + length > bytes.byteLength) throw damagedJpeg('a header cut short');
    if (isFrameHeader(marker)) {
      const height = ((bytes[at + 3] ?? 0) << 8) | (bytes[at + 4] ?? 0);
      const width = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0);
      const components = bytes[at + 7] ?? 0;
      if (width === 0 || components < 1 || components > 4 || length !== 8 + 3 * components)
        throw damagedJpeg('an impossible picture size');
      frame = { width, height };
    }
    if (marker === 0xdb) tables = true;
    if (marker === 0xda) {
      if (!frame || !tables) throw damagedJpeg('the picture starts before its size and tables');
      break;
    }
    at += length;
  }
  // The end of image marker, allowing for padding some cameras and phones add after it.
  if (lastIndexOf(bytes, [0xff, 0xd9], Math.max(at, bytes.byteLength - 4096)) < 0)
    throw damagedJpeg('it does not end the way a JPEG ends');
  return frame;
}
