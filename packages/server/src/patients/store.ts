import { randomUUID } from 'node:crypto';
import {
  type PatientFactors,
  type PlanOverrides,
  parseIsoDate,
  patientFactorsSchema,
  planOverridesSchema,
  type Surgery,
  surgerySchema,
} from '@lamina/pathway';
import type { Kysely, Selectable } from 'kysely';
import { type AckDeadlines, resolveAckDeadlines } from '../alerts/deadlines.ts';
import type { Database, SurgeriesTable } from '../db/schema.ts';

/** All SQL about patients and their surgeries lives here. */

export interface EnrolPatient {
  givenName: string;
  familyName: string;
  dateOfBirth?: string | undefined;
  /** Without an email the patient has no sign-in account yet (phone sign-in comes with SMS). */
  email?: string | undefined;
  phone?: string | undefined;
  language?: 'en' | 'es' | undefined;
  mrn?: string | undefined;
  surgery: Surgery;
  factors: PatientFactors;
  overrides: PlanOverrides;
  surgeonId?: string | undefined;
}

export async function enrolPatient(
  db: Kysely<Database>,
  clinicId: string,
  createdBy: string | null,
  input: EnrolPatient,
) {
  const [ids] = await enrolPatients(db, clinicId, createdBy, [input]);
  if (!ids) throw new Error('enrolPatients returned nothing');
  return ids;
}

/** Rows per INSERT: a 5 000-row import is a few dozen statements, well under PostgreSQL's 65 535 parameters. */
const batchSize = 1000;

/** Enrols many patients with a few multi-row INSERTs (the CSV import); pass a transaction. */
export async function enrolPatients(
  db: Kysely<Database>,
  clinicId: string,
  createdBy: string | null,
  inputs: readonly EnrolPatient[],
) {
  const all = inputs.map((input) => ({
    input,
    userId: input.email ? randomUUID() : null,
    patientId: randomUUID(),
    surgeryId: randomUUID(),
  }));
  for (let start = 0; start < all.length; start += batchSize) {
    const chunk = all.slice(start, start + batchSize);
    const users = chunk.filter((row) => row.userId !== null);
    if (users.length > 0)
      await db
        .insertInto('users')
        .values(
          users.map(({ input, userId }) => ({
            clinic_id: clinicId,
            id: userId as string,
            role: 'patient' as const,
            email: input.email as string,
            display_name: `${input.givenName} ${input.familyName}`,
            password_hash: null,
            totp_secret: null,
            disabled_at: null,
          })),
        )
        .execute();
    await db
      .insertInto('patients')
      .values(
        chunk.map(({ input, userId, patientId }) => ({
          clinic_id: clinicId,
          id: patientId,
          user_id: userId,
          given_name: input.givenName,
          family_name: input.familyName,
          date_of_birth: input.dateOfBirth ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          language: input.language ?? 'en',
          mrn: input.mrn ?? null,
          created_by: createdBy,
        })),
      )
      .execute();
    await db
      .insertInto('surgeries')
      .values(
        chunk.map(({ input, patientId, surgeryId }) =>
          surgeryRow(clinicId, patientId, surgeryId, input),
        ),
      )
      .execute();
  }
  return all.map(({ patientId, userId, surgeryId }) => ({ patientId, userId, surgeryId }));
}

function surgeryRow(
  clinicId: string,
  patientId: string,
  surgeryId: string,
  input: Pick<EnrolPatient, 'surgery' | 'factors' | 'overrides' | 'surgeonId'>,
) {
  return {
    clinic_id: clinicId,
    id: surgeryId,
    patient_id: patientId,
    surgeon_id: input.surgeonId ?? null,
    region: input.surgery.region,
    procedure: input.surgery.procedure,
    approach: input.surgery.approach,
    fusion: input.surgery.fusion,
    levels: input.surgery.levels,
    surgery_date: input.surgery.surgeryDate,
    factors: JSON.stringify(input.factors),
    overrides: JSON.stringify(input.overrides),
  };
}

export async function insertSurgery(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  surgeryId: string,
  input: Pick<EnrolPatient, 'surgery' | 'factors' | 'overrides' | 'surgeonId'>,
) {
  await db
    .insertInto('surgeries')
    .values(surgeryRow(clinicId, patientId, surgeryId, input))
    .execute();
}

export interface SurgeryRecord {
  id: string;
  /** The clinic's time zone: days after surgery are counted in it. */
  timeZone: string;
  /** The clinic's acknowledgement deadlines for alerts. */
  ackDeadlines: AckDeadlines;
  surgery: Surgery;
  factors: PatientFactors;
  overrides: PlanOverrides;
  surgeonId: string | null;
  /** Set when the surgery was cancelled: no plan or questionnaire schedule follows from it. */
  cancelledAt: Date | null;
  cancelReason: string | null;
}

/** The patient's most recent surgery (the one the plan and triage follow), parsed back through pathway's schemas. */
export async function currentSurgery(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
): Promise<SurgeryRecord | undefined> {
  const row = await db
    .selectFrom('surgeries')
    .innerJoin('clinics', 'clinics.id', 'surgeries.clinic_id')
    .selectAll('surgeries')
    .select(['clinics.timezone', 'clinics.ack_deadlines'])
    .where('surgeries.clinic_id', '=', clinicId)
    .where('surgeries.patient_id', '=', patientId)
    .orderBy('surgeries.surgery_date', 'desc')
    .orderBy('surgeries.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? surgeryRecordFrom(row) : undefined;
}

/** A surgeries row joined with its clinic's time zone and deadlines, as the record pathway reads. */
export type SurgeryRow = Selectable<SurgeriesTable> & {
  timezone: string;
  ack_deadlines: Selectable<Database['clinics']>['ack_deadlines'];
};

/** The surgery itself (what pathway's surgerySchema reads) from a surgeries row. */
export function surgeryFieldsOf(
  row: Pick<
    Selectable<SurgeriesTable>,
    'region' | 'procedure' | 'approach' | 'fusion' | 'levels' | 'surgery_date'
  >,
) {
  return {
    region: row.region,
    procedure: row.procedure,
    approach: row.approach,
    fusion: row.fusion,
    levels: row.levels,
    surgeryDate: row.surgery_date,
  };
}

export function surgeryRecordFrom(row: SurgeryRow): SurgeryRecord {
  return {
    id: row.id,
    timeZone: row.timezone,
    ackDeadlines: resolveAckDeadlines(row.ack_deadlines),
    surgery: surgerySchema.parse(surgeryFieldsOf(row)),
    factors: patientFactorsSchema.parse(row.factors ?? {}),
    overrides: planOverridesSchema.parse(row.overrides ?? {}),
    surgeonId: row.surgeon_id,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  };
}

export async function setOverrides(
  db: Kysely<Database>,
  clinicId: string,
  surgeryId: string,
  overrides: PlanOverrides,
) {
  await db
    .updateTable('surgeries')
    .set({ overrides: JSON.stringify(overrides) })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', surgeryId)
    .execute();
}

export async function getPatient(db: Kysely<Database>, clinicId: string, patientId: string) {
  return db
    .selectFrom('patients')
    .select([
      'id',
      'given_name',
      'family_name',
      'date_of_birth',
      'email',
      'phone',
      'language',
      'mrn',
      'created_at',
    ])
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .executeTakeFirst();
}

export async function listPatients(
  db: Kysely<Database>,
  clinicId: string,
  onlyAssignedTo?: string,
) {
  let query = db
    .selectFrom('patients as p')
    .select((eb) => [
      'p.id',
      'p.given_name',
      'p.family_name',
      eb
        .selectFrom('surgeries as s')
        .select('s.surgery_date')
        .whereRef('s.clinic_id', '=', 'p.clinic_id')
        .whereRef('s.patient_id', '=', 'p.id')
        .orderBy('s.surgery_date', 'desc')
        .limit(1)
        .as('surgery_date'),
      eb
        .selectFrom('alerts as a')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('a.clinic_id', '=', 'p.clinic_id')
        .whereRef('a.patient_id', '=', 'p.id')
        .where('a.status', '!=', 'resolved')
        .as('open_alerts'),
    ])
    .where('p.clinic_id', '=', clinicId);
  if (onlyAssignedTo) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('reviewer_assignments as r')
          .select('r.patient_id')
          .whereRef('r.clinic_id', '=', 'p.clinic_id')
          .whereRef('r.patient_id', '=', 'p.id')
          .where('r.reviewer_id', '=', onlyAssignedTo),
      ),
    );
  }
  return query.orderBy('p.family_name').orderBy('p.given_name').limit(500).execute();
}

export function isValidDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}
