import { promListDto, promSubmittedDto, promsDueDto } from '@lamina/contract';
import {
  type IsoDate,
  isPromInstrumentId,
  localDate,
  type PromInstrumentId,
  promInstruments,
  promsDue,
  safeText,
  scorePromAnswers,
} from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { conflict, HttpProblem, notFound } from '../http/problem.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { currentSurgery } from '../patients/store.ts';
import { refuseCancelled } from '../patients/surgery-correction.ts';
import { withChangeFromBaseline } from './change.ts';
import { clinicPromSettings, insertPromResponse, listPromResponses } from './store.ts';

/** Answers keyed by item id; each instrument's own schema (from pathway) checks them after this. */
export const submitPromSchema = z.strictObject({
  answers: z.record(safeText(), z.union([z.number(), safeText(), z.null()]), {
    error: 'must be an object of answers keyed by question id',
  }),
});

function instrumentParam(c: AppContext): PromInstrumentId {
  const id = c.req.param('instrument') ?? '';
  if (!isPromInstrumentId(id)) throw notFound(`A questionnaire called "${id}"`);
  return id;
}

/** Patient-reported instruments come from the patient; clinician-rated ones (mJOA) from a clinician. */
function ensureRespondent(actor: Actor, instrument: PromInstrumentId) {
  const respondent = promInstruments[instrument].respondent;
  if (respondent === 'clinician' && actor.role !== 'clinician')
    throw new HttpProblem(
      403,
      'Not allowed',
      `${instrument} is rated by a clinician, so only a clinician can enter it.`,
    );
  if (respondent === 'patient' && actor.role !== 'patient')
    throw new HttpProblem(
      403,
      'Not allowed',
      `${instrument} is answered by the patient, so only the patient can send it.`,
    );
}

async function submit(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const instrument = instrumentParam(c);
  const actor = await authorizePatient(c, patientId, 'submit-prom');
  ensureRespondent(actor, instrument);
  const { answers } = await readJson(c, submitPromSchema);
  const { db, now } = c.get('deps');
  const settings = await clinicPromSettings(db, actor.clinicId);
  const scored = scorePromAnswers(instrument, answers, {
    licensedInstruments: settings.licensedInstruments,
  });
  if (!scored.ok) {
    if (scored.reason === 'licence-not-confirmed')
      throw conflict(
        `This clinic has not confirmed that it holds a licence for ${instrument} (${promInstruments[instrument].licence.holder}), so it is turned off. A clinic admin can turn it on in the clinic settings once the licence is in place.`,
      );
    const field = `answers${scored.field ? `.${scored.field}` : ''}`;
    throw new HttpProblem(400, 'Invalid input', `Some answers are not valid: ${scored.message}.`, [
      { field, message: scored.message },
    ]);
  }
  const at = now();
  const responseId = await db.transaction().execute(async (trx) => {
    const id = await insertPromResponse(trx, {
      clinicId: actor.clinicId,
      patientId,
      instrument,
      answers,
      score: scored.score,
      enteredBy: actor.userId,
      at,
    });
    await audit(
      c,
      {
        action: 'prom.submit',
        subjectType: 'prom_response',
        subjectId: id,
        patientId,
        details: { instrument },
      },
      trx,
    );
    return id;
  });
  return c.json(
    {
      responseId,
      instrument,
      completedOn: localDate(settings.timeZone, at),
      score: scored.score,
    },
    201,
  );
}

async function list(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db } = c.get('deps');
  const { timeZone } = await clinicPromSettings(db, actor.clinicId);
  const surgery = await currentSurgery(db, actor.clinicId, patientId);
  const rows = await listPromResponses(db, actor.clinicId, patientId);
  const responses = withChangeFromBaseline(
    rows.map((row) => ({ ...row, completedOn: localDate(timeZone, row.completedAt) as IsoDate })),
    surgery?.surgery.surgeryDate,
  ).map(({ response, baselineId, change }) => ({ ...response, baselineId, change }));
  await audit(c, {
    action: 'prom.list',
    subjectType: 'prom_response',
    patientId,
    details: { count: responses.length },
  });
  return c.json({ surgeryDate: surgery?.surgery.surgeryDate ?? null, responses });
}

async function due(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db, now } = c.get('deps');
  const surgery = await currentSurgery(db, actor.clinicId, patientId);
  if (!surgery) throw notFound('A surgery for this patient');
  refuseCancelled(surgery);
  const settings = await clinicPromSettings(db, actor.clinicId);
  const rows = await listPromResponses(db, actor.clinicId, patientId);
  const report = promsDue(
    surgery.surgery,
    rows.map((row) => ({
      instrument: row.instrument,
      completedOn: localDate(settings.timeZone, row.completedAt) as IsoDate,
    })),
    localDate(settings.timeZone, now()) as IsoDate,
    { licensedInstruments: settings.licensedInstruments },
  );
  await audit(c, {
    action: 'prom.due',
    subjectType: 'prom_response',
    patientId,
  });
  return c.json(report);
}

const readers = 'the patient themself, staff of their clinic, an assigned reviewer';

export const proms = documentedRoutes([
  {
    method: 'post',
    path: '/api/patients/:patientId/proms/:instrument',
    summary:
      'Send answers to an outcome questionnaire (PROM); scored on arrival. 409 when the clinic has not licensed the instrument',
    access:
      'the patient themself for patient-reported instruments; a clinician of their clinic for clinician-rated ones (mJOA)',
    body: submitPromSchema,
    success: { status: 201, description: 'Stored and scored.' },
    response: promSubmittedDto,
    audit: { actions: ['prom.submit'] },
    handler: submit,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/proms',
    summary:
      'PROM responses with scores, and the change from the baseline (last response on or before surgery) classified by the MCID',
    access: readers,
    response: promListDto,
    audit: { actions: ['prom.list'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/proms/due',
    summary: "Which questionnaires are due, overdue or missed today (the clinic's date)",
    access: readers,
    response: promsDueDto,
    audit: { actions: ['prom.due'] },
    handler: due,
  },
]);
