import type { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppContext } from '../http/context.ts';
import { readJson } from '../http/context.ts';
import { conflict, invalidField, notFound } from '../http/problem.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { currentSurgery, getPatient } from '../patients/store.ts';
import {
  auditPeer,
  authorizePeer,
  changeVolunteer,
  connectionReply,
  connectionView,
  endConnection,
  moveAudited,
  ownProfile,
  recordedAgeBand,
  requireOwnConnection,
  sharedProfile,
  stateProblems,
  type VolunteerChange,
} from './handlers.ts';
import { rankPeers } from './matching.ts';
import {
  acceptSchema,
  connectionRequestSchema,
  emptySchema,
  pauseSchema,
  peerMessageSchema,
  preferencesSchema,
  volunteerSchema,
} from './schemas.ts';
import {
  candidates,
  connectedPatientIds,
  connectionsOf,
  createConnection,
  insertPeerMessage,
  lockConnectionStatus,
  patientEmail,
  peerMessages,
  saveVolunteer,
  setVolunteerPaused,
  volunteerById,
  volunteerOf,
  volunteerState,
  withdrawVolunteer,
} from './store.ts';

/** Peer support as patients use it: their own volunteer offer, proposals, connections and messages. */

export async function getVolunteer(c: AppContext) {
  const actor = authorizePeer(c, 'volunteer-as-peer');
  const { db } = c.get('deps');
  const row = await volunteerOf(db, actor.clinicId, actor.patientId);
  const patient = await getPatient(db, actor.clinicId, actor.patientId);
  const surgery = await currentSurgery(db, actor.clinicId, actor.patientId);
  const today = await clinicToday(c, actor.clinicId);
  await auditPeer(c, 'peer.volunteer.read', ['peer_volunteer', row?.id ?? null], actor.patientId);
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

export async function putVolunteer(c: AppContext) {
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
    throw invalidField(
      'ageBand',
      'choose your age group',
      'Some fields are missing or not valid. See errors.',
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
    await auditPeer(
      c,
      'peer.volunteer.save',
      ['peer_volunteer', saved],
      actor.patientId,
      undefined,
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
  change: VolunteerChange<T>,
  action: (input: T) => string,
) {
  const actor = authorizePeer(c, 'volunteer-as-peer');
  const input = await readJson(c, schema);
  const volunteer = await requireOwnVolunteer(c, actor);
  const updated = await changeVolunteer(c, { actor, volunteer, input }, change, action);
  return c.json({ volunteer: ownProfile(updated) });
}

export const pauseVolunteer = (c: AppContext) =>
  changeOwnVolunteer(
    c,
    pauseSchema,
    (db, actor, volunteerId, { paused }, at) =>
      setVolunteerPaused(db, actor.clinicId, volunteerId, paused, at),
    ({ paused }) => (paused ? 'peer.volunteer.pause' : 'peer.volunteer.resume'),
  );

export const withdraw = (c: AppContext) =>
  changeOwnVolunteer(
    c,
    emptySchema,
    (db, actor, volunteerId, _input, at) => withdrawVolunteer(db, actor.clinicId, volunteerId, at),
    () => 'peer.volunteer.withdraw',
  );

export async function proposals(c: AppContext) {
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
  await auditPeer(c, 'peer.proposals', ['peer_volunteer', null], actor.patientId, {
    proposed: result.map((p) => p.volunteerId),
  });
  return c.json({ proposals: result });
}

export async function myConnections(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const rows = await connectionsOf(c.get('deps').db, actor.clinicId, actor.patientId);
  await auditPeer(c, 'peer.connection.list', ['peer_connection', null], actor.patientId, {
    count: rows.length,
  });
  return c.json({ connections: rows.map((row) => connectionView(row, actor.patientId)) });
}

export async function requestConnection(c: AppContext) {
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
    // In the volunteer's stored language (issue 15).
    if (to)
      await queueEmail(trx, {
        clinicId: actor.clinicId,
        to: to.email,
        kind: 'peer_request',
        ...(to.language === 'es'
          ? {
              subject: 'Alguien quiere hablar con usted en Lamina',
              body: 'Un paciente quiere hablar con usted sobre su experiencia con la cirugía. Entre en Lamina para leer la solicitud y decir sí o no.',
            }
          : {
              subject: 'Someone would like to talk with you on Lamina',
              body: 'A patient would like to talk with you about your surgery experience. Sign in to Lamina to read the request and say yes or no.',
            }),
      });
    await auditPeer(
      c,
      'peer.connection.request',
      ['peer_connection', created],
      actor.patientId,
      { volunteerId: volunteer.id },
      trx,
    );
    return created;
  });
  return c.json(await connectionReply(c, actor, id), 201);
}

export async function readConnection(c: AppContext) {
  const { actor, row } = await requireOwnConnection(c);
  const { db } = c.get('deps');
  const messages = await peerMessages(db, actor.clinicId, row.id);
  await auditPeer(c, 'peer.message.list', ['peer_connection', row.id], actor.patientId, {
    count: messages.length,
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

export async function answer(c: AppContext, accept: boolean) {
  const { actor, row } = await requireOwnConnection(c);
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

export async function sendPeerMessage(c: AppContext) {
  const { actor, row } = await requireOwnConnection(c);
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
    await auditPeer(
      c,
      'peer.message.send',
      ['peer_message', id],
      actor.patientId,
      { connectionId: row.id },
      trx,
    );
    return { id, at };
  });
  if (sent.refused !== undefined)
    throw conflict(stateProblems[sent.refused] ?? 'Not possible now.');
  return c.json({ message: { id: sent.id, mine: true, body, sentAt: sent.at } }, 201);
}

export async function endOwn(c: AppContext) {
  const { actor, row } = await requireOwnConnection(c);
  await readJson(c, emptySchema);
  await endConnection(c, actor, row.id);
  return c.json(await connectionReply(c, actor, row.id));
}

// Staff (care managers and admins): safety oversight, not a view into the conversations.
