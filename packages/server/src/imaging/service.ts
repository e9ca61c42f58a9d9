import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import {
  type QuotaCharge,
  QuotaExceeded,
  releaseStorage,
  reserveStorage,
} from '../storage/quota.ts';
import { deidentifyDicom } from './deidentify.ts';
import { FileRejection, parseDicom, sniffKind } from './dicom.ts';
import { checkJpeg, checkPdf } from './documents.ts';
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
import { InflateBusy, unzipEntries, type ZipItem, ZipStopped } from './unzip.ts';

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
  /** The caller gives `bytes` up: a zip is moved to its unzip worker instead of copied. */
  readonly transfer?: boolean;
  /** Quotas besides the clinic's that this upload counts against (bytes sent, file by file). */
  readonly quota?: readonly Omit<QuotaCharge, 'bytes'>[];
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

export class UploadTooLarge extends Error {}

/** The server is opening as many zips as it safely can: try again in a minute (503). */
export class UploadBusy extends Error {}

/** A zip stopped before anything was inflated is refused as a whole (413). */
const zipTooLarge: Record<'entries' | 'unpacked', () => UploadTooLarge> = {
  entries: () =>
    new UploadTooLarge(
      `This zip holds more than ${imagingLimits.zipEntries} files. Please split the study into smaller zips.`,
    ),
  unpacked: () =>
    new UploadTooLarge(
      `This zip unpacks to more than ${imagingLimits.zipUnpackedBytes / megabyte} MB. Please split the study into smaller zips.`,
    ),
};

/** A zip stopped at an entry: that entry is refused by name and the rest is not opened (the files before it are kept). */
const zipStoppedAt: Record<'lying' | 'damaged', string> = {
  lying:
    'This file unpacks to more than the zip says, so the zip is damaged or was made to do harm; the rest of it was not opened. Please make the zip again and upload it.',
  damaged:
    'This zip file could not be opened: it may be damaged or incomplete. Please make it again and upload it.',
};

const zipRefusals: Record<Extract<ZipItem, { type: 'refused' }>['reason'], string> = {
  'file-too-large': `This file is larger than ${imagingLimits.fileBytes / megabyte} MB, the most one file may be.`,
  encrypted:
    'This file is locked with a password in the zip. Please make the zip without a password.',
  method:
    'This file is packed in a way Lamina cannot open. Please make the zip again with the usual settings.',
  short:
    'This file in the zip is incomplete: it unpacks to less than the zip says. Please make the zip again.',
};

/** What a full quota means for the person uploading. */
export function quotaMessage(error: QuotaExceeded): string {
  const mb = error.limit === undefined ? '' : `${Math.round(error.limit / megabyte)} MB`;
  switch (error.scope) {
    case 'token':
      return `This link has been used to upload ${mb}, the most it may, so this was not stored. The care team will ask if they need more.`;
    case 'request':
      return `This request already holds ${mb} of scans and reports, the most one request may have, so this was not stored. The care team will ask if they need more.`;
    case 'patient':
      return `You have uploaded ${mb} of scans and reports, the most one patient may, so this was not stored. Please ask your care team.`;
    default:
      return "The clinic's storage for scans and reports is full, so this was not stored. Please tell the clinic.";
  }
}

/** The entries of an upload: the file itself, or a zip's files inflated one at a time off the event loop. */
async function* entriesOf(
  input: UploadInput,
): AsyncGenerator<ZipItem | { type: 'stopped'; name: string; reason: string }> {
  if (sniffKind(input.bytes) !== 'zip') {
    yield { type: 'entry', name: input.fileName, bytes: input.bytes };
    return;
  }
  try {
    yield* unzipEntries(input.bytes, imagingLimits, { transfer: input.transfer === true });
  } catch (error) {
    if (error instanceof ZipStopped) {
      if (error.reason === 'entries' || error.reason === 'unpacked')
        throw zipTooLarge[error.reason]();
      yield {
        type: 'stopped',
        name: error.entry ?? input.fileName,
        reason: zipStoppedAt[error.reason],
      };
      return;
    }
    if (error instanceof InflateBusy)
      throw new UploadBusy(
        'Many studies are being unpacked right now. Please try again in a minute.',
      );
    throw error;
  }
}

/**
 * Stores an upload: one DICOM, PDF or JPEG file, or a zip of them. Each file is checked on its own:
 * a bad one is refused with its reason, the good ones are still stored. Every stored byte is
 * counted against the quotas first (the clinic's, and the `quota` scopes the caller names); when
 * one is full the rest of the upload is not stored, and if nothing was, UploadTooLarge says why.
 */
export async function ingestUpload(
  db: Kysely<Database>,
  files: BlobStore,
  input: UploadInput,
): Promise<UploadResult> {
  const isZip = sniffKind(input.bytes) === 'zip';
  const declaredDicom = !isZip && /^application\/dicom/i.test(input.contentType ?? '');
  const refused: RefusedFile[] = [];
  const stored: StoredFile[] = [];
  let full: QuotaExceeded | undefined;
  let seen = 0;
  for await (const item of entriesOf(input)) {
    seen++;
    if (item.type === 'refused') {
      refused.push({ name: item.name, reason: zipRefusals[item.reason] });
      continue;
    }
    if (item.type === 'stopped') {
      refused.push({ name: item.name, reason: item.reason });
      continue;
    }
    try {
      stored.push(await storeOne(db, files, input, item.name, item.bytes, declaredDicom));
    } catch (error) {
      if (error instanceof QuotaExceeded) {
        full = error;
        refused.push({ name: item.name, reason: quotaMessage(error) });
        break; // ends the zip's worker: nothing more is inflated
      }
      if (!(error instanceof FileRejection)) throw error;
      refused.push({ name: item.name, reason: error.message });
    }
  }
  if (full && stored.length === 0) throw new UploadTooLarge(quotaMessage(full));
  if (isZip && seen === 0)
    refused.push({ name: input.fileName, reason: 'This zip file holds no files to store.' });
  const studyIds = [...new Set(stored.flatMap((file) => (file.studyId ? [file.studyId] : [])))];
  const studies = (await listStudyRows(db, input.clinicId, { studyIds })).map(toStudySummary);
  return { stored, refused, studies };
}

/** Reserves the bytes, writes the files and the row; if anything fails, nothing is left and the bytes are given back. */
async function keep(
  db: Kysely<Database>,
  files: BlobStore,
  input: UploadInput,
  write: { key: string; bytes: Uint8Array }[],
  insert: () => Promise<void>,
): Promise<void> {
  const sent = write[0]?.bytes.byteLength ?? 0;
  const written = write.reduce((sum, one) => sum + one.bytes.byteLength, 0);
  const charges: QuotaCharge[] = [
    ...(input.quota ?? []).map((charge) => ({ ...charge, bytes: sent })),
    { scope: 'clinic', key: '', bytes: written },
  ];
  await reserveStorage(db, input.clinicId, charges);
  try {
    for (const one of write) await files.put(one.key, one.bytes);
    await insert();
  } catch (error) {
    // No row, no file: the bytes of a failed insert are not left behind, nor counted.
    for (const one of write) await files.delete(one.key).catch(() => {});
    await releaseStorage(db, input.clinicId, charges);
    throw error;
  }
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
    // A report must be a real one: `%PDF-` and 50 MB of zeros is not (decision 011).
    if (kind === 'pdf') await checkPdf(bytes);
    else checkJpeg(bytes);
    await keep(db, files, input, [{ key: keys.original, bytes }], () =>
      insertFile(db, {
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
      }),
    );
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
  const write = [
    { key: keys.original, bytes },
    { key: keys.deidentified, bytes: deidentified },
  ];
  try {
    await keep(db, files, input, write, () =>
      insertFile(db, {
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
      }),
    );
  } catch (error) {
    if (
      !(error instanceof QuotaExceeded) &&
      (await instanceExists(db, input.clinicId, study.id, summary.sopInstanceUid))
    )
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
