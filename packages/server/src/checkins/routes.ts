import { isDeepStrictEqual } from 'node:util';
import {
  type CheckinSubmitted,
  checkinListDto,
  checkinSubmittedDto,
  type StoredCheckin,
} from '@lamina/contract';
import { checkinSchemaFor, hasAnyAnswer, localDate, triage } from '@lamina/pathway';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { scheduleEscalationAfterCommit } from '../alerts/raise.ts';
import { audit } from '../audit/audit.ts';
import { actorFromSessionRow, sessionCookieName } from '../auth/session.ts';
import { parseClinicToken } from '../auth/tokens.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { iso } from '../http/iso.ts';
import { badRequest, conflict, invalidField, unauthorized } from '../http/problem.ts';
import { countCheckin } from '../log/metrics.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import {
  findByIdempotencyKey,
  listCheckins,
  sessionSurgeryWithHistory,
  storeCheckin,
} from './store.ts';

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

/** A stored row to the contract's DTO (@lamina/contract checkins.ts). */
export function storedCheckinView(row: Awaited<ReturnType<typeof listCheckins>>[number]) {
  return {
    id: row.id,
    level: row.level as StoredCheckin['level'],
    answers: row.answers as StoredCheckin['answers'],
    triage: (row.triage ?? null) as StoredCheckin['triage'],
    submittedAt: iso(row.submitted_at),
    receivedAt: iso(row.received_at),
  } satisfies StoredCheckin;
}

/** The check-in reads its session itself, with the surgery and history (app.ts skips the usual lookup). */
export const readsOwnSession = (method: string, path: string) =>
  method === 'POST' && checkinPath.test(path);
const checkinPath = /^\/api\/patients\/[^/]+\/checkins$/;

/**
 * The actor (the session rules of auth/session.ts), authorized to submit for this patient, and the
 * patient's surgery with the history triage needs: one statement (issue 19).
 */
async function actorAndSurgery(c: AppContext, patientId: string, now: Date) {
  const { db, secureCookies } = c.get('deps');
  const cookie = c.get('deferredActor') && getCookie(c, sessionCookieName(secureCookies));
  const parsed = cookie ? parseClinicToken(cookie) : undefined;
  // No session cookie, or one that cannot be a session: signed out, as requireActor says.
  if (!parsed) throw unauthorized();
  const { session, found } = await sessionSurgeryWithHistory(db, {
    clinicId: parsed.clinicId,
    tokenHash: parsed.tokenHash,
    patientId,
    now,
  });
  c.set('actor', (await actorFromSessionRow(db, parsed, session, now, c.req.path)) ?? null);
  const actor = await authorizePatient(c, patientId, 'submit-checkin');
  return { actor, found };
}

async function submit(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const { db, now } = c.get('deps');
  const receivedAt = now();
  // One round trip for the session, the surgery and the history triage reads (the hot path of a check-in).
  const { actor, found } = await actorAndSurgery(c, patientId, receivedAt);
  const body = await readJson(c, submitCheckinSchema);
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
    throw invalidField(
      'checkin',
      'has no answers',
      'The check-in has no answers. Answer at least one question (for example your pain) before sending.',
    );
  }
  const filledAt = body.filledAt ? new Date(body.filledAt) : receivedAt;
  if (filledAt.getTime() > receivedAt.getTime() + maxClockSkewMs) {
    throw invalidField('filledAt', 'is in the future', 'filledAt is in the future.');
  }

  // The history comes dated in the same zone (store.ts).
  const today = localDate(record.timeZone, filledAt);
  const decision = triage(parsed.data, record.surgery, found.history, today);
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
    const existing = await findByIdempotencyKey(db, actor.clinicId, patientId, body.idempotencyKey);
    if (!existing) throw conflict('This check-in could not be stored. Please send it again.');
    // jsonb reorders keys, so compare values, not text.
    if (!isDeepStrictEqual(existing.answers, parsed.data)) {
      throw conflict('This idempotency key was already used for a different check-in.');
    }
    const alert = existing.alert_id
      ? {
          id: existing.alert_id,
          deadlineAt: existing.deadline_at === null ? null : iso(existing.deadline_at),
        }
      : null;
    return c.json(
      {
        checkinId: existing.id,
        stored: true,
        replayed: true,
        decision: existing.triage as CheckinSubmitted['decision'],
        alert,
      } satisfies CheckinSubmitted,
      200,
    );
  }
  countCheckin(decision.level);
  // A repeated contact finding joined an alert whose escalation is already scheduled.
  if (stored.alert && !stored.alert.repeated) await scheduleEscalationAfterCommit(c, stored.alert);
  const alert = stored.alert && {
    id: stored.alert.id,
    level: stored.alert.level,
    deadlineAt: iso(stored.alert.deadlineAt),
    repeated: stored.alert.repeated,
  };
  return c.json(
    {
      checkinId: stored.checkinId,
      stored: true,
      replayed: false,
      decision,
      alert,
    } satisfies CheckinSubmitted,
    201,
  );
}

async function list(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db } = c.get('deps');
  const rows = await listCheckins(db, actor.clinicId, patientId);
  await audit(c, {
    action: 'checkin.list',
    subjectType: 'checkin',
    patientId,
    details: { count: rows.length },
  });
  return c.json({ checkins: rows.map(storedCheckinView) });
}

export const checkins = documentedRoutes([
  {
    method: 'post',
    path: '/api/patients/:patientId/checkins',
    summary:
      'Submit a daily check-in (idempotent by key); triaged, with any alert, in one transaction',
    access: 'the patient themself',
    body: submitCheckinSchema,
    response: checkinSubmittedDto,
    audit: {
      actions: ['checkin.create'],
      when: 'written by the check-in statement itself (checkins/store.ts), in the same write; not on a replay',
    },
    success: { status: 201, description: 'Stored and triaged (200 when replayed).' },
    handler: submit,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/checkins',
    summary: "The patient's check-ins, newest first",
    access: 'the patient themself, staff of their clinic, an assigned reviewer',
    response: checkinListDto,
    audit: { actions: ['checkin.list'] },
    handler: list,
  },
]);
