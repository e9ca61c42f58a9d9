import {
  careTeamDto,
  invitationAcceptedDto,
  invitationSentDto,
  reviewerAssignedDto,
  userDisabledDto,
} from '@lamina/contract';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { patientExists } from '../auth/access-store.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { revokeAllSessionsOf } from '../auth/session.ts';
import { hashToken, newSecretToken, parseClinicToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { conflict, invalidField, notFound } from '../http/problem.ts';
import { publicLink } from '../http/public-url.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import {
  activeCareTeamMember,
  assignReviewer,
  clinicName,
  consumeInvitation,
  createInvitation,
  disableUser,
  getUser,
  listCareTeam,
  setPassword,
  userByEmail,
} from './store.ts';

export const invitationDays = 7;
const staffRoles = ['care_manager', 'clinician', 'reviewer', 'admin'] as const;
const roleNames: Record<(typeof staffRoles)[number], string> = {
  care_manager: 'care manager',
  clinician: 'clinician',
  reviewer: 'independent reviewer',
  admin: 'clinic admin',
};

export const inviteStaffSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'must be an email address' }))
    .pipe(z.string().max(320)),
  role: z.enum(staffRoles),
  name: z.string().trim().min(1, 'is required').max(200),
});

export const acceptInvitationSchema = z.strictObject({
  token: z.string().trim().min(20, 'must be the code from the invitation email').max(200),
  password: z.string().superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

export const disableUserSchema = z.strictObject({});
export const assignReviewerSchema = z.strictObject({ reviewerId: z.uuid('must be a user id') });
/** Hand an inbox item to one care-team member; null gives it back to the whole team. */
export const assigneeSchema = z.strictObject({ userId: z.uuid('must be a user id').nullable() });

/** The assignee as stored and shown, or a 400 when they are not an active care-team member here. */
export async function requireAssignee(
  db: Kysely<Database>,
  clinicId: string,
  userId: string | null,
): Promise<{ id: string; name: string } | null> {
  if (userId === null) return null;
  const member = await activeCareTeamMember(db, clinicId, userId);
  if (!member)
    throw invalidField(
      'userId',
      'is not an active care-team member of this clinic',
      'Choose an active care manager, clinician or admin of this clinic.',
    );
  return member;
}

const invalidInvitation = () =>
  invalidField(
    'token',
    'is not a valid, unused invitation',
    'This invitation is not valid any more: it was already used or it has expired. Ask your clinic admin for a new one.',
  );

async function invite(c: AppContext) {
  const actor = authorizeClinic(c, 'invite-staff');
  const input = await readJson(c, inviteStaffSchema);
  const { db, now, devLog } = c.get('deps');
  if (await userByEmail(db, actor.clinicId, input.email))
    throw conflict('Someone in this clinic already uses that email address.');
  const secret = newSecretToken();
  const token = `${actor.clinicId}.${secret}`;
  const at = now();
  const expiresAt = new Date(at.getTime() + invitationDays * 86_400_000);
  const clinic = await clinicName(db, actor.clinicId);
  // The console's set-password page, from the configured public address (http/public-url.ts).
  const link = publicLink(c.get('deps'), `/console?invitation=${encodeURIComponent(token)}`);
  let userId: string;
  try {
    userId = await db.transaction().execute(async (trx) => {
      const id = await createInvitation(trx, {
        clinicId: actor.clinicId,
        role: input.role,
        email: input.email,
        name: input.name,
        tokenHash: hashToken(secret),
        at,
        expiresAt,
        mail: {
          subject: `You are invited to ${clinic} on Lamina`,
          body: `Hello ${input.name}, you are invited to join ${clinic} on Lamina as a ${roleNames[input.role]}. To set your password, open this link: ${link} . It works once, for ${invitationDays} days.`,
        },
      });
      await audit(
        c,
        {
          action: 'user.invite',
          subjectType: 'user',
          subjectId: id,
          details: { role: input.role },
        },
        trx,
      );
      return id;
    });
  } catch (error) {
    if (/users_email|unique/i.test((error as Error).message))
      throw conflict('Someone in this clinic already uses that email address.');
    throw error;
  }
  devLog?.(`[dev mail] to ${input.email}: staff invitation link ${link}`);
  devLog?.(`[dev mail] to ${input.email}: staff invitation token ${token}`);
  return c.json({ userId, role: input.role, expiresAt }, 201);
}

async function acceptInvitation(c: AppContext) {
  const input = await readJson(c, acceptInvitationSchema);
  const parsed = parseClinicToken(input.token);
  if (!parsed) throw invalidInvitation();
  const { db, now } = c.get('deps');
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction().execute(async (trx) => {
    const id = await consumeInvitation(trx, parsed.clinicId, parsed.tokenHash, now());
    if (!id || !(await setPassword(trx, parsed.clinicId, id, passwordHash)))
      throw invalidInvitation();
    const user = await getUser(trx, parsed.clinicId, id);
    // Not signed in yet: the invitation code proved who acts.
    await audit(
      c,
      {
        clinicId: parsed.clinicId,
        actor: user
          ? { clinicId: parsed.clinicId, userId: id, role: user.role, patientId: null }
          : null,
        action: 'user.accept-invitation',
        subjectType: 'user',
        subjectId: id,
      },
      trx,
    );
    return id;
  });
  return c.json({ accepted: true, userId });
}

async function disable(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-users');
  const userId = pathId(c, 'userId');
  await readJson(c, disableUserSchema);
  if (userId === actor.userId) throw conflict('You cannot disable your own account.');
  const { db, now } = c.get('deps');
  const user = await getUser(db, actor.clinicId, userId);
  if (!user) throw notFound('This user');
  const at = now();
  const sessionsRevoked = await db.transaction().execute(async (trx) => {
    await disableUser(trx, actor.clinicId, userId, at);
    const revoked = await revokeAllSessionsOf(trx, actor.clinicId, userId, at);
    await audit(
      c,
      {
        action: 'user.disable',
        subjectType: 'user',
        subjectId: userId,
        details: { role: user.role, sessionsRevoked: revoked },
      },
      trx,
    );
    return revoked;
  });
  return c.json({ userId, disabled: true, sessionsRevoked });
}

async function assign(c: AppContext) {
  const actor = authorizeClinic(c, 'assign-reviewer');
  const patientId = pathId(c, 'patientId');
  const { db, now } = c.get('deps');
  // Existence first, input second: another clinic's patient is simply not found.
  if (!(await patientExists(db, actor.clinicId, patientId))) throw notFound('This patient');
  const { reviewerId } = await readJson(c, assignReviewerSchema);
  const reviewer = await getUser(db, actor.clinicId, reviewerId);
  if (reviewer?.role !== 'reviewer' || reviewer.disabled_at !== null)
    throw invalidField(
      'reviewerId',
      'is not an active reviewer of this clinic',
      'Choose an active reviewer of this clinic.',
    );
  const added = await db.transaction().execute(async (trx) => {
    const inserted = await assignReviewer(trx, {
      clinicId: actor.clinicId,
      reviewerId,
      patientId,
      by: actor.userId,
      at: now(),
    });
    if (inserted)
      await audit(
        c,
        {
          action: 'reviewer.assign',
          subjectType: 'patient',
          subjectId: patientId,
          patientId,
          details: { reviewerId },
        },
        trx,
      );
    return inserted;
  });
  return c.json({ patientId, reviewerId, assigned: true }, added ? 201 : 200);
}

async function careTeam(c: AppContext) {
  const actor = authorizeClinic(c, 'list-staff');
  const { db } = c.get('deps');
  // Names and roles of colleagues only: no patient data, so not audited.
  return c.json({ staff: await listCareTeam(db, actor.clinicId) });
}

export const staffRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/clinic/staff',
    summary:
      'The care team (care managers, clinicians, admins), by name: who can be assigned the inbox or put on call',
    access: 'care managers, clinicians and admins (their own clinic)',
    response: careTeamDto,
    audit: 'none',
    handler: careTeam,
  },
  {
    method: 'post',
    path: '/api/staff/invitations',
    summary:
      'Invite a staff member: creates their account without a password and emails a one-time code',
    access: 'admins (their own clinic)',
    body: inviteStaffSchema,
    success: { status: 201, description: 'Invited; the code went to the outbox.' },
    response: invitationSentDto,
    audit: { actions: ['user.invite'] },
    handler: invite,
  },
  {
    method: 'post',
    path: '/api/auth/staff/accept-invitation',
    summary: 'Set a password (at least 12 characters) with the code from an invitation',
    access: 'anyone holding a valid, unused invitation code',
    body: acceptInvitationSchema,
    response: invitationAcceptedDto,
    audit: { actions: ['user.accept-invitation'] },
    handler: acceptInvitation,
  },
  {
    method: 'post',
    path: '/api/users/:userId/disable',
    summary: 'Disable an account and end all its sessions',
    access: 'admins (their own clinic; not their own account)',
    body: disableUserSchema,
    response: userDisabledDto,
    audit: { actions: ['user.disable'] },
    handler: disable,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/reviewers',
    summary: "Assign an independent reviewer to a patient's case",
    access: 'admins (their own clinic)',
    body: assignReviewerSchema,
    success: { status: 201, description: 'Assigned (200 when it already was).' },
    response: reviewerAssignedDto,
    audit: { actions: ['reviewer.assign'], when: 'only when newly assigned (201)' },
    handler: assign,
  },
];
