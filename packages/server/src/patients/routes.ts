import {
  type IsoDate,
  isoDateSchema,
  PlanInputError,
  plan,
  planOverridesSchema,
} from '@lamina/pathway';
import { Hono } from 'hono';
import { recordAudit } from '../audit/audit.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppEnv } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { currentSurgery, getPatient, listPatients, setOverrides } from './store.ts';
import { refuseCancelled } from './surgery-correction.ts';

export function patientRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const { db } = c.get('deps');
    const actor = c.get('actor');
    const reviewer = actor?.role === 'reviewer' ? actor : null;
    const staff = reviewer ?? authorizeClinic(c, 'list-patients');
    // A reviewer sees only the patients of their assigned cases; the list is audited like anyone's.
    const rows = await listPatients(db, staff.clinicId, reviewer?.userId);
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
    refuseCancelled(record);
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
