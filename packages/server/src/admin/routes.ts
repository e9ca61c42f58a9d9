import { documentedRoutes } from '../openapi/registry.ts';
import { auditRoutes } from './audit-log.ts';
import { securityRoutes } from './security.ts';
import { settingsRoutes } from './settings.ts';
import { staffRoutes } from './staff.ts';

/** Clinic administration and account security: staff, reviewers, settings, the audit log, TOTP, sessions. */
export const admin = documentedRoutes([
  ...staffRoutes,
  ...securityRoutes,
  ...settingsRoutes,
  ...auditRoutes,
]);
