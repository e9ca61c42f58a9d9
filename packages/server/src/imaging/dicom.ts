import { createRequire } from 'node:module';
import type dcmjsType from 'dcmjs';
import type { DenaturalizedDataset, DicomDict, NaturalizedDataset } from 'dcmjs';

let dcmjsLoaded: typeof dcmjsType | undefined;
/** dcmjs, loaded on first use: an idle server does not hold it in memory (issue 19). */
export function dcmjsData(): (typeof dcmjsType)['data'] {
  if (!dcmjsLoaded) {
    dcmjsLoaded = createRequire(import.meta.url)('dcmjs') as typeof dcmjsType;
    // dcmjs warns on the console about odd files; Lamina reports problems itself, as clear errors.
    dcmjsLoaded.log.setLevel?.('error');
  }
  return dcmjsLoaded.data;
}

/**
 * A DICOM Part 10 file of a made-up dataset (the demo's synthetic study, test studies): its file
 * meta names the dataset's own SOP class and instance. `extra` adds elements as written (tag →
 * element, e.g. a scanner's private tags). Lamina never rewrites an uploaded file this way.
 */
export function writeDicomFile(
  dataset: NaturalizedDataset & { SOPClassUID: string; SOPInstanceUID: string },
  transferSyntaxUid: string,
  extra: DenaturalizedDataset = {},
): Uint8Array {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: '2.25.80302813137786398554742050926734630921',
  };
  const { DicomDict: Dict, DicomMetaDictionary } = dcmjsData();
  const dict = new Dict(DicomMetaDictionary.denaturalizeDataset(meta));
  const elements = { ...DicomMetaDictionary.denaturalizeDataset(dataset), ...extra };
  // Elements in tag order, as Part 10 wants them.
  dict.dict = Object.fromEntries(Object.entries(elements).sort(([a], [b]) => a.localeCompare(b)));
  return new Uint8Array(dict.write());
}

/** A file refused, with a sentence a patient or care manager can act on. */
export class FileRejection extends Error {}

export type UploadKind = 'dicom' | 'pdf' | 'jpeg' | 'zip';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((value, index) => bytes[at + index] === value);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** What a file is, by its first bytes (never by its name or the type the browser claimed). */
export function sniffKind(bytes: Uint8Array): UploadKind | 'png' | 'unknown' {
  if (startsWith(bytes, ascii('DICM'), 128)) return 'dicom';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'zip';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  return 'unknown';
}

export const transferSyntaxes = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflatedExplicitLittle: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
} as const;

/** Pixel data stored as plain little-endian numbers: the only kind the viewer draws and the size check applies to. */
export function isUncompressedLittleEndian(transferSyntax: string): boolean {
  return (
    transferSyntax === transferSyntaxes.implicitLittle ||
    transferSyntax === transferSyntaxes.explicitLittle
  );
}

export interface DicomSummary {
  readonly transferSyntax: string;
  readonly sopClassUid: string | null;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly bodyPart: string | null;
  /** YYYY-MM-DD, or null when the file has none (or an unreadable one). */
  readonly studyDate: string | null;
  readonly studyDescription: string | null;
  readonly seriesDescription: string | null;
  readonly seriesNumber: number | null;
  readonly instanceNumber: number | null;
  readonly rows: number | null;
  readonly columns: number | null;
  readonly frames: number;
  readonly hasPixelData: boolean;
}

const incomplete = (where: string) =>
  new FileRejection(
    `This DICOM file is incomplete: it ends before ${where} does. It was probably cut off while copying or downloading. Please copy it again from the original disc or download.`,
  );

const longLengthVrs = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'UC',
  'UN',
  'UR',
  'UT',
  'SV',
  'UV',
]);
const undefinedLength = 0xffffffff;

/**
 * Walks every element of the file and checks that each declared length fits in the bytes there:
 * dcmjs reads a file cut in the middle without complaint, so truncation is caught here.
 */
function checkStructure(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength;
  let offset = 132;
  let transferSyntax: string = transferSyntaxes.explicitLittle;
  // File meta information: always explicit VR little endian, group 0002.
  while (offset + 8 <= end && view.getUint16(offset, true) === 0x0002) {
    const element = view.getUint16(offset + 2, true);
    const vr = String.fromCharCode(bytes[offset + 4] ?? 0, bytes[offset + 5] ?? 0);
    const long = longLengthVrs.has(vr);
    if (long && offset + 12 > end) throw incomplete('its header');
    const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
    const start = offset + (long ? 12 : 8);
    if (start + length > end) throw incomplete('its header');
    if (element === 0x0010)
      transferSyntax = new TextDecoder()
        .decode(bytes.subarray(start, start + length))
        .replace(/[\0 ]+$/, '');
    offset = start + length;
  }
  if (offset >= end) throw incomplete('the image data');
  // Deflated files are compressed as a whole; dcmjs inflates them and reports damage itself.
  if (transferSyntax === transferSyntaxes.deflatedExplicitLittle) return transferSyntax;
  const explicit = transferSyntax !== transferSyntaxes.implicitLittle;
  const little = transferSyntax !== transferSyntaxes.explicitBig;

  const readTag = (at: number) => {
    if (at + 8 > end) throw incomplete('the image data');
    return { group: view.getUint16(at, little), element: view.getUint16(at + 2, little) };
  };
  // Elements until the end (or, inside an item of undefined length, its delimiter).
  const walkDataset = (start: number, insideItem: boolean): number => {
    let at = start;
    while (at < end) {
      const { group, element } = readTag(at);
      if (group === 0xfffe && element === 0xe00d) {
        if (!insideItem)
          throw new FileRejection('This DICOM file is damaged: its data is out of order.');
        return at + 8;
      }
      let length: number;
      let header: number;
      const vr = String.fromCharCode(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0);
      if (explicit && group !== 0xfffe) {
        if (longLengthVrs.has(vr)) {
          if (at + 12 > end) throw incomplete('the image data');
          length = view.getUint32(at + 8, little);
          header = 12;
        } else {
          length = view.getUint16(at + 6, little);
          header = 8;
        }
      } else {
        length = view.getUint32(at + 4, little);
        header = 8;
      }
      at += header;
      if (length === undefinedLength) at = walkItems(at);
      else {
        if (at + length > end) throw incomplete(group === 0x7fe0 ? 'the image data' : 'its data');
        at += length;
      }
    }
    if (insideItem) throw incomplete('the image data');
    return at;
  };
  // A sequence or encapsulated pixel data of undefined length: items until the sequence delimiter.
  const walkItems = (start: number): number => {
    let at = start;
    for (;;) {
      const { group, element } = readTag(at);
      const length = view.getUint32(at + 4, little);
      at += 8;
      if (group === 0xfffe && element === 0xe0dd) return at;
      if (group !== 0xfffe || element !== 0xe000)
        throw new FileRejection('This DICOM file is damaged: a sequence of its data is broken.');
      if (length === undefinedLength) at = walkDataset(at, true);
      else {
        if (at + length > end) throw incomplete('the image data');
        at += length;
      }
    }
  };
  walkDataset(offset, false);
  return transferSyntax;
}

const text = (value: unknown): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  const string = String(first).trim();
  return string === '' ? null : string;
};
const integer = (value: unknown): number | null => {
  const first = Array.isArray(value) ? value[0] : value;
  const number = Number(first);
  return first === undefined || first === null || first === '' || !Number.isFinite(number)
    ? null
    : Math.trunc(number);
};
const isoDate = (value: unknown): string | null => {
  const raw = text(value);
  const match = raw ? /^(\d{4})(\d{2})(\d{2})$/.exec(raw) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
};

function kindInWords(kind: ReturnType<typeof sniffKind>): string {
  switch (kind) {
    case 'jpeg':
      return 'it looks like a JPEG picture. If it is a photo of a report, upload it as a report; scans must be the DICOM files from the imaging centre';
    case 'png':
      return 'it looks like a PNG picture (a screenshot?). Please upload the DICOM files from the imaging centre instead';
    case 'pdf':
      return 'it is a PDF document. Upload it as a report instead';
    case 'zip':
      return 'it is a zip file';
    default:
      return 'it does not start the way every DICOM file does. Please upload the files from the imaging disc or download (often in a folder called DICOM)';
  }
}

export interface ParsedDicom {
  readonly summary: DicomSummary;
  readonly dicom: DicomDict;
}

/** Reads a DICOM Part 10 file strictly: anything that is not a complete DICOM image is a FileRejection. */
export function parseDicom(bytes: Uint8Array): ParsedDicom {
  const kind = sniffKind(bytes);
  if (kind !== 'dicom')
    throw new FileRejection(`This file is not a DICOM image: ${kindInWords(kind)}.`);
  const transferSyntax = checkStructure(bytes);
  let dicom: DicomDict;
  try {
    const copy = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    ) as ArrayBuffer;
    dicom = dcmjsData().DicomMessage.readFile(copy);
  } catch (error) {
    throw new FileRejection(
      `This DICOM file could not be read (${(error as Error).message}). It may be damaged: please copy it again.`,
    );
  }
  const data = dcmjsData().DicomMetaDictionary.naturalizeDataset(dicom.dict);
  const missing = [
    ['SOPInstanceUID', 'SOP Instance UID'],
    ['StudyInstanceUID', 'Study Instance UID'],
    ['SeriesInstanceUID', 'Series Instance UID'],
    ['Modality', 'Modality'],
  ].filter(([key]) => text(data[key as string]) === null);
  if (missing.length > 0)
    throw new FileRejection(
      `This DICOM file lacks what every scan image has (${missing.map(([, name]) => name).join(', ')}), so it cannot be filed with a study.`,
    );
  const rows = integer(data.Rows);
  const columns = integer(data.Columns);
  const frames = integer(data.NumberOfFrames) ?? 1;
  const pixelElement = dicom.dict['7FE00010'];
  const hasPixelData = pixelElement !== undefined;
  if (hasPixelData && isUncompressedLittleEndian(transferSyntax)) {
    const samples = integer(data.SamplesPerPixel) ?? 1;
    const bits = integer(data.BitsAllocated) ?? 16;
    const expected = (rows ?? 0) * (columns ?? 0) * samples * Math.ceil(bits / 8) * frames;
    const actual = pixelBytes(pixelElement.Value)?.byteLength ?? 0;
    if (actual < expected) throw incomplete('the image data');
  }
  return {
    dicom,
    summary: {
      transferSyntax,
      sopClassUid: text(data.SOPClassUID),
      sopInstanceUid: text(data.SOPInstanceUID) as string,
      studyInstanceUid: text(data.StudyInstanceUID) as string,
      seriesInstanceUid: text(data.SeriesInstanceUID) as string,
      modality: (text(data.Modality) as string).toUpperCase(),
      bodyPart: text(data.BodyPartExamined),
      studyDate: isoDate(data.StudyDate),
      studyDescription: text(data.StudyDescription),
      seriesDescription: text(data.SeriesDescription),
      seriesNumber: integer(data.SeriesNumber),
      instanceNumber: integer(data.InstanceNumber),
      rows,
      columns,
      frames,
      hasPixelData,
    },
  };
}

function pixelBytes(value: unknown[] | undefined): Uint8Array | undefined {
  const first = value?.[0];
  if (first instanceof ArrayBuffer) return new Uint8Array(first);
  if (ArrayBuffer.isView(first))
    return new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
  return undefined;
}

/** The raw bytes of the PixelData element as stored (for the byte-for-byte check after de-identification). */
export function pixelDataOf(dataset: DenaturalizedDataset): Uint8Array | undefined {
  return pixelBytes(dataset['7FE00010']?.Value);
}

export interface Frame {
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: number;
  readonly samplesPerPixel: number;
  readonly photometricInterpretation: string;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  readonly windowCenter: number | null;
  readonly windowWidth: number | null;
  readonly frames: number;
  /** Little-endian pixel values of one frame. */
  readonly pixels: Uint8Array;
}

/** One frame of an uncompressed image, for the viewer; other encodings get a FileRejection that says so. */
export function readFrame(bytes: Uint8Array, frameIndex: number): Frame {
  const { dicom, summary } = parseDicom(bytes);
  if (!summary.hasPixelData || summary.rows === null || summary.columns === null)
    throw new FileRejection(
      'This DICOM file holds no image to show (it may be a report or a structured document).',
    );
  if (!isUncompressedLittleEndian(summary.transferSyntax))
    throw new FileRejection(
      `This image is compressed (transfer syntax ${summary.transferSyntax}) in a way this simple viewer cannot show. The file is stored and can be downloaded and opened in a full DICOM viewer.`,
    );
  const data = dcmjsData().DicomMetaDictionary.naturalizeDataset(dicom.dict);
  const samplesPerPixel = integer(data.SamplesPerPixel) ?? 1;
  const bitsAllocated = integer(data.BitsAllocated) ?? 16;
  const frameSize = summary.rows * summary.columns * samplesPerPixel * Math.ceil(bitsAllocated / 8);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= summary.frames)
    throw new FileRejection(
      `This image has ${summary.frames} frame(s); there is no frame ${frameIndex + 1}.`,
    );
  const all = pixelDataOf(dicom.dict) as Uint8Array;
  const number = (value: unknown, fallback: number) => {
    const parsed = Number(Array.isArray(value) ? value[0] : value);
    return value === undefined || !Number.isFinite(parsed) ? fallback : parsed;
  };
  const optional = (value: unknown) => {
    const parsed = Number(Array.isArray(value) ? value[0] : value);
    return value === undefined || value === null || !Number.isFinite(parsed) ? null : parsed;
  };
  return {
    rows: summary.rows,
    columns: summary.columns,
    bitsAllocated,
    bitsStored: integer(data.BitsStored) ?? bitsAllocated,
    pixelRepresentation: integer(data.PixelRepresentation) ?? 0,
    samplesPerPixel,
    photometricInterpretation: text(data.PhotometricInterpretation) ?? 'MONOCHROME2',
    rescaleSlope: number(data.RescaleSlope, 1),
    rescaleIntercept: number(data.RescaleIntercept, 0),
    windowCenter: optional(data.WindowCenter),
    windowWidth: optional(data.WindowWidth),
    frames: summary.frames,
    pixels: all.slice(frameIndex * frameSize, (frameIndex + 1) * frameSize),
  };
}
