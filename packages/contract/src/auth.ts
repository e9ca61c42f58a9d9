import { z } from 'zod';
import { dto, id } from './common.ts';

/** POST /api/auth/sign-in and /api/auth/patient/verify */
export const signedInDto = z.strictObject({
  role: z.string(),
  /** Staff whose role must use an authenticator app and who have none yet: only its setup is open. */
  mfaSetupRequired: z.literal(true).optional(),
});
export type SignedIn = z.output<typeof signedInDto>;

/** POST /api/auth/patient/code (202; the same whether or not the account exists). */
export const codeSentDto = z.strictObject({
  sent: z.literal(true),
  minutesValid: z.number().int(),
});
export const signedOutDto = z.strictObject({ signedOut: z.literal(true) });

/** GET /api/auth/me: who is signed in. */
export const meDto = dto('Me', {
  userId: id,
  clinicId: id,
  role: z.string(),
  email: z.string(),
  displayName: z.string(),
  patientId: id.nullable(),
  totpEnabled: z.boolean(),
  /** Staff whose role must use an authenticator app and who have none yet: only its setup is open. */
  mfaSetupRequired: z.boolean(),
  /** How to reach the clinic and emergency services. */
  clinic: z.strictObject({
    name: z.string(),
    slug: z.string(),
    phone: z.string().nullable(),
    emergencyNumber: z.string(),
  }),
});
export type MeDto = z.output<typeof meDto>;
