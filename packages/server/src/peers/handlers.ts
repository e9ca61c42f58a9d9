import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { Database, PeerConnectionStatus } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { conflict, HttpProblem, notFound } from '../http/problem.ts';
import { ageBandOn } from './matching.ts';
import {
  type ConnectionRow,
  connectionById,
  moveConnection,
  type VolunteerRow,
  volunteerById,
  volunteerState,
} from './store.ts';

/** Shared by the patients' and the staff peer routes: who may act, what each side sees, moving a connection. */

/** A patient account acting on its own peer profile or connections. */
export function authorizePeer(c: AppContext, action: 'volunteer-as-peer' | 'connect-with-peer') {
  const actor = authorizeClinic(c, action);
  if (!actor.patientId) throw new HttpProblem(403, 'Not allowed', 'Only patients can do this.');
  return actor as Actor & { patientId: string };
}

/** The age band from the clinic's date of birth, when it has one (it outranks what was typed). */
export function recordedAgeBand(
  patient: { date_of_birth: string | null } | undefined,
  today: string,
) {
  return patient?.date_of_birth ? ageBandOn(patient.date_of_birth, today) : undefined;
}

/** What a volunteer chose to share, and nothing else: no surname, contact details or dates. */
export function sharedProfile(row: {
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

export function ownProfile(row: VolunteerRow) {
  if (!row) return null;
  return {
    ...sharedProfile(row),
    state: volunteerState(row),
    consentedAt: row.consented_at,
    updatedAt: row.updated_at,
  };
}

/** The connection as one of its two patients sees it: the other side's shared details only. */
export function connectionView(row: ConnectionRow, patientId: string) {
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
export async function connectionReply(
  c: AppContext,
  actor: Actor & { patientId: string },
  id: string,
) {
  const row = await connectionById(c.get('deps').db, actor.clinicId, id);
  return { connection: row ? connectionView(row, actor.patientId) : null };
}

/**
 * Moves a connection and, only when it moved, audits that in the same transaction. Returns
 * undefined when there is no such connection.
 */
export async function moveAudited(
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
      await auditPeer(
        c,
        action,
        ['peer_connection', connectionId],
        actor.patientId,
        undefined,
        trx,
      );
    return moved;
  });
}

/**
 * Audits a peer action (decision 019) about a patient's record: `subject` is the type and id (null
 * for a list); a change passes its transaction.
 */
export function auditPeer(
  c: AppContext,
  action: string,
  [subjectType, subjectId]: readonly [
    'peer_volunteer' | 'peer_connection' | 'peer_message',
    string | null,
  ],
  patientId: string | null,
  details?: Record<string, unknown>,
  trx?: Kysely<Database>,
) {
  return audit(
    c,
    { action, subjectType, subjectId, patientId, ...(details ? { details } : {}) },
    trx,
  );
}

/** Changes a volunteer's offer in the database (pause, withdraw, approve…) at `at`. */
export type VolunteerChange<T> = (
  db: Kysely<Database>,
  actor: Actor,
  volunteerId: string,
  input: T,
  at: Date,
) => Promise<void>;

/**
 * A change of a volunteer's offer, by its patient or by the care team (each has found the
 * volunteer and read the body in its own order): change it, audit it about the volunteer's patient
 * record, and read it back as it now stands.
 */
export async function changeVolunteer<T>(
  c: AppContext,
  opened: { actor: Actor; volunteer: { id: string; patient_id: string }; input: T },
  change: VolunteerChange<T>,
  action: (input: T) => string,
) {
  const { actor, volunteer, input } = opened;
  const { db, now } = c.get('deps');
  await change(db, actor, volunteer.id, input, now());
  await auditPeer(c, action(input), ['peer_volunteer', volunteer.id], volunteer.patient_id);
  return volunteerById(db, actor.clinicId, volunteer.id);
}

/**
 * The signed-in patient and the path's connection, which must be theirs: only its two patients
 * reach a connection; to anyone else it does not exist.
 */
export async function requireOwnConnection(c: AppContext) {
  const actor = authorizePeer(c, 'connect-with-peer');
  const connectionId = pathId(c, 'connectionId');
  const row = await connectionById(c.get('deps').db, actor.clinicId, connectionId);
  if (
    !row ||
    (row.requester_patient_id !== actor.patientId && row.volunteer_patient_id !== actor.patientId)
  )
    throw notFound('This conversation');
  return { actor, row };
}

export const stateProblems: Record<string, string> = {
  requested:
    'The other person has not said yes yet. You can send messages once you have both agreed.',
  declined: 'This request was declined. No one can send messages in it.',
  ended: 'This conversation has ended. No one can send messages in it.',
  active: 'This conversation has already started.',
};

export async function endConnection(c: AppContext, actor: Actor, connectionId: string) {
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
