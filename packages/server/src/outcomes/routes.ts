import { type OutcomeGroup, outcomeReportDto } from '@lamina/contract';
import type { IsoDate } from '@lamina/pathway';
import { localDate } from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { badRequest } from '../http/problem.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { clinicPromSettings } from '../proms/store.ts';
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
  const clinic = await clinicPromSettings(db, actor.clinicId);
  const at = now();
  const toLocal = (moment: Date) => localDate(clinic.timeZone, moment) as IsoDate;
  const patients = await loadOutcomePatients(db, actor.clinicId, toLocal, at, query.data);
  await audit(c, {
    action: 'outcomes.read',
    subjectType: 'clinic',
    subjectId: actor.clinicId,
    details: { patients: patients.length },
  });
  return outcomeReport(patients, toLocal(at), clinic.licensedInstruments);
}

/** What the report's two formats (JSON and CSV) have in common. */
const outcomeReportRoute = {
  method: 'get',
  access: 'care managers, clinicians and admins (their own clinic)',
  query: outcomeQuerySchema,
  audit: { actions: ['outcomes.read'] },
} as const;

/** GET /api/outcomes (JSON) and /api/outcomes.csv: a clinic's outcomes by region and procedure. */
export const outcomes = documentedRoutes([
  {
    ...outcomeReportRoute,
    path: '/api/outcomes',
    summary:
      'Outcomes by region and procedure: enrolment, PROM completion, MCID share, alert rates, time to acknowledge, overdue',
    response: outcomeReportDto,
    // The report is computed as camelCase already (outcomes/compute.ts); the contract names its shape.
    handler: async (c) => c.json({ groups: (await report(c)) satisfies OutcomeGroup[] }),
  },
  {
    ...outcomeReportRoute,
    path: '/api/outcomes.csv',
    summary: 'The outcome report as CSV',
    response: null,
    success: { status: 200, description: 'The report as CSV', contentType: 'text/csv' },
    handler: async (c) => {
      const csv = outcomeCsv(await report(c));
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="lamina-outcomes.csv"',
      });
    },
  },
]);
