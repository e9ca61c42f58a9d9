import { z } from 'zod';
import { codeSentDto } from './auth.ts';
import { id } from './common.ts';

/**
 * A staff member's own account (decision 010): password reset and change, two-step sign-in,
 * signing out everywhere; the first-run setup; a patient opening their invitation link.
 */

/** POST /api/auth/password/reset-request (202; the same whether or not the account exists). */
export const passwordResetRequestedDto = codeSentDto;
/** POST /api/auth/password/reset */
export const passwordResetDto = z.strictObject({ passwordReset: z.literal(true) });
/** POST /api/auth/password/change */
export const passwordChangedDto = z.strictObject({ passwordChanged: z.literal(true) });

/** POST /api/auth/totp/setup: the pending secret, for the authenticator app. */
export const totpSetupDto = z.strictObject({ secret: z.string(), otpauthUri: z.string() });
export type TotpSetup = z.output<typeof totpSetupDto>;
/** POST /api/auth/totp/enable */
export const totpEnabledDto = z.strictObject({ totpEnabled: z.literal(true) });
/** POST /api/auth/sessions/revoke-all: how many sessions ended. */
export const sessionsRevokedDto = z.strictObject({ revoked: z.number().int() });

/** POST /api/auth/patient/invitation: what the sign-in screen fills in. */
export const patientInvitationOpenedDto = z.strictObject({
  clinic: z.string(),
  clinicName: z.string(),
  email: z.string(),
  language: z.enum(['en', 'es']),
});
export type PatientInvitationOpened = z.output<typeof patientInvitationOpenedDto>;

/** GET /api/setup */
export const setupStatusDto = z.strictObject({ setupNeeded: z.boolean() });
export type SetupStatus = z.output<typeof setupStatusDto>;
/** POST /api/setup (201): the clinic and its first admin. */
export const setupDoneDto = z.strictObject({
  clinicId: id,
  adminUserId: id,
  clinic: z.string(),
  adminEmail: z.string(),
});
