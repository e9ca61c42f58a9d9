import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

/** GET /api/clinic/staff: the care team, who can be assigned the inbox or put on call. */
export const staffMemberDto = dto('StaffMember', {
  id,
  displayName: z.string(),
  role: z.string(),
  disabled: z.boolean(),
});
export type StaffMember = z.output<typeof staffMemberDto>;
export const careTeamDto = z.strictObject({ staff: z.array(staffMemberDto) });

/** POST /api/staff/invitations (201) */
export const invitationSentDto = z.strictObject({
  userId: id,
  role: z.string(),
  expiresAt: timestamp,
});
/** POST /api/auth/staff/accept-invitation */
export const invitationAcceptedDto = z.strictObject({ accepted: z.literal(true), userId: id });
/** POST /api/users/:userId/disable */
export const userDisabledDto = z.strictObject({
  userId: id,
  disabled: z.literal(true),
  sessionsRevoked: z.number().int(),
});
/** POST /api/patients/:patientId/reviewers (201 assigned now, 200 already assigned) */
export const reviewerAssignedDto = z.strictObject({
  patientId: id,
  reviewerId: id,
  assigned: z.literal(true),
});
