import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { deidentifyDicom } from './deidentify.ts';
import { FileRejection, parseDicom, sniffKind } from './dicom.ts';
import {
  documentsOf,
  filesOfStudy,
  findOrCreateStudy,
  type ImagingFileRow,
  type ImagingOwner,
  insertFile,
  instanceExists,
  listStudyRows,
  type StudyRow,
} from './store.ts';

/**
 * Imaging for every feature (a patient's record, intake requests, second opinions): files in,
 * studies and files out. Callers authorize and audit; this module stores and reads.
 */

const megabyte = 1024 * 1024;
/** Documented in docs/decisions/006: a CT or MR image is well under 50 MB; a whole study zip under 500 MB. */
export const imagingLimits = {
  fileBytes: 50 * megabyte,
  zipBytes: 500 * megabyte,
  zipEntries: 3000,
  /** The sum of what the entries claim they unpack to: stops a zip bomb before it is inflated. */
  zipUnpackedBytes: 1024 * megabyte,
} as const;

export const uploadContentTypes = [
  'application/octet-stream',
  'application/dicom',
  'application/zip',
  'application/x-zip-compressed',
  'application/pdf',
  'image/jpeg',
] as const;

export interface UploadInput {
  readonly clinicId: string;
  readonly owner: ImagingOwner;
  readonly uploadedBy: string | null;
  readonly fileName: string;
  /** The type the uploader declared; only used to tell what they meant (the bytes decide what it is). */
  readonly contentType?: string;
  readonly bytes: Uint8Array;
  readonly now: Date;
}

export interface StoredFile {
  readonly fileId: string;
  readonly name: string;
  readonly kind: 'dicom' | 'pdf' | 'jpeg';
  readonly byteSize: number;
  readonly sha256: string;
  readonly studyId: string | null;
}

export interface RefusedFile {
  readonly name: string;
  readonly reason: string;
}

export interface StudySummary {
  readonly id: string;
  readonly patientId: string | null;
  readonly requestId: string | null;
  readonly modality: string | null;
  readonly bodyPart: string | null;
  readonly studyDate: string | null;
  readonly description: string | null;
  readonly seriesCount: number;
  readonly imageCount: number;
  readonly uploadedAt: string;
}

export interface UploadResult {
  readonly stored: StoredFile[];
  readonly refused: RefusedFile[];
  /** The studies the stored images belong to, with their counts after this upload. */
  readonly studies: StudySummary[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const storageKeys = (clinicId: string, fileId: string) => ({
  original: `clinics/${clinicId}/imaging/${fileId}/original`,
  deidentified: `clinics/${clinicId}/imaging/${fileId}/deidentified`,
});

/** Entries a disc or an operating system adds that are not images: skipped silently. */
function isClutter(path: string): boolean {
  const parts = path.split('/');
  const base = parts.at(-1) ?? '';
  return (
    path.endsWith('/') ||
    parts.includes('__MACOSX') ||
    base.startsWith('.') ||
    base.toUpperCase() === 'DICOMDIR' ||
    base === 'Thumbs.db'
  );
}

export class UploadTooLarge extends Error {}

function unzipStudy(bytes: Uint8Array): {
  entries: [string, Uint8Array][];
  refused: RefusedFile[];
} {
  const refused: RefusedFile[] = [];
  let count = 0;
  let claimed = 0;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter: (entry) => {
        if (isClutter(entry.name)) return false;
        count++;
        if (count > imagingLimits.zipEntries)
          throw new UploadTooLarge(
            `This zip holds more than ${imagingLimits.zipEntries} files. Please split the study into smaller zips.`,
          );
        if (entry.originalSize > imagingLimits.fileBytes) {
          refused.push({
            name: entry.name,
            reason: `This file is larger than ${imagingLimits.fileBytes / megabyte} MB, the most one file may be.`,
          });
          return false;
        }
        claimed += entry.originalSize;
        if (claimed > imagingLimits.zipUnpackedBytes)
          throw new UploadTooLarge(
            `This zip unpacks to more than ${imagingLimits.zipUnpackedBytes / megabyte} MB. Please split the study into smaller zips.`,
          );
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UploadTooLarge) throw error;
    throw new FileRejection(
      'This zip file could not be opened: it may be damaged or incomplete. Please make it again and upload it.',
    );
  }
  return { entries: Object.entries(unpacked), refused };
}

/**
 * Stores an upload: one DICOM, PDF or JPEG file, or a zip of them. Each file is checked on its own:
 * a bad one is refused with its reason, the good ones are still stored.
 */
export async function ingestUpload(
  db: Kysely<Database>,
  files: BlobStore,
  input: UploadInput,
): Promise<UploadResult> {
  const kind = sniffKind(input.bytes);
  const refused: RefusedFile[] = [];
  let entries: [string, Uint8Array][];
  if (kind === 'zip') {
    const unzipped = unzipStudy(input.bytes);
    entries = unzipped.entries;
    refused.push(...unzipped.refused);
    if (entries.length === 0 && refused.length === 0)
      refused.push({ name: input.fileName, reason: 'This zip file holds no files to store.' });
  } else entries = [[input.fileName, input.bytes]];
  const declaredDicom = kind !== 'zip' && /^application\/dicom/i.test(input.contentType ?? '');

  const stored: StoredFile[] = [];
  for (const [name, bytes] of entries) {
    try {
      stored.push(await storeOne(db, files, input, name, bytes, declaredDicom));
    } catch (error) {
      if (!(error instanceof FileRejection)) throw error;
      refused.push({ name, reason: error.message });
    }
  }
  const studyIds = [...new Set(stored.flatMap((file) => (file.studyId ? [file.studyId] : [])))];
  const studies = (await listStudyRows(db, input.clinicId, { studyIds })).map(toStudySummary);
  return { stored, refused, studies };
}

async function storeOne(
  db: Kysely<Database>,
  files: BlobStore,
  input: UploadInput,
  name: string,
  bytes: Uint8Array,
  declaredDicom: boolean,
): Promise<StoredFile> {
  const kind = sniffKind(bytes);
  // Named or sent as DICOM but it is not: say so, rather than filing a renamed photo as a report.
  if (kind !== 'dicom' && (declaredDicom || /\.(dcm|dicom|dic)$/i.test(name))) parseDicom(bytes);
  if (kind === 'zip')
    throw new FileRejection('A zip inside a zip is not opened. Please unpack it first.');
  if (kind === 'png' || kind === 'unknown') {
    const looks = kind === 'png' ? 'It looks like a PNG picture (a screenshot?). ' : '';
    throw new FileRejection(
      `This file is not a DICOM image, a PDF or a JPEG. ${looks}Scans must be the DICOM files from the imaging centre; reports can be PDF or JPEG.`,
    );
  }
  if (bytes.byteLength > imagingLimits.fileBytes)
    throw new FileRejection(
      `This file is larger than ${imagingLimits.fileBytes / megabyte} MB, the most one file may be.`,
    );
  const fileId = randomUUID();
  const keys = storageKeys(input.clinicId, fileId);
  const base = {
    clinic_id: input.clinicId,
    id: fileId,
    patient_id: input.owner.patientId ?? null,
    request_id: input.owner.requestId ?? null,
    original_name: name.slice(0, 255),
    byte_size: bytes.byteLength,
    sha256: sha256(bytes),
    storage_key: keys.original,
    uploaded_by: input.uploadedBy,
    uploaded_at: input.now,
  };
  if (kind === 'pdf' || kind === 'jpeg') {
    await files.put(keys.original, bytes);
    await insertFile(db, {
      ...base,
      kind,
      study_id: null,
      deid_storage_key: null,
      deid_sha256: null,
      series_instance_uid: null,
      series_number: null,
      series_description: null,
      modality: null,
      sop_instance_uid: null,
      instance_number: null,
      rows: null,
      columns: null,
      frames: null,
      transfer_syntax: null,
    });
    return { fileId, name, kind, byteSize: bytes.byteLength, sha256: base.sha256, studyId: null };
  }

  const { summary } = parseDicom(bytes);
  const study = await findOrCreateStudy(db, {
    clinicId: input.clinicId,
    owner: input.owner,
    studyInstanceUid: summary.studyInstanceUid,
    id: randomUUID(),
    salt: randomBytes(16).toString('hex'),
    modality: summary.modality,
    bodyPart: summary.bodyPart,
    studyDate: summary.studyDate,
    description: summary.studyDescription,
    createdBy: input.uploadedBy,
  });
  if (await instanceExists(db, input.clinicId, study.id, summary.sopInstanceUid))
    throw new FileRejection('This image was uploaded before (same image ID); it is stored once.');
  const deidentified = deidentifyDicom(bytes, study.deid_salt);
  await files.put(keys.original, bytes);
  await files.put(keys.deidentified, deidentified);
  try {
    await insertFile(db, {
      ...base,
      kind: 'dicom',
      study_id: study.id,
      deid_storage_key: keys.deidentified,
      deid_sha256: sha256(deidentified),
      series_instance_uid: summary.seriesInstanceUid,
      series_number: summary.seriesNumber,
      series_description: summary.seriesDescription,
      modality: summary.modality,
      sop_instance_uid: summary.sopInstanceUid,
      instance_number: summary.instanceNumber,
      rows: summary.rows,
      columns: summary.columns,
      frames: summary.frames,
      transfer_syntax: summary.transferSyntax,
    });
  } catch (error) {
    // No row, no file: the bytes of a failed insert are not left behind.
    await files.delete(keys.original);
    await files.delete(keys.deidentified);
    if (await instanceExists(db, input.clinicId, study.id, summary.sopInstanceUid))
      throw new FileRejection('This image was uploaded before (same image ID); it is stored once.');
    throw error;
  }
  return {
    fileId,
    name,
    kind: 'dicom',
    byteSize: bytes.byteLength,
    sha256: base.sha256,
    studyId: study.id,
  };
}

function toStudySummary(row: StudyRow): StudySummary {
  return {
    id: row.id,
    patientId: row.patient_id,
    requestId: row.request_id,
    modality: row.modality,
    bodyPart: row.body_part,
    studyDate: row.study_date,
    description: row.description,
    seriesCount: row.series_count,
    imageCount: row.image_count,
    uploadedAt: row.created_at.toISOString(),
  };
}

export interface DocumentSummary {
  readonly fileId: string;
  readonly kind: 'pdf' | 'jpeg';
  readonly name: string;
  readonly byteSize: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

const toDocument = (row: ImagingFileRow): DocumentSummary => ({
  fileId: row.id,
  kind: row.kind as 'pdf' | 'jpeg',
  name: row.original_name,
  byteSize: Number(row.byte_size),
  sha256: row.sha256,
  uploadedAt: row.uploaded_at.toISOString(),
});

/** An owner's studies and reports. De-identified: no description or date from the original files. */
export async function listStudies(
  db: Kysely<Database>,
  clinicId: string,
  owner: ImagingOwner,
  options: { deidentified?: boolean } = {},
): Promise<{ studies: StudySummary[]; documents: DocumentSummary[] }> {
  if (!owner.patientId && !owner.requestId) return { studies: [], documents: [] };
  const studies = (await listStudyRows(db, clinicId, owner)).map(toStudySummary);
  if (options.deidentified)
    return {
      studies: studies.map((study) => ({ ...study, description: null, studyDate: null })),
      documents: [],
    };
  return { studies, documents: (await documentsOf(db, clinicId, owner)).map(toDocument) };
}

export interface SeriesDetail {
  readonly seriesInstanceUid: string | null;
  readonly seriesNumber: number | null;
  readonly description: string | null;
  readonly modality: string | null;
  readonly instances: {
    fileId: string;
    instanceNumber: number | null;
    rows: number | null;
    columns: number | null;
    frames: number | null;
    viewable: boolean;
  }[];
}

/** Series of a study, in series order, each with its images in instance order. */
export async function studySeries(
  db: Kysely<Database>,
  clinicId: string,
  studyId: string,
  options: { deidentified?: boolean } = {},
): Promise<SeriesDetail[]> {
  const rows = await filesOfStudy(db, clinicId, studyId);
  const series = new Map<string, SeriesDetail>();
  rows.forEach((row, index) => {
    const key = row.series_instance_uid ?? `unknown-${index}`;
    let one = series.get(key);
    if (!one) {
      one = {
        seriesInstanceUid: options.deidentified ? null : row.series_instance_uid,
        seriesNumber: row.series_number,
        description: options.deidentified ? null : row.series_description,
        modality: row.modality,
        instances: [],
      };
      series.set(key, one);
    }
    one.instances.push({
      fileId: row.id,
      instanceNumber: row.instance_number,
      rows: row.rows,
      columns: row.columns,
      frames: row.frames,
      viewable:
        row.transfer_syntax === '1.2.840.10008.1.2' ||
        row.transfer_syntax === '1.2.840.10008.1.2.1',
    });
  });
  return [...series.values()];
}

export class StoredFileDamaged extends Error {}

export type FileVariant = 'original' | 'deidentified';

/** A stored file's bytes, checked against the hash recorded at upload. */
export async function readStoredFile(
  files: BlobStore,
  row: ImagingFileRow,
  variant: FileVariant,
): Promise<Uint8Array | undefined> {
  const key = variant === 'original' ? row.storage_key : row.deid_storage_key;
  const expected = variant === 'original' ? row.sha256 : row.deid_sha256;
  if (!key || !expected) return undefined;
  const bytes = await files.get(key);
  if (!bytes || sha256(bytes) !== expected)
    throw new StoredFileDamaged(
      `Stored file ${row.id} (${variant}) is missing or does not match its hash.`,
    );
  return bytes;
}
