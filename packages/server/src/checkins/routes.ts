import { isDeepStrictEqual } from 'node:util';
import { checkinSchemaFor, hasAnyAnswer, type IsoDate, localDate, triage } from '@lamina/pathway';
import { Hono } from 'hono';
import { z } from 'zod';
import { scheduleEscalationAfterCommit } from '../alerts/raise.ts';
import { recordAudit } from '../audit/audit.ts';
import type { AppEnv } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { badRequest, conflict, HttpProblem } from '../http/problem.ts';
import { countCheckin } from '../log/metrics.ts';
import { findByIdempotencyKey, listCheckins, storeCheckin, surgeryWithHistory } from './store.ts';

/** The envelope; the check-in itself is validated with the region's schema once the surgery is known. */
export const submitCheckinSchema = z.strictObject({
  idempotencyKey: z
    .string()
    .trim()
    .min(8, 'must be at least 8 characters (a random id made on the device)')
    .max(200),
  /** When the patient filled it in (a check-in queued offline arrives later). Default: now. */
  filledAt: z.iso.datetime({ offset: true }).optional(),
  /** The language the phone showed the result in (issue 17: the console shows what the patient was told in it). */
  lang: z.enum(['en', 'es']).optional(),
  checkin: z.unknown(),
});

/** A check-in filled in more than this long ago is still stored and triaged, dated when it was filled. */
const maxClockSkewMs = 5 * 60_000;

export function checkinRoutes() {
  const routes = new Hono<AppEnv>();

  routes.post('/:patientId/checkins', async (c) => {
    const patientId = pathId(c, 'patientId');
    const actor = await authorizePatient(c, patientId, 'submit-checkin');
    const body = await readJson(c, submitCheckinSchema);
    const { db, now } = c.get('deps');
    const receivedAt = now();
    // One round trip for the surgery and the history triage reads (the hot path of a check-in).
    const found = await surgeryWithHistory(db, {
      clinicId: actor.clinicId,
      patientId,
      now: receivedAt,
    });
    if (!found)
      throw conflict(
        'There is no surgery on record for this patient yet, so a check-in cannot be assessed.',
      );
    const { record } = found;

    const parsed = checkinSchemaFor(record.surgery.region).safeParse(body.checkin ?? {});
    if (!parsed.success) {
      const problem = badRequest(parsed.error);
      for (const error of problem.problem.errors ?? []) error.field = `checkin.${error.field}`;
      throw problem;
    }
    if (!hasAnyAnswer(parsed.data)) {
      throw new HttpProblem(
        400,
        'Invalid input',
        'The check-in has no answers. Answer at least one question (for example your pain) before sending.',
        [{ field: 'checkin', message: 'has no answers' }],
      );
    }
    const filledAt = body.filledAt ? new Date(body.filledAt) : receivedAt;
    if (filledAt.getTime() > receivedAt.getTime() + maxClockSkewMs) {
      throw new HttpProblem(400, 'Invalid input', 'filledAt is in the future.', [
        { field: 'filledAt', message: 'is in the future' },
      ]);
    }

    const toLocal = (at: Date) => localDate(record.timeZone, at) as IsoDate;
    const history = found.history.map(({ submittedAt, ...answers }) => ({
      ...answers,
      date: toLocal(submittedAt),
    }));
    const decision = triage(parsed.data, record.surgery, history, toLocal(filledAt));
    const stored = await storeCheckin(db, {
      clinicId: actor.clinicId,
      patientId,
      surgeryId: record.id,
      idempotencyKey: body.idempotencyKey,
      answers: parsed.data,
      decision,
      submittedAt: filledAt,
      receivedAt,
      timeZone: record.timeZone,
      ackDeadlines: record.ackDeadlines,
      toldLang: body.lang ?? null,
      actor,
      ip: c.get('ip'),
    });
    if (!stored) {
      // The key was used before (a retry, or a race with the first send): answer with what was stored.
      const existing = await findByIdempotencyKey(
        db,
        actor.clinicId,
        patientId,
        body.idempotencyKey,
      );
      if (!existing) throw conflict('This check-in could not be stored. Please send it again.');
      // jsonb reorders keys, so compare values, not text.
      if (!isDeepStrictEqual(existing.answers, parsed.data)) {
        throw conflict('This idempotency key was already used for a different check-in.');
      }
      const alert = existing.alert_id
        ? { id: existing.alert_id, deadlineAt: existing.deadline_at }
        : null;
      return c.json(
        { checkinId: existing.id, stored: true, replayed: true, decision: existing.triage, alert },
        200,
      );
    }
    countCheckin(decision.level);
    // A repeated contact finding joined an alert whose escalation is already scheduled.
    if (stored.alert && !stored.alert.repeated)
      await scheduleEscalationAfterCommit(c, stored.alert);
    return c.json(
      { checkinId: stored.checkinId, stored: true, replayed: false, decision, alert: stored.alert },
      201,
    );
  });

  routes.get('/:patientId/checkins', async (c) => {
    const patientId = pathId(c, 'patientId');
    const actor = await authorizePatient(c, patientId, 'read');
    const { db } = c.get('deps');
    const rows = await listCheckins(db, actor.clinicId, patientId);
    await recordAudit(db, {
      clinicId: actor.clinicId,
      actor,
      action: 'checkin.list',
      subjectType: 'checkin',
      patientId,
      ip: c.get('ip'),
      details: { count: rows.length },
    });
    return c.json({ checkins: rows });
  });

  return routes;
}
