import { z } from 'zod';
import { id, timestamp } from './common.ts';

/** A study as listed: what the headers of its images said, and how many there are. */
export const studySummaryDto = z
  .strictObject({
    id,
    patientId: id.nullable(),
    requestId: id.nullable(),
    modality: z.string().nullable(),
    bodyPart: z.string().nullable(),
    /** null in a de-identified listing. */
    studyDate: z.string().nullable(),
    description: z.string().nullable(),
    seriesCount: z.number().int(),
    imageCount: z.number().int(),
    uploadedAt: timestamp,
  })
  .meta({ title: 'StudySummary' });
export type StudySummary = z.output<typeof studySummaryDto>;

/** A report (PDF or JPEG): never de-identified, never shown to a reviewer. */
export const documentSummaryDto = z
  .strictObject({
    fileId: id,
    kind: z.enum(['pdf', 'jpeg']),
    name: z.string(),
    byteSize: z.number().int(),
    sha256: z.string(),
    uploadedAt: timestamp,
  })
  .meta({ title: 'DocumentSummary' });
export type DocumentSummary = z.output<typeof documentSummaryDto>;

/** GET /api/patients/:patientId/imaging: an owner's studies and reports. */
export const imagingListDto = z
  .strictObject({ studies: z.array(studySummaryDto), documents: z.array(documentSummaryDto) })
  .meta({ title: 'ImagingList' });
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
export const uploadResultDto = z
  .strictObject({
    stored: z.array(storedFileDto),
    refused: z.array(refusedFileDto),
    /** The studies the stored images belong to, with their counts after this upload. */
    studies: z.array(studySummaryDto),
  })
  .meta({ title: 'UploadResult' });
export type UploadResultDto = z.output<typeof uploadResultDto>;

export const seriesDetailDto = z
  .strictObject({
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
  })
  .meta({ title: 'SeriesDetail' });
export type SeriesDetail = z.output<typeof seriesDetailDto>;

/**
 * GET /api/imaging/studies/:studyId. A reviewer gets no patientId/requestId; the de-identified
 * variant has no date, description or upload time.
 */
export const studyDetailDto = z
  .strictObject({
    study: studySummaryDto.partial({ patientId: true, requestId: true, uploadedAt: true }),
    series: z.array(seriesDetailDto),
  })
  .meta({ title: 'StudyDetail' });
export type StudyDetail = z.output<typeof studyDetailDto>;
