import {
  type ImagingList,
  imagingListDto,
  imagingStorageDto,
  type StudyDetail,
  studyDetailDto,
  type UploadResultDto,
  uploadResultDto,
} from '@lamina/contract';
import { z } from 'zod';
import { audit, auditedClinicChange } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import { mayActOnPatient } from '../auth/access.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson, requireActor } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { forbidden, HttpProblem, notFound } from '../http/problem.ts';
import { readQuery } from '../http/query.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { reviewerStudyAccess } from '../second-opinion/store.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import {
  clinicStorage,
  type QuotaCharge,
  QuotaExceeded,
  setClinicQuota,
  storageUsed,
  type UploadQuotaLimits,
  uploadQuotaDefaults,
} from '../storage/quota.ts';
import { FileRejection, readFrame } from './dicom.ts';
import {
  type FileVariant,
  imagingLimits,
  ingestUpload,
  listStudies,
  quotaMessage,
  readStoredFile,
  studySeries,
  UploadBusy,
  type UploadResult,
  UploadTooLarge,
  uploadContentTypes,
} from './service.ts';
import { fileById, type ImagingFileRow, type ImagingOwner, studyById } from './store.ts';

const uploadPaths = [
  /^\/api\/patients\/[^/]+\/imaging$/,
  // Scans for an intake request: a visitor with the request token, or the patient who made it.
  /^\/api\/public\/[^/]+\/requests\/[^/]+\/imaging$/,
  /^\/api\/requests\/[^/]+\/imaging$/,
];

/**
 * The one exception to JSON-only writes (app.ts): raw file bodies on the upload route. A cross-site
 * form cannot send these types without a CORS preflight, so the CSRF defence still holds.
 */
export function acceptsRawUpload(method: string, path: string, contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    method === 'POST' &&
    uploadPaths.some((pattern) => pattern.test(path)) &&
    (uploadContentTypes as readonly string[]).includes(type)
  );
}

export const variantQuerySchema = z.strictObject({
  variant: z.enum(['original', 'deidentified']).default('original'),
});
export const frameQuerySchema = z.strictObject({
  variant: z.enum(['original', 'deidentified']).default('original'),
  frame: z.coerce.number().int().min(0).max(10_000).default(0),
});

function blobStore(c: AppContext): BlobStore {
  const files = c.get('deps').files;
  if (!files)
    throw new HttpProblem(503, 'Not available', 'This server is not set up to store files.');
  return files;
}

const tooLarge = (detail: string) => new HttpProblem(413, 'Too large', detail);

/**
 * Upload bodies held in memory by this process at once (decision 011). Each upload takes its
 * declared length (or what has arrived, without one) before reading and gives it back when it is
 * done; past the budget the server answers 503 instead of buffering more. Per process, because it
 * protects this process's memory. Twice the zip limit: two whole-study zips at once, or many photos.
 */
export const uploadMemory = { budgetBytes: 2 * imagingLimits.zipBytes, heldBytes: 0 };

const busy = (c: AppContext) => {
  c.header('retry-after', '60');
  return new HttpProblem(
    503,
    'Busy',
    'The server is receiving many files right now. Please try again in a minute.',
  );
};

/**
 * The body, read in chunks and stopped as soon as it passes the limit (no 2 GB buffer for a wrong
 * file); with a content-length, into one buffer of that size (no second copy). The caller must call
 * `release` when done with the bytes.
 */
async function readLimitedBody(
  c: AppContext,
  limit: number,
): Promise<{ body: Uint8Array; release: () => void }> {
  const declared = Number(c.req.header('content-length'));
  const refuse = () =>
    tooLarge(
      `This upload is larger than ${limit / (1024 * 1024)} MB. Please upload the study in parts (for example one series per zip).`,
    );
  const known = /^\d{1,15}$/.test(c.req.header('content-length') ?? '');
  if (known && declared > limit) throw refuse();
  let held = 0;
  const hold = (bytes: number) => {
    if (uploadMemory.heldBytes + bytes > uploadMemory.budgetBytes) return false;
    uploadMemory.heldBytes += bytes;
    held += bytes;
    return true;
  };
  const release = () => {
    uploadMemory.heldBytes -= held;
    held = 0;
  };
  if (known && !hold(declared)) throw busy(c);
  try {
    const stream = c.req.raw.body;
    if (!stream) return { body: new Uint8Array(), release };
    const reader = stream.getReader();
    const into = known ? new Uint8Array(declared) : undefined;
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit || (into && total > into.byteLength)) {
        await reader.cancel().catch(() => {});
        throw refuse();
      }
      if (into) into.set(value, total - value.byteLength);
      else {
        if (!hold(value.byteLength)) {
          await reader.cancel().catch(() => {});
          throw busy(c);
        }
        chunks.push(value);
      }
    }
    if (into) return { body: total === into.byteLength ? into : into.slice(0, total), release };
    const body = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { body, release };
  } catch (error) {
    release();
    throw error;
  }
}

function fileNameOf(c: AppContext): string {
  const raw = c.req.header('x-file-name');
  if (!raw) return 'upload';
  try {
    return (
      decodeURIComponent(raw)
        .replace(/[\\/\0]/g, '_')
        .slice(0, 255) || 'upload'
    );
  } catch {
    return raw.slice(0, 255);
  }
}

/**
 * Reads the raw body of an upload (type checked, size capped while reading) and stores it for the
 * owner. Callers authorize first and audit after; a file refused for its content is a 422.
 */
export async function storeUploadBody(
  c: AppContext,
  input: {
    clinicId: string;
    uploadedBy: string | null;
    owner: ImagingOwner;
    /** Quotas besides the clinic's (a visitor's token, a request, a patient): see uploadQuotas. */
    quota?: readonly Omit<QuotaCharge, 'bytes'>[];
  },
): Promise<{ fileName: string; result: UploadResult }> {
  const type = c.req.header('content-type') ?? '';
  if (!acceptsRawUpload('POST', c.req.path, type))
    throw new HttpProblem(
      415,
      'Unsupported media type',
      `Send the file itself as the request body, with one of these types: ${uploadContentTypes.join(', ')}; its name goes in the x-file-name header.`,
    );
  const files = blobStore(c);
  // A declared single file gets the single-file limit; a zip (or an unnamed type) the zip limit.
  const single = /^(application\/dicom|application\/pdf|image\/jpeg)/i.test(type);
  const { db, now } = c.get('deps');
  await refuseWhenFull(c, input.clinicId, input.quota ?? [], single);
  const { body, release } = await readLimitedBody(
    c,
    single ? imagingLimits.fileBytes : imagingLimits.zipBytes,
  );
  const fileName = fileNameOf(c);
  try {
    const result = await ingestUpload(db, files, {
      clinicId: input.clinicId,
      owner: input.owner,
      uploadedBy: input.uploadedBy,
      fileName,
      contentType: type,
      bytes: body,
      now: now(),
      transfer: true,
      ...(input.quota ? { quota: input.quota } : {}),
    });
    return { fileName, result };
  } catch (error) {
    if (error instanceof UploadTooLarge) throw tooLarge(error.message);
    if (error instanceof UploadBusy) {
      c.header('retry-after', '60');
      throw new HttpProblem(503, 'Busy', error.message);
    }
    if (error instanceof FileRejection)
      throw new HttpProblem(422, 'File refused', error.message, [
        { field: fileName, message: error.message },
      ]);
    throw error;
  } finally {
    release();
  }
}

/** The quota limits in force: the server's settings, else the defaults (decision 011). */
export const uploadQuotas = (c: AppContext): UploadQuotaLimits =>
  c.get('deps').uploadQuotas ?? uploadQuotaDefaults;

/**
 * Before the body is read: a quota already used up, or a single file larger than what is left, is
 * refused without buffering it. Only a courtesy (the counters are not changed here); the check
 * that counts is the atomic one when each file is stored.
 */
async function refuseWhenFull(
  c: AppContext,
  clinicId: string,
  quota: readonly Omit<QuotaCharge, 'bytes'>[],
  single: boolean,
): Promise<void> {
  const declared = Number(c.req.header('content-length'));
  for (const charge of quota) {
    if (charge.limit === undefined) continue;
    const left =
      charge.limit - (await storageUsed(c.get('deps').db, clinicId, charge.scope, charge.key));
    if (left <= 0 || (single && Number.isFinite(declared) && declared > left))
      throw tooLarge(quotaMessage(new QuotaExceeded(charge.scope, charge.limit)));
  }
}

/** Nothing of the upload could be stored: a 422 naming each refused file and why. */
export function refuseIfNothingStored(result: UploadResult): void {
  if (result.stored.length > 0) return;
  const only = result.refused.length === 1 ? result.refused[0] : undefined;
  throw new HttpProblem(
    422,
    'File refused',
    only ? only.reason : `None of the ${result.refused.length} files could be stored. See errors.`,
    result.refused.map((file) => ({ field: file.name, message: file.reason })),
  );
}

async function upload(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'upload-imaging');
  const { fileName, result } = await storeUploadBody(c, {
    clinicId: actor.clinicId,
    uploadedBy: actor.userId,
    owner: { patientId },
    // A patient's own uploads have their own allowance; staff uploads count for the clinic only.
    quota:
      actor.role === 'patient'
        ? [{ scope: 'patient', key: patientId, limit: uploadQuotas(c).patientBytes }]
        : [],
  });
  await audit(
    c,
    {
      action: 'imaging.upload',
      subjectType: 'imaging_upload',
      patientId,
      details: {
        name: fileName,
        stored: result.stored.map((file) => file.fileId),
        refused: result.refused.length,
      },
    },
    c.get('deps').db,
  );
  refuseIfNothingStored(result);
  return c.json(result satisfies UploadResultDto, 201);
}

async function list(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read-imaging');
  const { db } = c.get('deps');
  const found = await listStudies(db, actor.clinicId, { patientId });
  await audit(c, {
    action: 'imaging.list',
    subjectType: 'imaging_study',
    patientId,
    details: { studies: found.studies.length, documents: found.documents.length },
  });
  return c.json(found satisfies ImagingList);
}

/**
 * Who may see an imaging item, in one place. Patients: their own; clinic staff: their clinic's;
 * reviewers: a study (and its DICOM files) attached to a second-opinion case assigned to them,
 * only its de-identified copies unless that patient chose to share who they are.
 * Another patient's item is not found for a patient, so its existence does not leak.
 */
export async function authorizeImagingItem(
  c: AppContext,
  item: { patient_id: string | null; request_id: string | null; study_id: string | null },
  variant: FileVariant,
): Promise<Actor> {
  const actor = requireActor(c);
  if (actor.role === 'reviewer') {
    // Reports (PDF/JPEG) have no study and are never de-identified, so never reach a reviewer.
    const access = item.study_id
      ? await reviewerStudyAccess(c.get('deps').db, actor.clinicId, actor.userId, item.study_id)
      : undefined;
    if (!access) throw notFound('This imaging item');
    if (variant === 'original' && !access.identified)
      throw new HttpProblem(
        403,
        'Forbidden',
        'The patient chose to share these scans de-identified: open them with variant=deidentified.',
      );
    return actor;
  }
  if (item.patient_id) {
    const target = { clinicId: actor.clinicId, patientId: item.patient_id };
    if (mayActOnPatient(actor, 'read-imaging', target)) return actor;
    if (actor.role === 'patient') throw notFound('This imaging item');
    throw forbidden();
  }
  // Intake-request imaging (no patient yet): clinic staff only.
  if (['care_manager', 'clinician', 'admin'].includes(actor.role)) return actor;
  if (actor.role === 'patient') throw notFound('This imaging item');
  throw forbidden();
}

/**
 * A stored file's bytes for the caller, in one place for the download and the viewer: found in
 * their clinic, allowed to them in this variant, `check`ed (e.g. a viewer needs DICOM), read, and
 * the read audited.
 */
async function readFileFor(
  c: AppContext,
  variant: FileVariant,
  audited: { action: string; details: Record<string, unknown> },
  check: (file: ImagingFileRow) => void = () => {},
): Promise<{ file: ImagingFileRow; bytes: Uint8Array }> {
  const actor = requireActor(c);
  const file = await fileById(c.get('deps').db, actor.clinicId, pathId(c, 'fileId'));
  if (!file) throw notFound('This file');
  await authorizeImagingItem(c, file, variant);
  check(file);
  const bytes = await readStoredFile(blobStore(c), file, variant);
  if (!bytes) throw notFound('A de-identified copy of this file');
  await audit(c, {
    action: audited.action,
    subjectType: 'imaging_file',
    subjectId: file.id,
    patientId: file.patient_id,
    details: audited.details,
  });
  return { file, bytes };
}

async function study(c: AppContext) {
  const actor = requireActor(c);
  const studyId = pathId(c, 'studyId');
  const { variant } = readQuery(c, variantQuerySchema);
  const { db } = c.get('deps');
  const found = await studyById(db, actor.clinicId, studyId);
  if (!found) throw notFound('This study');
  await authorizeImagingItem(c, { ...found, study_id: found.id }, variant);
  // The de-identified view: nothing from the original headers that could name or date the patient.
  const deidentified = variant === 'deidentified';
  const series = await studySeries(db, actor.clinicId, studyId, { deidentified });
  await audit(c, {
    action: 'imaging.study.read',
    subjectType: 'imaging_study',
    subjectId: studyId,
    patientId: found.patient_id,
    details: { variant },
  });
  // A reviewer never gets Lamina's patient or request id (their case is self-contained).
  const owner =
    actor.role === 'reviewer' ? {} : { patientId: found.patient_id, requestId: found.request_id };
  return c.json({
    study: {
      id: found.id,
      ...owner,
      modality: found.modality,
      bodyPart: found.body_part,
      studyDate: deidentified ? null : found.study_date,
      description: deidentified ? null : found.description,
      seriesCount: found.series_count,
      imageCount: found.image_count,
      ...(deidentified ? {} : { uploadedAt: found.created_at.toISOString() }),
    },
    series,
  } satisfies StudyDetail);
}

const contentTypes = { dicom: 'application/dicom', pdf: 'application/pdf', jpeg: 'image/jpeg' };

async function download(c: AppContext) {
  const { variant } = readQuery(c, variantQuerySchema);
  const { file, bytes } = await readFileFor(c, variant, {
    action: 'imaging.file.download',
    details: { variant },
  });
  const name = variant === 'deidentified' ? `deidentified-${file.id}.dcm` : file.original_name;
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': contentTypes[file.kind],
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    'x-sha256': variant === 'original' ? file.sha256 : (file.deid_sha256 ?? ''),
  });
}

async function frame(c: AppContext) {
  const query = readQuery(c, frameQuerySchema);
  const { bytes } = await readFileFor(
    c,
    query.variant,
    { action: 'imaging.frame.read', details: { variant: query.variant, frame: query.frame } },
    (file) => {
      if (file.kind !== 'dicom')
        throw new HttpProblem(422, 'Cannot show', 'This file is a report, not a DICOM image.');
    },
  );
  let pixels: ReturnType<typeof readFrame>;
  try {
    pixels = readFrame(bytes, query.frame);
  } catch (error) {
    if (error instanceof FileRejection) throw new HttpProblem(422, 'Cannot show', error.message);
    throw error;
  }
  const header = (value: number | null) => (value === null ? '' : String(value));
  return c.body(pixels.pixels as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/octet-stream',
    'x-dicom-rows': String(pixels.rows),
    'x-dicom-columns': String(pixels.columns),
    'x-dicom-bits-allocated': String(pixels.bitsAllocated),
    'x-dicom-bits-stored': String(pixels.bitsStored),
    'x-dicom-pixel-representation': String(pixels.pixelRepresentation),
    'x-dicom-samples-per-pixel': String(pixels.samplesPerPixel),
    'x-dicom-photometric-interpretation': pixels.photometricInterpretation,
    'x-dicom-rescale-slope': String(pixels.rescaleSlope),
    'x-dicom-rescale-intercept': String(pixels.rescaleIntercept),
    'x-dicom-window-center': header(pixels.windowCenter),
    'x-dicom-window-width': header(pixels.windowWidth),
    'x-dicom-frames': String(pixels.frames),
  });
}

const gigabyte = 1024 * 1024 * 1024;
export const clinicStorageSchema = z.strictObject({
  /** Scans and reports the clinic may store, originals and copies, in whole GB (decision 011). */
  quotaGigabytes: z.number().int().min(1).max(100_000),
});

const storageView = (storage: Awaited<ReturnType<typeof clinicStorage>>) => ({
  quotaGigabytes: Math.round((storage.quotaBytes / gigabyte) * 100) / 100,
  usedBytes: storage.usedBytes,
});

async function storageRead(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  return c.json(storageView(await clinicStorage(c.get('deps').db, actor.clinicId)));
}

async function storageUpdate(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const input = await readJson(c, clinicStorageSchema);
  await auditedClinicChange(c, actor.clinicId, 'clinic.imaging-quota-update', async (trx) => {
    const before = await clinicStorage(trx, actor.clinicId);
    await setClinicQuota(trx, actor.clinicId, input.quotaGigabytes * gigabyte);
    return { before: before.quotaBytes, after: input.quotaGigabytes * gigabyte };
  });
  return c.json(storageView(await clinicStorage(c.get('deps').db, actor.clinicId)));
}

export const imaging = documentedRoutes([
  {
    method: 'get',
    path: '/api/clinic/imaging-storage',
    summary:
      "The clinic's storage for scans and reports: its limit in GB and the bytes stored (originals and de-identified copies)",
    access: callers.admins,
    response: imagingStorageDto,
    audit: 'none',
    handler: storageRead,
  },
  {
    method: 'put',
    path: '/api/clinic/imaging-storage',
    summary:
      "Set the clinic's storage limit for scans and reports, in whole GB; past it, uploads are refused (413) and nothing is deleted",
    access: callers.admins,
    body: clinicStorageSchema,
    response: imagingStorageDto,
    audit: { actions: ['clinic.imaging-quota-update'] },
    handler: storageUpdate,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/imaging',
    summary:
      'Upload scans or reports for a patient: the file itself as the body (DICOM, a zip of a study, PDF or JPEG; name in x-file-name). Says what was stored and what was refused, file by file',
    access: 'the patient (own record); care managers, clinicians and admins (their clinic)',
    success: {
      status: 201,
      description: 'At least one file stored; refused ones listed with reasons.',
    },
    response: uploadResultDto,
    audit: { actions: ['imaging.upload'] },
    handler: upload,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/imaging',
    summary:
      "A patient's imaging studies (modality, body part, date, series and image counts) and reports",
    access: 'the patient (own record); care managers, clinicians and admins (their clinic)',
    response: imagingListDto,
    audit: { actions: ['imaging.list'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/imaging/studies/:studyId',
    summary:
      'One study with its series and their images, in order; ?variant=deidentified leaves out dates, descriptions and UIDs from the original headers',
    access:
      'the patient (own record); care managers, clinicians and admins (their clinic); a reviewer when attached to their assigned second opinion (de-identified only unless the patient shared who they are)',
    query: variantQuerySchema,
    response: studyDetailDto,
    audit: { actions: ['imaging.study.read'] },
    handler: study,
  },
  {
    method: 'get',
    path: '/api/imaging/files/:fileId',
    summary:
      'Download a stored file as uploaded, or its de-identified copy (?variant=deidentified); the x-sha256 header is the hash recorded at upload',
    access:
      'the patient (own record); care managers, clinicians and admins (their clinic); a reviewer for DICOM files of a study attached to their assigned second opinion (de-identified only unless the patient shared who they are)',
    query: variantQuerySchema,
    success: { status: 200, description: 'The file.', contentType: 'application/octet-stream' },
    response: null,
    audit: { actions: ['imaging.file.download'] },
    handler: download,
  },
  {
    method: 'get',
    path: '/api/imaging/files/:fileId/frame',
    summary:
      'Pixel values of one frame of an uncompressed DICOM image for the viewer (little endian), with rows, columns, bits, rescale and window in x-dicom-* headers. Compressed images: 422',
    access:
      'the patient (own record); care managers, clinicians and admins (their clinic); a reviewer for DICOM files of a study attached to their assigned second opinion (de-identified only unless the patient shared who they are)',
    query: frameQuerySchema,
    success: {
      status: 200,
      description: 'Raw pixel values.',
      contentType: 'application/octet-stream',
    },
    response: null,
    audit: { actions: ['imaging.frame.read'] },
    handler: frame,
  },
]);
