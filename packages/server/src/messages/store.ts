import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** All SQL about the message thread between a patient and their care team. */

export type ThreadSide = 'patient' | 'care-team';

/** The clinic's messages (m) with their sender's account (u). */
const messagesWithSender = (db: Kysely<Database>) =>
  db
    .selectFrom('messages as m')
    .innerJoin('users as u', (join) =>
      join.onRef('u.clinic_id', '=', 'm.clinic_id').onRef('u.id', '=', 'm.sender_id'),
    );

/** One patient's thread, with each message's sender. */
const threadWithSender = (db: Kysely<Database>, clinicId: string, patientId: string) =>
  messagesWithSender(db).where('m.clinic_id', '=', clinicId).where('m.patient_id', '=', patientId);

export async function listMessages(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  limit = 200,
) {
  const rows = await threadWithSender(db, clinicId, patientId)
    .select(['m.id', 'm.body', 'm.sent_at', 'm.read_at', 'm.sender_id', 'u.role', 'u.display_name'])
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((row) => ({
    id: row.id,
    body: row.body,
    sentAt: row.sent_at,
    readAt: row.read_at,
    from: {
      userId: row.sender_id,
      name: row.display_name,
      role: row.role,
      side: (row.role === 'patient' ? 'patient' : 'care-team') as ThreadSide,
    },
  }));
}

export async function insertMessage(
  db: Kysely<Database>,
  input: { clinicId: string; patientId: string; senderId: string; body: string; at: Date },
) {
  const id = randomUUID();
  await db
    .insertInto('messages')
    .values({
      clinic_id: input.clinicId,
      id,
      patient_id: input.patientId,
      sender_id: input.senderId,
      body: input.body,
      sent_at: input.at,
      read_at: null,
    })
    .execute();
  return { id, sentAt: input.at };
}

/** Marks read what the other side sent: a patient reads the team's messages, the team reads the patient's. */
export async function markRead(
  db: Kysely<Database>,
  input: { clinicId: string; patientId: string; fromSide: ThreadSide; at: Date },
): Promise<number> {
  const result = await db
    .updateTable('messages as m')
    .set({ read_at: input.at })
    .where('m.clinic_id', '=', input.clinicId)
    .where('m.patient_id', '=', input.patientId)
    .where('m.read_at', 'is', null)
    .where((eb) => {
      const sentByPatient = eb.exists(
        eb
          .selectFrom('users as u')
          .select('u.id')
          .whereRef('u.clinic_id', '=', 'm.clinic_id')
          .whereRef('u.id', '=', 'm.sender_id')
          .where('u.role', '=', 'patient'),
      );
      return input.fromSide === 'patient' ? sentByPatient : eb.not(sentByPatient);
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many messages from `fromSide` are unread in one patient's thread. */
export async function unreadInThread(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  fromSide: ThreadSide,
): Promise<number> {
  const row = await threadWithSender(db, clinicId, patientId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.read_at', 'is', null)
    .where('u.role', fromSide === 'patient' ? '=' : '!=', 'patient')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The staff inbox: per patient, how many of their messages nobody on the team has read yet. */
export async function unreadByPatient(db: Kysely<Database>, clinicId: string) {
  const rows = await messagesWithSender(db)
    .innerJoin('patients as p', (join) =>
      join.onRef('p.clinic_id', '=', 'm.clinic_id').onRef('p.id', '=', 'm.patient_id'),
    )
    .leftJoin('users as o', (join) =>
      join.onRef('o.clinic_id', '=', 'p.clinic_id').onRef('o.id', '=', 'p.inbox_owner'),
    )
    .select((eb) => [
      'm.patient_id',
      'p.given_name',
      'p.family_name',
      'p.inbox_owner',
      'o.display_name as owner_name',
      eb.fn.countAll<number>().as('unread'),
      eb.fn.min('m.sent_at').as('oldest_unread_at'),
    ])
    .where('m.clinic_id', '=', clinicId)
    .where('m.read_at', 'is', null)
    .where('u.role', '=', 'patient')
    .groupBy(['m.patient_id', 'p.given_name', 'p.family_name', 'p.inbox_owner', 'o.display_name'])
    .orderBy('oldest_unread_at')
    .execute();
  return rows.map((row) => ({
    patientId: row.patient_id,
    givenName: row.given_name,
    familyName: row.family_name,
    unread: Number(row.unread),
    oldestUnreadAt: row.oldest_unread_at,
    assignee: row.inbox_owner ? { id: row.inbox_owner, name: row.owner_name ?? '' } : null,
  }));
}

/** Whom the patient's messages were assigned to before the change (null: the whole team). */
export async function setInboxOwner(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  userId: string | null,
): Promise<string | null | undefined> {
  const before = await db
    .selectFrom('patients')
    .select('inbox_owner')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  await db
    .updateTable('patients')
    .set({ inbox_owner: userId })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .execute();
  return before.inbox_owner;
}
