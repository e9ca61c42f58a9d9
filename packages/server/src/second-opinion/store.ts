import { randomUUID } from 'node:crypto';
import {
  recommendationGuidance,
  type SecondOpinionReport,
  urgentCareClinicianSummary,
} from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import type { AckDeadlines } from '../alerts/deadlines.ts';
import { newAlert, raiseAlert } from '../alerts/raise.ts';
import { onClinicRef } from '../db/joins.ts';
import type { Database, SecondOpinionStatus } from '../db/schema.ts';
import type { CaseSummary } from './summary.ts';

/** All SQL about virtual second opinions. */

export interface CaseRow {
  id: string;
  patient_id: string;
  question: string;
  share_identity: boolean;
  summary: unknown;
  status: SecondOpinionStatus;
  created_at: Date;
  reviewer_id: string | null;
  reviewer_name: string | null;
  assigned_at: Date | null;
  due_on: string | null;
  due_at: Date | null;
  report: unknown;
  reported_at: Date | null;
  addenda: unknown;
  withdrawn_at: Date | null;
  alert_id: string | null;
  given_name: string;
  family_name: string;
}

function casesQuery(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('second_opinions as o')
    .innerJoin('patients as p', (join) => onClinicRef(join, 'p.id', 'o.patient_id'))
    .leftJoin('users as r', (join) => onClinicRef(join, 'r.id', 'o.reviewer_id'))
    .select([
      'o.id',
      'o.patient_id',
      'o.question',
      'o.share_identity',
      'o.summary',
      'o.status',
      'o.created_at',
      'o.reviewer_id',
      'r.display_name as reviewer_name',
      'o.assigned_at',
      'o.due_on',
      'o.due_at',
      'o.report',
      'o.reported_at',
      'o.addenda',
      'o.withdrawn_at',
      'o.alert_id',
      'p.given_name',
      'p.family_name',
    ])
    .where('o.clinic_id', '=', clinicId);
}

export async function createCase(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    patientId: string;
    question: string;
    shareIdentity: boolean;
    summary: CaseSummary;
    at: Date;
  },
) {
  const id = randomUUID();
  await db
    .insertInto('second_opinions')
    .values({
      clinic_id: input.clinicId,
      id,
      patient_id: input.patientId,
      question: input.question,
      share_identity: input.shareIdentity,
      summary: JSON.stringify(input.summary),
      created_at: input.at,
      reviewer_id: null,
      assigned_by: null,
      assigned_at: null,
      due_on: null,
      due_at: null,
      reported_at: null,
      withdrawn_at: null,
      alert_id: null,
    })
    .execute();
  return id;
}

export async function getCase(
  db: Kysely<Database>,
  clinicId: string,
  caseId: string,
): Promise<CaseRow | undefined> {
  return casesQuery(db, clinicId).where('o.id', '=', caseId).executeTakeFirst();
}

/** Newest first; a patient sees their own, a reviewer those assigned to them, staff all. */
export async function listCases(
  db: Kysely<Database>,
  clinicId: string,
  only: { patientId?: string; reviewerId?: string; status?: SecondOpinionStatus } = {},
  limit = 500,
): Promise<CaseRow[]> {
  let query = casesQuery(db, clinicId);
  if (only.patientId) query = query.where('o.patient_id', '=', only.patientId);
  if (only.reviewerId) query = query.where('o.reviewer_id', '=', only.reviewerId);
  if (only.status) query = query.where('o.status', '=', only.status);
  return query.orderBy('o.created_at', 'desc').orderBy('o.id').limit(limit).execute();
}

/** The clinic's reviewers whose accounts are not disabled. */
function activeReviewers(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('users')
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'reviewer')
    .where('disabled_at', 'is', null);
}

/** An active reviewer of this clinic, or undefined. */
export async function activeReviewer(db: Kysely<Database>, clinicId: string, userId: string) {
  return activeReviewers(db, clinicId)
    .select(['id', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function listActiveReviewers(db: Kysely<Database>, clinicId: string) {
  return activeReviewers(db, clinicId)
    .select(['id', 'display_name as displayName'])
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

/**
 * Locks a case still waiting for its report (requested or assigned) until the transaction ends, so
 * a report or withdrawal racing the caller waits; undefined when it is closed or not this clinic's.
 */
async function lockOpenCase(db: Kysely<Database>, clinicId: string, caseId: string) {
  const row = await db
    .selectFrom('second_opinions')
    .select(['reviewer_id', 'status'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  return row && (row.status === 'requested' || row.status === 'assigned') ? row : undefined;
}

/**
 * Assigns (or reassigns) a case still waiting for its report. Conditional on the status, so a
 * report or a withdrawal racing this cannot be overwritten. Returns the reviewer before, or
 * undefined when the case was no longer open.
 */
export async function assignCase(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    caseId: string;
    reviewerId: string;
    assignedBy: string;
    at: Date;
    dueOn: string;
    dueAt: Date;
  },
): Promise<{ before: string | null } | undefined> {
  const before = await lockOpenCase(db, input.clinicId, input.caseId);
  if (!before) return undefined;
  await db
    .updateTable('second_opinions')
    .set({
      status: 'assigned',
      reviewer_id: input.reviewerId,
      assigned_by: input.assignedBy,
      assigned_at: input.at,
      due_on: input.dueOn,
      due_at: input.dueAt,
    })
    .where('clinic_id', '=', input.clinicId)
    .where('id', '=', input.caseId)
    .execute();
  return { before: before.reviewer_id };
}

/**
 * Stores the report once (only while the case is assigned to this reviewer); urgent care also
 * raises an alert for the care team in the same transaction. Returns undefined when the case was
 * already reported, withdrawn or reassigned.
 */
export async function storeReport(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    caseId: string;
    patientId: string;
    reviewerId: string;
    report: SecondOpinionReport;
    at: Date;
    timeZone: string;
    ackDeadlines: AckDeadlines;
  },
): Promise<{ alert: { id: string; deadlineAt: Date } | null } | undefined> {
  const updated = await db
    .updateTable('second_opinions')
    .set({ status: 'reported', report: JSON.stringify(input.report), reported_at: input.at })
    .where('clinic_id', '=', input.clinicId)
    .where('id', '=', input.caseId)
    .where('status', '=', 'assigned')
    .where('reviewer_id', '=', input.reviewerId)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return undefined;
  if (!recommendationGuidance[input.report.recommendation].urgent) return { alert: null };
  const guidance = recommendationGuidance.urgent_care;
  const finding = {
    ruleId: 'second-opinion.urgent-care',
    level: 'urgent',
    instruction: guidance.doNow,
    clinicianSummary: urgentCareClinicianSummary,
    sources: guidance.doNow.sources,
    offTrack: false,
  };
  const alert = await raiseAlert(
    db,
    newAlert({
      clinicId: input.clinicId,
      patientId: input.patientId,
      level: 'urgent',
      findings: [finding],
      at: input.at,
      timeZone: input.timeZone,
      ackDeadlines: input.ackDeadlines,
    }),
    {
      actorId: input.reviewerId,
      note: `Second opinion ${input.caseId}: the reviewer recommends urgent care`,
    },
  );
  await db
    .updateTable('second_opinions')
    .set({ alert_id: alert.id })
    .where('clinic_id', '=', input.clinicId)
    .where('id', '=', input.caseId)
    .execute();
  return { alert };
}

/** Appends a correction to a reported case of this reviewer; undefined when there is no report yet. */
export async function appendAddendum(
  db: Kysely<Database>,
  input: { clinicId: string; caseId: string; reviewerId: string; text: string; at: Date },
) {
  return db
    .updateTable('second_opinions')
    .set({
      addenda: sql<string>`addenda || ${JSON.stringify([{ text: input.text, at: input.at.toISOString() }])}::jsonb`,
    })
    .where('clinic_id', '=', input.clinicId)
    .where('id', '=', input.caseId)
    .where('status', '=', 'reported')
    .where('reviewer_id', '=', input.reviewerId)
    .returning('id')
    .executeTakeFirst();
}

/** Withdraws a case that has no report yet; undefined when it already has one (or was withdrawn). */
export async function withdrawCase(
  db: Kysely<Database>,
  clinicId: string,
  caseId: string,
  at: Date,
) {
  return db
    .updateTable('second_opinions')
    .set({ status: 'withdrawn', withdrawn_at: at })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', caseId)
    .where('status', 'in', ['requested', 'assigned'])
    .returning('id')
    .executeTakeFirst();
}

/** Links imaging studies to a case (the imaging feature owns the studies; ids only here). */
export async function attachStudies(
  db: Kysely<Database>,
  clinicId: string,
  caseId: string,
  studyIds: readonly string[],
) {
  if (studyIds.length === 0) return;
  await db
    .insertInto('second_opinion_studies')
    .values(
      studyIds.map((studyId) => ({ clinic_id: clinicId, case_id: caseId, study_id: studyId })),
    )
    .onConflict((oc) => oc.columns(['clinic_id', 'case_id', 'study_id']).doNothing())
    .execute();
}

export async function caseStudyIds(db: Kysely<Database>, clinicId: string, caseId: string) {
  const rows = await db
    .selectFrom('second_opinion_studies')
    .select('study_id')
    .where('clinic_id', '=', clinicId)
    .where('case_id', '=', caseId)
    .orderBy('attached_at')
    .execute();
  return rows.map((row) => row.study_id);
}

/** The surgery's surgeon's name, for the identified summary; null when none is recorded. */
export async function surgeonName(db: Kysely<Database>, clinicId: string, surgeryId: string) {
  const row = await db
    .selectFrom('surgeries as s')
    .innerJoin('users as u', (join) => onClinicRef(join, 'u.id', 's.surgeon_id'))
    .select('u.display_name')
    .where('s.clinic_id', '=', clinicId)
    .where('s.id', '=', surgeryId)
    .executeTakeFirst();
  return row?.display_name ?? null;
}

export async function clinicClock(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('clinics')
    .select(['timezone', 'ack_deadlines', 'second_opinion_report_days'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
}

export async function setReportBusinessDays(db: Kysely<Database>, clinicId: string, days: number) {
  const before = await db
    .selectFrom('clinics')
    .select('second_opinion_report_days')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('clinics')
    .set({ second_opinion_report_days: days })
    .where('id', '=', clinicId)
    .execute();
  return before.second_opinion_report_days;
}

/** Which of these study ids are not this patient's own studies (each must be, to be attached). */
export async function notPatientsStudies(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  studyIds: readonly string[],
): Promise<string[]> {
  if (studyIds.length === 0) return [];
  const own = await db
    .selectFrom('imaging_studies')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('id', 'in', studyIds)
    .execute();
  const found = new Set(own.map((row) => row.id));
  return studyIds.filter((id) => !found.has(id));
}

/**
 * Makes the case's scans exactly these (adds and removes), only while it has no report. Locks the
 * case row so a report racing this sees either the old or the new set. Undefined when closed.
 */
export async function replaceStudies(
  db: Kysely<Database>,
  clinicId: string,
  caseId: string,
  studyIds: readonly string[],
): Promise<{ added: string[]; removed: string[] } | undefined> {
  if (!(await lockOpenCase(db, clinicId, caseId))) return undefined;
  const before = await caseStudyIds(db, clinicId, caseId);
  const removed = before.filter((id) => !studyIds.includes(id));
  const added = studyIds.filter((id) => !before.includes(id));
  if (removed.length > 0)
    await db
      .deleteFrom('second_opinion_studies')
      .where('clinic_id', '=', clinicId)
      .where('case_id', '=', caseId)
      .where('study_id', 'in', removed)
      .execute();
  await attachStudies(db, clinicId, caseId, added);
  return { added, removed };
}

export interface CaseStudyRow {
  case_id: string;
  id: string;
  modality: string | null;
  body_part: string | null;
  study_date: string | null;
  description: string | null;
  series_count: number;
  image_count: number;
}

/** The studies attached to these cases, with series and image counts counted from the files. */
export async function studiesOfCases(
  db: Kysely<Database>,
  clinicId: string,
  caseIds: readonly string[],
): Promise<CaseStudyRow[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('second_opinion_studies as a')
    .innerJoin('imaging_studies as s', (join) => onClinicRef(join, 's.id', 'a.study_id'))
    .leftJoin('imaging_files as f', (join) => onClinicRef(join, 'f.study_id', 's.id'))
    .select([
      'a.case_id',
      's.id',
      's.modality',
      's.body_part',
      's.study_date',
      's.description',
      sql<number>`count(distinct f.series_instance_uid)`.as('series_count'),
      sql<number>`count(f.id)`.as('image_count'),
    ])
    .where('a.clinic_id', '=', clinicId)
    .where('a.case_id', 'in', caseIds)
    .groupBy([
      'a.case_id',
      'a.attached_at',
      's.id',
      's.modality',
      's.body_part',
      's.study_date',
      's.description',
    ])
    .orderBy('a.attached_at')
    .orderBy('s.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    series_count: Number(row.series_count),
    image_count: Number(row.image_count),
  }));
}

/**
 * What a reviewer may see of a study: only through a case assigned to them (waiting for or with
 * their report) that has the study attached. `identified` when at least one such case's patient
 * chose to share who they are; otherwise only de-identified copies. Undefined: no such case.
 */
export async function reviewerStudyAccess(
  db: Kysely<Database>,
  clinicId: string,
  reviewerId: string,
  studyId: string,
): Promise<{ identified: boolean } | undefined> {
  const rows = await db
    .selectFrom('second_opinion_studies as a')
    .innerJoin('second_opinions as o', (join) => onClinicRef(join, 'o.id', 'a.case_id'))
    .select('o.share_identity')
    .where('a.clinic_id', '=', clinicId)
    .where('a.study_id', '=', studyId)
    .where('o.reviewer_id', '=', reviewerId)
    .where('o.status', 'in', ['assigned', 'reported'])
    .execute();
  if (rows.length === 0) return undefined;
  return { identified: rows.some((row) => row.share_identity) };
}
