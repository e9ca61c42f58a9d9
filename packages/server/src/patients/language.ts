import { type PatientLanguage, patientLanguageDto } from '@lamina/contract';
import { z } from 'zod';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { notFound } from '../http/problem.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { setPatientPreference } from './preference.ts';

/** The patient's language: the app, their emails, SMS and PDFs use it (issue 15). */
export const languageBodySchema = z.strictObject({ language: z.enum(['en', 'es']) });

async function read(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const row = await c
    .get('deps')
    .db.selectFrom('patients')
    .select('language')
    .where('clinic_id', '=', actor.clinicId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!row) throw notFound('This patient');
  return c.json({ patientId, language: row.language } satisfies PatientLanguage);
}

async function update(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'set-language');
  const { language } = await readJson(c, languageBodySchema);
  await setPatientPreference(
    c,
    { clinicId: actor.clinicId, patientId },
    { column: 'language', value: language },
    'patient.language-update',
  );
  return c.json({ patientId, language } satisfies PatientLanguage);
}

export const languageRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/patients/:patientId/language',
    summary: "The patient's language (en or es)",
    access: 'the patient; their clinic’s staff; an assigned reviewer',
    response: patientLanguageDto,
    audit: 'none',
    handler: read,
  },
  {
    method: 'put',
    path: '/api/patients/:patientId/language',
    summary: "Set the patient's language for the app, emails, text messages and PDFs",
    access: 'the patient; care managers and admins (their own clinic)',
    body: languageBodySchema,
    response: patientLanguageDto,
    audit: { actions: ['patient.language-update'] },
    handler: update,
  },
];
