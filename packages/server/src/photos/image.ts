import { FileRejection } from '../imaging/dicom.ts';
import { checkJpeg } from '../imaging/documents.ts';

/**
 * Wound photos (issue 17): what the server accepts and what it keeps. The phone already re-encodes
 * the picture through a canvas, which drops every metadata block; the server does not trust that
 * and removes, before anything is stored, every block that can carry a place or a time: in a JPEG
 * the APP1–APP15 segments (Exif with its GPS directory, XMP) and comments; in a PNG the eXIf and
 * text chunks. The picture data itself is kept byte for byte.
 */

export type PhotoKind = 'jpeg' | 'png';

export interface CheckedPhoto {
  readonly kind: PhotoKind;
  readonly width: number;
  readonly height: number;
  /** The bytes to store: the upload without metadata blocks. */
  readonly bytes: Uint8Array;
  /** Metadata blocks were found and removed (the phone did not strip them). */
  readonly metadataRemoved: boolean;
  /** One of them was an Exif GPS directory (a location). */
  readonly hadGps: boolean;
}

export class NotAPhoto extends Error {}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/** Checks the structure and strips metadata; NotAPhoto for anything but JPEG/PNG, FileRejection for a damaged one. */
export function checkPhoto(bytes: Uint8Array): CheckedPhoto {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    const { width, height } = checkJpeg(bytes);
    return { kind: 'jpeg', width, height, ...stripJpeg(bytes) };
  }
  if (startsWith(bytes, pngSignature)) return { kind: 'png', ...stripPng(bytes) };
  throw new NotAPhoto('not a JPEG or PNG picture');
}

const u16 = (bytes: Uint8Array, at: number, little: boolean) =>
  little
    ? (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
    : ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
const u32 = (bytes: Uint8Array, at: number, little: boolean) =>
  little
    ? (u16(bytes, at, true) + u16(bytes, at + 2, true) * 65536) >>> 0
    : (u16(bytes, at, false) * 65536 + u16(bytes, at + 2, false)) >>> 0;

/** Does this APP1 payload hold an Exif block whose first directory points to GPS data (tag 0x8825)? */
export function exifHasGps(payload: Uint8Array): boolean {
  if (!startsWith(payload, [0x45, 0x78, 0x69, 0x66, 0, 0])) return false; // "Exif\0\0"
  const tiff = payload.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return false;
  const ifd = u32(tiff, 4, little);
  if (ifd + 2 > tiff.byteLength) return false;
  const entries = u16(tiff, ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.byteLength) break;
    if (u16(tiff, at, little) === 0x8825) return true;
  }
  return false;
}

/** The JPEG without APP1–APP15 and COM segments (everything from the start of scan on is kept). */
export function stripJpeg(bytes: Uint8Array): {
  bytes: Uint8Array;
  metadataRemoved: boolean;
  hadGps: boolean;
} {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let removed = false;
  let gps = false;
  for (;;) {
    let start = at;
    while (bytes[at] === 0xff && bytes[at + 1] === 0xff) at++; // fill bytes
    start = at;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xda) {
      kept.push(bytes.subarray(start));
      break;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.byteLength) throw new FileRejection('damaged JPEG header');
    if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) {
      removed = true;
      if (marker === 0xe1 && exifHasGps(bytes.subarray(at + 4, end))) gps = true;
    } else kept.push(bytes.subarray(start, end));
    at = end;
  }
  if (!removed) return { bytes, metadataRemoved: false, hadGps: false };
  const out = new Uint8Array(kept.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes: out, metadataRemoved: true, hadGps: gps };
}

/** Chunks that can carry a place, a time or free text (PNG 1.2 and the 2017 eXIf extension). */
const pngMetadata = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

const damagedPng = (what: string) =>
  new FileRejection(
    `This PNG picture is damaged or incomplete (${what}). Please take or save the picture again.`,
  );

/** Checks a PNG's chunk chain (IHDR first, IEND last, every length in bounds) and drops metadata chunks. */
export function stripPng(bytes: Uint8Array): {
  width: number;
  height: number;
  bytes: Uint8Array;
  metadataRemoved: boolean;
  hadGps: boolean;
} {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let width = 0;
  let height = 0;
  let removed = false;
  let gps = false;
  let sawData = false;
  let first = true;
  for (;;) {
    if (at + 12 > bytes.byteLength) throw damagedPng('it ends before its last chunk');
    const length = u32(bytes, at, false);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.byteLength)
      throw damagedPng('a chunk cut short');
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw damagedPng('no header');
      width = u32(bytes, at + 8, false);
      height = u32(bytes, at + 12, false);
      if (width === 0 || height === 0) throw damagedPng('an impossible picture size');
      first = false;
    }
    if (type === 'IDAT') sawData = true;
    if (pngMetadata.has(type)) {
      removed = true;
      if (
        type === 'eXIf' &&
        exifHasGps(
          new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, ...bytes.subarray(at + 8, end - 4)]),
        )
      )
        gps = true;
    } else kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  if (!sawData) throw damagedPng('no picture data');
  if (!removed) return { width, height, bytes, metadataRemoved: false, hadGps: false };
  const out = new Uint8Array(kept.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return { width, height, bytes: out, metadataRemoved: true, hadGps: gps };
}
