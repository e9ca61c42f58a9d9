import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, sql, type Updateable } from 'kysely';
import { onClinicRef } from '../db/joins.ts';
import type { Database, PeerConnectionStatus } from '../db/schema.ts';
import type { Candidate } from './matching.ts';

/** All SQL about peer volunteers, their connections and the peer threads. */

type Db = Kysely<Database>;
/** The tables of a connection joined to its volunteer, as `eitherSide` filters them. */
type JoinedConnection = {
  c: Database['peer_connections'];
  v: Database['peer_volunteers'];
};

export interface VolunteerInput {
  displayName: string;
  condition: string;
  region: string;
  procedure: string;
  fusion: boolean;
  ageBand: string;
  languages: string[];
  availability: string[];
  availabilityNote: string;
  intro: string;
}

const volunteerColumns = [
  'v.id',
  'v.patient_id',
  'v.display_name',
  'v.condition',
  'v.region',
  'v.procedure',
  'v.fusion',
  'v.age_band',
  'v.languages',
  'v.availability',
  'v.availability_note',
  'v.intro',
  'v.consented_at',
  'v.created_at',
  'v.updated_at',
  'v.approved_at',
  'v.paused_at',
  'v.staff_paused_at',
  'v.withdrawn_at',
] as const;

export type VolunteerRow = Awaited<ReturnType<typeof volunteerOf>>;

export type VolunteerState =
  | 'pending-approval'
  | 'approved'
  | 'paused'
  | 'paused-by-clinic'
  | 'withdrawn';

/** One word for where a volunteer stands; withdrawn and a clinic's pause weigh most. */
export function volunteerState(row: {
  approved_at: Date | null;
  paused_at: Date | null;
  staff_paused_at: Date | null;
  withdrawn_at: Date | null;
}): VolunteerState {
  if (row.withdrawn_at) return 'withdrawn';
  if (row.staff_paused_at) return 'paused-by-clinic';
  if (row.paused_at) return 'paused';
  return row.approved_at ? 'approved' : 'pending-approval';
}

/** The clinic's volunteers with every column a profile needs; callers narrow and order it. */
function volunteersQuery(db: Db, clinicId: string) {
  return db
    .selectFrom('peer_volunteers as v')
    .select(volunteerColumns)
    .where('v.clinic_id', '=', clinicId);
}

export async function volunteerOf(db: Db, clinicId: string, patientId: string) {
  return volunteersQuery(db, clinicId).where('v.patient_id', '=', patientId).executeTakeFirst();
}

export async function volunteerById(db: Db, clinicId: string, volunteerId: string) {
  return volunteersQuery(db, clinicId).where('v.id', '=', volunteerId).executeTakeFirst();
}

/** One volunteer row changed in place; the clinic id keeps it inside its clinic. */
async function updateVolunteer(
  db: Db,
  clinicId: string,
  volunteerId: string,
  set: Updateable<Database['peer_volunteers']>,
) {
  await db
    .updateTable('peer_volunteers')
    .set(set)
    .where('clinic_id', '=', clinicId)
    .where('id', '=', volunteerId)
    .execute();
}

/**
 * Creates or replaces the patient's offer. Any change goes back to the clinic for approval (an
 * approved intro must not be rewritten unseen), and volunteering again undoes a withdrawal.
 */
export async function saveVolunteer(
  db: Db,
  clinicId: string,
  patientId: string,
  input: VolunteerInput,
  at: Date,
): Promise<string> {
  const values = {
    display_name: input.displayName,
    condition: input.condition,
    region: input.region,
    procedure: input.procedure,
    fusion: input.fusion,
    age_band: input.ageBand,
    languages: input.languages,
    availability: input.availability,
    availability_note: input.availabilityNote,
    intro: input.intro,
    consented_at: at,
    updated_at: at,
    approved_at: null,
    approved_by: null,
    withdrawn_at: null,
  };
  const row = await db
    .insertInto('peer_volunteers')
    .values({ clinic_id: clinicId, id: randomUUID(), patient_id: patientId, ...values })
    .onConflict((oc) => oc.columns(['clinic_id', 'patient_id']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setVolunteerPaused(
  db: Db,
  clinicId: string,
  volunteerId: string,
  paused: boolean,
  at: Date,
) {
  await updateVolunteer(db, clinicId, volunteerId, {
    paused_at: paused ? at : null,
    updated_at: at,
  });
}

export async function withdrawVolunteer(db: Db, clinicId: string, volunteerId: string, at: Date) {
  await updateVolunteer(db, clinicId, volunteerId, { withdrawn_at: at, updated_at: at });
}

export async function approveVolunteer(
  db: Db,
  clinicId: string,
  volunteerId: string,
  staffId: string,
  at: Date,
) {
  await updateVolunteer(db, clinicId, volunteerId, { approved_at: at, approved_by: staffId });
}

export async function setStaffPause(
  db: Db,
  clinicId: string,
  volunteerId: string,
  staffId: string,
  paused: boolean,
  at: Date,
) {
  await updateVolunteer(db, clinicId, volunteerId, {
    staff_paused_at: paused ? at : null,
    staff_paused_by: paused ? staffId : null,
  });
}

/** For the console: every volunteer with the patient's name (staff may see their own clinic's patients). */
export async function listVolunteers(db: Db, clinicId: string) {
  return volunteersQuery(db, clinicId)
    .innerJoin('patients as p', (join) => onClinicRef(join, 'p.id', 'v.patient_id'))
    .select(['p.given_name', 'p.family_name'])
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id')
    .execute();
}

/** Every volunteer of the clinic as matching sees them. */
export async function candidates(db: Db, clinicId: string): Promise<Candidate[]> {
  const rows = await volunteersQuery(db, clinicId).execute();
  return rows.map((row) => ({
    volunteerId: row.id,
    patientId: row.patient_id,
    condition: row.condition as Candidate['condition'],
    region: row.region as Candidate['region'],
    procedure: row.procedure as Candidate['procedure'],
    fusion: row.fusion,
    ageBand: row.age_band as Candidate['ageBand'],
    languages: row.languages as Candidate['languages'],
    availability: row.availability as Candidate['availability'],
    proposable: volunteerState(row) === 'approved',
  }));
}

/** The patients this patient already has a connection with, whichever side asked, whatever its state. */
/** A connection joined to its volunteer's row, from which either side's patient is known. */
function connectionsWithVolunteer(db: Db) {
  return db
    .selectFrom('peer_connections as c')
    .innerJoin('peer_volunteers as v', (join) => onClinicRef(join, 'v.id', 'c.volunteer_id'));
}

/** The same, with the asking patient's record too. */
function connectionsWithPatients(db: Db) {
  return connectionsWithVolunteer(db).innerJoin('patients as r', (join) =>
    onClinicRef(join, 'r.id', 'c.requester_patient_id'),
  );
}

/** Connections in which the patient is on either side (asker or volunteer). */
function eitherSide(patientId: string) {
  return (eb: ExpressionBuilder<JoinedConnection, 'c' | 'v'>) =>
    eb.or([eb('c.requester_patient_id', '=', patientId), eb('v.patient_id', '=', patientId)]);
}

export async function connectedPatientIds(
  db: Db,
  clinicId: string,
  patientId: string,
): Promise<Set<string>> {
  const rows = await connectionsWithVolunteer(db)
    .select(['c.requester_patient_id', 'v.patient_id'])
    .where('c.clinic_id', '=', clinicId)
    .where(eitherSide(patientId))
    .execute();
  return new Set(
    rows.map((row) =>
      row.requester_patient_id === patientId ? row.patient_id : row.requester_patient_id,
    ),
  );
}

export async function createConnection(
  db: Db,
  input: {
    clinicId: string;
    requesterPatientId: string;
    volunteerId: string;
    topic: string;
    at: Date;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('peer_connections')
    .values({
      clinic_id: input.clinicId,
      id,
      requester_patient_id: input.requesterPatientId,
      volunteer_id: input.volunteerId,
      topic: input.topic,
      requester_consented_at: input.at,
      created_at: input.at,
    })
    .execute();
  return id;
}

const connectionColumns = [
  'c.id',
  'c.status',
  'c.topic',
  'c.created_at',
  'c.requester_consented_at',
  'c.volunteer_consented_at',
  'c.declined_at',
  'c.ended_at',
  'c.ended_by_role',
  'c.requester_patient_id',
  'v.patient_id as volunteer_patient_id',
  'v.id as volunteer_id',
  'v.display_name as volunteer_display_name',
  'v.age_band as volunteer_age_band',
  'v.region as volunteer_region',
  'v.procedure as volunteer_procedure',
  'v.fusion as volunteer_fusion',
  'v.languages as volunteer_languages',
  'v.intro as volunteer_intro',
  'v.staff_paused_at as volunteer_staff_paused_at',
  'v.withdrawn_at as volunteer_withdrawn_at',
  'r.given_name as requester_given_name',
] as const;

function connectionsQuery(db: Db, clinicId: string) {
  return connectionsWithPatients(db).select(connectionColumns).where('c.clinic_id', '=', clinicId);
}

export type ConnectionRow = NonNullable<Awaited<ReturnType<typeof connectionById>>>;

export async function connectionById(db: Db, clinicId: string, connectionId: string) {
  return connectionsQuery(db, clinicId).where('c.id', '=', connectionId).executeTakeFirst();
}

/** Connections the patient is in, on either side, newest first. */
export async function connectionsOf(db: Db, clinicId: string, patientId: string) {
  return connectionsQuery(db, clinicId)
    .where(eitherSide(patientId))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
}

/** For the console: that connections exist and where they stand; never the messages. */
export async function listConnections(db: Db, clinicId: string) {
  return connectionsWithPatients(db)
    .innerJoin('patients as vp', (join) => onClinicRef(join, 'vp.id', 'v.patient_id'))
    .select((eb) => [
      'c.id',
      'c.status',
      'c.created_at',
      'c.volunteer_consented_at',
      'c.ended_at',
      'c.ended_by_role',
      'r.id as requester_patient_id',
      sql<string>`r.given_name || ' ' || r.family_name`.as('requester_name'),
      'vp.id as volunteer_patient_id',
      sql<string>`vp.given_name || ' ' || vp.family_name`.as('volunteer_name'),
      'v.display_name as volunteer_display_name',
      eb
        .selectFrom('peer_messages as m')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('m.clinic_id', '=', 'c.clinic_id')
        .whereRef('m.connection_id', '=', 'c.id')
        .as('message_count'),
    ])
    .where('c.clinic_id', '=', clinicId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
}

/**
 * Moves a connection from one of `from` to `to`, locking the row so two racing answers cannot
 * both win. Returns the status it had, or undefined when there is no such connection.
 */
export async function moveConnection(
  db: Db,
  clinicId: string,
  connectionId: string,
  from: readonly PeerConnectionStatus[],
  to: PeerConnectionStatus,
  change: { at: Date; endedBy?: { userId: string; role: string } },
): Promise<{ before: PeerConnectionStatus; moved: boolean } | undefined> {
  const before = await lockConnectionStatus(db, clinicId, connectionId);
  if (!before) return undefined;
  if (!from.includes(before)) return { before, moved: false };
  await db
    .updateTable('peer_connections')
    .set({
      status: to,
      ...(to === 'active' ? { volunteer_consented_at: change.at } : {}),
      ...(to === 'declined' ? { declined_at: change.at } : {}),
      ...(to === 'ended'
        ? {
            ended_at: change.at,
            ended_by: change.endedBy?.userId ?? null,
            ended_by_role: change.endedBy?.role ?? null,
          }
        : {}),
    })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', connectionId)
    .execute();
  return { before, moved: true };
}

export async function peerMessages(db: Db, clinicId: string, connectionId: string) {
  return db
    .selectFrom('peer_messages')
    .select(['id', 'sender_patient_id', 'body', 'sent_at'])
    .where('clinic_id', '=', clinicId)
    .where('connection_id', '=', connectionId)
    .orderBy('seq')
    .limit(1000)
    .execute();
}

export async function insertPeerMessage(
  db: Db,
  input: {
    clinicId: string;
    connectionId: string;
    senderPatientId: string;
    body: string;
    at: Date;
  },
) {
  const id = randomUUID();
  await db
    .insertInto('peer_messages')
    .values({
      clinic_id: input.clinicId,
      id,
      connection_id: input.connectionId,
      sender_patient_id: input.senderPatientId,
      body: input.body,
      sent_at: input.at,
    })
    .execute();
  return id;
}

/** Holds the connection's row while a message is written, so an "end" cannot slip in between. */
export async function lockConnectionStatus(db: Db, clinicId: string, connectionId: string) {
  const row = await db
    .selectFrom('peer_connections')
    .select('status')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', connectionId)
    .forUpdate()
    .executeTakeFirst();
  return row?.status;
}

/** Where the volunteer's request email goes: their patient record's address, else their account's. */
export async function patientEmail(db: Db, clinicId: string, patientId: string) {
  const row = await db
    .selectFrom('patients as p')
    .leftJoin('users as u', (join) => onClinicRef(join, 'u.id', 'p.user_id'))
    .select(['p.email', 'u.email as account_email', 'p.language'])
    .where('p.clinic_id', '=', clinicId)
    .where('p.id', '=', patientId)
    .executeTakeFirst();
  const email = row?.email ?? row?.account_email ?? null;
  // The patient's stored language (issue 15): the email speaks it.
  return email && row ? { email, language: row.language } : null;
}
