import type { IsoDate } from '@lamina/pathway';
import { localDate } from '@lamina/pathway';
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { badRequest } from '../http/problem.ts';
import { outcomeCsv, outcomeReport } from './compute.ts';
import { loadOutcomePatients } from './store.ts';

export const outcomeQuerySchema = z.strictObject({
  region: z.enum(['lumbar', 'cervical']).optional(),
  procedure: z.enum(['laminotomy', 'laminectomy', 'microlaminectomy']).optional(),
});

async function report(c: AppContext) {
  const actor = authorizeClinic(c, 'list-patients');
  const query = outcomeQuerySchema.safeParse(c.req.query());
  if (!query.success) throw badRequest(query.error);
  const { db, now } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select(['timezone', 'licensed_instruments'])
    .where('id', '=', actor.clinicId)
    .executeTakeFirstOrThrow();
  const at = now();
  const toLocal = (moment: Date) => localDate(clinic.timezone, moment) as IsoDate;
  const patients = await loadOutcomePatients(db, actor.clinicId, toLocal, at, query.data);
  await recordAudit(db, {
    clinicId: actor.clinicId,
    actor,
    action: 'outcomes.read',
    subjectType: 'clinic',
    subjectId: actor.clinicId,
    ip: c.get('ip'),
    details: { patients: patients.length },
  });
  return outcomeReport(patients, toLocal(at), clinic.licensed_instruments);
}

/** GET /api/outcomes (JSON) and /api/outcomes.csv: a clinic's outcomes by region and procedure. */
export function outcomeRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/outcomes', async (c) => c.json({ groups: await report(c) }));
  routes.get('/outcomes.csv', async (c) => {
    const csv = outcomeCsv(await report(c));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="lamina-outcomes.csv"',
    });
  });
  return routes;
}
