import { noteSchema, requiredNoteSchema } from '../alerts/routes.ts';
import { alertSettingsSchema } from '../alerts/settings-routes.ts';
import {
  patientCodeRequestSchema,
  patientCodeVerifySchema,
  staffSignInSchema,
} from '../auth/routes.ts';
import { outcomeQuerySchema } from '../outcomes/routes.ts';
import type { RouteDoc } from './registry.ts';

/**
 * Routes registered without documentedRoutes (auth, patients, check-ins, alerts), described
 * with the schemas their handlers parse. openapi.test.ts fails when one is added without a line here.
 * Moving each list next to its handlers (documentedRoutes) is the next step.
 */

const staffOfClinic = 'care managers, clinicians and admins (their own clinic)';
const patientReaders = 'the patient themself, staff of their clinic, an assigned reviewer';
const alertActors = 'care managers, clinicians and admins (their own clinic)';

export const coreRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/auth/sign-in',
    summary:
      'Staff sign-in with password (and the TOTP code when two-step sign-in is on); answers mfaSetupRequired when the role must set up TOTP first',
    access:
      'anyone; wrong tries limited per email, address and clinic (429 with retryAfterSeconds)',
    body: staffSignInSchema,
  },
  {
    method: 'post',
    path: '/api/auth/patient/code',
    summary:
      'Email a patient a one-time sign-in code, replacing any earlier one (202, or 429 with retryAfterSeconds; the same either way for unknown emails)',
    access: 'anyone; limited per email, address and clinic',
    body: patientCodeRequestSchema,
    success: { status: 202, description: 'A code was sent if the account exists.' },
  },
  {
    method: 'post',
    path: '/api/auth/patient/verify',
    summary: 'Sign a patient in with the emailed code (5 tries per code; it works once)',
    access: 'anyone; wrong codes limited per email and address',
    body: patientCodeVerifySchema,
  },
  {
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'End this session',
    access: 'anyone',
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'Who is signed in',
    access: 'any signed-in user',
  },
  {
    method: 'get',
    path: '/api/alerts',
    summary: 'The triage queue: unresolved alerts, most urgent first',
    access: staffOfClinic,
  },
  {
    method: 'get',
    path: '/api/clinic/alert-settings',
    summary: 'Alert acknowledgement deadlines and the on-call list',
    access: staffOfClinic,
  },
  {
    method: 'put',
    path: '/api/clinic/alert-settings',
    summary: 'Replace the acknowledgement deadlines and the on-call list',
    access: 'admins (their own clinic)',
    body: alertSettingsSchema,
  },
  {
    method: 'get',
    path: '/api/alerts/stream',
    summary: 'Live alerts as server-sent events (text/event-stream) while the queue is open',
    access: staffOfClinic,
    success: { status: 200, description: 'An event stream.', contentType: 'text/event-stream' },
  },
  {
    method: 'get',
    path: '/api/alerts/:alertId',
    summary: 'An alert and its history',
    access: alertActors,
  },
  {
    method: 'post',
    path: '/api/alerts/:alertId/acknowledge',
    summary: 'Acknowledge an open alert',
    access: alertActors,
    body: noteSchema,
  },
  {
    method: 'post',
    path: '/api/alerts/:alertId/resolve',
    summary: 'Resolve an alert',
    access: alertActors,
    body: noteSchema,
  },
  {
    method: 'post',
    path: '/api/alerts/:alertId/notes',
    summary: 'Add a note to an alert',
    access: alertActors,
    body: requiredNoteSchema,
  },
  {
    method: 'get',
    path: '/api/outcomes',
    summary:
      'Outcomes by region and procedure: enrolment, PROM completion, MCID share, alert rates, time to acknowledge, overdue',
    access: staffOfClinic,
    query: outcomeQuerySchema,
  },
  {
    method: 'get',
    path: '/api/outcomes.csv',
    summary: 'The outcome report as CSV',
    access: staffOfClinic,
    query: outcomeQuerySchema,
    success: { status: 200, description: 'text/csv' },
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/alerts',
    summary:
      "A patient's alerts, newest first: staff get each with its history (created, acknowledged, notes, escalated, resolved); the patient gets level, time, the instructions shown and whether the team has seen it",
    access: patientReaders,
  },
];
