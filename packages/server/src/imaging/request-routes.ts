import { requesterImagingDto, requestImagingDto, requestImagingUploadDto } from '@lamina/contract';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import { mayActOnPatient } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, requireActor } from '../http/context.ts';
import { conflict, forbidden, HttpProblem, notFound } from '../http/problem.ts';
import { limitAttempts } from '../http/rate-limit.ts';
import { isRequestStaff, requestTokenHeader, staffMayReadRequest } from '../intake/access.ts';
import { getRequest, type RequestRow } from '../intake/store.ts';
import { tokenHolderRequest } from '../intake/visitor.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import type { QuotaCharge } from '../storage/quota.ts';
import { refuseIfNothingStored, storeUploadBody, uploadQuotas } from './routes.ts';
import { listStudies } from './service.ts';

/**
 * Scans and reports attached to an intake request (issue 8, decision 006 and 007): a visitor sends
 * them with the request token, a signed-in patient with their session; care managers see them with
 * the request. Per-upload limits are the imaging limits; these cap what one request may collect.
 */
export const requestImagingLimits = {
  /** Stored files per request: a whole study zip (3000 images) and a few reports. */
  files: 3100,
  /** Uploads per request in the window: a study sent series by series fits; a script does not. */
  uploads: 60,
  windowMinutes: 60,
} as const;

/** Only these kinds of request take scans (a free MRI/CT review; optional for a consultation). */
const kindsTakingScans = new Set(['imaging_review', 'treatment']);

async function filesOfRequest(db: Kysely<Database>, clinicId: string, requestId: string) {
  const row = await db
    .selectFrom('imaging_files')
    .select(sql<number>`count(*)`.as('n'))
    .where('clinic_id', '=', clinicId)
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Kind, rate and size checks shared by visitors and patients, before the body is read. */
async function mayTakeUpload(c: AppContext, row: RequestRow) {
  if (!kindsTakingScans.has(row.kind))
    throw conflict('This kind of request does not take scans. Scans go with an MRI/CT review.');
  if (row.status === 'done' || row.status === 'closed')
    throw conflict(
      'This request is finished, so it takes no more scans. Please make a new request.',
    );
  // Counted before the body is read, so refused and junk uploads count too.
  await limitAttempts(
    c,
    {
      clinicId: row.clinic_id,
      bucket: 'request-imaging',
      key: row.id,
      max: requestImagingLimits.uploads,
      windowMinutes: requestImagingLimits.windowMinutes,
    },
    `Too many uploads for this request in a short time. Please wait ${requestImagingLimits.windowMinutes} minutes, or put the study in one zip file.`,
  );
  const { db } = c.get('deps');
  if ((await filesOfRequest(db, row.clinic_id, row.id)) >= requestImagingLimits.files)
    throw new HttpProblem(
      413,
      'Too large',
      `This request already holds ${requestImagingLimits.files} files, the most one request may have. The care team will ask if they need more.`,
    );
}

/**
 * Bytes, not only files (decision 011): what one request may collect whoever sends it, what one
 * visitor token may send (a re-issued token gets its own allowance, the request's still holds),
 * and for a signed-in patient their own allowance.
 */
function requestQuota(c: AppContext, row: RequestRow, actor: Actor | null) {
  const limits = uploadQuotas(c);
  const quota: Omit<QuotaCharge, 'bytes'>[] = [
    { scope: 'request', key: row.id, limit: limits.requestBytes },
  ];
  if (!actor) quota.push({ scope: 'token', key: row.token_hash, limit: limits.tokenBytes });
  else if (actor.role === 'patient' && actor.patientId)
    quota.push({ scope: 'patient', key: actor.patientId, limit: limits.patientBytes });
  return quota;
}

/** An audit row about the request; a visitor's token has no actor: recorded as none even if a session came along. */
async function auditRequest(
  c: AppContext,
  row: RequestRow,
  actor: Actor | null,
  action: 'imaging.upload' | 'imaging.list',
  details: Record<string, unknown>,
) {
  await audit(c, {
    clinicId: row.clinic_id,
    ...(actor ? {} : { actor: null }),
    action,
    subjectType: 'intake_request',
    subjectId: row.id,
    patientId: row.patient_id,
    details,
  });
}

async function receive(c: AppContext, row: RequestRow, actor: Actor | null) {
  await mayTakeUpload(c, row);
  const { fileName, result } = await storeUploadBody(c, {
    clinicId: row.clinic_id,
    uploadedBy: actor?.userId ?? null,
    owner: { requestId: row.id, patientId: row.patient_id },
    quota: requestQuota(c, row, actor),
  });
  await auditRequest(c, row, actor, 'imaging.upload', {
    name: fileName,
    stored: result.stored.map((file) => file.fileId),
    refused: result.refused.length,
    by: actor ? actor.role : 'token',
  });
  refuseIfNothingStored(result);
  return c.json(result, 201);
}

/** What a requester sees of their own uploads: what arrived, no ids of files to fetch. */
async function listing(c: AppContext, row: RequestRow, actor: Actor | null) {
  const { db } = c.get('deps');
  const found = await listStudies(db, row.clinic_id, { requestId: row.id });
  await auditRequest(c, row, actor, 'imaging.list', {
    studies: found.studies.length,
    documents: found.documents.length,
  });
  return found;
}

const requesterView = (found: Awaited<ReturnType<typeof listing>>) => ({
  studies: found.studies.map((study) => ({
    id: study.id,
    modality: study.modality,
    bodyPart: study.bodyPart,
    studyDate: study.studyDate,
    description: study.description,
    seriesCount: study.seriesCount,
    imageCount: study.imageCount,
    uploadedAt: study.uploadedAt,
  })),
  documents: found.documents.map((doc) => ({
    kind: doc.kind,
    name: doc.name,
    byteSize: doc.byteSize,
    uploadedAt: doc.uploadedAt,
  })),
});

async function uploadByToken(c: AppContext) {
  const { row } = await tokenHolderRequest(c);
  return receive(c, row, null);
}

async function listByToken(c: AppContext) {
  const { row } = await tokenHolderRequest(c);
  return c.json(requesterView(await listing(c, row, null)));
}

/** The signed-in patient's own request; anyone else's (or another clinic's) is not found. */
async function ownRequest(c: AppContext, actor: Actor, action: 'upload-imaging' | 'read-imaging') {
  const row = await getRequest(c.get('deps').db, actor.clinicId, pathId(c, 'requestId'));
  const own =
    row?.patient_id != null &&
    mayActOnPatient(actor, action, { clinicId: actor.clinicId, patientId: row.patient_id });
  if (!row || !own) throw notFound('This request');
  return row;
}

async function uploadSignedIn(c: AppContext) {
  const actor = requireActor(c);
  if (actor.role !== 'patient') throw forbidden();
  const row = await ownRequest(c, actor, 'upload-imaging');
  return receive(c, row, actor);
}

async function listSignedIn(c: AppContext) {
  const actor = requireActor(c);
  if (isRequestStaff(actor)) {
    const row = await getRequest(c.get('deps').db, actor.clinicId, pathId(c, 'requestId'));
    // A clinician opens the scans of free MRI/CT reviews only (decision 015).
    if (!row || !staffMayReadRequest(actor, row.kind)) throw notFound('This request');
    // Staff get the full listing: study and file ids open the viewer and the downloads.
    return c.json(await listing(c, row, actor));
  }
  if (actor.role !== 'patient') throw forbidden();
  const row = await ownRequest(c, actor, 'read-imaging');
  return c.json(requesterView(await listing(c, row, actor)));
}

const uploadSummary =
  'the file itself as the body (DICOM, a zip of a study, PDF or JPEG; name in x-file-name). Only MRI/CT review and consultation requests that are still open take scans. Says what was stored and what was refused, file by file';

export const requestImaging = documentedRoutes([
  {
    method: 'post',
    path: '/api/public/:clinicSlug/requests/:requestId/imaging',
    summary: `A visitor adds scans or reports to their request, with the token in the ${requestTokenHeader} header: ${uploadSummary}`,
    access: 'whoever holds the request token (a wrong token is 404)',
    success: {
      status: 201,
      description: 'At least one file stored; refused ones listed with reasons.',
    },
    response: requestImagingUploadDto,
    audit: { actions: ['imaging.upload'] },
    handler: uploadByToken,
  },
  {
    method: 'get',
    path: '/api/public/:clinicSlug/requests/:requestId/imaging',
    summary: `What a visitor uploaded for their request (studies with modality, body part, date and counts; report names), token in the ${requestTokenHeader} header`,
    access: 'whoever holds the request token (a wrong token is 404)',
    response: requesterImagingDto,
    audit: { actions: ['imaging.list'] },
    handler: listByToken,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/imaging',
    summary: `A signed-in patient adds scans or reports to their own request: ${uploadSummary}`,
    access: 'the patient who made the request',
    success: {
      status: 201,
      description: 'At least one file stored; refused ones listed with reasons.',
    },
    response: requestImagingUploadDto,
    audit: { actions: ['imaging.upload'] },
    handler: uploadSignedIn,
  },
  {
    method: 'get',
    path: '/api/requests/:requestId/imaging',
    summary:
      'The studies and reports attached to a request; for staff with the ids that open the viewer and the downloads',
    access:
      'the patient who made the request; care managers and admins (their own clinic); clinicians for free MRI/CT reviews',
    response: requestImagingDto,
    audit: { actions: ['imaging.list'] },
    handler: listSignedIn,
  },
]);
