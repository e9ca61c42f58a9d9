import {
  inboxOwnerDto,
  messageSentDto,
  messagesMarkedDto,
  messageThreadDto,
  unreadInboxDto,
} from '@lamina/contract';
import { z } from 'zod';
import { assigneeSchema, requireAssignee } from '../admin/staff.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import {
  insertMessage,
  listMessages,
  markRead,
  setInboxOwner,
  type ThreadSide,
  unreadByPatient,
  unreadInThread,
} from './store.ts';

export const sendMessageSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'write a message first')
    .max(5000, 'must be at most 5000 characters'),
});
export const markReadSchema = z.strictObject({});

/** Which side of the thread the actor is on, and so whose messages they read. */
const sideOf = (role: string): ThreadSide => (role === 'patient' ? 'patient' : 'care-team');
const otherSide = (side: ThreadSide): ThreadSide => (side === 'patient' ? 'care-team' : 'patient');

async function readThread(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read-messages');
  const { db } = c.get('deps');
  const messages = await listMessages(db, actor.clinicId, patientId);
  const unread = await unreadInThread(db, actor.clinicId, patientId, otherSide(sideOf(actor.role)));
  await audit(c, {
    action: 'message.list',
    subjectType: 'message',
    patientId,
    details: { count: messages.length },
  });
  return c.json({ messages, unread });
}

async function send(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'send-message');
  const { body } = await readJson(c, sendMessageSchema);
  const { db, now } = c.get('deps');
  const message = await db.transaction().execute(async (trx) => {
    const stored = await insertMessage(trx, {
      clinicId: actor.clinicId,
      patientId,
      senderId: actor.userId,
      body,
      at: now(),
    });
    await audit(
      c,
      {
        action: 'message.send',
        subjectType: 'message',
        subjectId: stored.id,
        patientId,
      },
      trx,
    );
    return stored;
  });
  return c.json({ message: { id: message.id, sentAt: message.sentAt, body } }, 201);
}

async function markThreadRead(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read-messages');
  await readJson(c, markReadSchema);
  const { db, now } = c.get('deps');
  const marked = await db.transaction().execute(async (trx) => {
    const count = await markRead(trx, {
      clinicId: actor.clinicId,
      patientId,
      fromSide: otherSide(sideOf(actor.role)),
      at: now(),
    });
    await audit(
      c,
      {
        action: 'message.mark-read',
        subjectType: 'message',
        patientId,
        details: { count },
      },
      trx,
    );
    return count;
  });
  return c.json({ marked });
}

async function inbox(c: AppContext) {
  const actor = authorizeClinic(c, 'read-message-inbox');
  const { db } = c.get('deps');
  const patients = await unreadByPatient(db, actor.clinicId);
  await audit(c, {
    action: 'message.unread-counts',
    subjectType: 'message',
    details: { patients: patients.length },
  });
  return c.json({ patients, total: patients.reduce((sum, p) => sum + p.unread, 0) });
}

async function assignInbox(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  // Checks the patient exists in the actor's clinic before the body is read.
  const actor = await authorizePatient(c, patientId, 'assign-inbox');
  const { userId } = await readJson(c, assigneeSchema);
  const { db } = c.get('deps');
  const assignee = await requireAssignee(db, actor.clinicId, userId);
  await db.transaction().execute(async (trx) => {
    const before = await setInboxOwner(trx, actor.clinicId, patientId, userId);
    await audit(
      c,
      {
        action: 'message.assign',
        subjectType: 'patient',
        subjectId: patientId,
        patientId,
        details: { before: before ?? null, after: userId },
      },
      trx,
    );
  });
  return c.json({ patientId, assignee });
}

const thread = 'the patient themself, and care managers, clinicians and admins of their clinic';

export const messages = documentedRoutes([
  {
    method: 'get',
    path: '/api/patients/:patientId/messages',
    summary:
      "The patient's message thread with the care team, oldest first, and how many are unread for the caller",
    access: `${thread} (not reviewers)`,
    response: messageThreadDto,
    audit: { actions: ['message.list'] },
    handler: readThread,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/messages',
    summary: 'Send a message in the thread',
    access: thread,
    body: sendMessageSchema,
    success: { status: 201, description: 'The message was stored.' },
    response: messageSentDto,
    audit: { actions: ['message.send'] },
    handler: send,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/messages/read',
    summary:
      "Mark as read what the other side sent (the team's messages for the patient, the patient's for staff)",
    access: thread,
    body: markReadSchema,
    response: messagesMarkedDto,
    audit: { actions: ['message.mark-read'] },
    handler: markThreadRead,
  },
  {
    method: 'get',
    path: '/api/messages/unread',
    summary:
      'Per patient, how many messages from patients the care team has not read yet, and who owns the thread',
    access: 'care managers, clinicians and admins (their own clinic)',
    response: unreadInboxDto,
    audit: { actions: ['message.unread-counts'] },
    handler: inbox,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/inbox-owner',
    summary:
      'Assign the patient\'s messages to an active care manager, clinician or admin of the clinic ({"userId": null}: the whole team)',
    access: 'care managers and admins (their own clinic)',
    body: assigneeSchema,
    response: inboxOwnerDto,
    audit: { actions: ['message.assign'] },
    handler: assignInbox,
  },
]);
