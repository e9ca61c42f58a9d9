import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

/** One message of a patient's thread with the care team. */
export const messageDto = dto('Message', {
  id,
  body: z.string(),
  sentAt: timestamp,
  readAt: timestamp.nullable(),
  from: z.strictObject({
    userId: id,
    name: z.string(),
    role: z.string(),
    side: z.enum(['patient', 'care-team']),
  }),
});
export type Message = z.output<typeof messageDto>;

/** GET /api/patients/:patientId/messages */
export const messageThreadDto = z.strictObject({
  messages: z.array(messageDto),
  /** How many the other side sent that the caller has not read. */
  unread: z.number().int(),
});
export type MessageThread = z.output<typeof messageThreadDto>;

/** POST /api/patients/:patientId/messages (201) */
export const messageSentDto = z.strictObject({
  message: z.strictObject({ id, sentAt: timestamp, body: z.string() }),
});
export const messagesMarkedDto = z.strictObject({ marked: z.number().int() });

/** Whom an inbox item (a patient's messages, a lead) is assigned to. */
export const assigneeDto = dto('Assignee', { id, name: z.string() });
export type Assignee = z.output<typeof assigneeDto>;

/** GET /api/messages/unread: per patient, the care team's unread messages. */
export const unreadInboxDto = z.strictObject({
  patients: z.array(
    z.strictObject({
      patientId: id,
      givenName: z.string(),
      familyName: z.string(),
      unread: z.number().int(),
      oldestUnreadAt: timestamp,
      assignee: assigneeDto.nullable(),
    }),
  ),
  total: z.number().int(),
});
export type UnreadInbox = z.output<typeof unreadInboxDto>;

/** POST /api/patients/:patientId/inbox-owner */
export const inboxOwnerDto = z.strictObject({ patientId: id, assignee: assigneeDto.nullable() });
