import { addDays, allExerciseIds, isoDateSchema } from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { conflict, invalidField } from '../http/problem.ts';
import { documentedRoutes } from '../openapi/registry.ts';

/**
 * The exercise log (issue 17): which exercises the patient did on a day, sent from the phone (queued
 * there while offline, like check-ins) and read by the care team and the physical therapist on the
 * console. One row per patient and local day; each send replaces that day's list.
 */
const known = new Set(allExerciseIds);

export const exerciseLogBodySchema = z.strictObject({
  idempotencyKey: z
    .string()
    .trim()
    .min(8, 'must be at least 8 characters (a random id made on the device)')
    .max(200),
  /** The patient's own calendar day (on the phone) the exercises were done. */
  day: isoDateSchema,
  done: z
    .array(
      z.string().refine((id) => known.has(id), { message: 'is not one of Lamina’s exercises' }),
    )
    .max(allExerciseIds.length),
});

export const exerciseDaySchema = z.object({
  day: z.string(),
  done: z.array(z.string()),
  updatedAt: z.string(),
});
export const exerciseLogSchema = z.object({
  days: z.array(exerciseDaySchema),
  from: z.string(),
  to: z.string(),
});

/** How far back a day may be logged (a phone offline for weeks still sends), and read. */
const maxDaysBack = 60;

async function writeDay(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'log-exercise');
  const body = await readJson(c, exerciseLogBodySchema);
  const { db, now } = c.get('deps');
  const today = await clinicToday(c, actor.clinicId);
  // The phone's day may be a day ahead of the clinic's (time zones), never more.
  if (body.day > addDays(today, 1) || body.day < addDays(today, -maxDaysBack)) {
    throw invalidField(
      'day',
      `must be within the last ${maxDaysBack} days`,
      `day must be within the last ${maxDaysBack} days, not in the future.`,
    );
  }
  const done = [...new Set(body.done)].sort();
  const result = await db.transaction().execute(async (trx) => {
    const same = await trx
      .selectFrom('exercise_logs')
      .select(['local_date', 'done', 'updated_at'])
      .where('clinic_id', '=', actor.clinicId)
      .where('patient_id', '=', patientId)
      .where('idempotency_key', '=', body.idempotencyKey)
      .executeTakeFirst();
    if (same) {
      if (same.local_date !== body.day || same.done.join(',') !== done.join(','))
        throw conflict('This idempotency key was already used for a different exercise log.');
      return { replayed: true, updatedAt: same.updated_at };
    }
    const updatedAt = now();
    await trx
      .insertInto('exercise_logs')
      .values({
        clinic_id: actor.clinicId,
        patient_id: patientId,
        local_date: body.day,
        done,
        idempotency_key: body.idempotencyKey,
        updated_at: updatedAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['clinic_id', 'patient_id', 'local_date'])
          .doUpdateSet({ done, idempotency_key: body.idempotencyKey, updated_at: updatedAt }),
      )
      .execute();
    await audit(
      c,
      {
        action: 'exercise-log.write',
        subjectType: 'patient',
        subjectId: patientId,
        patientId,
        details: { day: body.day, count: done.length },
      },
      trx,
    );
    return { replayed: false, updatedAt };
  });
  return c.json(
    { day: body.day, done, updatedAt: result.updatedAt.toISOString(), replayed: result.replayed },
    result.replayed ? 200 : 201,
  );
}

async function readLog(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db } = c.get('deps');
  const to = await clinicToday(c, actor.clinicId);
  const from = addDays(to, -maxDaysBack);
  const rows = await db
    .selectFrom('exercise_logs')
    .select(['local_date', 'done', 'updated_at'])
    .where('clinic_id', '=', actor.clinicId)
    .where('patient_id', '=', patientId)
    .where('local_date', '>=', from)
    .orderBy('local_date', 'desc')
    .execute();
  await audit(c, {
    action: 'exercise-log.read',
    subjectType: 'patient',
    subjectId: patientId,
    patientId,
    details: { count: rows.length },
  });
  return c.json({
    from,
    to,
    days: rows.map((r) => ({
      day: r.local_date,
      done: r.done,
      updatedAt: r.updated_at.toISOString(),
    })),
  });
}

export const exerciseLog = documentedRoutes([
  {
    method: 'post',
    path: '/api/patients/:patientId/exercise-log',
    summary: 'Record which exercises the patient did on a day (replaces that day; idempotent)',
    access: 'The patient themselves.',
    body: exerciseLogBodySchema,
    response: exerciseDaySchema.extend({ replayed: z.boolean() }),
    audit: {
      actions: ['exercise-log.write'],
      when: 'not when the same send arrives again (replayed: the first send was audited)',
    },
    success: { status: 201, description: 'Stored (200 when the same send arrives again)' },
    handler: writeDay,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/exercise-log',
    summary: 'The exercise log of the last 60 days, newest first',
    access: 'The patient, or their care team (an assigned reviewer too).',
    response: exerciseLogSchema,
    audit: { actions: ['exercise-log.read'] },
    handler: readLog,
  },
]);
