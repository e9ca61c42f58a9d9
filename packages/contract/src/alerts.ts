import type { CheckinInput } from '@lamina/pathway';
import { z } from 'zod';
import { alertLevel, computed, dto, findingDto, id, statementDto, timestamp } from './common.ts';
import { ackDeadlineDto } from './patients.ts';

export const alertStatus = z.enum(['open', 'acknowledged', 'resolved']);

/** An alert as staff see it (GET /api/alerts/:alertId and the answers of acting on one). */
export const alertDto = dto('Alert', {
  id,
  patientId: id,
  checkinId: id.nullable(),
  level: alertLevel,
  priority: z.number().int(),
  status: alertStatus,
  offTrack: z.boolean(),
  findings: z.array(findingDto),
  createdAt: timestamp,
  deadlineAt: timestamp.nullable(),
  acknowledgedBy: id.nullable(),
  acknowledgedAt: timestamp.nullable(),
  resolvedBy: id.nullable(),
  resolvedAt: timestamp.nullable(),
  notes: z.string().nullable(),
  escalationStep: z.number().int(),
  escalatedAt: timestamp.nullable(),
  escalatedTo: id.nullable(),
});
export type AlertDto = z.output<typeof alertDto>;

/** One step of an alert's history, as staff read it with the alert (actor: the user id). */
export const alertHistoryEventDto = dto('AlertHistoryEvent', {
  kind: z.string(),
  actorId: id.nullable(),
  note: z.string().nullable(),
  at: timestamp,
});
export type AlertHistoryEvent = z.output<typeof alertHistoryEventDto>;

/** One step of an alert's history in a patient's alert list (actor: the staff member's name). */
export const alertEventDto = dto('AlertEvent', {
  kind: z.string(),
  note: z.string().nullable(),
  at: timestamp,
  actor: z.string().nullable(),
});
export type AlertEvent = z.output<typeof alertEventDto>;

export const alertDetailDto = z.strictObject({
  alert: alertDto,
  events: z.array(alertHistoryEventDto),
});
export const alertAnswerDto = z.strictObject({ alert: alertDto });

/** GET /api/alerts: the older list form of the triage queue (the console uses /api/alerts/queue). */
export const queueAlertDto = dto('QueueAlert', {
  id,
  level: alertLevel,
  status: z.enum(['open', 'acknowledged']),
  findings: z.array(findingDto),
  createdAt: timestamp,
  deadlineAt: timestamp.nullable(),
  acknowledgedAt: timestamp.nullable(),
  acknowledgedBy: id.nullable(),
  notes: z.string().nullable(),
  patientId: id,
  offTrack: z.boolean(),
  escalationStep: z.number().int(),
  escalatedAt: timestamp.nullable(),
  /** No check-in in the day since this urgent/emergency alert (issue 16). */
  noCheckinSince: z.boolean(),
  givenName: z.string(),
  familyName: z.string(),
  triage: z.looseObject({ level: z.string() }).nullable(),
  answers: computed<CheckinInput>('CheckinAnswers').nullable(),
  overdue: z.boolean(),
});
export type QueueAlert = z.output<typeof queueAlertDto>;
export const alertListDto = z.strictObject({ now: timestamp, alerts: z.array(queueAlertDto) });

/** GET /api/patients/:patientId/alerts, as the patient sees their own: no staff notes or names. */
export const ownAlertDto = dto('OwnAlert', {
  id,
  level: alertLevel,
  createdAt: timestamp,
  /** When the care team should have seen it: "will contact you by …". */
  deadlineAt: timestamp.nullable(),
  instructions: z.array(statementDto),
  acknowledged: z.boolean(),
  resolved: z.boolean(),
});
export type OwnAlert = z.output<typeof ownAlertDto>;

/** GET /api/patients/:patientId/alerts, as staff see it: each alert with its history. */
export const patientAlertDto = dto('PatientAlert', {
  id,
  level: alertLevel,
  status: alertStatus,
  offTrack: z.boolean(),
  findings: z.array(findingDto),
  createdAt: timestamp,
  deadlineAt: timestamp.nullable(),
  acknowledgedAt: timestamp.nullable(),
  resolvedAt: timestamp.nullable(),
  escalationStep: z.number().int(),
  notes: z.string().nullable(),
  events: z.array(alertEventDto),
});
export type PatientAlert = z.output<typeof patientAlertDto>;
export const patientAlertListDto = z.strictObject({
  alerts: z.union([z.array(patientAlertDto), z.array(ownAlertDto)]),
});

/** GET/PUT /api/clinic/alert-settings */
export const alertSettingsDto = dto('AlertSettings', {
  ackDeadlines: z.strictObject({
    emergency: ackDeadlineDto,
    urgent: ackDeadlineDto,
    contact: ackDeadlineDto,
  }),
  onCall: z.array(
    z.strictObject({ position: z.number().int(), id, displayName: z.string(), role: z.string() }),
  ),
});
export type AlertSettings = z.output<typeof alertSettingsDto>;

// The live queue (GET /api/alerts/queue, /api/alerts/:alertId/card).
export const queueCardDto = dto('QueueCard', {
  id,
  level: alertLevel,
  status: z.enum(['open', 'acknowledged']),
  /** Sort key: lower first; then createdAt, then id. */
  priority: z.number().int(),
  offTrack: z.boolean(),
  findings: z.array(findingDto),
  /** What the check-in told the patient overall (null for alerts not raised by a check-in). */
  instruction: statementDto.nullable(),
  createdAt: z.iso.datetime(),
  deadlineAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  notes: z.string().nullable(),
  escalationStep: z.number().int(),
  escalatedAt: z.iso.datetime().nullable(),
  /**
   * Urgent or emergency, and no check-in from the patient in the day since it was raised (issue
   * 16): the console raises the card. As of `now`; the console re-applies the rule as time passes.
   */
  noCheckinSince: z.boolean(),
  /**
   * What the patient was told, in the words their screen showed (issue 17): the language the
   * check-in was answered in (the patient's preferred language when that was not recorded).
   */
  told: z.strictObject({
    lang: z.enum(['en', 'es']),
    instruction: z.string().nullable(),
    findings: z.array(z.strictObject({ ruleId: z.string(), text: z.string() })),
  }),
  patient: z.strictObject({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    surgeryDate: z.string().nullable(),
    daysSinceSurgery: z.number().int().nullable(),
    /** The patient's latest check-in (null: none yet). */
    lastCheckinAt: z.iso.datetime().nullable(),
    /** For a tel: link; null when the clinic has no number. */
    phone: z.string().nullable(),
    /** The patient's preferred language. */
    language: z.enum(['en', 'es']),
    /** Whole years on the server's date (UTC); null without a date of birth. */
    age: z.number().int().nullable(),
  }),
});
export type QueueCard = z.output<typeof queueCardDto>;

export const queueDto = z.strictObject({
  now: z.iso.datetime(),
  redFlags: z.array(queueCardDto),
  offTrack: z.array(queueCardDto),
});
export type Queue = z.output<typeof queueDto>;

export const queueCardAnswerDto = z.strictObject({
  now: z.iso.datetime(),
  alertId: z.uuid(),
  /** null: the alert left the queue (resolved); remove its card. */
  card: queueCardDto.nullable(),
});
export type QueueCardAnswer = z.output<typeof queueCardAnswerDto>;
