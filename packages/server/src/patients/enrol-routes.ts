import {
  type Enrolled,
  enrolledDto,
  importReportDto,
  type SurgeryCorrected,
  surgeryCorrectedDto,
} from '@lamina/contract';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { enrolChecked, enrolPatientSchema } from './enrol.ts';
import { dateFormats, importPatients, maxImportRows } from './import.ts';
import { correctSurgery, correctSurgerySchema } from './surgery-correction.ts';

/** Enrolment, surgery correction and CSV import (issue 15, decision 016). */

async function readBody(c: AppContext): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HttpProblem(400, 'Invalid input', 'The request body must be JSON.');
  }
}

async function enrol(c: AppContext) {
  const actor = authorizeClinic(c, 'enrol-patient');
  const body = await readBody(c);
  const created = await enrolChecked(c, { clinicId: actor.clinicId, actor }, body);
  return c.json(
    {
      patientId: created.patientId,
      userId: created.userId,
      surgeryId: created.surgeryId,
    } satisfies Enrolled,
    201,
  );
}

async function correct(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'correct-surgery');
  const correction = await readJson(c, correctSurgerySchema);
  const result = await correctSurgery(c, {
    actor,
    patientId,
    correction,
    now: c.get('deps').now(),
  });
  return c.json(result satisfies SurgeryCorrected);
}

export const importSchema = z.strictObject({
  csv: z
    .string({ error: 'must be the text of the CSV file' })
    .min(1, 'is empty')
    .max(20_000_000, 'is too large: import at most 20 MB at a time'),
  dryRun: z.boolean({ error: 'must be true or false' }).default(true),
  dateFormat: z
    .enum(dateFormats, { error: `must be one of ${dateFormats.join(', ')}` })
    .default('YYYY-MM-DD'),
});

async function importCsv(c: AppContext) {
  const actor = authorizeClinic(c, 'enrol-patient');
  const body = await readJson(c, importSchema);
  const { db } = c.get('deps');
  const report = await importPatients(db, {
    clinicId: actor.clinicId,
    actor,
    ip: c.get('ip'),
    audit: (event, trx) => audit(c, event, trx),
    csv: body.csv,
    dryRun: body.dryRun,
    dateFormat: body.dateFormat,
  });
  return c.json(report, report.enrolled && report.counts.new > 0 ? 201 : 200);
}

const enrollers = 'care managers and admins (their own clinic)';

export const enrolment = documentedRoutes([
  {
    method: 'post',
    path: '/api/patients',
    summary:
      'Enrol a patient with their surgery (409 with existingPatientId when the same MRN, email, or name and birth date is already enrolled)',
    access: enrollers,
    body: enrolPatientSchema,
    success: { status: 201, description: 'Enrolled.' },
    response: enrolledDto,
    audit: { actions: ['patient.enrol'] },
    handler: enrol,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/surgery/corrections',
    summary:
      'Correct the current surgery (date, procedure, fusion, levels, surgeon) or cancel it; the plan follows, check-ins stay, the change is audited',
    access: 'care managers, clinicians and admins (their own clinic)',
    body: correctSurgerySchema,
    response: surgeryCorrectedDto,
    audit: { actions: ['surgery.correct'] },
    handler: correct,
  },
  {
    method: 'post',
    path: '/api/patients/import',
    summary: `Enrol patients from a CSV file (at most ${maxImportRows} rows): a dry run lists every row's problems; a real run enrols all new rows or none`,
    access: enrollers,
    body: importSchema,
    success: { status: 200, description: 'The report (201 when a real run enrolled the rows).' },
    response: importReportDto,
    audit: { actions: ['patient.import'], when: 'only a real run (not a dry run)' },
    handler: importCsv,
  },
]);
