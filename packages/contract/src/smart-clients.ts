import { z } from 'zod';
import { dto, id, timestamp } from './common.ts';

/** A FHIR system client registered for SMART Backend Services (issue 18), as admins see it. */
export const smartClientDto = dto('SmartClient', {
  id,
  /** What the client puts in iss and sub of its assertion. */
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  jwksUrl: z.string().nullable(),
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
});
export type SmartClientDto = z.output<typeof smartClientDto>;

/** GET /api/clinic/smart-clients, newest first. */
export const smartClientListDto = z.strictObject({ clients: z.array(smartClientDto) });
export type SmartClientList = z.output<typeof smartClientListDto>;
/** POST /api/clinic/smart-clients (201) and POST …/:smartClientId/revoke */
export const smartClientAnswerDto = z.strictObject({ client: smartClientDto });
export type SmartClientAnswer = z.output<typeof smartClientAnswerDto>;
