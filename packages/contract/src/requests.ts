import { imagingReviewNextSteps, type RedFlagLevel, type Statement } from '@lamina/pathway';
import { z } from 'zod';
import { computed, dto, id, timestamp } from './common.ts';
import { documentFields, refusedFileDto, storedFileDto, studyHeaderFields } from './imaging.ts';
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

export const insuranceOutcomeDto = dto('InsuranceOutcome', {
  outcome: insuranceOutcome,
  message: z.string().nullable(),
  at: timestamp,
});

/** The clinic as a requester needs it: whom to call. */
export const requestClinicDto = z.strictObject({
  name: z.string(),
  phone: z.string().nullable(),
  emergencyNumber: z.string(),
});

/** POST /api/public/:clinicSlug/requests and /api/patients/:patientId/requests (201). */
export const requestCreatedDto = dto('RequestCreated', {
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
});
export type RequestCreated = z.output<typeof requestCreatedDto>;

/** A free MRI/CT review result as the requester reads it, in the language of the request. */
export const requesterReviewDto = dto('RequesterReview', {
  language,
  nextStep,
  summary: z.string(),
  reviewedBy: z.string(),
  writtenAt: timestamp,
  addenda: z.array(z.strictObject({ text: z.string(), at: timestamp })),
  notice: shown,
  meaning: shown,
  doNow: shown,
});
export type RequesterReview = z.output<typeof requesterReviewDto>;

export const infoKitDto = dto('InfoKit', { region: z.string(), procedure: z.string(), language });

/** GET /api/patients/:patientId/requests: a patient's own requests. */
export const ownRequestDto = dto('OwnRequest', {
  id,
  kind: requestKind,
  status: requestStatus,
  language,
  createdAt: timestamp,
  insuranceOutcome: insuranceOutcomeDto.nullable(),
  infoKit: infoKitDto.nullable(),
  imagingReview: requesterReviewDto.nullable(),
});
export type OwnRequest = z.output<typeof ownRequestDto>;

/** GET /api/public/:clinicSlug/requests/:requestId: the visitor's status page, with whom to call. */
export const publicRequestStatusDto = ownRequestDto
  .extend({ clinic: requestClinicDto })
  .meta({ title: 'PublicRequestStatus' });
export type PublicRequestStatus = z.output<typeof publicRequestStatusDto>;
export const ownRequestListDto = z.strictObject({ requests: z.array(ownRequestDto) });

export const redFlagMatchDto = dto('RedFlagMatch', {
  id: z.string(),
  concern: z.string(),
  level: z.string(),
  matched: z.array(z.string()),
});

/** A request as staff see it (never the token hash). */
export const staffRequestDto = dto('StaffRequest', {
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
});
export type StaffRequest = z.output<typeof staffRequestDto>;

/** GET /api/requests */
export const staffRequestListDto = z.strictObject({ requests: z.array(staffRequestDto) });

export const requestNoteDto = dto('RequestNote', {
  id,
  body: z.string(),
  at: timestamp,
  author: assigneeDto,
});
export type RequestNote = z.output<typeof requestNoteDto>;

/** A free MRI/CT review result as staff see it: the clinician's words and what the requester is shown. */
export const staffReviewDto = dto('StaffReview', {
  nextStep,
  summary: z.string(),
  author: assigneeDto,
  writtenAt: timestamp,
  addenda: z.array(z.strictObject({ id, text: z.string(), at: timestamp, author: assigneeDto })),
  shownToRequester: z.strictObject({ notice: shown, meaning: shown, doNow: shown }),
});
export type StaffReview = z.output<typeof staffReviewDto>;

/** GET /api/requests/:requestId */
export const requestDetailDto = dto('RequestDetail', {
  request: staffRequestDto,
  notes: z.array(requestNoteDto),
  imagingReview: staffReviewDto.nullable(),
});
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
const requestStudyBase = { id, ...studyHeaderFields };

/** What a requester sees of their uploads: what arrived, no ids of files to fetch. */
export const requesterImagingDto = dto('RequesterImaging', {
  studies: z.array(z.strictObject(requestStudyBase)),
  documents: z.array(
    z.strictObject({
      kind: documentFields.kind,
      name: z.string(),
      byteSize: z.number().int(),
      uploadedAt: timestamp,
    }),
  ),
});
export type RequesterImaging = z.output<typeof requesterImagingDto>;

/** A study of a request as staff see it: with the ids that open the viewer. */
export const requestStudyDto = dto('RequestStudy', {
  ...requestStudyBase,
  patientId: id.nullable(),
  requestId: id.nullable(),
});
export const requestDocumentDto = dto('RequestDocument', documentFields);

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
export const requestImagingUploadDto = dto('RequestImagingUpload', {
  stored: z.array(storedFileDto),
  refused: z.array(refusedFileDto),
  studies: z.array(requestStudyDto),
});
export type RequestImagingUpload = z.output<typeof requestImagingUploadDto>;
