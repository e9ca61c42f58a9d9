import {
  overridesAnswerDto,
  type PatientDetail,
  type PatientDto,
  type PatientListItem,
  patientDetailDto,
  patientListDto,
  recoveryPlanDto,
} from '@lamina/contract';
import {
  type IsoDate,
  isoDateSchema,
  PlanInputError,
  plan,
  planOverridesSchema,
} from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { HttpProblem, invalidField, notFound } from '../http/problem.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import {
  currentSurgery,
  getPatient,
  listPatients,
  type SurgeryRecord,
  setOverrides,
} from './store.ts';
import { refuseCancelled } from './surgery-correction.ts';

export const planQuerySchema = z.strictObject({ today: isoDateSchema.optional() });

const iso = (at: Date | string) => new Date(at).toISOString();

/** Rows to the contract's camelCase DTOs (@lamina/contract patients.ts). */
export function patientListItem(row: Awaited<ReturnType<typeof listPatients>>[number]) {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    surgeryDate: row.surgery_date ?? null,
    openAlerts: Number(row.open_alerts ?? 0),
  } satisfies PatientListItem;
}

export function patientView(row: NonNullable<Awaited<ReturnType<typeof getPatient>>>) {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    email: row.email,
    phone: row.phone,
    language: row.language,
    mrn: row.mrn,
    createdAt: iso(row.created_at),
  } satisfies PatientDto;
}

export function surgeryView(record: SurgeryRecord): NonNullable<PatientDetail['surgery']> {
  return {
    id: record.id,
    timeZone: record.timeZone,
    ackDeadlines: record.ackDeadlines,
    surgery: record.surgery,
    factors: record.factors,
    overrides: record.overrides,
    surgeonId: record.surgeonId,
    cancelledAt: record.cancelledAt === null ? null : iso(record.cancelledAt),
    cancelReason: record.cancelReason,
  };
}

async function list(c: AppContext) {
  const { db } = c.get('deps');
  const actor = c.get('actor');
  const reviewer = actor?.role === 'reviewer' ? actor : null;
  const staff = reviewer ?? authorizeClinic(c, 'list-patients');
  // A reviewer sees only the patients of their assigned cases; the list is audited like anyone's.
  const rows = await listPatients(db, staff.clinicId, reviewer?.userId);
  await audit(c, {
    action: 'patient.list',
    subjectType: 'patient',
    details: { count: rows.length },
  });
  return c.json({ patients: rows.map(patientListItem) });
}

async function read(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db } = c.get('deps');
  const patient = await getPatient(db, actor.clinicId, patientId);
  if (!patient) throw notFound('This patient');
  const surgery = await currentSurgery(db, actor.clinicId, patientId);
  await audit(c, {
    action: 'patient.read',
    subjectType: 'patient',
    subjectId: patientId,
    patientId,
  });
  return c.json({
    patient: patientView(patient),
    surgery: surgery ? surgeryView(surgery) : null,
  } satisfies PatientDetail);
}

async function readPlan(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db } = c.get('deps');
  const record = await currentSurgery(db, actor.clinicId, patientId);
  if (!record) throw notFound('A surgery for this patient');
  refuseCancelled(record);
  const todayParam = c.req.query('today');
  let today: IsoDate;
  if (todayParam === undefined) {
    today = await clinicToday(c, actor.clinicId);
  } else {
    const parsed = isoDateSchema.safeParse(todayParam);
    if (!parsed.success)
      throw invalidField(
        'today',
        'must be a date written YYYY-MM-DD',
        'today must be a date written YYYY-MM-DD.',
      );
    today = parsed.data;
  }
  const result = plan(record.surgery, record.factors, today, record.overrides);
  await audit(c, { action: 'plan.read', subjectType: 'surgery', subjectId: record.id, patientId });
  return c.json(result);
}

async function override(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'override-plan');
  const overrides = await readJson(c, planOverridesSchema);
  const { db } = c.get('deps');
  const record = await currentSurgery(db, actor.clinicId, patientId);
  if (!record) throw notFound('A surgery for this patient');
  try {
    plan(record.surgery, record.factors, record.surgery.surgeryDate, overrides);
  } catch (error) {
    if (error instanceof PlanInputError) throw new HttpProblem(400, 'Invalid input', error.message);
    throw error;
  }
  await db.transaction().execute(async (trx) => {
    await setOverrides(trx, actor.clinicId, record.id, overrides);
    const details = { before: record.overrides, after: overrides };
    await audit(
      c,
      { action: 'plan.override', subjectType: 'surgery', subjectId: record.id, patientId, details },
      trx,
    );
  });
  return c.json({ overrides });
}

const patientReaders = 'the patient themself, staff of their clinic, an assigned reviewer';

export const patients = documentedRoutes([
  {
    method: 'get',
    path: '/api/patients',
    summary: "The clinic's patients (a reviewer sees only assigned ones)",
    access:
      'care managers, clinicians and admins (their own clinic); reviewers (assigned patients)',
    response: patientListDto,
    audit: { actions: ['patient.list'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId',
    summary: 'A patient and their current surgery',
    access: patientReaders,
    response: patientDetailDto,
    audit: { actions: ['patient.read'] },
    handler: read,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/plan',
    summary: 'The recovery plan for a day (default: today at the clinic)',
    access: patientReaders,
    query: planQuerySchema,
    response: recoveryPlanDto,
    audit: { actions: ['plan.read'] },
    handler: readPlan,
  },
  {
    method: 'put',
    path: '/api/patients/:patientId/overrides',
    summary: "Replace the surgeon's overrides of the plan",
    access: 'clinicians and admins (their own clinic)',
    body: planOverridesSchema,
    response: overridesAnswerDto,
    audit: { actions: ['plan.override'] },
    handler: override,
  },
]);
