import {
  clinicHoursDto,
  type OwnRequest,
  ownRequestListDto,
  type PublicRequestStatus,
  publicRequestStatusDto,
  requestChangedDto,
  requestCreatedDto,
  requestDetailDto,
  requestNoteAddedDto,
  requestReviewWrittenDto,
  staffRequestListDto,
} from '@lamina/contract';
import { imagingReviewAddendumSchema, imagingReviewResultSchema } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { assigneeSchema, requireAssignee } from '../admin/staff.ts';
import { audit, auditedClinicChange } from '../audit/audit.ts';
import { mayActInClinic, mayActOnPatient } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson, requireActor } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { conflict, forbidden, invalidField, notFound } from '../http/problem.ts';
import { publicLink } from '../http/public-url.ts';
import { readQuery } from '../http/query.ts';
import { limitVisitor } from '../http/rate-limit.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import {
  isRequestStaff,
  requestTokenDays,
  requestTokenHeader,
  staffMayReadRequest,
} from './access.ts';
import { createRequest } from './create-request.ts';
import { insuranceOutcomeEmail, reviewReadyEmail } from './emails.ts';
import { buildInfoKit, renderInfoKitPdf } from './info-kit.ts';
import {
  insertReviewAddendum,
  insertReviewResult,
  keepStatusLinkOpen,
  readReview,
  readReviews,
  requesterReviewView,
  type StoredReview,
  staffReviewView,
} from './review-store.ts';
import {
  clinicHoursBodySchema,
  insuranceOutcomeSchema,
  type Language,
  patientRequestSchema,
  requestListQuerySchema,
  requestNoteSchema,
  requestStatusSchema,
  visitorRequestSchema,
} from './schemas.ts';
import {
  type ClinicContact,
  clinicContact,
  getRequest,
  insertNote,
  listNotes,
  listPatientRequests,
  listRequests,
  lockRequest,
  patientContact,
  type RequestRow,
  requesterRequestView,
  setClinicHours,
  staffView,
  touchByStaff,
} from './store.ts';
import { mayMove } from './transitions.ts';
import { clinicFromSlug, tokenHolderRequest } from './visitor.ts';

/** Requests a visitor may send per address and clinic in the window. */
export const intakeLimit = { submissions: 10, windowMinutes: 60 } as const;

async function createForVisitor(c: AppContext) {
  const clinic = await clinicFromSlug(c);
  await limitVisitor(
    c,
    {
      clinicId: clinic.id,
      bucket: 'intake',
      max: intakeLimit.submissions,
      windowMinutes: intakeLimit.windowMinutes,
    },
    `Too many requests from here in a short time. Please wait ${intakeLimit.windowMinutes} minutes, then try again. In an emergency, call ${clinic.emergencyNumber}.`,
  );
  const input = await readJson(c, visitorRequestSchema);
  return createRequest(c, clinic, input, {
    patientId: null,
    name: input.contact.name,
    email: input.contact.email ?? null,
    phone: input.contact.phone ?? null,
  });
}

async function createForPatient(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'make-request');
  const input = await readJson(c, patientRequestSchema);
  const { db } = c.get('deps');
  const patient = await patientContact(db, actor.clinicId, patientId);
  if (!patient) throw notFound('This patient');
  // A patient's own request speaks the patient's stored language (issue 15): the emails, the
  // status page and the info kit, whatever language the request itself named.
  const inPatientLanguage = { ...input, language: patient.language };
  return createRequest(c, await clinicContact(db, actor.clinicId), inPatientLanguage, {
    patientId,
    name: `${patient.given_name} ${patient.family_name}`,
    email: patient.email,
    phone: input.contact?.phone ?? patient.phone,
  });
}

async function listForPatient(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read-requests');
  const { db } = c.get('deps');
  const listed = await listPatientRequests(db, actor.clinicId, patientId);
  const reviews = await readReviews(
    db,
    actor.clinicId,
    listed.filter((r) => r.kind === 'imaging_review').map((r) => r.id),
  );
  const requests = listed.map((r) => requesterView(r, reviews.get(r.id)));
  await audit(c, {
    action: 'intake.list-own',
    subjectType: 'intake_request',
    patientId,
    details: { count: requests.length, reviewResults: reviews.size },
  });
  return c.json({ requests });
}

/** What the visitor's status page shows: nothing beyond status, outcome, the kit and the review result. */
/** A request as its requester sees it, with the free MRI/CT review result in the request's language. */
function requesterView(
  row: Parameters<typeof requesterRequestView>[0],
  review: StoredReview | undefined,
): OwnRequest {
  return {
    ...requesterRequestView(row),
    imagingReview: review ? requesterReviewView(review, row.language) : null,
  };
}

function publicView(
  row: RequestRow,
  clinic: ClinicContact,
  review: StoredReview | undefined,
): PublicRequestStatus {
  return {
    ...requesterView(row, review),
    clinic: { name: clinic.name, phone: clinic.phone, emergencyNumber: clinic.emergencyNumber },
  };
}

async function statusForVisitor(c: AppContext) {
  const { clinic, row } = await tokenHolderRequest(c);
  const { db } = c.get('deps');
  const review =
    row.kind === 'imaging_review' ? await readReview(db, clinic.id, row.id) : undefined;
  await audit(c, {
    clinicId: clinic.id,
    actor: null,
    action: 'intake.status-read',
    subjectType: 'intake_request',
    subjectId: row.id,
    patientId: row.patient_id,
    ...(review ? { details: { reviewResultShown: true } } : {}),
  });
  return c.json(publicView(row, clinic, review));
}

async function sendInfoKit(c: AppContext, clinic: ClinicContact, row: RequestRow) {
  if (row.kind !== 'info_kit') throw notFound('An info kit for this request');
  const details = row.details as { region: 'lumbar' | 'cervical'; procedure: 'laminectomy' };
  const { now } = c.get('deps');
  const kit = buildInfoKit({
    region: details.region,
    procedure: details.procedure,
    language: row.language,
    clinicName: clinic.name,
    clinicPhone: clinic.phone,
    emergencyNumber: clinic.emergencyNumber,
  });
  const logo = await c
    .get('deps')
    .db.selectFrom('clinics')
    .select(['logo', 'logo_type'])
    .where('id', '=', clinic.id)
    .executeTakeFirst();
  const bytes = await renderInfoKitPdf(
    kit,
    now(),
    logo?.logo && logo.logo_type ? { bytes: logo.logo, type: logo.logo_type } : null,
  );
  const name = `lamina-info-kit-${details.region}-${details.procedure}-${row.language}.pdf`;
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${name}"`,
    'content-language': row.language,
  });
}

async function infoKitForVisitor(c: AppContext) {
  const { clinic, row } = await tokenHolderRequest(c);
  const response = await sendInfoKit(c, clinic, row);
  await audit(c, {
    clinicId: clinic.id,
    actor: null,
    action: 'intake.info-kit-download',
    subjectType: 'intake_request',
    subjectId: row.id,
    patientId: row.patient_id,
  });
  return response;
}

/** Signed in: a patient downloads their own kit, a care manager or admin any kit of the clinic. */
async function infoKitSignedIn(c: AppContext) {
  const actor = requireActor(c);
  const isStaff = mayActInClinic(actor, 'read-requests', actor.clinicId);
  if (!isStaff && actor.role !== 'patient') throw forbidden();
  const requestId = pathId(c, 'requestId');
  const { db } = c.get('deps');
  const row = await getRequest(db, actor.clinicId, requestId);
  const allowed =
    row !== undefined &&
    (isStaff ||
      (row.patient_id !== null &&
        mayActOnPatient(actor, 'read-requests', {
          clinicId: actor.clinicId,
          patientId: row.patient_id,
        })));
  // Someone else's request is simply not found.
  if (!row || !allowed) throw notFound('This request');
  const response = await sendInfoKit(c, await clinicContact(db, actor.clinicId), row);
  await auditRequest(c, 'intake.info-kit-download', row);
  return response;
}

async function list(c: AppContext) {
  const actor = requireActor(c);
  if (!isRequestStaff(actor)) throw forbidden();
  const asked = readQuery(c, requestListQuerySchema);
  // A clinician's queue is the free MRI/CT reviews only.
  const filters = mayActInClinic(actor, 'read-requests', actor.clinicId)
    ? asked
    : { ...asked, kind: 'imaging_review' as const };
  const { db } = c.get('deps');
  const requests = await listRequests(db, actor.clinicId, filters);
  await audit(c, {
    action: 'intake.list',
    subjectType: 'intake_request',
    details: { count: requests.length, ...filters },
  });
  return c.json({ requests });
}

/** Audits a staff member's read or change of one request, about the request's patient. */
function auditRequest(
  c: AppContext,
  action: string,
  row: RequestRow,
  details?: Record<string, unknown>,
  trx?: Kysely<Database>,
) {
  return audit(
    c,
    {
      action,
      subjectType: 'intake_request',
      subjectId: row.id,
      patientId: row.patient_id,
      details,
    },
    trx,
  );
}

async function requireRequest(c: AppContext, clinicId: string) {
  const requestId = pathId(c, 'requestId');
  const row = await getRequest(c.get('deps').db, clinicId, requestId);
  if (!row) throw notFound('This request');
  return row;
}

/** A request this staff member may open; another kind (for a clinician) is simply not found. */
async function requireReadableRequest(c: AppContext) {
  const actor = requireActor(c);
  if (!isRequestStaff(actor)) throw forbidden();
  const row = await requireRequest(c, actor.clinicId);
  if (!staffMayReadRequest(actor, row.kind)) throw notFound('This request');
  return { actor, row };
}

async function detail(c: AppContext) {
  const { actor, row } = await requireReadableRequest(c);
  const { db } = c.get('deps');
  const notes = await listNotes(db, actor.clinicId, row.id);
  const review =
    row.kind === 'imaging_review' ? await readReview(db, actor.clinicId, row.id) : undefined;
  await auditRequest(c, 'intake.read', row);
  return c.json({
    request: staffView(row),
    notes,
    imagingReview: review ? staffReviewView(review, row.language) : null,
  });
}

/** The request as staff see it after a change. */
async function answerWith(c: AppContext, clinicId: string, requestId: string) {
  const row = await getRequest(c.get('deps').db, clinicId, requestId);
  if (!row) throw notFound('This request');
  return c.json({ request: staffView(row) });
}

/**
 * The start of every staff change of one request: the permission, the request (404 when it is not
 * this clinic's), then the body; `at` is the moment of the change.
 */
async function staffChange<T>(
  c: AppContext,
  permission: 'manage-requests' | 'write-imaging-review',
  schema: z.ZodType<T>,
) {
  const actor = authorizeClinic(c, permission);
  const row = await requireRequest(c, actor.clinicId);
  const input = await readJson(c, schema);
  const { db, now } = c.get('deps');
  return { actor, row, input, db, at: now() };
}

async function changeStatus(c: AppContext) {
  const { actor, row, input, db, at } = await staffChange(
    c,
    'manage-requests',
    requestStatusSchema,
  );
  const { status } = input;
  await db.transaction().execute(async (trx) => {
    const locked = await lockRequest(trx, actor.clinicId, row.id);
    if (!locked) throw notFound('This request');
    if (!mayMove(locked.status, status))
      throw invalidField(
        'status',
        `cannot go from ${locked.status} to ${status}`,
        `A request that is ${locked.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}.`,
      );
    await touchByStaff(trx, actor.clinicId, row.id, at, { status });
    await auditRequest(c, 'intake.status', row, { before: locked.status, after: status }, trx);
  });
  return answerWith(c, actor.clinicId, row.id);
}

async function assign(c: AppContext) {
  const { actor, row, input, db, at } = await staffChange(c, 'manage-requests', assigneeSchema);
  const { userId } = input;
  await requireAssignee(db, actor.clinicId, userId);
  await db.transaction().execute(async (trx) => {
    const locked = await lockRequest(trx, actor.clinicId, row.id);
    if (!locked) throw notFound('This request');
    // Handing a request on is not an answer to the requester: the response clock keeps running.
    await touchByStaff(trx, actor.clinicId, row.id, at, { assignedTo: userId }, false);
    await auditRequest(c, 'intake.assign', row, { before: locked.assigned_to, after: userId }, trx);
  });
  return answerWith(c, actor.clinicId, row.id);
}

async function addNote(c: AppContext) {
  const { actor, row, input, db, at } = await staffChange(c, 'manage-requests', requestNoteSchema);
  const { body } = input;
  const noteId = await db.transaction().execute(async (trx) => {
    const id = await insertNote(trx, {
      clinicId: actor.clinicId,
      requestId: row.id,
      authorId: actor.userId,
      body,
      at,
    });
    await touchByStaff(trx, actor.clinicId, row.id, at);
    await auditRequest(c, 'intake.note', row, { noteId: id }, trx);
    return id;
  });
  return c.json({ noteId, notes: await listNotes(db, actor.clinicId, row.id) }, 201);
}

/**
 * Where and in which language the requester is emailed: a patient's own request follows the
 * patient's stored language as it is now (issue 15); a visitor's, the language of the request.
 */
async function requesterMail(
  db: Kysely<Database>,
  clinicId: string,
  row: { contact_email: string | null; patient_id: string | null; language: Language },
) {
  const patient = row.patient_id ? await patientContact(db, clinicId, row.patient_id) : undefined;
  const to = row.contact_email ?? patient?.email ?? null;
  return {
    to,
    language: patient?.language ?? row.language,
    clinic: await clinicContact(db, clinicId),
    /** Queues the email in the change's transaction, when the requester has an address. */
    async send(
      trx: Kysely<Database>,
      kind: Parameters<typeof queueEmail>[1]['kind'],
      mail: { subject: string; body: string },
    ) {
      if (to) await queueEmail(trx, { clinicId, to, subject: mail.subject, body: mail.body, kind });
    },
  };
}

async function recordOutcome(c: AppContext) {
  const { actor, row, input, db, at } = await staffChange(
    c,
    'manage-requests',
    insuranceOutcomeSchema,
  );
  if (row.kind !== 'insurance') throw conflict('Only an insurance check has an outcome.');
  const mail = await requesterMail(db, actor.clinicId, row);
  await db.transaction().execute(async (trx) => {
    await touchByStaff(trx, actor.clinicId, row.id, at, { outcome: input });
    await mail.send(
      trx,
      'intake_insurance_outcome',
      insuranceOutcomeEmail({
        language: mail.language,
        outcome: input.outcome,
        message: input.message,
        clinicName: mail.clinic.name,
        name: row.contact_name,
        isPatient: row.patient_id !== null,
      }),
    );
    await auditRequest(
      c,
      'intake.insurance-outcome',
      row,
      { outcome: input.outcome, emailed: mail.to !== null },
      trx,
    );
  });
  return answerWith(c, actor.clinicId, row.id);
}

/** How long the requester's status link keeps working after the result is written. */
const linkDaysAfterResult = requestTokenDays;

/**
 * A clinician writes the result of a free MRI/CT review, once. In one transaction: the result, the
 * request marked done, the status link kept open, the "an answer is ready" email (no health
 * details) and the audit entry.
 */
async function writeReviewResult(c: AppContext) {
  const { actor, row, input, db, at } = await staffChange(
    c,
    'write-imaging-review',
    imagingReviewResultSchema,
  );
  if (row.kind !== 'imaging_review') throw conflict('Only a free MRI/CT review has a result.');
  const mail = await requesterMail(db, actor.clinicId, row);
  const { clinic } = mail;
  await db.transaction().execute(async (trx) => {
    const locked = await lockRequest(trx, actor.clinicId, row.id);
    if (!locked) throw notFound('This request');
    if (locked.status === 'closed')
      throw conflict(
        'This request is closed. Add a note instead, or ask the requester to send a new one.',
      );
    const stored = await insertReviewResult(trx, {
      clinicId: actor.clinicId,
      requestId: row.id,
      authorId: actor.userId,
      result: input,
      at,
    });
    if (!stored)
      throw conflict('This review already has its result. To correct it, add an addendum.');
    const after = locked.status === 'done' ? undefined : ('done' as const);
    await touchByStaff(trx, actor.clinicId, row.id, at, after ? { status: after } : {});
    await keepStatusLinkOpen(
      trx,
      actor.clinicId,
      row.id,
      new Date(at.getTime() + linkDaysAfterResult * 86_400_000),
    );
    await mail.send(
      trx,
      'intake_review_result',
      reviewReadyEmail({
        language: mail.language,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        name: row.contact_name,
        isPatient: row.patient_id !== null,
        statusPage: publicLink(c.get('deps'), `/request-status/${row.id}?clinic=${clinic.slug}`),
      }),
    );
    await auditRequest(
      c,
      'intake.imaging-review-result',
      row,
      {
        nextStep: input.nextStep,
        emailed: mail.to !== null,
        before: locked.status,
        after: after ?? locked.status,
      },
      trx,
    );
  });
  return reviewAnswer(c, actor.clinicId, row.id, 201);
}

async function addReviewAddendum(c: AppContext) {
  const { actor, row, input, db, at } = await staffChange(
    c,
    'write-imaging-review',
    imagingReviewAddendumSchema,
  );
  const { text } = input;
  const added = await db.transaction().execute(async (trx) => {
    const id = await insertReviewAddendum(trx, {
      clinicId: actor.clinicId,
      requestId: row.id,
      authorId: actor.userId,
      text,
      at,
    });
    if (id) await auditRequest(c, 'intake.imaging-review-addendum', row, { addendumId: id }, trx);
    return id;
  });
  if (!added) throw conflict('Write the result first; an addendum corrects a written result.');
  return reviewAnswer(c, actor.clinicId, row.id, 201);
}

/** The request and its result as staff see them after a change. */
async function reviewAnswer(c: AppContext, clinicId: string, requestId: string, status: 201) {
  const { db } = c.get('deps');
  const row = await getRequest(db, clinicId, requestId);
  const review = await readReview(db, clinicId, requestId);
  if (!row || !review) throw notFound('This request');
  return c.json(
    { request: staffView(row), imagingReview: staffReviewView(review, row.language) },
    status,
  );
}

async function readHours(c: AppContext) {
  const actor = authorizeClinic(c, 'read-requests');
  const clinic = await clinicContact(c.get('deps').db, actor.clinicId);
  return c.json({ hours: clinic.hours, timeZone: clinic.timeZone });
}

async function updateHours(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const { hours } = await readJson(c, clinicHoursBodySchema);
  await auditedClinicChange(c, actor.clinicId, 'clinic.hours-update', async (trx) => {
    const before = (await clinicContact(trx, actor.clinicId)).hours;
    await setClinicHours(trx, actor.clinicId, hours);
    return { before, after: hours };
  });
  return readHours(c);
}

const staffAccess = 'care managers and admins (their own clinic)';
const readAccess =
  'care managers and admins (their own clinic); clinicians only the free MRI/CT reviews (another kind is 404)';

/** A request made by a visitor or by a signed-in patient: one operation for two callers. */
const createRoute = {
  method: 'post',
  success: { status: 201, description: 'Stored; it is in the care-manager queue.' },
  response: requestCreatedDto,
  audit: { actions: ['intake.create'] },
} as const;

/** The info kit PDF, for the token holder or for the signed-in patient and the care team. */
const infoKitRoute = {
  method: 'get',
  success: { status: 200, description: 'The PDF.', contentType: 'application/pdf' },
  response: null,
  audit: { actions: ['intake.info-kit-download'] },
} as const;

export const intake = documentedRoutes([
  {
    ...createRoute,
    path: '/api/public/:clinicSlug/requests',
    summary:
      'A visitor asks for a consultation, a free MRI/CT review, an insurance check, an info kit or a call back. Answers the request id and a secret status token (14 days); red-flag words put an emergency instruction first. Rate limited per visitor',
    access: 'anyone, no account needed',
    body: visitorRequestSchema,
    handler: createForVisitor,
  },
  {
    method: 'get',
    path: '/api/public/:clinicSlug/requests/:requestId',
    summary: `A visitor's status page: status, the insurance outcome, the info kit. The token goes in the ${requestTokenHeader} header`,
    access: 'whoever holds the request token (a wrong token is 404)',
    response: publicRequestStatusDto,
    audit: { actions: ['intake.status-read'] },
    handler: statusForVisitor,
  },
  {
    ...infoKitRoute,
    path: '/api/public/:clinicSlug/requests/:requestId/info-kit.pdf',
    summary: `The printable info kit (PDF) of an info-kit request, with the token in the ${requestTokenHeader} header`,
    access: 'whoever holds the request token (a wrong token is 404)',
    handler: infoKitForVisitor,
  },
  {
    ...createRoute,
    path: '/api/patients/:patientId/requests',
    summary: 'A signed-in patient makes one of the same requests for themselves',
    access: 'the patient (their own record)',
    body: patientRequestSchema,
    handler: createForPatient,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/requests',
    summary: "A patient's own requests with their status, insurance outcome and info kits",
    access: 'the patient (their own record), care managers and admins',
    response: ownRequestListDto,
    audit: { actions: ['intake.list-own'] },
    handler: listForPatient,
  },
  {
    ...infoKitRoute,
    path: '/api/requests/:requestId/info-kit.pdf',
    summary: 'The info kit PDF of a request, for the patient who asked or the care team',
    access: 'the patient who made the request; care managers and admins (their own clinic)',
    handler: infoKitSignedIn,
  },
  {
    method: 'get',
    path: '/api/requests',
    summary:
      'The care-manager queue: open before finished, urgent (red flags) first, then the longest waiting. A clinician gets the free MRI/CT reviews only',
    access: readAccess,
    query: requestListQuerySchema,
    response: staffRequestListDto,
    audit: { actions: ['intake.list'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/requests/:requestId',
    summary:
      'One request with its details, prefilled symptoms, notes and (free MRI/CT review) the result',
    access: readAccess,
    response: requestDetailDto,
    audit: { actions: ['intake.read'] },
    handler: detail,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/status',
    summary: 'Move a request: new → in progress → done or closed (other moves are refused)',
    access: staffAccess,
    body: requestStatusSchema,
    response: requestChangedDto,
    audit: { actions: ['intake.status'] },
    handler: changeStatus,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/assign',
    summary: 'Assign a request to an active care-team member ({"userId": null}: the team)',
    access: staffAccess,
    body: assigneeSchema,
    response: requestChangedDto,
    audit: { actions: ['intake.assign'] },
    handler: assign,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/notes',
    summary: 'Add a note to a request',
    access: staffAccess,
    body: requestNoteSchema,
    success: { status: 201, description: 'Added.' },
    response: requestNoteAddedDto,
    audit: { actions: ['intake.note'] },
    handler: addNote,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/insurance-outcome',
    summary:
      'Record the outcome of an insurance check with a message; the requester is emailed in their language and sees it on their status page',
    access: staffAccess,
    body: insuranceOutcomeSchema,
    response: requestChangedDto,
    audit: { actions: ['intake.insurance-outcome'] },
    handler: recordOutcome,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/imaging-review-result',
    summary:
      "Write the result of a free MRI/CT review once: a next step (consultation, conservative care, nothing needed) and a plain summary in the requester's language. The request becomes done; the requester is emailed that an answer is ready (no health details) and reads it on their status page. A second write is 409",
    access:
      'clinicians (their own clinic); care managers and admins may not write clinical results',
    body: imagingReviewResultSchema,
    success: { status: 201, description: 'Written and the requester told.' },
    response: requestReviewWrittenDto,
    audit: { actions: ['intake.imaging-review-result'] },
    handler: writeReviewResult,
  },
  {
    method: 'post',
    path: '/api/requests/:requestId/imaging-review-addendum',
    summary:
      'Correct a written free MRI/CT review result with an addendum (the result itself never changes); the requester sees it under the result',
    access: 'clinicians (their own clinic)',
    body: imagingReviewAddendumSchema,
    success: { status: 201, description: 'Added.' },
    response: requestReviewWrittenDto,
    audit: { actions: ['intake.imaging-review-addendum'] },
    handler: addReviewAddendum,
  },
  {
    method: 'get',
    path: '/api/clinic/hours',
    summary:
      "The clinic's opening hours (its time zone); outside them a call back goes to the on-call care manager",
    access: staffAccess,
    response: clinicHoursDto,
    audit: 'none',
    handler: readHours,
  },
  {
    method: 'put',
    path: '/api/clinic/hours',
    summary: "Replace the clinic's opening hours",
    access: 'admins (their own clinic)',
    body: clinicHoursBodySchema,
    response: clinicHoursDto,
    audit: { actions: ['clinic.hours-update'] },
    handler: updateHours,
  },
]);
