import { randomUUID } from 'node:crypto';
import type { RequestNote, StaffRequest } from '@lamina/contract';
import type { RedFlagMatch } from '@lamina/pathway';
import { type ClinicHours, clinicHoursSchema, defaultClinicHours } from '@lamina/pathway';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { InsuranceOutcome, Language, RequestKind, RequestStatus } from './schemas.ts';

/** All SQL about intake requests, their notes, clinic hours and the on-call care manager. */

export interface ClinicContact {
  id: string;
  slug: string;
  name: string;
  phone: string | null;
  emergencyNumber: string;
  timeZone: string;
  hours: ClinicHours;
}

function toClinicContact(row: {
  id: string;
  slug: string;
  name: string;
  phone: string | null;
  emergency_number: string;
  timezone: string;
  opening_hours: unknown;
}): ClinicContact {
  const hours = clinicHoursSchema.safeParse(row.opening_hours);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    phone: row.phone,
    emergencyNumber: row.emergency_number,
    timeZone: row.timezone,
    hours: hours.success ? hours.data : defaultClinicHours,
  };
}

const clinicColumns = [
  'id',
  'slug',
  'name',
  'phone',
  'emergency_number',
  'timezone',
  'opening_hours',
] as const;

async function findClinicContact(db: Kysely<Database>, by: 'id' | 'slug', value: string) {
  const row = await db
    .selectFrom('clinics')
    .select(clinicColumns)
    .where(by, '=', value)
    .executeTakeFirst();
  return row ? toClinicContact(row) : undefined;
}

export const clinicContactBySlug = (db: Kysely<Database>, slug: string) =>
  findClinicContact(db, 'slug', slug);

/** The signed-in actor's own clinic: it exists. */
export async function clinicContact(db: Kysely<Database>, clinicId: string) {
  const clinic = await findClinicContact(db, 'id', clinicId);
  if (!clinic) throw new Error(`No clinic ${clinicId}`);
  return clinic;
}

export async function setClinicHours(db: Kysely<Database>, clinicId: string, hours: ClinicHours) {
  await db
    .updateTable('clinics')
    .set({ opening_hours: JSON.stringify(hours) })
    .where('id', '=', clinicId)
    .execute();
}

export async function readAssessment(db: Kysely<Database>, clinicId: string, assessmentId: string) {
  return db
    .selectFrom('candidacy_assessments')
    .select(['answers', 'result'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', assessmentId)
    .executeTakeFirst();
}

/** The first active care manager on the clinic's on-call list, or undefined (then: the team). */
export async function onCallCareManager(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('on_call as o')
    .innerJoin('users as u', (join) =>
      join.onRef('u.clinic_id', '=', 'o.clinic_id').onRef('u.id', '=', 'o.user_id'),
    )
    .select(['u.id', 'u.email', 'u.display_name as name'])
    .where('o.clinic_id', '=', clinicId)
    .where('u.role', '=', 'care_manager')
    .where('u.disabled_at', 'is', null)
    .orderBy('o.position')
    .limit(1)
    .executeTakeFirst();
}

export async function patientContact(db: Kysely<Database>, clinicId: string, patientId: string) {
  return db
    .selectFrom('patients')
    .select(['given_name', 'family_name', 'email', 'phone', 'language'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .executeTakeFirst();
}

export interface NewRequest {
  clinicId: string;
  kind: RequestKind;
  patientId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  language: Language;
  region: 'lumbar' | 'cervical' | null;
  symptoms: string | null;
  assessmentId: string | null;
  details: Record<string, unknown>;
  redFlags: readonly unknown[];
  urgent: boolean;
  assignedTo: string | null;
  tokenHash: string;
  tokenExpiresAt: Date;
  at: Date;
}

export async function insertRequest(db: Kysely<Database>, input: NewRequest): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('intake_requests')
    .values({
      clinic_id: input.clinicId,
      id,
      kind: input.kind,
      patient_id: input.patientId,
      contact_name: input.name,
      contact_email: input.email,
      contact_phone: input.phone,
      language: input.language,
      consented_at: input.at,
      region: input.region,
      symptoms: input.symptoms,
      assessment_id: input.assessmentId,
      details: JSON.stringify(input.details),
      red_flags: JSON.stringify(input.redFlags),
      urgent: input.urgent,
      assigned_to: input.assignedTo,
      first_response_at: null,
      insurance_outcome: null,
      outcome_message: null,
      outcome_at: null,
      token_hash: input.tokenHash,
      token_expires_at: input.tokenExpiresAt,
      created_at: input.at,
      updated_at: input.at,
    })
    .execute();
  return id;
}

/** When the free MRI/CT review result was written (a subquery: the queue's order stays as it was). */
const reviewWrittenAt = (
  eb: ExpressionBuilder<Database & { r: Database['intake_requests'] }, 'r'>,
) =>
  eb
    .selectFrom('imaging_review_results as rr')
    .select('rr.created_at')
    .whereRef('rr.clinic_id', '=', 'r.clinic_id')
    .whereRef('rr.request_id', '=', 'r.id')
    .as('review_written_at');

/** A clinic's requests with the assignee's name and when the review result was written. */
function requestsQuery(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('intake_requests as r')
    .leftJoin('users as u', (join) =>
      join.onRef('u.clinic_id', '=', 'r.clinic_id').onRef('u.id', '=', 'r.assigned_to'),
    )
    .selectAll('r')
    .select('u.display_name as assignee_name')
    .select(reviewWrittenAt)
    .where('r.clinic_id', '=', clinicId);
}

export async function getRequest(db: Kysely<Database>, clinicId: string, requestId: string) {
  return requestsQuery(db, clinicId).where('r.id', '=', requestId).executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

const iso = (at: Date | string) => new Date(at).toISOString();
const isoOrNull = (at: Date | string | null) => (at === null ? null : iso(at));

/** What staff see of a request: never the token hash. */
export function staffView(row: RequestRow): StaffRequest {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    urgent: row.urgent,
    redFlags: (row.red_flags as RedFlagMatch[]).map(({ id, concern, level, matched }) => ({
      id,
      concern,
      level,
      matched: [...matched],
    })),
    patientId: row.patient_id,
    contact: {
      name: row.contact_name,
      email: row.contact_email,
      phone: row.contact_phone,
      language: row.language,
    },
    consentedAt: iso(row.consented_at),
    region: row.region,
    symptoms: row.symptoms,
    assessmentId: row.assessment_id,
    details: row.details as Record<string, unknown>,
    assignee: row.assigned_to ? { id: row.assigned_to, name: row.assignee_name ?? '' } : null,
    createdAt: iso(row.created_at),
    firstResponseAt: isoOrNull(row.first_response_at),
    minutesToFirstResponse:
      row.first_response_at === null
        ? null
        : Math.round((row.first_response_at.getTime() - row.created_at.getTime()) / 60_000),
    insuranceOutcome: outcomeView(row),
    /** When a clinician wrote the free MRI/CT review result (null: not yet, or another kind). */
    reviewWrittenAt: isoOrNull(row.review_written_at ?? null),
  };
}

type OutcomeColumns = Pick<RequestRow, 'insurance_outcome' | 'outcome_message' | 'outcome_at'>;

export function outcomeView(row: OutcomeColumns) {
  return row.insurance_outcome === null || row.outcome_at === null
    ? null
    : { outcome: row.insurance_outcome, message: row.outcome_message, at: iso(row.outcome_at) };
}

/** The info kit a request asked for (null for another kind): region, procedure, language. */
export function infoKitView(row: Pick<RequestRow, 'kind' | 'details' | 'language'>) {
  if (row.kind !== 'info_kit') return null;
  const details = row.details as { region: string; procedure: string };
  return { region: details.region, procedure: details.procedure, language: row.language };
}

export async function listRequests(
  db: Kysely<Database>,
  clinicId: string,
  filters: { status?: RequestStatus; kind?: RequestKind; assignee?: string },
  limit = 500,
) {
  let query = requestsQuery(db, clinicId);
  if (filters.status) query = query.where('r.status', '=', filters.status);
  if (filters.kind) query = query.where('r.kind', '=', filters.kind);
  if (filters.assignee === 'nobody') query = query.where('r.assigned_to', 'is', null);
  else if (filters.assignee) query = query.where('r.assigned_to', '=', filters.assignee);
  // Open before finished, urgent (red flags) on top, then the longest waiting.
  const rows = await query
    .orderBy(sql`case when r.status in ('new', 'in_progress') then 0 else 1 end`)
    .orderBy('r.urgent', 'desc')
    .orderBy('r.created_at', 'asc')
    .limit(limit)
    .execute();
  return rows.map(staffView);
}

export async function listPatientRequests(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
) {
  const rows = await db
    .selectFrom('intake_requests')
    .select([
      'id',
      'kind',
      'status',
      'language',
      'created_at',
      'insurance_outcome',
      'outcome_message',
      'outcome_at',
      'details',
    ])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows;
}

/** What the requester sees of their request (status page, patient app); the result comes with it. */
export function requesterRequestView(
  row: Pick<
    RequestRow,
    | 'id'
    | 'kind'
    | 'status'
    | 'language'
    | 'created_at'
    | 'insurance_outcome'
    | 'outcome_message'
    | 'outcome_at'
    | 'details'
  >,
) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    language: row.language,
    createdAt: iso(row.created_at),
    insuranceOutcome: outcomeView(row),
    infoKit: infoKitView(row),
  };
}

export async function listNotes(db: Kysely<Database>, clinicId: string, requestId: string) {
  const rows = await db
    .selectFrom('intake_request_notes as n')
    .innerJoin('users as u', (join) =>
      join.onRef('u.clinic_id', '=', 'n.clinic_id').onRef('u.id', '=', 'n.author_id'),
    )
    .select(['n.id', 'n.body', 'n.at', 'n.author_id', 'u.display_name'])
    .where('n.clinic_id', '=', clinicId)
    .where('n.request_id', '=', requestId)
    .orderBy('n.at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    body: row.body,
    at: iso(row.at),
    author: { id: row.author_id, name: row.display_name },
  })) satisfies RequestNote[];
}

/** Locks the request row for a staff change; undefined when there is no such request. */
export async function lockRequest(db: Kysely<Database>, clinicId: string, requestId: string) {
  return db
    .selectFrom('intake_requests')
    .select(['status', 'assigned_to', 'kind', 'first_response_at'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

/** A staff action on the request: the first one sets the time of first response. */
export async function touchByStaff(
  db: Kysely<Database>,
  clinicId: string,
  requestId: string,
  at: Date,
  changes: {
    status?: RequestStatus;
    assignedTo?: string | null;
    outcome?: { outcome: InsuranceOutcome; message: string };
  } = {},
  countsAsResponse = true,
) {
  await db
    .updateTable('intake_requests')
    .set({
      updated_at: at,
      ...(countsAsResponse
        ? { first_response_at: sql<Date>`coalesce(first_response_at, ${at})` }
        : {}),
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.assignedTo === undefined ? {} : { assigned_to: changes.assignedTo }),
      ...(changes.outcome === undefined
        ? {}
        : {
            insurance_outcome: changes.outcome.outcome,
            outcome_message: changes.outcome.message,
            outcome_at: at,
          }),
    })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', requestId)
    .execute();
}

export async function insertNote(
  db: Kysely<Database>,
  input: { clinicId: string; requestId: string; authorId: string; body: string; at: Date },
) {
  const id = randomUUID();
  await db
    .insertInto('intake_request_notes')
    .values({
      clinic_id: input.clinicId,
      id,
      request_id: input.requestId,
      author_id: input.authorId,
      body: input.body,
      at: input.at,
    })
    .execute();
  return id;
}
