import { type QueueCard, queueCardAnswerDto, queueCardDto, queueDto } from '@lamina/contract';
import { type IsoDate, noCheckinSinceAlert, statementsEs } from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { iso } from '../http/iso.ts';
import { notFound } from '../http/problem.ts';
import { readQuery } from '../http/query.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { getAlert, type QueueCardRow, queueCards } from './store.ts';
import { streamCovers } from './stream.ts';

/**
 * The console's live queue (issue 14): one full read of both lists, then one card at a time as
 * the event stream reports changes.
 *
 * Audit rule: viewing the queue is audited once per view, not once per refresh.
 * - The event stream writes one `alert.queue` row when it opens (stream.ts).
 * - GET /api/alerts/queue (the full lists) writes one `alert.queue` row each time.
 * - GET /api/alerts/:alertId/card writes nothing when it names (`?stream=`) an event stream that
 *   is open on this server for the same user and clinic: that stream's row already covers what the
 *   queue shows. Without it (or when the stream is on another server process) it writes one
 *   `alert.card` row, so no read goes unaudited.
 */

export const queueCardSchema = queueCardDto;
export type { QueueCard };
export const queueResponseSchema = queueDto;
export const cardResponseSchema = queueCardAnswerDto;

export const cardQuerySchema = z.strictObject({
  /** The id the event stream's `ready` event gave this tab (skips the per-card audit row). */
  stream: z.uuid().optional(),
});

/** Whole years from a date of birth to `now`'s UTC date; null when unknown. */
export function ageOn(dateOfBirth: string | Date | null, now: Date): number | null {
  if (dateOfBirth === null) return null;
  const born =
    typeof dateOfBirth === 'string'
      ? dateOfBirth.slice(0, 10)
      : dateOfBirth.toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  const years = Number(today.slice(0, 4)) - Number(born.slice(0, 4));
  return today.slice(5) < born.slice(5) ? years - 1 : years;
}

type Said = { id?: string; text: string };

/** A clinical sentence in the language the patient read it in (by its stable id; English otherwise). */
const inLanguage = (lang: 'en' | 'es', statement: Said): string =>
  lang === 'es' && statement.id ? (statementsEs[statement.id] ?? statement.text) : statement.text;

export function toQueueCard(row: QueueCardRow, now: Date): QueueCard {
  const deadline = row.deadline_at === null ? null : new Date(row.deadline_at);
  const instruction = row.instruction as Said | null | undefined;
  const findings = row.findings as QueueCard['findings'];
  const toldLang = row.told_lang ?? row.language;
  return {
    id: row.id,
    level: row.level as QueueCard['level'],
    status: row.status as QueueCard['status'],
    priority: Number(row.priority),
    offTrack: row.off_track,
    findings,
    instruction: (instruction ?? null) as QueueCard['instruction'],
    createdAt: new Date(row.created_at).toISOString(),
    deadlineAt: iso(deadline),
    overdue: row.status === 'open' && deadline !== null && deadline <= now,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    notes: row.notes,
    escalationStep: Number(row.escalation_step),
    escalatedAt: iso(row.escalated_at),
    noCheckinSince: noCheckinSinceAlert(
      { level: row.level, createdAt: row.created_at },
      row.last_checkin_at,
      now,
    ),
    patient: {
      id: row.patient_id,
      givenName: row.given_name,
      familyName: row.family_name,
      surgeryDate: (row.surgery_date ?? null) as IsoDate | null,
      daysSinceSurgery: row.days_since_surgery === null ? null : Number(row.days_since_surgery),
      lastCheckinAt: iso(row.last_checkin_at),
      phone: row.phone,
      language: row.language,
      age: ageOn(row.date_of_birth as string | Date | null, now),
    },
    told: {
      lang: toldLang,
      instruction: instruction ? inLanguage(toldLang, instruction) : null,
      findings: findings.map((f) => ({
        ruleId: f.ruleId,
        text: inLanguage(toldLang, f.instruction as Said),
      })),
    },
  };
}

async function fullQueue(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const { db, now } = c.get('deps');
  const [redFlags, offTrack] = await Promise.all([
    queueCards(db, actor.clinicId, { offTrack: false }),
    queueCards(db, actor.clinicId, { offTrack: true }),
  ]);
  const at = now();
  await audit(c, {
    action: 'alert.queue',
    subjectType: 'alert',
    details: { count: redFlags.length + offTrack.length },
  });
  return c.json({
    now: at.toISOString(),
    redFlags: redFlags.map((row) => toQueueCard(row, at)),
    offTrack: offTrack.map((row) => toQueueCard(row, at)),
  } satisfies z.input<typeof queueResponseSchema>);
}

async function oneCard(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const alertId = pathId(c, 'alertId');
  const { stream } = readQuery(c, cardQuerySchema);
  const { db, now } = c.get('deps');
  const [row] = await queueCards(db, actor.clinicId, { alertId });
  if (!row && !(await getAlert(db, actor.clinicId, alertId))) throw notFound('This alert');
  if (!stream || !streamCovers(stream, actor)) {
    await audit(c, {
      action: 'alert.card',
      subjectType: 'alert',
      subjectId: alertId,
      patientId: row?.patient_id ?? null,
    });
  }
  const at = now();
  return c.json({
    now: at.toISOString(),
    alertId,
    card: row ? toQueueCard(row, at) : null,
  } satisfies z.input<typeof cardResponseSchema>);
}

export const alertQueue = documentedRoutes([
  {
    method: 'get',
    path: '/api/alerts/queue',
    summary:
      'The triage queue as the console shows it: red flags and the off-track list, each most urgent first then oldest, one card per alert (audited once per call)',
    access: callers.staff,
    response: queueResponseSchema,
    audit: { actions: ['alert.queue'] },
    handler: fullQueue,
  },
  {
    method: 'get',
    path: '/api/alerts/:alertId/card',
    summary:
      "One queue card, read when the event stream reports a change (card null: it left the queue). Not audited when `stream` names this user's open event stream, which was audited when it opened",
    access: callers.staff,
    query: cardQuerySchema,
    response: cardResponseSchema,
    audit: {
      actions: ['alert.card'],
      when: "not when `stream` names this user's open event stream (its row covers the card)",
    },
    handler: oneCard,
  },
]);
