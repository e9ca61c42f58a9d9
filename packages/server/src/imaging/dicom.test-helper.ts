import dcmjs from 'dcmjs';
import { PDFDocument } from 'pdf-lib';
import { writeDicomFile } from './dicom.ts';

const { DicomMetaDictionary } = dcmjs.data;

export interface SyntheticSeries {
  readonly description: string;
  readonly images: number;
  readonly rows?: number;
  readonly columns?: number;
}

export interface SyntheticStudyOptions {
  readonly patientName?: string;
  readonly patientId?: string;
  readonly birthDate?: string;
  readonly modality?: string;
  readonly bodyPart?: string;
  /** YYYYMMDD as DICOM writes it. */
  readonly studyDate?: string;
  readonly studyUid?: string;
  readonly series?: readonly SyntheticSeries[];
}

export interface SyntheticFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
}

/** 16-bit pixels with a pattern that differs per image (a bright square that moves with the slice). */
export function slicePixels(rows: number, columns: number, slice: number): Uint16Array {
  const pixels = new Uint16Array(rows * columns);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++) {
      const inSquare =
        Math.abs(x - columns / 2) < columns / 6 + slice && Math.abs(y - rows / 2) < rows / 6;
      pixels[y * columns + x] = (inSquare ? 1500 : 200) + ((x + y + slice * 7) % 64);
    }
  return pixels;
}

/** One uncompressed DICOM MR image (explicit VR little endian) with the identifiers a real one has. */
export function syntheticDicom(input: {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  seriesNumber: number;
  instanceNumber: number;
  seriesDescription: string;
  rows: number;
  columns: number;
  options: SyntheticStudyOptions;
}): Uint8Array {
  const { options } = input;
  const pixels = slicePixels(input.rows, input.columns, input.instanceNumber);
  const sopClassUid = '1.2.840.10008.5.1.4.1.1.4';
  const dataset = {
    _vrMap: { PixelData: 'OW' },
    SOPClassUID: sopClassUid,
    SOPInstanceUID: input.sopUid,
    StudyInstanceUID: input.studyUid,
    SeriesInstanceUID: input.seriesUid,
    FrameOfReferenceUID: `${input.studyUid}.9`,
    Modality: options.modality ?? 'MR',
    BodyPartExamined: options.bodyPart ?? 'LSPINE',
    StudyDate: options.studyDate ?? '20261002',
    StudyTime: '101500',
    SeriesDate: options.studyDate ?? '20261002',
    StudyDescription: 'MRI LUMBAR SPINE W/O CONTRAST',
    SeriesDescription: input.seriesDescription,
    SeriesNumber: String(input.seriesNumber),
    InstanceNumber: String(input.instanceNumber),
    AccessionNumber: 'ACC-445566',
    StudyID: 'S-77',
    PatientName: options.patientName ?? 'Testcase^Marguerite',
    PatientID: options.patientId ?? 'MRN-0099123',
    PatientBirthDate: options.birthDate ?? '19580314',
    PatientSex: 'F',
    OtherPatientIDs: 'OLD-5544',
    PatientAddress: '12 Example Lane, Springfield',
    InstitutionName: 'Valley Imaging Centre',
    ReferringPhysicianName: 'Referrer^Robin',
    PerformingPhysicianName: 'Performer^Pat',
    Rows: input.rows,
    Columns: input.columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelSpacing: ['0.9', '0.9'],
    // A nested UID (in a sequence), which de-identification must replace too.
    ReferencedImageSequence: [
      { ReferencedSOPClassUID: sopClassUid, ReferencedSOPInstanceUID: `${input.studyUid}.77` },
    ],
    SliceThickness: '4',
    WindowCenter: '900',
    WindowWidth: '1600',
    RescaleSlope: '1',
    RescaleIntercept: '0',
    PixelData: [pixels.buffer],
  };
  // Private tags, as scanners write them (here with the name in), so de-identification is seen to drop them.
  return writeDicomFile(dataset, '1.2.840.10008.1.2.1', {
    '00090010': { vr: 'LO', Value: ['ACME SCANNER'] },
    '00091001': { vr: 'LO', Value: [`operator notes ${options.patientName ?? 'Testcase'}`] },
  });
}

/** A study of several series with known metadata; names like a disc's DICOM folder. */
export function syntheticStudy(options: SyntheticStudyOptions = {}): SyntheticFile[] {
  const studyUid = options.studyUid ?? DicomMetaDictionary.uid();
  const series = options.series ?? [
    { description: 'SAG T2', images: 3 },
    { description: 'AX T2', images: 2 },
  ];
  const files: SyntheticFile[] = [];
  series.forEach((one, seriesIndex) => {
    const seriesUid = DicomMetaDictionary.uid();
    for (let image = 1; image <= one.images; image++) {
      const sopUid = DicomMetaDictionary.uid();
      files.push({
        name: `DICOM/S${seriesIndex + 1}/IM${image}.dcm`,
        sopInstanceUid: sopUid,
        seriesInstanceUid: seriesUid,
        bytes: syntheticDicom({
          studyUid,
          seriesUid,
          sopUid,
          seriesNumber: seriesIndex + 1,
          instanceNumber: image,
          seriesDescription: one.description,
          rows: one.rows ?? 16,
          columns: one.columns ?? 16,
          options,
        }),
      });
    }
  });
  return files;
}

/** The first bytes of a real JPEG (SOI + JFIF APP0), padded: what a photo renamed to .dcm looks like. */
export function jpegBytes(): Uint8Array {
  // A real 1×1 grey baseline JPEG: every segment well formed (reports are checked, decision 011).
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const huffman = (tableClass: number) => [tableClass << 4, 1, ...new Array(15).fill(0), 0];
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(
      0xe0,
      [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0],
    ),
    ...segment(0xdb, [0x00, ...new Array(64).fill(1)]),
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...segment(0xc4, huffman(0)),
    ...segment(0xc4, huffman(1)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff,
    0xd9,
  ]);
}

/** A real one-page PDF report, as pdf-lib writes it. */
export async function pdfBytes(text = 'Report'): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]).drawText(text, { x: 20, y: 100, size: 12 });
  return document.save();
}

/** A JPEG-compressed DICOM image (encapsulated pixel data): valid, stored, but not for the simple viewer. */
export function compressedDicom(): Uint8Array {
  const sopUid = DicomMetaDictionary.uid();
  const sopClassUid = '1.2.840.10008.5.1.4.1.1.4';
  const dataset = {
    _vrMap: { PixelData: 'OB' },
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopUid,
    StudyInstanceUID: DicomMetaDictionary.uid(),
    SeriesInstanceUID: DicomMetaDictionary.uid(),
    Modality: 'CT',
    BodyPartExamined: 'LSPINE',
    Rows: 4,
    Columns: 4,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelData: [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]).buffer],
  };
  return writeDicomFile(dataset, '1.2.840.10008.1.2.4.50');
}
