import { safeText } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { Database, PeerConnectionStatus } from '../db/schema.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { conflict, HttpProblem, notFound } from '../http/problem.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { currentSurgery, getPatient } from '../patients/store.ts';
import {
  ageBandOn,
  ageBandSchema,
  availabilitySchema,
  conditionSchema,
  languagesSchema,
  rankPeers,
} from './matching.ts';
import {
  approveVolunteer,
  type ConnectionRow,
  candidates,
  connectedPatientIds,
  connectionById,
  connectionsOf,
  createConnection,
  insertPeerMessage,
  listConnections,
  listVolunteers,
  lockConnectionStatus,
  moveConnection,
  patientEmail,
  peerMessages,
  saveVolunteer,
  setStaffPause,
  setVolunteerPaused,
  type VolunteerRow,
  volunteerById,
  volunteerOf,
  volunteerState,
  withdrawVolunteer,
} from './store.ts';

export const volunteerSchema = z.strictObject({
  displayName: z
    .string()
    .trim()
    .min(1, 'write the name others will see (a first name or a chosen name)')
    .max(40, 'must be at most 40 characters'),
  condition: conditionSchema,
  /** Needed only when the clinic has no date of birth on file; otherwise derived from it. */
  ageBand: ageBandSchema.optional(),
  languages: languagesSchema,
  availability: availabilitySchema.default([]),
  availabilityNote: safeText().trim().max(200, 'must be at most 200 characters').default(''),
  intro: z
    .string()
    .trim()
    .min(1, 'write a few words about yourself')
    .max(600, 'must be at most 600 characters'),
  consent: z.literal(true, {
    error: 'tick the box to agree that other patients may contact you through Lamina',
  }),
});
export const pauseSchema = z.strictObject({ paused: z.boolean() });
export const emptySchema = z.strictObject({});
export const preferencesSchema = z.strictObject({
  languages: languagesSchema,
  sameProcedureOnly: z.boolean().default(false),
  condition: conditionSchema.optional(),
  /** Used when the clinic has no date of birth on file. */
  ageBand: ageBandSchema.optional(),
  availability: availabilitySchema.default([]),
});
export const connectionRequestSchema = z.strictObject({
  volunteerId: z.uuid({ message: 'choose one of the people proposed' }),
  topic: z
    .string()
    .trim()
    .min(1, 'say what you would like to talk about')
    .max(500, 'must be at most 500 characters'),
  consent: z.literal(true, {
    error: 'tick the box to agree to share your first name and your request',
  }),
});
export const acceptSchema = z.strictObject({
  consent: z.literal(true, {
    error: 'tick the box to agree to talk with this person through Lamina',
  }),
});
export const peerMessageSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'write a message first')
    .max(2000, 'must be at most 2000 characters'),
});

/** A patient account acting on its own peer profile or connections. */
function authorizePeer(c: AppContext, action: 'volunteer-as-peer' | 'connect-with-peer') {
  const actor = authorizeClinic(c, action);
  if (!actor.patientId) throw new HttpProblem(403, 'Not allowed', 'Only patients can do this.');
  return actor as Actor & { patientId: string };
}

/** The age band from the clinic's date of birth, when it has one (it outranks what was typed). */
function recordedAgeBand(patient: { date_of_birth: string | null } | undefined, today: string) {
  return patient?.date_of_birth ? ageBandOn(patient.date_of_birth, today) : undefined;
}

/** What a volunteer chose to share, and nothing else: no surname, contact details or dates. */
function sharedProfile(row: {
  id: string;
  display_name: string;
  condition: string;
  age_band: string;
  region: string;
  procedure: string;
  fusion: boolean;
  languages: string[];
  availability: string[];
  availability_note: string;
  intro: string;
}) {
  return {
    volunteerId: row.id,
    displayName: row.display_name,
    condition: row.condition,
    ageBand: row.age_band,
    region: row.region,
    procedure: row.procedure,
    fusion: row.fusion,
    languages: row.languages,
    availability: row.availability,
    availabilityNote: row.availability_note,
    intro: row.intro,
  };
}

function ownProfile(row: VolunteerRow) {
  if (!row) return null;
  return {
    ...sharedProfile(row),
    state: volunteerState(row),
    consentedAt: row.consented_at,
    updatedAt: row.updated_at,
  };
}

async function getVolunteer(c: AppContext) {
  const actor = authorizePeer(c, 'volunteer-as-peer');
  const { db } = c.get('deps');
  const row = await volunteerOf(db, actor.clinicId, actor.patientId);
  const patient = await getPatient(db, actor.clinicId, actor.patientId);
  const surgery = await currentSurgery(db, actor.clinicId, actor.patientId);
  const today = await clinicToday(c, actor.clinicId);
  await audit(c, {
    action: 'peer.volunteer.read',
    subjectType: 'peer_volunteer',
    subjectId: row?.id ?? null,
    patientId: actor.patientId,
  });
  return c.json({
    volunteer: ownProfile(row),
    // What the form can fill in from the record: it is theirs to read.
    suggested: {
      displayName: patient?.given_name ?? '',
      ageBand: recordedAgeBand(patient, today) ?? null,
      region: surgery?.surgery.region ?? null,
      procedure: surgery?.surgery.procedure ?? null,
      fusion: surgery?.surgery.fusion ?? null,
    },
    canVolunteer: surgery !== undefined && surgery.surgery.surgeryDate < today,
  });
}

async function putVolunteer(c: AppContext) {
  const actor = authorizePeer(c, 'volunteer-as-peer');
  const input = await readJson(c, volunteerSchema);
  const { db, now } = c.get('deps');
  const surgery = await currentSurgery(db, actor.clinicId, actor.patientId);
  const today = await clinicToday(c, actor.clinicId);
  if (!surgery || surgery.surgery.surgeryDate >= today)
    throw conflict('You can volunteer to talk with others once you have had your surgery.');
  const patient = await getPatient(db, actor.clinicId, actor.patientId);
  const ageBand = recordedAgeBand(patient, today) ?? input.ageBand;
  if (!ageBand)
    throw new HttpProblem(
      400,
      'Invalid input',
      'Some fields are missing or not valid. See errors.',
      [{ field: 'ageBand', message: 'choose your age group' }],
    );
  const id = await db.transaction().execute(async (trx) => {
    const saved = await saveVolunteer(
      trx,
      actor.clinicId,
      actor.patientId,
      {
        displayName: input.displayName,
        condition: input.condition,
        // The procedure shared is the one on the clinic's record, so it cannot be misstated.
        region: surgery.surgery.region,
        procedure: surgery.surgery.procedure,
        fusion: surgery.surgery.fusion,
        ageBand,
        languages: input.languages,
        availability: input.availability,
        availabilityNote: input.availabilityNote,
        intro: input.intro,
      },
      now(),
    );
    await audit(
      c,
      {
        action: 'peer.volunteer.save',
        subjectType: 'peer_volunteer',
        subjectId: saved,
        patientId: actor.patientId,
      },
      trx,
    );
    return saved;
  });
  return c.json({ volunteer: ownProfile(await volunteerById(db, actor.clinicId, id)) });
}

async function requireOwnVolunteer(c: AppContext, actor: Actor & { patientId: string }) {
  const row = await volunteerOf(c.get('deps').db, actor.clinicId, actor.patientId);
  if (!row) throw conflict('You have not volunteered yet.');
  return row;
}

/**
 * A patient changes their own offer: authorize, read the body, find the offer, change it, audit
 * it, answer with the offer as it now stands.
 */
async function changeOwnVolunteer<T>(
  c: AppContext,
  schema: z.ZodType<T>,
  change: (
    db: Kysely<Database>,
    clinicId: string,
    volunteerId: string,
    input: T,
    at: Date,
  ) => Promise<void>,
  action: (input: T) => string,
) {
  const actor = authorizePeer(c, 'volunteer-as-peer');
  const input = await readJson(c, schema);
  const row = await requireOwnVolunteer(c, actor);
  const { db, now } = c.get('deps');
  await change(db, actor.clinicId, row.id, input, now());
  await audit(c, {
    action: action(input),
    subjectType: 'peer_volunteer',
    subjectId: row.id,
    patientId: actor.patientId,
  });
  return c.json({ volunteer: ownProfile(await volunteerById(db, actor.clinicId, row.id)) });
}

const pauseVolunteer = (c: AppContext) =>
  changeOwnVolunteer(
    c,
    pauseSchema,
    (db, clinicId, volunteerId, { paused }, at) =>
      setVolunteerPaused(db, clinicId, volunteerId, paused, at),
    ({ paused }) => (paused ? 'peer.volunteer.pause' : 'peer.volunteer.resume'),
  );

const withdraw = (c: AppContext) =>
  changeOwnVolunteer(
    c,
    emptySchema,
    (db, clinicId, volunteerId, _input, at) => withdrawVolunteer(db, clinicId, volunteerId, at),
    () => 'peer.volunteer.withdraw',
  );

async function proposals(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const prefs = await readJson(c, preferencesSchema);
  const { db } = c.get('deps');
  const surgery = await currentSurgery(db, actor.clinicId, actor.patientId);
  if (!surgery) throw conflict('Your clinic has not recorded your surgery yet.');
  const patient = await getPatient(db, actor.clinicId, actor.patientId);
  const today = await clinicToday(c, actor.clinicId);
  const pool = await candidates(db, actor.clinicId);
  const ranked = rankPeers(
    {
      patientId: actor.patientId,
      region: surgery.surgery.region,
      procedure: surgery.surgery.procedure,
      fusion: surgery.surgery.fusion,
      condition: prefs.condition,
      ageBand: recordedAgeBand(patient, today) ?? prefs.ageBand,
      languages: prefs.languages,
      availability: prefs.availability,
      sameProcedureOnly: prefs.sameProcedureOnly,
    },
    pool,
    await connectedPatientIds(db, actor.clinicId, actor.patientId),
  );
  const result = [];
  for (const proposal of ranked) {
    const row = await volunteerById(db, actor.clinicId, proposal.volunteerId);
    if (row) result.push({ ...sharedProfile(row), reasons: proposal.reasons });
  }
  await audit(c, {
    action: 'peer.proposals',
    subjectType: 'peer_volunteer',
    patientId: actor.patientId,
    details: { proposed: result.map((p) => p.volunteerId) },
  });
  return c.json({ proposals: result });
}

/** The connection as one of its two patients sees it: the other side's shared details only. */
function connectionView(row: ConnectionRow, patientId: string) {
  const side = row.requester_patient_id === patientId ? 'requester' : 'volunteer';
  return {
    id: row.id,
    side,
    status: row.status,
    topic: row.topic,
    createdAt: row.created_at,
    bothConsented: row.requester_consented_at !== null && row.volunteer_consented_at !== null,
    endedAt: row.ended_at,
    endedBy:
      row.ended_by_role === null ? null : row.ended_by_role === 'patient' ? 'peer' : 'care-team',
    other:
      side === 'requester'
        ? {
            displayName: row.volunteer_display_name,
            ageBand: row.volunteer_age_band,
            region: row.volunteer_region,
            procedure: row.volunteer_procedure,
            fusion: row.volunteer_fusion,
            languages: row.volunteer_languages,
            intro: row.volunteer_intro,
          }
        : { displayName: row.requester_given_name },
  };
}

/** The connection as it now stands, for the patient who just acted on it. */
async function connectionReply(c: AppContext, actor: Actor & { patientId: string }, id: string) {
  const row = await connectionById(c.get('deps').db, actor.clinicId, id);
  return { connection: row ? connectionView(row, actor.patientId) : null };
}

/**
 * Moves a connection and, only when it moved, audits that in the same transaction. Returns
 * undefined when there is no such connection.
 */
async function moveAudited(
  c: AppContext,
  actor: Actor,
  connectionId: string,
  from: readonly PeerConnectionStatus[],
  to: PeerConnectionStatus,
  action: string,
  endedBy?: { userId: string; role: string },
) {
  const { db, now } = c.get('deps');
  return db.transaction().execute(async (trx) => {
    const moved = await moveConnection(trx, actor.clinicId, connectionId, from, to, {
      at: now(),
      ...(endedBy ? { endedBy } : {}),
    });
    if (moved?.moved)
      await audit(
        c,
        {
          action,
          subjectType: 'peer_connection',
          subjectId: connectionId,
          patientId: actor.patientId,
        },
        trx,
      );
    return moved;
  });
}

/** Only its two patients reach a connection; to anyone else it does not exist. */
async function requireOwnConnection(c: AppContext, actor: Actor & { patientId: string }) {
  const connectionId = pathId(c, 'connectionId');
  const row = await connectionById(c.get('deps').db, actor.clinicId, connectionId);
  if (
    !row ||
    (row.requester_patient_id !== actor.patientId && row.volunteer_patient_id !== actor.patientId)
  )
    throw notFound('This conversation');
  return row;
}

async function myConnections(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const rows = await connectionsOf(c.get('deps').db, actor.clinicId, actor.patientId);
  await audit(c, {
    action: 'peer.connection.list',
    subjectType: 'peer_connection',
    patientId: actor.patientId,
    details: { count: rows.length },
  });
  return c.json({ connections: rows.map((row) => connectionView(row, actor.patientId)) });
}

async function requestConnection(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const input = await readJson(c, connectionRequestSchema);
  const { db, now } = c.get('deps');
  const volunteer = await volunteerById(db, actor.clinicId, input.volunteerId);
  if (
    !volunteer ||
    volunteer.patient_id === actor.patientId ||
    volunteerState(volunteer) !== 'approved'
  )
    throw notFound('This volunteer');
  const connected = await connectedPatientIds(db, actor.clinicId, actor.patientId);
  if (connected.has(volunteer.patient_id))
    throw conflict('You have already asked to talk with this person.');
  const to = await patientEmail(db, actor.clinicId, volunteer.patient_id);
  const id = await db.transaction().execute(async (trx) => {
    const created = await createConnection(trx, {
      clinicId: actor.clinicId,
      requesterPatientId: actor.patientId,
      volunteerId: volunteer.id,
      topic: input.topic,
      at: now(),
    });
    // No names and no health details in an email: it only says to sign in.
    if (to)
      await queueEmail(trx, {
        clinicId: actor.clinicId,
        to,
        kind: 'peer_request',
        subject:
          'Someone would like to talk with you on Lamina / Alguien quiere hablar con usted en Lamina',
        body:
          'A patient would like to talk with you about your surgery experience. Sign in to Lamina to read the request and say yes or no.\n\n' +
          'Un paciente quiere hablar con usted sobre su experiencia con la cirugía. Entre en Lamina para leer la solicitud y decir sí o no.',
      });
    await audit(
      c,
      {
        action: 'peer.connection.request',
        subjectType: 'peer_connection',
        subjectId: created,
        patientId: actor.patientId,
        details: { volunteerId: volunteer.id },
      },
      trx,
    );
    return created;
  });
  return c.json(await connectionReply(c, actor, id), 201);
}

async function readConnection(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const row = await requireOwnConnection(c, actor);
  const { db } = c.get('deps');
  const messages = await peerMessages(db, actor.clinicId, row.id);
  await audit(c, {
    action: 'peer.message.list',
    subjectType: 'peer_connection',
    subjectId: row.id,
    patientId: actor.patientId,
    details: { count: messages.length },
  });
  return c.json({
    connection: connectionView(row, actor.patientId),
    messages: messages.map((m) => ({
      id: m.id,
      mine: m.sender_patient_id === actor.patientId,
      body: m.body,
      sentAt: m.sent_at,
    })),
    canSend: row.status === 'active',
  });
}

const stateProblems: Record<string, string> = {
  requested:
    'The other person has not said yes yet. You can send messages once you have both agreed.',
  declined: 'This request was declined. No one can send messages in it.',
  ended: 'This conversation has ended. No one can send messages in it.',
  active: 'This conversation has already started.',
};

async function answer(c: AppContext, accept: boolean) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const row = await requireOwnConnection(c, actor);
  if (accept) await readJson(c, acceptSchema);
  else await readJson(c, emptySchema);
  if (row.volunteer_patient_id !== actor.patientId)
    throw conflict('Only the person who was asked can answer this request.');
  // A clinic's safety pause (or a withdrawal) also stops conversations that have not started.
  if (accept && (row.volunteer_staff_paused_at || row.volunteer_withdrawn_at))
    throw conflict(
      'Your offer to talk with others is paused or withdrawn, so you cannot start new conversations now.',
    );
  const result = await moveAudited(
    c,
    actor,
    row.id,
    ['requested'],
    accept ? 'active' : 'declined',
    accept ? 'peer.connection.accept' : 'peer.connection.decline',
  );
  if (!result?.moved)
    throw conflict(stateProblems[result?.before ?? 'ended'] ?? 'Not possible now.');
  return c.json(await connectionReply(c, actor, row.id));
}

async function sendPeerMessage(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const row = await requireOwnConnection(c, actor);
  const { body } = await readJson(c, peerMessageSchema);
  const { db, now } = c.get('deps');
  const sent = await db.transaction().execute(async (trx) => {
    const status = await lockConnectionStatus(trx, actor.clinicId, row.id);
    if (status !== 'active') return { refused: status ?? 'ended' };
    const at = now();
    const id = await insertPeerMessage(trx, {
      clinicId: actor.clinicId,
      connectionId: row.id,
      senderPatientId: actor.patientId,
      body,
      at,
    });
    await audit(
      c,
      {
        action: 'peer.message.send',
        subjectType: 'peer_message',
        subjectId: id,
        patientId: actor.patientId,
        details: { connectionId: row.id },
      },
      trx,
    );
    return { id, at };
  });
  if (sent.refused !== undefined)
    throw conflict(stateProblems[sent.refused] ?? 'Not possible now.');
  return c.json({ message: { id: sent.id, mine: true, body, sentAt: sent.at } }, 201);
}

async function endConnection(c: AppContext, actor: Actor, connectionId: string) {
  const result = await moveAudited(
    c,
    actor,
    connectionId,
    ['requested', 'active'],
    'ended',
    'peer.connection.end',
    { userId: actor.userId, role: actor.role },
  );
  if (!result) throw notFound('This conversation');
  if (!result.moved) throw conflict('This conversation has already ended.');
}

async function endOwn(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const row = await requireOwnConnection(c, actor);
  await readJson(c, emptySchema);
  await endConnection(c, actor, row.id);
  return c.json(await connectionReply(c, actor, row.id));
}

// Staff (care managers and admins): safety oversight, not a view into the conversations.

async function staffVolunteers(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-peers');
  const rows = await listVolunteers(c.get('deps').db, actor.clinicId);
  await audit(c, {
    action: 'peer.volunteer.list',
    subjectType: 'peer_volunteer',
    patientId: actor.patientId,
    details: { count: rows.length },
  });
  return c.json({
    volunteers: rows.map((row) => ({
      ...sharedProfile(row),
      patientId: row.patient_id,
      patientName: `${row.given_name} ${row.family_name}`,
      state: volunteerState(row),
      updatedAt: row.updated_at,
    })),
  });
}

async function requireVolunteer(c: AppContext, actor: Actor) {
  const volunteerId = pathId(c, 'volunteerId');
  const row = await volunteerById(c.get('deps').db, actor.clinicId, volunteerId);
  if (!row) throw notFound('This volunteer');
  return row;
}

/**
 * Staff change a volunteer: authorize, find the volunteer, read the body, change it, audit it
 * about the volunteer's patient record, answer with where the volunteer now stands.
 */
async function changeVolunteerAsStaff<T>(
  c: AppContext,
  schema: z.ZodType<T>,
  change: (
    db: Kysely<Database>,
    actor: Actor,
    volunteerId: string,
    input: T,
    at: Date,
  ) => Promise<void>,
  action: (input: T) => string,
) {
  const actor = authorizeClinic(c, 'manage-peers');
  const row = await requireVolunteer(c, actor);
  const input = await readJson(c, schema);
  const { db, now } = c.get('deps');
  await change(db, actor, row.id, input, now());
  await audit(c, {
    action: action(input),
    subjectType: 'peer_volunteer',
    subjectId: row.id,
    patientId: row.patient_id,
  });
  const updated = await volunteerById(db, actor.clinicId, row.id);
  return c.json({ volunteerId: row.id, state: updated ? volunteerState(updated) : null });
}

const staffApprove = (c: AppContext) =>
  changeVolunteerAsStaff(
    c,
    emptySchema,
    (db, actor, volunteerId, _input, at) =>
      approveVolunteer(db, actor.clinicId, volunteerId, actor.userId, at),
    () => 'peer.volunteer.approve',
  );

const staffPause = (c: AppContext) =>
  changeVolunteerAsStaff(
    c,
    pauseSchema,
    (db, actor, volunteerId, { paused }, at) =>
      setStaffPause(db, actor.clinicId, volunteerId, actor.userId, paused, at),
    ({ paused }) => (paused ? 'peer.volunteer.staff-pause' : 'peer.volunteer.staff-resume'),
  );

async function staffConnections(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-peers');
  const rows = await listConnections(c.get('deps').db, actor.clinicId);
  await audit(c, {
    action: 'peer.connection.list',
    subjectType: 'peer_connection',
    patientId: actor.patientId,
    details: { count: rows.length },
  });
  return c.json({
    connections: rows.map((row) => ({
      id: row.id,
      status: row.status,
      createdAt: row.created_at,
      acceptedAt: row.volunteer_consented_at,
      endedAt: row.ended_at,
      endedBy: row.ended_by_role,
      requester: { patientId: row.requester_patient_id, name: row.requester_name },
      volunteer: {
        patientId: row.volunteer_patient_id,
        name: row.volunteer_name,
        displayName: row.volunteer_display_name,
      },
      messageCount: Number(row.message_count ?? 0),
    })),
  });
}

async function staffEnd(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-peers');
  const connectionId = pathId(c, 'connectionId');
  const row = await connectionById(c.get('deps').db, actor.clinicId, connectionId);
  if (!row) throw notFound('This conversation');
  await readJson(c, emptySchema);
  await endConnection(c, actor, row.id);
  return c.json({ connectionId: row.id, status: 'ended' });
}

const ownPatient = 'the signed-in patient (their own)';
const careTeam = 'care managers and admins (their own clinic)';

export const peers = documentedRoutes([
  {
    method: 'get',
    path: '/api/peers/volunteer',
    summary:
      "The patient's own offer to talk with others as a past patient (null when none), with what the form can fill in from their record",
    access: ownPatient,
    handler: getVolunteer,
  },
  {
    method: 'put',
    path: '/api/peers/volunteer',
    summary:
      'Volunteer (or change the offer) to talk with other patients; only after surgery; a care manager approves it again after every change',
    access: ownPatient,
    body: volunteerSchema,
    handler: putVolunteer,
  },
  {
    method: 'post',
    path: '/api/peers/volunteer/pause',
    summary: 'Pause the offer (no new requests) or take it up again',
    access: ownPatient,
    body: pauseSchema,
    handler: pauseVolunteer,
  },
  {
    method: 'post',
    path: '/api/peers/volunteer/withdraw',
    summary: 'Withdraw the offer: no longer proposed to anyone (volunteering again needs approval)',
    access: ownPatient,
    body: emptySchema,
    handler: withdraw,
  },
  {
    method: 'post',
    path: '/api/peers/proposals',
    summary:
      'The closest approved volunteers for the patient, closest first, showing only what each chose to share',
    access: ownPatient,
    body: preferencesSchema,
    handler: proposals,
  },
  {
    method: 'get',
    path: '/api/peers/connections',
    summary: "The patient's peer connections, on either side, newest first",
    access: ownPatient,
    handler: myConnections,
  },
  {
    method: 'post',
    path: '/api/peers/connections',
    summary:
      'Ask a proposed volunteer to talk (the asker consents here); the volunteer gets an email with no personal details',
    access: ownPatient,
    body: connectionRequestSchema,
    success: { status: 201, description: 'Requested; waiting for the volunteer.' },
    handler: requestConnection,
  },
  {
    method: 'get',
    path: '/api/peers/connections/:connectionId',
    summary: 'One connection and its messages, for its two patients only',
    access: 'the two patients in the connection',
    handler: readConnection,
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/accept',
    summary: 'The volunteer says yes (their consent): from now on both can send messages',
    access: 'the volunteer in the connection',
    body: acceptSchema,
    handler: (c) => answer(c, true),
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/decline',
    summary: 'The volunteer says no; no messages can be sent',
    access: 'the volunteer in the connection',
    body: emptySchema,
    handler: (c) => answer(c, false),
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/messages',
    summary:
      'Send a message; refused (409) until both have consented and after the connection ended',
    access: 'the two patients in the connection',
    body: peerMessageSchema,
    success: { status: 201, description: 'Sent.' },
    handler: sendPeerMessage,
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/end',
    summary: 'End the connection (either patient, any time); no one can send after that',
    access: 'the two patients in the connection',
    body: emptySchema,
    handler: endOwn,
  },
  {
    method: 'get',
    path: '/api/peer-volunteers',
    summary:
      "The clinic's peer volunteers and where each stands (waiting for approval, approved, paused, withdrawn)",
    access: careTeam,
    handler: staffVolunteers,
  },
  {
    method: 'post',
    path: '/api/peer-volunteers/:volunteerId/approve',
    summary: 'Approve a volunteer, so they can be proposed to other patients',
    access: careTeam,
    body: emptySchema,
    handler: staffApprove,
  },
  {
    method: 'post',
    path: '/api/peer-volunteers/:volunteerId/pause',
    summary:
      'Pause a volunteer for safety (not proposed until the clinic lifts it), or lift the pause',
    access: careTeam,
    body: pauseSchema,
    handler: staffPause,
  },
  {
    method: 'get',
    path: '/api/peer-connections',
    summary: 'Which peer connections exist and where they stand; never their messages',
    access: careTeam,
    handler: staffConnections,
  },
  {
    method: 'post',
    path: '/api/peer-connections/:connectionId/end',
    summary: 'End a peer connection for safety',
    access: careTeam,
    body: emptySchema,
    handler: staffEnd,
  },
]);
