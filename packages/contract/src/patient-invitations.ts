import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

export const invitationStates = ['not-invited', 'invited', 'opened', 'revoked', 'expired'] as const;

/** GET /api/patients/:patientId/invitations, and each row of GET /api/patient-invitations. */
export const appStatusDto = dto('AppStatus', {
  patientId: id,
  givenName: z.string(),
  familyName: z.string(),
  language: z.enum(['en', 'es']),
  /** The latest invitation (all null when never invited). */
  invitation: z.strictObject({
    state: z.enum(invitationStates),
    channel: z.enum(['email', 'sms']).nullable(),
    sentAt: timestamp.nullable(),
    expiresAt: timestamp.nullable(),
  }),
  lastSignInAt: timestamp.nullable(),
  lastCheckinAt: timestamp.nullable(),
  neverCheckedIn: z.boolean(),
});
export type AppStatus = z.output<typeof appStatusDto>;

/** GET /api/patient-invitations */
export const appStatusListDto = z.strictObject({ patients: z.array(appStatusDto) });
export type AppStatusList = z.output<typeof appStatusListDto>;

/** POST /api/patients/:patientId/invitations (and /resend), 201 */
export const patientInvitationSentDto = dto('PatientInvitationSent', {
  invitationId: id,
  channel: z.enum(['email', 'sms']),
  expiresAt: timestamp,
});
export type PatientInvitationSent = z.output<typeof patientInvitationSentDto>;

/** POST /api/patients/:patientId/invitations/revoke: how many open invitations ended. */
export const patientInvitationRevokedDto = z.strictObject({
  patientId: id,
  revoked: z.number().int(),
});
export type PatientInvitationRevoked = z.output<typeof patientInvitationRevokedDto>;
