import { documentedRoutes } from '../openapi/registry.ts';
import { invitationRoutes } from '../patients/invitations.ts';
import { languageRoutes } from '../patients/language.ts';
import { profileRoutes } from './profile.ts';
import { setupRoutes } from './setup.ts';

/** From demo to a real clinic (issue 15): first-run setup, the clinic profile, patient invitations and language. */
export const clinics = documentedRoutes([
  ...setupRoutes,
  ...profileRoutes,
  ...invitationRoutes,
  ...languageRoutes,
]);
