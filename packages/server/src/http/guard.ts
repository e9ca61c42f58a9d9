import type { Actor, ClinicAction, PatientAction } from '../auth/access.ts';
import { mayActInClinic, mayActOnPatient } from '../auth/access.ts';
import { isAssignedReviewer, patientExists } from '../auth/access-store.ts';
import type { AppContext } from './context.ts';
import { requireActor } from './context.ts';
import { forbidden, notFound } from './problem.ts';

/** Deny by default: every patient route calls this before touching the record. */
export async function authorizePatient(
  c: AppContext,
  patientId: string,
  action: PatientAction,
): Promise<Actor> {
  const actor = requireActor(c);
  const { db } = c.get('deps');
  // A patient's own record was found with their session; no second look-up on the hot path.
  if (actor.role === 'patient') {
    if (mayActOnPatient(actor, action, { clinicId: actor.clinicId, patientId })) return actor;
    throw forbidden();
  }
  // Looked up inside the actor's own clinic: another clinic's patient simply does not exist here.
  if (!(await patientExists(db, actor.clinicId, patientId))) throw notFound('This patient');
  const assignedToActor =
    actor.role === 'reviewer' &&
    (await isAssignedReviewer(db, actor.clinicId, actor.userId, patientId));
  if (!mayActOnPatient(actor, action, { clinicId: actor.clinicId, patientId, assignedToActor }))
    throw forbidden();
  return actor;
}

export function authorizeClinic(c: AppContext, action: ClinicAction): Actor {
  const actor = requireActor(c);
  if (!mayActInClinic(actor, action, actor.clinicId)) throw forbidden();
  return actor;
}
