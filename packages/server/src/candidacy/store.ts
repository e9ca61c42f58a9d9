import { randomUUID } from 'node:crypto';
import type { CandidacyAnswers, CandidacyResult } from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import { onClinicRef } from '../db/joins.ts';
import type { Database } from '../db/schema.ts';

/** All SQL about public candidacy checks and the leads they create. */

export type LeadStatus = 'new' | 'contacted' | 'closed';

export async function clinicBySlug(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function storeAssessment(
  db: Kysely<Database>,
  input: { clinicId: string; answers: CandidacyAnswers; result: CandidacyResult; at: Date },
) {
  const id = randomUUID();
  await db
    .insertInto('candidacy_assessments')
    .values({
      clinic_id: input.clinicId,
      id,
      answers: JSON.stringify(input.answers),
      result: JSON.stringify(input.result),
      created_at: input.at,
    })
    .execute();
  return id;
}

export async function storeLead(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    assessmentId: string;
    name: string;
    email: string | null;
    phone: string | null;
    at: Date;
  },
) {
  const id = randomUUID();
  await db
    .insertInto('candidacy_leads')
    .values({
      clinic_id: input.clinicId,
      id,
      assessment_id: input.assessmentId,
      name: input.name,
      email: input.email,
      phone: input.phone,
      consented_at: input.at,
      created_at: input.at,
    })
    .execute();
  return id;
}

export async function listLeads(
  db: Kysely<Database>,
  clinicId: string,
  status: LeadStatus | undefined,
  limit = 500,
) {
  let query = db
    .selectFrom('candidacy_leads as l')
    .innerJoin('candidacy_assessments as a', (join) => onClinicRef(join, 'a.id', 'l.assessment_id'))
    .leftJoin('users as u', (join) => onClinicRef(join, 'u.id', 'l.assigned_to'))
    .select([
      'l.id',
      'l.name',
      'l.email',
      'l.phone',
      'l.status',
      'l.created_at',
      'l.assessment_id',
      sql<string>`a.result->>'category'`.as('category'),
      sql<string>`a.result->>'region'`.as('region'),
      'l.assigned_to',
      'u.display_name as assignee_name',
    ])
    .where('l.clinic_id', '=', clinicId);
  if (status) query = query.where('l.status', '=', status);
  const rows = await query.orderBy('l.created_at', 'desc').limit(limit).execute();
  return rows.map(({ assigned_to, assignee_name, ...lead }) => ({
    ...lead,
    assignee: assigned_to ? { id: assigned_to, name: assignee_name ?? '' } : null,
  }));
}

/** The lead's status and assignee, locked for a change (undefined: no such lead). */
const lockLead = (db: Kysely<Database>, clinicId: string, leadId: string) =>
  db
    .selectFrom('candidacy_leads')
    .select(['status', 'assigned_to'])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', leadId)
    .forUpdate()
    .executeTakeFirst();

const updateLead = (db: Kysely<Database>, clinicId: string, leadId: string) =>
  db.updateTable('candidacy_leads').where('clinic_id', '=', clinicId).where('id', '=', leadId);

/** Whom the lead was assigned to before the change (null: nobody), or undefined when there is no such lead. */
export async function assignLead(
  db: Kysely<Database>,
  clinicId: string,
  leadId: string,
  userId: string | null,
): Promise<string | null | undefined> {
  const before = await lockLead(db, clinicId, leadId);
  if (!before) return undefined;
  await updateLead(db, clinicId, leadId).set({ assigned_to: userId }).execute();
  return before.assigned_to;
}

/** The lead's status before the change, or undefined when there is no such lead. */
export async function setLeadStatus(
  db: Kysely<Database>,
  clinicId: string,
  leadId: string,
  status: LeadStatus,
): Promise<LeadStatus | undefined> {
  const before = await lockLead(db, clinicId, leadId);
  if (!before) return undefined;
  await updateLead(db, clinicId, leadId).set({ status }).execute();
  return before.status;
}
