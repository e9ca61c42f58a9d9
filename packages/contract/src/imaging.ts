import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

/** What the headers of a study's images said, and how many there are (a patient's or a request's study). */
export const studyHeaderFields = {
  modality: z.string().nullable(),
  bodyPart: z.string().nullable(),
  /** null in a de-identified listing. */
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  seriesCount: z.number().int(),
  imageCount: z.number().int(),
  uploadedAt: timestamp,
};

/** A report file (PDF or JPEG) as listed: a patient's or a request's. */
export const documentFields = {
  fileId: id,
  kind: z.enum(['pdf', 'jpeg']),
  name: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  uploadedAt: timestamp,
};

/** A study as listed. */
export const studySummaryDto = dto('StudySummary', {
  id,
  patientId: id.nullable(),
  requestId: id.nullable(),
  ...studyHeaderFields,
});
export type StudySummary = z.output<typeof studySummaryDto>;

/** A report (PDF or JPEG): never de-identified, never shown to a reviewer. */
export const documentSummaryDto = dto('DocumentSummary', documentFields);
export type DocumentSummary = z.output<typeof documentSummaryDto>;

/** GET /api/patients/:patientId/imaging: an owner's studies and reports. */
export const imagingListDto = dto('ImagingList', {
  studies: z.array(studySummaryDto),
  documents: z.array(documentSummaryDto),
});
export type ImagingList = z.output<typeof imagingListDto>;

export const storedFileDto = z.strictObject({
  fileId: id,
  name: z.string(),
  kind: z.enum(['dicom', 'pdf', 'jpeg']),
  byteSize: z.number().int(),
  sha256: z.string(),
  studyId: id.nullable(),
});
export type StoredFileDto = z.output<typeof storedFileDto>;
export const refusedFileDto = z.strictObject({ name: z.string(), reason: z.string() });

/** POST /api/patients/:patientId/imaging (201): what was stored and what was refused, file by file. */
export const uploadResultDto = dto('UploadResult', {
  stored: z.array(storedFileDto),
  refused: z.array(refusedFileDto),
  /** The studies the stored images belong to, with their counts after this upload. */
  studies: z.array(studySummaryDto),
});
export type UploadResultDto = z.output<typeof uploadResultDto>;

export const seriesDetailDto = dto('SeriesDetail', {
  seriesInstanceUid: z.string().nullable(),
  seriesNumber: z.number().int().nullable(),
  description: z.string().nullable(),
  modality: z.string().nullable(),
  instances: z.array(
    z.strictObject({
      fileId: id,
      instanceNumber: z.number().int().nullable(),
      rows: z.number().int().nullable(),
      columns: z.number().int().nullable(),
      frames: z.number().int().nullable(),
      /** Uncompressed: the viewer can draw it. */
      viewable: z.boolean(),
    }),
  ),
});
export type SeriesDetail = z.output<typeof seriesDetailDto>;

/**
 * GET /api/imaging/studies/:studyId. A reviewer gets no patientId/requestId; the de-identified
 * variant has no date, description or upload time.
 */
export const studyDetailDto = dto('StudyDetail', {
  study: studySummaryDto.partial({ patientId: true, requestId: true, uploadedAt: true }),
  series: z.array(seriesDetailDto),
});
export type StudyDetail = z.output<typeof studyDetailDto>;
