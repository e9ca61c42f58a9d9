import { documentedRoutes } from '../openapi/registry.ts';
import {
  answer,
  endOwn,
  getVolunteer,
  myConnections,
  pauseVolunteer,
  proposals,
  putVolunteer,
  readConnection,
  requestConnection,
  sendPeerMessage,
  withdraw,
} from './patient-routes.ts';
import {
  acceptSchema,
  connectionRequestSchema,
  emptySchema,
  pauseSchema,
  peerMessageSchema,
  preferencesSchema,
  volunteerSchema,
} from './schemas.ts';
import {
  staffApprove,
  staffConnections,
  staffEnd,
  staffPause,
  staffVolunteers,
} from './staff-routes.ts';

/** Peer support's routes: the patients' (patient-routes.ts) and the care team's (staff-routes.ts), declared once. */
const ownPatient = 'the signed-in patient (their own)';
const careTeam = 'care managers and admins (their own clinic)';

export const peers = documentedRoutes([
  {
    method: 'get',
    path: '/api/peers/volunteer',
    summary:
      "The patient's own offer to talk with others as a past patient (null when none), with what the form can fill in from their record",
    access: ownPatient,
    handler: getVolunteer,
  },
  {
    method: 'put',
    path: '/api/peers/volunteer',
    summary:
      'Volunteer (or change the offer) to talk with other patients; only after surgery; a care manager approves it again after every change',
    access: ownPatient,
    body: volunteerSchema,
    handler: putVolunteer,
  },
  {
    method: 'post',
    path: '/api/peers/volunteer/pause',
    summary: 'Pause the offer (no new requests) or take it up again',
    access: ownPatient,
    body: pauseSchema,
    handler: pauseVolunteer,
  },
  {
    method: 'post',
    path: '/api/peers/volunteer/withdraw',
    summary: 'Withdraw the offer: no longer proposed to anyone (volunteering again needs approval)',
    access: ownPatient,
    body: emptySchema,
    handler: withdraw,
  },
  {
    method: 'post',
    path: '/api/peers/proposals',
    summary:
      'The closest approved volunteers for the patient, closest first, showing only what each chose to share',
    access: ownPatient,
    body: preferencesSchema,
    handler: proposals,
  },
  {
    method: 'get',
    path: '/api/peers/connections',
    summary: "The patient's peer connections, on either side, newest first",
    access: ownPatient,
    handler: myConnections,
  },
  {
    method: 'post',
    path: '/api/peers/connections',
    summary:
      'Ask a proposed volunteer to talk (the asker consents here); the volunteer gets an email with no personal details',
    access: ownPatient,
    body: connectionRequestSchema,
    success: { status: 201, description: 'Requested; waiting for the volunteer.' },
    handler: requestConnection,
  },
  {
    method: 'get',
    path: '/api/peers/connections/:connectionId',
    summary: 'One connection and its messages, for its two patients only',
    access: 'the two patients in the connection',
    handler: readConnection,
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/accept',
    summary: 'The volunteer says yes (their consent): from now on both can send messages',
    access: 'the volunteer in the connection',
    body: acceptSchema,
    handler: (c) => answer(c, true),
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/decline',
    summary: 'The volunteer says no; no messages can be sent',
    access: 'the volunteer in the connection',
    body: emptySchema,
    handler: (c) => answer(c, false),
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/messages',
    summary:
      'Send a message; refused (409) until both have consented and after the connection ended',
    access: 'the two patients in the connection',
    body: peerMessageSchema,
    success: { status: 201, description: 'Sent.' },
    handler: sendPeerMessage,
  },
  {
    method: 'post',
    path: '/api/peers/connections/:connectionId/end',
    summary: 'End the connection (either patient, any time); no one can send after that',
    access: 'the two patients in the connection',
    body: emptySchema,
    handler: endOwn,
  },
  {
    method: 'get',
    path: '/api/peer-volunteers',
    summary:
      "The clinic's peer volunteers and where each stands (waiting for approval, approved, paused, withdrawn)",
    access: careTeam,
    handler: staffVolunteers,
  },
  {
    method: 'post',
    path: '/api/peer-volunteers/:volunteerId/approve',
    summary: 'Approve a volunteer, so they can be proposed to other patients',
    access: careTeam,
    body: emptySchema,
    handler: staffApprove,
  },
  {
    method: 'post',
    path: '/api/peer-volunteers/:volunteerId/pause',
    summary:
      'Pause a volunteer for safety (not proposed until the clinic lifts it), or lift the pause',
    access: careTeam,
    body: pauseSchema,
    handler: staffPause,
  },
  {
    method: 'get',
    path: '/api/peer-connections',
    summary: 'Which peer connections exist and where they stand; never their messages',
    access: careTeam,
    handler: staffConnections,
  },
  {
    method: 'post',
    path: '/api/peer-connections/:connectionId/end',
    summary: 'End a peer connection for safety',
    access: careTeam,
    body: emptySchema,
    handler: staffEnd,
  },
]);
