import {
  type IsoDate,
  isoDateSchema,
  PlanInputError,
  patientFactorsSchema,
  plan,
  planOverridesSchema,
  protocolFor,
  safeText,
  surgerySchema,
  unknownOverrideIds,
} from '@lamina/pathway';
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppEnv } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { conflict, HttpProblem, notFound } from '../http/problem.ts';
import { currentSurgery, enrolPatient, getPatient, listPatients, setOverrides } from './store.ts';

export const enrolPatientSchema = z.strictObject({
  givenName: safeText().trim().min(1).max(100),
  familyName: safeText().trim().min(1).max(100),
  dateOfBirth: isoDateSchema.optional(),
  email: safeText().trim().toLowerCase().pipe(z.email()),
  phone: safeText().trim().max(40).optional(),
  surgery: surgerySchema,
  factors: patientFactorsSchema.default({}),
  overrides: planOverridesSchema.default({ restrictions: {}, milestones: {}, followUps: {} }),
});

export function patientRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const { db } = c.get('deps');
    const actor = c.get('actor');
    if (actor?.role === 'reviewer') {
      const rows = await listPatients(db, actor.clinicId, actor.userId);
      return c.json({ patients: rows });
    }
    const staff = authorizeClinic(c, 'list-patients');
    const rows = await listPatients(db, staff.clinicId);
    await recordAudit(db, {
      clinicId: staff.clinicId,
      actor: staff,
      action: 'patient.list',
      subjectType: 'patient',
      ip: c.get('ip'),
      details: { count: rows.length },
    });
    return c.json({ patients: rows });
  });

  routes.post('/', async (c) => {
    const actor = authorizeClinic(c, 'enrol-patient');
    const input = await readJson(c, enrolPatientSchema);
    const problems = unknownOverrideIds(protocolFor(input.surgery), input.overrides);
    if (problems.length > 0) throw new HttpProblem(400, 'Invalid input', problems.join('; '));
    const { db } = c.get('deps');
    try {
      const created = await db.transaction().execute(async (trx) => {
        const ids = await enrolPatient(trx, actor.clinicId, actor.userId, input);
        await recordAudit(trx, {
          clinicId: actor.clinicId,
          actor,
          action: 'patient.enrol',
          subjectType: 'patient',
          subjectId: ids.patientId,
          patientId: ids.patientId,
          ip: c.get('ip'),
        });
        return ids;
      });
      return c.json(created, 201);
    } catch (error) {
      if (/users_email|unique/i.test((error as Error).message))
        throw conflict('Someone in this clinic already uses that email address.');
      throw error;
    }
  });

  routes.get('/:patientId', async (c) => {
    const patientId = pathId(c, 'patientId');
    const actor = await authorizePatient(c, patientId, 'read');
    const { db } = c.get('deps');
    const patient = await getPatient(db, actor.clinicId, patientId);
    if (!patient) throw notFound('This patient');
    const surgery = await currentSurgery(db, actor.clinicId, patientId);
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'patient.read',
      subjectType: 'patient',
      subjectId: patientId,
      patientId,
      ip: c.get('ip'),
    });
    return c.json({ patient, surgery: surgery ?? null });
  });

  routes.get('/:patientId/plan', async (c) => {
    const patientId = pathId(c, 'patientId');
    const actor = await authorizePatient(c, patientId, 'read');
    const { db } = c.get('deps');
    const record = await currentSurgery(db, actor.clinicId, patientId);
    if (!record) throw notFound('A surgery for this patient');
    const todayParam = c.req.query('today');
    let today: IsoDate;
    if (todayParam === undefined) {
      today = await clinicToday(c, actor.clinicId);
    } else {
      const parsed = isoDateSchema.safeParse(todayParam);
      if (!parsed.success)
        throw new HttpProblem(400, 'Invalid input', 'today must be a date written YYYY-MM-DD.', [
          { field: 'today', message: 'must be a date written YYYY-MM-DD' },
        ]);
      today = parsed.data;
    }
    const result = plan(record.surgery, record.factors, today, record.overrides);
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'plan.read',
      subjectType: 'surgery',
      subjectId: record.id,
      patientId,
      ip: c.get('ip'),
    });
    return c.json(result);
  });

  routes.put('/:patientId/overrides', async (c) => {
    const patientId = pathId(c, 'patientId');
    const actor = await authorizePatient(c, patientId, 'override-plan');
    const overrides = await readJson(c, planOverridesSchema);
    const { db } = c.get('deps');
    const record = await currentSurgery(db, actor.clinicId, patientId);
    if (!record) throw notFound('A surgery for this patient');
    try {
      plan(record.surgery, record.factors, record.surgery.surgeryDate, overrides);
    } catch (error) {
      if (error instanceof PlanInputError)
        throw new HttpProblem(400, 'Invalid input', error.message);
      throw error;
    }
    await db.transaction().execute(async (trx) => {
      await setOverrides(trx, actor.clinicId, record.id, overrides);
      await recordAudit(trx, {
        clinicId: actor.clinicId,
        actor,
        action: 'plan.override',
        subjectType: 'surgery',
        subjectId: record.id,
        patientId,
        ip: c.get('ip'),
        details: { before: record.overrides, after: overrides },
      });
    });
    return c.json({ overrides });
  });

  return routes;
}
