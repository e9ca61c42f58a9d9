import {
  type CaseStudyView,
  type SecondOpinionCase,
  type SecondOpinionReportView,
  secondOpinionCaseAnswerDto,
  secondOpinionListDto,
  secondOpinionReportedDto,
  secondOpinionReviewerListDto,
  secondOpinionSettingsDto,
} from '@lamina/contract';
import {
  daysBetween,
  fusionAnswerProblem,
  type IsoDate,
  localDate,
  recommendationGuidance,
  type SecondOpinionReport,
  safeText,
  secondOpinionNotice,
  secondOpinionReportSchema,
} from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { resolveAckDeadlines } from '../alerts/deadlines.ts';
import { scheduleEscalationAfterCommit } from '../alerts/raise.ts';
import { audit, auditedClinicChange } from '../audit/audit.ts';
import { type Actor, mayActOnSecondOpinion, type SecondOpinionAction } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson, requireActor } from '../http/context.ts';
import { iso } from '../http/iso.ts';
import { conflict, forbidden, HttpProblem, invalidField, notFound } from '../http/problem.ts';
import { readQuery } from '../http/query.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { deadlineStatus, reportDeadline } from './deadline.ts';
import { snapshotSummary } from './snapshot.ts';
import {
  activeReviewer,
  appendAddendum,
  assignCase,
  attachStudies,
  type CaseRow,
  type CaseStudyRow,
  clinicClock,
  createCase,
  getCase,
  listActiveReviewers,
  listCases,
  notPatientsStudies,
  replaceStudies,
  setReportBusinessDays,
  storeReport,
  studiesOfCases,
  withdrawCase,
} from './store.ts';
import { type CaseSummary, deidentifySummary } from './summary.ts';

const statuses = ['requested', 'assigned', 'reported', 'withdrawn'] as const;

const studyIdsSchema = z
  .array(z.uuid('must be the id of one of your scans'))
  .max(20, 'attach at most 20 studies')
  .refine((ids) => new Set(ids).size === ids.length, 'each study once');

export const secondOpinionRequestSchema = z.strictObject({
  question: z
    .string()
    .trim()
    .min(10, 'tell the reviewer what you would like to know (at least 10 characters)')
    .max(4000),
  /** Default: the reviewer sees only de-identified data. */
  shareIdentity: z.boolean().default(false),
  /** The patient's own imaging studies to show the reviewer (GET /api/patients/:id/imaging). */
  studyIds: studyIdsSchema.default([]),
});
export const secondOpinionStudiesSchema = z.strictObject({ studyIds: studyIdsSchema });
export const secondOpinionQuerySchema = z.strictObject({ status: z.enum(statuses).optional() });
export const assignSecondOpinionSchema = z.strictObject({
  reviewerId: z.uuid('choose a reviewer'),
});
export const withdrawSecondOpinionSchema = z.strictObject({});
export const secondOpinionSettingsSchema = z.strictObject({
  reportBusinessDays: z
    .number()
    .int()
    .min(1, 'at least 1 business day')
    .max(20, 'at most 20 business days'),
});
export const addendumSchema = z.strictObject({
  text: safeText().trim().min(10, 'write at least 10 characters').max(2000),
});

/** Deny by default: the role must hold the action before anything is looked up. */
function authorizeAction(c: AppContext, action: SecondOpinionAction): Actor {
  const actor = requireActor(c);
  if (!mayActOnSecondOpinion(actor, action)) throw forbidden();
  return actor;
}

/** The case, if this actor may act on it; a case they may not see is simply not found. */
async function authorizeCase(c: AppContext, action: SecondOpinionAction) {
  const actor = authorizeAction(c, action);
  const caseId = pathId(c, 'caseId');
  const row = await getCase(c.get('deps').db, actor.clinicId, caseId);
  if (
    !row ||
    !mayActOnSecondOpinion(actor, action, {
      clinicId: actor.clinicId,
      patientId: row.patient_id,
      reviewerId: row.reviewer_id,
    })
  )
    throw notFound('This second opinion');
  return { actor, row };
}

function deadlineOf(row: CaseRow, now: Date) {
  if (!row.due_at || !row.due_on) return null;
  const active = row.status === 'assigned';
  const status = deadlineStatus(row.due_at, now);
  return {
    dueOn: row.due_on,
    dueAt: iso(row.due_at),
    overdue: active && status.overdue,
    msLeft: active ? status.msLeft : null,
  };
}

function reportView(row: CaseRow): SecondOpinionReportView | null {
  if (!row.report) return null;
  const report = row.report as SecondOpinionReport;
  const guidance = recommendationGuidance[report.recommendation];
  return {
    decompressionAdequate: report.decompressionAdequate,
    fusionForming: report.fusionForming,
    concerns: report.concerns,
    recommendation: report.recommendation,
    patientSummary: report.patientSummary,
    reportedAt: iso(row.reported_at),
    addenda: ((row.addenda ?? []) as { text: string; at: string }[]).map((a) => ({
      text: a.text,
      at: a.at,
    })),
    guidance: { meaning: guidance.meaning, doNow: guidance.doNow, urgent: guidance.urgent },
  };
}

/**
 * A scan as the case shows it. For a reviewer of a de-identified case: no date and no description
 * (free text from the scanner that often holds names or accession numbers); the interval to the
 * surgery instead, which the summary's days-since-surgery already implies.
 */
function studyView(
  study: CaseStudyRow,
  summary: CaseSummary,
  deidentified: boolean,
): CaseStudyView {
  const surgeryDate = summary.surgery?.surgeryDate;
  const daysFromSurgery =
    surgeryDate && study.study_date ? daysBetween(surgeryDate, study.study_date as IsoDate) : null;
  return {
    id: study.id,
    modality: study.modality,
    bodyPart: study.body_part,
    seriesCount: study.series_count,
    imageCount: study.image_count,
    daysFromSurgery,
    deidentified,
    ...(deidentified ? {} : { studyDate: study.study_date, description: study.description }),
  };
}

/** Patient, reviewer or staff: each sees the case shaped for them. */
function viewFor(
  actor: Actor,
  row: CaseRow,
  now: Date,
  studies: readonly CaseStudyRow[] = [],
): SecondOpinionCase {
  const summary = row.summary as CaseSummary;
  const hideIdentity = actor.role === 'reviewer' && !row.share_identity;
  const common = {
    id: row.id,
    status: row.status,
    question: row.question,
    shareIdentity: row.share_identity,
    deadline: deadlineOf(row, now),
    report: reportView(row),
    notice: secondOpinionNotice,
    studies: studies
      .filter((study) => study.case_id === row.id)
      .map((study) => studyView(study, summary, hideIdentity)),
  };
  if (actor.role === 'reviewer') {
    // No request date, no patient id: with days-since-surgery they would give the surgery date away.
    if (hideIdentity) return { ...common, summary: deidentifySummary(summary) };
    return {
      ...common,
      createdAt: iso(row.created_at),
      patient: { name: `${row.given_name} ${row.family_name}` },
      summary,
    };
  }
  const dated = {
    ...common,
    createdAt: iso(row.created_at),
    withdrawnAt: iso(row.withdrawn_at),
  };
  if (actor.role === 'patient') return dated;
  return {
    ...dated,
    patientId: row.patient_id,
    patient: { name: `${row.given_name} ${row.family_name}` },
    reviewer: row.reviewer_id ? { id: row.reviewer_id, name: row.reviewer_name ?? '' } : null,
    assignedAt: iso(row.assigned_at),
    alertId: row.alert_id,
    summary,
  };
}

/** One case shaped for this actor, with its scans. */
async function caseView(c: AppContext, actor: Actor, row: CaseRow, now: Date) {
  return viewFor(actor, row, now, await studiesOfCases(c.get('deps').db, actor.clinicId, [row.id]));
}

/** Each study must be the patient's own: another patient's (or a made-up id) is refused by name. */
async function requireOwnStudies(
  c: AppContext,
  clinicId: string,
  patientId: string,
  studyIds: readonly string[],
) {
  const foreign = await notPatientsStudies(c.get('deps').db, clinicId, patientId, studyIds);
  if (foreign.length > 0)
    throw new HttpProblem(
      400,
      'Invalid input',
      'One or more of these scans are not in your scans. Upload them on "My scans" first.',
      foreign.map((id) => ({
        field: `studyIds.${studyIds.indexOf(id)}`,
        message: 'is not one of your scans',
      })),
    );
}

async function caseAudit(
  c: AppContext,
  action: string,
  row: Pick<CaseRow, 'id' | 'patient_id'>,
  details?: Record<string, unknown>,
  db = c.get('deps').db,
) {
  await audit(
    c,
    {
      action,
      subjectType: 'second_opinion',
      subjectId: row.id,
      patientId: row.patient_id,
      ...(details ? { details } : {}),
    },
    db,
  );
}

/** Still open: a change refused because the report came first (or the patient withdrew). */
const closedCase = 'This second opinion already has its report or was withdrawn.';

/**
 * A change of a case in one transaction, audited only when it happened (the store answers
 * undefined when the case was no longer in a state to take it: then a 409 with `refusal`).
 */
async function changeCase<R>(
  c: AppContext,
  row: Pick<CaseRow, 'id' | 'patient_id'>,
  action: string,
  refusal: string,
  change: (trx: Kysely<Database>) => Promise<R | undefined>,
  details?: (result: R) => Record<string, unknown>,
): Promise<R> {
  const result = await c
    .get('deps')
    .db.transaction()
    .execute(async (trx) => {
      const done = await change(trx);
      if (done) await caseAudit(c, action, row, details?.(done), trx);
      return done;
    });
  if (!result) throw conflict(refusal);
  return result;
}

/** The case as it is after a change, shaped for this actor. */
async function currentCase(c: AppContext, actor: Actor, caseId: string, at: Date) {
  const row = await getCase(c.get('deps').db, actor.clinicId, caseId);
  if (!row) throw notFound('This second opinion');
  return caseView(c, actor, row, at);
}

async function request(c: AppContext) {
  const actor = authorizeAction(c, 'request');
  const patientId = actor.patientId;
  if (!patientId) throw forbidden();
  const input = await readJson(c, secondOpinionRequestSchema);
  await requireOwnStudies(c, actor.clinicId, patientId, input.studyIds);
  const { db, now } = c.get('deps');
  const at = now();
  const clinic = await clinicClock(db, actor.clinicId);
  const today = localDate(clinic.timezone, at) as IsoDate;
  const summary = await snapshotSummary(db, actor.clinicId, patientId, today, clinic.timezone);
  if (!summary) throw notFound('This patient');
  const caseId = await db.transaction().execute(async (trx) => {
    const id = await createCase(trx, {
      clinicId: actor.clinicId,
      patientId,
      question: input.question,
      shareIdentity: input.shareIdentity,
      summary,
      at,
    });
    await attachStudies(trx, actor.clinicId, id, input.studyIds);
    await caseAudit(
      c,
      'second_opinion.request',
      { id, patient_id: patientId },
      {
        shareIdentity: input.shareIdentity,
        studyIds: input.studyIds,
      },
      trx,
    );
    return id;
  });
  return c.json({ case: await currentCase(c, actor, caseId, at) }, 201);
}

async function list(c: AppContext) {
  const actor = authorizeAction(c, 'list');
  const { status } = readQuery(c, secondOpinionQuerySchema);
  const { db, now } = c.get('deps');
  if (actor.role === 'patient' && !actor.patientId) throw forbidden();
  const only =
    actor.role === 'patient' && actor.patientId
      ? { patientId: actor.patientId }
      : actor.role === 'reviewer'
        ? { reviewerId: actor.userId }
        : {};
  const rows = await listCases(db, actor.clinicId, { ...only, ...(status ? { status } : {}) });
  const at = now();
  const studies = await studiesOfCases(
    db,
    actor.clinicId,
    rows.map((row) => row.id),
  );
  await audit(c, {
    action: 'second_opinion.list',
    subjectType: 'second_opinion',
    patientId: actor.role === 'patient' ? actor.patientId : null,
    details: { count: rows.length, status: status ?? null },
  });
  // Lists leave the summary out; it is read case by case (and audited per patient there).
  return c.json({
    cases: rows.map((row) => {
      const { summary: _summary, ...view } = viewFor(actor, row, at, studies);
      return view;
    }),
  });
}

async function read(c: AppContext) {
  const { actor, row } = await authorizeCase(c, 'read');
  const { now } = c.get('deps');
  await caseAudit(c, 'second_opinion.read', row, {
    view: actor.role === 'reviewer' && !row.share_identity ? 'deidentified' : 'identified',
  });
  return c.json({ case: await caseView(c, actor, row, now()) });
}

async function assign(c: AppContext) {
  const { actor, row } = await authorizeCase(c, 'assign');
  const { reviewerId } = await readJson(c, assignSecondOpinionSchema);
  const { db, now } = c.get('deps');
  const reviewer = await activeReviewer(db, actor.clinicId, reviewerId);
  if (!reviewer)
    throw invalidField(
      'reviewerId',
      'must be an active independent reviewer of this clinic',
      'Choose an active reviewer of this clinic.',
    );
  const at = now();
  const clinic = await clinicClock(db, actor.clinicId);
  const deadline = reportDeadline(at, clinic.timezone, clinic.second_opinion_report_days);
  await changeCase(
    c,
    row,
    'second_opinion.assign',
    closedCase,
    (trx) =>
      assignCase(trx, {
        clinicId: actor.clinicId,
        caseId: row.id,
        reviewerId,
        assignedBy: actor.userId,
        at,
        dueOn: deadline.dueOn,
        dueAt: deadline.dueAt,
      }),
    (result) => ({ before: result.before, after: reviewerId, dueOn: deadline.dueOn }),
  );
  return c.json({ case: await currentCase(c, actor, row.id, at) });
}

/**
 * The patient hears that the report is ready, in the same transaction as the report. The email says
 * nothing about their health (email is not private enough); the report is read in the app. It is in
 * the patient's stored language (patients.language, issue 15).
 */
async function tellPatientReportIsReady(
  trx: Kysely<Database>,
  clinicId: string,
  patientId: string,
) {
  const patient = await trx
    .selectFrom('patients')
    .innerJoin('clinics', 'clinics.id', 'patients.clinic_id')
    .select(['patients.email', 'patients.language', 'clinics.name as clinicName'])
    .where('patients.clinic_id', '=', clinicId)
    .where('patients.id', '=', patientId)
    .executeTakeFirst();
  if (!patient?.email) return;
  await queueEmail(trx, {
    clinicId,
    to: patient.email,
    ...(patient.language === 'es'
      ? {
          subject: `${patient.clinicName}: su segunda opinión está lista`,
          body: 'El revisor independiente escribió el informe sobre su pregunta. Entre en Lamina y abra Segunda opinión para leerlo.',
        }
      : {
          subject: `${patient.clinicName}: your second opinion is ready`,
          body: 'The independent reviewer has written the report on your question. Sign in to Lamina and open Second opinion to read it.',
        }),
    kind: 'second_opinion_report',
  });
}

async function report(c: AppContext) {
  const { actor, row } = await authorizeCase(c, 'report');
  const input = await readJson(c, secondOpinionReportSchema);
  const fusion = (row.summary as CaseSummary).surgery?.fusion ?? false;
  const problem = fusionAnswerProblem(input.fusionForming, fusion);
  if (problem) throw invalidField('fusionForming', problem, problem);
  if (row.status !== 'assigned') throw conflict('This second opinion already has its report.');
  const { db, now } = c.get('deps');
  const at = now();
  const clinic = await clinicClock(db, actor.clinicId);
  const stored = await changeCase(
    c,
    row,
    'second_opinion.report',
    'This second opinion already has its report.',
    async (trx) => {
      const result = await storeReport(trx, {
        clinicId: actor.clinicId,
        caseId: row.id,
        patientId: row.patient_id,
        reviewerId: actor.userId,
        report: input,
        at,
        timeZone: clinic.timezone,
        ackDeadlines: resolveAckDeadlines(clinic.ack_deadlines),
      });
      if (result) await tellPatientReportIsReady(trx, actor.clinicId, row.patient_id);
      return result;
    },
    (result) => ({ recommendation: input.recommendation, alertId: result.alert?.id ?? null }),
  );
  await scheduleEscalationAfterCommit(c, stored.alert);
  const alert = stored.alert && { id: stored.alert.id, deadlineAt: iso(stored.alert.deadlineAt) };
  return c.json({ case: await currentCase(c, actor, row.id, at), alert }, 201);
}

async function addendum(c: AppContext) {
  const { actor, row } = await authorizeCase(c, 'report');
  const { text } = await readJson(c, addendumSchema);
  const { now } = c.get('deps');
  const at = now();
  await changeCase(
    c,
    row,
    'second_opinion.addendum',
    'Submit the report first; an addendum corrects a submitted report.',
    (trx) =>
      appendAddendum(trx, {
        clinicId: actor.clinicId,
        caseId: row.id,
        reviewerId: actor.userId,
        text,
        at,
      }),
  );
  return c.json({ case: await currentCase(c, actor, row.id, at) }, 201);
}

async function withdraw(c: AppContext) {
  const { actor, row } = await authorizeCase(c, 'withdraw');
  await readJson(c, withdrawSecondOpinionSchema);
  const { now } = c.get('deps');
  const at = now();
  await changeCase(c, row, 'second_opinion.withdraw', closedCase, (trx) =>
    withdrawCase(trx, actor.clinicId, row.id, at),
  );
  return c.json({ case: await currentCase(c, actor, row.id, at) });
}

/** The patient changes which of their scans go with the question, until the report (asking includes the scans). */
async function setStudies(c: AppContext) {
  const { actor, row } = await authorizeCase(c, 'request');
  const { studyIds } = await readJson(c, secondOpinionStudiesSchema);
  await requireOwnStudies(c, actor.clinicId, row.patient_id, studyIds);
  const { now } = c.get('deps');
  await changeCase(
    c,
    row,
    'second_opinion.studies',
    closedCase,
    (trx) => replaceStudies(trx, actor.clinicId, row.id, studyIds),
    (result) => result,
  );
  return c.json({ case: await currentCase(c, actor, row.id, now()) });
}

async function readSettings(c: AppContext) {
  const actor = authorizeAction(c, 'assign');
  const clinic = await clinicClock(c.get('deps').db, actor.clinicId);
  return c.json({ reportBusinessDays: clinic.second_opinion_report_days });
}

async function writeSettings(c: AppContext) {
  const actor = authorizeAction(c, 'assign');
  const { reportBusinessDays } = await readJson(c, secondOpinionSettingsSchema);
  await auditedClinicChange(c, actor.clinicId, 'second_opinion.settings', async (trx) => {
    const before = await setReportBusinessDays(trx, actor.clinicId, reportBusinessDays);
    return { before, after: reportBusinessDays };
  });
  return c.json({ reportBusinessDays });
}

async function reviewers(c: AppContext) {
  const actor = authorizeAction(c, 'assign');
  const rows = await listActiveReviewers(c.get('deps').db, actor.clinicId);
  return c.json({ reviewers: rows.map((row) => ({ id: row.id, displayName: row.displayName })) });
}

export const secondOpinions = documentedRoutes([
  {
    method: 'post',
    path: '/api/second-opinions',
    summary:
      'Ask an independent reviewer a question (seed:000). Lamina adds a snapshot of the surgery, plan, check-ins and PROMs; by default the reviewer sees it de-identified',
    access: 'the patient (their own record)',
    body: secondOpinionRequestSchema,
    success: { status: 201, description: 'Asked; waits for an admin to assign a reviewer.' },
    response: secondOpinionCaseAnswerDto,
    audit: { actions: ['second_opinion.request'] },
    handler: request,
  },
  {
    method: 'get',
    path: '/api/second-opinions',
    summary:
      'Second opinions, newest first, with their report deadlines: a patient’s own, a reviewer’s assigned cases, or all of the clinic for staff',
    access: 'patients (own), reviewers (assigned to them), care managers, clinicians and admins',
    query: secondOpinionQuerySchema,
    response: secondOpinionListDto,
    audit: { actions: ['second_opinion.list'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/second-opinion-reviewers',
    summary: 'The clinic’s active independent reviewers, to assign a second opinion to',
    access: callers.admins,
    response: secondOpinionReviewerListDto,
    audit: 'none',
    handler: reviewers,
  },
  {
    method: 'get',
    path: '/api/second-opinion-settings',
    summary: 'How many business days a reviewer has for the report (default 5)',
    access: callers.admins,
    response: secondOpinionSettingsDto,
    audit: 'none',
    handler: readSettings,
  },
  {
    method: 'put',
    path: '/api/second-opinion-settings',
    summary:
      'Set the business days a reviewer has for the report (1–20); applies to assignments from now on',
    access: callers.admins,
    body: secondOpinionSettingsSchema,
    response: secondOpinionSettingsDto,
    audit: { actions: ['second_opinion.settings'] },
    handler: writeSettings,
  },
  {
    method: 'get',
    path: '/api/second-opinions/:caseId',
    summary:
      'One second opinion with its summary and report; a reviewer gets the de-identified summary unless the patient chose to share who they are',
    access: 'the patient (own), the assigned reviewer, care managers, clinicians and admins',
    response: secondOpinionCaseAnswerDto,
    audit: { actions: ['second_opinion.read'] },
    handler: read,
  },
  {
    method: 'post',
    path: '/api/second-opinions/:caseId/assign',
    summary:
      'Assign (or reassign) an active reviewer of the clinic; the report is due the clinic’s number of business days later (default 5, clinic time zone)',
    access: callers.admins,
    body: assignSecondOpinionSchema,
    response: secondOpinionCaseAnswerDto,
    audit: { actions: ['second_opinion.assign'] },
    handler: assign,
  },
  {
    method: 'post',
    path: '/api/second-opinions/:caseId/report',
    summary:
      'The reviewer’s structured report, once. The fusion question is answered only when the surgery included a fusion; urgent care raises an alert for the care team',
    access: 'the assigned reviewer',
    body: secondOpinionReportSchema,
    success: { status: 201, description: 'Reported; the patient can read it.' },
    response: secondOpinionReportedDto,
    audit: { actions: ['second_opinion.report'] },
    handler: report,
  },
  {
    method: 'post',
    path: '/api/second-opinions/:caseId/addendum',
    summary:
      'A correction to a submitted report, appended (the report itself stays as it was); the patient reads it with the report',
    access: 'the assigned reviewer',
    body: addendumSchema,
    success: { status: 201, description: 'Appended.' },
    response: secondOpinionCaseAnswerDto,
    audit: { actions: ['second_opinion.addendum'] },
    handler: addendum,
  },
  {
    method: 'put',
    path: '/api/second-opinions/:caseId/studies',
    summary:
      'Choose which of the patient’s own scans go with the question (adds and removes), until the report',
    access: 'the patient (own)',
    body: secondOpinionStudiesSchema,
    response: secondOpinionCaseAnswerDto,
    audit: { actions: ['second_opinion.studies'] },
    handler: setStudies,
  },
  {
    method: 'post',
    path: '/api/second-opinions/:caseId/withdraw',
    summary: 'Withdraw a question before its report',
    access: 'the patient (own)',
    body: withdrawSecondOpinionSchema,
    response: secondOpinionCaseAnswerDto,
    audit: { actions: ['second_opinion.withdraw'] },
    handler: withdraw,
  },
]);
