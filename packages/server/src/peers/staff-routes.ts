import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { notFound } from '../http/problem.ts';
import {
  auditPeer,
  changeVolunteer,
  endConnection,
  sharedProfile,
  type VolunteerChange,
} from './handlers.ts';
import { emptySchema, pauseSchema } from './schemas.ts';
import {
  approveVolunteer,
  connectionById,
  listConnections,
  listVolunteers,
  setStaffPause,
  volunteerById,
  volunteerState,
} from './store.ts';

/** Peer support as the care team runs it: approving and pausing volunteers, watching and ending connections. */

/** A list the care team reads, audited with its count. */
async function staffList<Row>(
  c: AppContext,
  list: (db: Kysely<Database>, clinicId: string) => Promise<Row[]>,
  action: string,
  subjectType: 'peer_volunteer' | 'peer_connection',
) {
  const actor = authorizeClinic(c, 'manage-peers');
  const rows = await list(c.get('deps').db, actor.clinicId);
  await auditPeer(c, action, [subjectType, null], actor.patientId, { count: rows.length });
  return rows;
}

export async function staffVolunteers(c: AppContext) {
  const rows = await staffList(c, listVolunteers, 'peer.volunteer.list', 'peer_volunteer');
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
  change: VolunteerChange<T>,
  action: (input: T) => string,
) {
  const actor = authorizeClinic(c, 'manage-peers');
  const volunteer = await requireVolunteer(c, actor);
  const input = await readJson(c, schema);
  const updated = await changeVolunteer(c, { actor, volunteer, input }, change, action);
  return c.json({ volunteerId: volunteer.id, state: updated ? volunteerState(updated) : null });
}

export const staffApprove = (c: AppContext) =>
  changeVolunteerAsStaff(
    c,
    emptySchema,
    (db, actor, volunteerId, _input, at) =>
      approveVolunteer(db, actor.clinicId, volunteerId, actor.userId, at),
    () => 'peer.volunteer.approve',
  );

export const staffPause = (c: AppContext) =>
  changeVolunteerAsStaff(
    c,
    pauseSchema,
    (db, actor, volunteerId, { paused }, at) =>
      setStaffPause(db, actor.clinicId, volunteerId, actor.userId, paused, at),
    ({ paused }) => (paused ? 'peer.volunteer.staff-pause' : 'peer.volunteer.staff-resume'),
  );

export async function staffConnections(c: AppContext) {
  const rows = await staffList(c, listConnections, 'peer.connection.list', 'peer_connection');
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

export async function staffEnd(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-peers');
  const connectionId = pathId(c, 'connectionId');
  const row = await connectionById(c.get('deps').db, actor.clinicId, connectionId);
  if (!row) throw notFound('This conversation');
  await readJson(c, emptySchema);
  await endConnection(c, actor, row.id);
  return c.json({ connectionId: row.id, status: 'ended' });
}
