import { imagingReviewNextSteps, type RedFlagLevel, type Statement } from '@lamina/pathway';
import { z } from 'zod';
import { computed, id, timestamp } from './common.ts';
import { assigneeDto } from './messages.ts';
import { insuranceOutcomes, requestKinds, requestStatuses } from './words.ts';

/** Intake requests (issue 8): what the care-manager queue, the visitor's status page and the patient app read. */

export const requestKind = z.enum(requestKinds);
export const requestStatus = z.enum(requestStatuses);
export const insuranceOutcome = z.enum(insuranceOutcomes);
const language = z.enum(['en', 'es']);
const region = z.enum(['lumbar', 'cervical']);
const nextStep = z.enum(imagingReviewNextSteps);

/** A fixed text shown to the requester, in the language of the request. */
export type ShownStatement = Statement & { lang: 'en' | 'es' };
const shown = computed<ShownStatement>('ShownStatement');

export const insuranceOutcomeDto = z
  .strictObject({ outcome: insuranceOutcome, message: z.string().nullable(), at: timestamp })
  .meta({ title: 'InsuranceOutcome' });

/** The clinic as a requester needs it: whom to call. */
export const requestClinicDto = z.strictObject({
  name: z.string(),
  phone: z.string().nullable(),
  emergencyNumber: z.string(),
});

/** POST /api/public/:clinicSlug/requests and /api/patients/:patientId/requests (201). */
export const requestCreatedDto = z
  .strictObject({
    requestId: id,
    /** The secret status token (shown once; only its hash is stored). */
    token: z.string(),
    tokenExpiresAt: timestamp,
    statusPath: z.string(),
    kind: requestKind,
    status: z.literal('new'),
    urgent: z.boolean(),
    afterHours: z.boolean(),
    /** Shown before anything else when present. */
    emergencyInstruction: computed<Statement & { level: RedFlagLevel }>(
      'EmergencyInstruction',
    ).nullable(),
    clinic: requestClinicDto,
  })
  .meta({ title: 'RequestCreated' });
export type RequestCreated = z.output<typeof requestCreatedDto>;

/** A free MRI/CT review result as the requester reads it, in the language of the request. */
export const requesterReviewDto = z
  .strictObject({
    language,
    nextStep,
    summary: z.string(),
    reviewedBy: z.string(),
    writtenAt: timestamp,
    addenda: z.array(z.strictObject({ text: z.string(), at: timestamp })),
    notice: shown,
    meaning: shown,
    doNow: shown,
  })
  .meta({ title: 'RequesterReview' });
export type RequesterReview = z.output<typeof requesterReviewDto>;

export const infoKitDto = z
  .strictObject({ region: z.string(), procedure: z.string(), language })
  .meta({ title: 'InfoKit' });

/** GET /api/patients/:patientId/requests: a patient's own requests. */
export const ownRequestDto = z
  .strictObject({
    id,
    kind: requestKind,
    status: requestStatus,
    language,
    createdAt: timestamp,
    insuranceOutcome: insuranceOutcomeDto.nullable(),
    infoKit: infoKitDto.nullable(),
    imagingReview: requesterReviewDto.nullable(),
  })
  .meta({ title: 'OwnRequest' });
export type OwnRequest = z.output<typeof ownRequestDto>;

/** GET /api/public/:clinicSlug/requests/:requestId: the visitor's status page, with whom to call. */
export const publicRequestStatusDto = ownRequestDto
  .extend({ clinic: requestClinicDto })
  .meta({ title: 'PublicRequestStatus' });
export type PublicRequestStatus = z.output<typeof publicRequestStatusDto>;
export const ownRequestListDto = z.strictObject({ requests: z.array(ownRequestDto) });

export const redFlagMatchDto = z
  .strictObject({
    id: z.string(),
    concern: z.string(),
    level: z.string(),
    matched: z.array(z.string()),
  })
  .meta({ title: 'RedFlagMatch' });

/** A request as staff see it (never the token hash). */
export const staffRequestDto = z
  .strictObject({
    id,
    kind: requestKind,
    status: requestStatus,
    urgent: z.boolean(),
    redFlags: z.array(redFlagMatchDto),
    patientId: id.nullable(),
    contact: z.strictObject({
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      language,
    }),
    consentedAt: timestamp,
    region: region.nullable(),
    symptoms: z.string().nullable(),
    assessmentId: id.nullable(),
    /** What the request kind asks (insurer, procedure, call-back time…), as the requester sent it. */
    details: z.record(z.string(), z.unknown()),
    assignee: assigneeDto.nullable(),
    createdAt: timestamp,
    firstResponseAt: timestamp.nullable(),
    minutesToFirstResponse: z.number().int().nullable(),
    insuranceOutcome: insuranceOutcomeDto.nullable(),
    /** When a clinician wrote the free MRI/CT review result (null: not yet, or another kind). */
    reviewWrittenAt: timestamp.nullable(),
  })
  .meta({ title: 'StaffRequest' });
export type StaffRequest = z.output<typeof staffRequestDto>;

/** GET /api/requests */
export const staffRequestListDto = z.strictObject({ requests: z.array(staffRequestDto) });

export const requestNoteDto = z
  .strictObject({ id, body: z.string(), at: timestamp, author: assigneeDto })
  .meta({ title: 'RequestNote' });
export type RequestNote = z.output<typeof requestNoteDto>;

/** A free MRI/CT review result as staff see it: the clinician's words and what the requester is shown. */
export const staffReviewDto = z
  .strictObject({
    nextStep,
    summary: z.string(),
    author: assigneeDto,
    writtenAt: timestamp,
    addenda: z.array(z.strictObject({ id, text: z.string(), at: timestamp, author: assigneeDto })),
    shownToRequester: z.strictObject({ notice: shown, meaning: shown, doNow: shown }),
  })
  .meta({ title: 'StaffReview' });
export type StaffReview = z.output<typeof staffReviewDto>;

/** GET /api/requests/:requestId */
export const requestDetailDto = z
  .strictObject({
    request: staffRequestDto,
    notes: z.array(requestNoteDto),
    imagingReview: staffReviewDto.nullable(),
  })
  .meta({ title: 'RequestDetail' });
export type RequestDetail = z.output<typeof requestDetailDto>;

/** A staff change of a request (status, assignee, insurance outcome): the request as it now is. */
export const requestChangedDto = z.strictObject({ request: staffRequestDto });
export type RequestChanged = z.output<typeof requestChangedDto>;

/** POST /api/requests/:requestId/notes (201) */
export const requestNoteAddedDto = z.strictObject({ noteId: id, notes: z.array(requestNoteDto) });
export type RequestNoteAdded = z.output<typeof requestNoteAddedDto>;

/** POST …/imaging-review-result and …/imaging-review-addendum (201) */
export const requestReviewWrittenDto = z.strictObject({
  request: staffRequestDto,
  imagingReview: staffReviewDto,
});
export type RequestReviewWritten = z.output<typeof requestReviewWrittenDto>;

/** Scans and reports attached to a request (imaging/request-routes.ts). */
const requestStudyBase = {
  id,
  modality: z.string().nullable(),
  bodyPart: z.string().nullable(),
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  seriesCount: z.number().int(),
  imageCount: z.number().int(),
  uploadedAt: timestamp,
};
const documentKind = z.enum(['pdf', 'jpeg']);

/** What a requester sees of their uploads: what arrived, no ids of files to fetch. */
export const requesterImagingDto = z
  .strictObject({
    studies: z.array(z.strictObject(requestStudyBase)),
    documents: z.array(
      z.strictObject({
        kind: documentKind,
        name: z.string(),
        byteSize: z.number().int(),
        uploadedAt: timestamp,
      }),
    ),
  })
  .meta({ title: 'RequesterImaging' });
export type RequesterImaging = z.output<typeof requesterImagingDto>;

/** A study of a request as staff see it: with the ids that open the viewer. */
export const requestStudyDto = z
  .strictObject({ ...requestStudyBase, patientId: id.nullable(), requestId: id.nullable() })
  .meta({ title: 'RequestStudy' });
export const requestDocumentDto = z
  .strictObject({
    fileId: id,
    kind: documentKind,
    name: z.string(),
    byteSize: z.number().int(),
    sha256: z.string(),
    uploadedAt: timestamp,
  })
  .meta({ title: 'RequestDocument' });

/** GET /api/requests/:requestId/imaging: staff get the full listing, the requester their view. */
export const requestImagingDto = z.union([
  z.strictObject({ studies: z.array(requestStudyDto), documents: z.array(requestDocumentDto) }),
  requesterImagingDto,
]);
export const staffRequestImagingDto = z.strictObject({
  studies: z.array(requestStudyDto),
  documents: z.array(requestDocumentDto),
});
export type StaffRequestImaging = z.output<typeof staffRequestImagingDto>;

/** POST …/requests/:requestId/imaging (201): what was stored and what was refused, file by file. */
export const requestImagingUploadDto = z
  .strictObject({
    stored: z.array(
      z.strictObject({
        fileId: id,
        name: z.string(),
        kind: z.enum(['dicom', 'pdf', 'jpeg']),
        byteSize: z.number().int(),
        sha256: z.string(),
        studyId: id.nullable(),
      }),
    ),
    refused: z.array(z.strictObject({ name: z.string(), reason: z.string() })),
    studies: z.array(requestStudyDto),
  })
  .meta({ title: 'RequestImagingUpload' });
export type RequestImagingUpload = z.output<typeof requestImagingUploadDto>;
