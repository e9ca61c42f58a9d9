import { procedures, regions } from '@lamina/pathway';
import { z } from 'zod';
import { dto, eachNullable, eachOptional, id, timestamp } from './common.ts';
import { ageBands, availabilityChoices, peerConditions, peerLanguages } from './words.ts';

/** Peer support (issue 5): what patients and the care team read of volunteers and connections. */

export const volunteerStates = [
  'pending-approval',
  'approved',
  'paused',
  'paused-by-clinic',
  'withdrawn',
] as const;
export const volunteerState = z.enum(volunteerStates);
export type VolunteerState = z.output<typeof volunteerState>;
export const peerConnectionStatuses = ['requested', 'active', 'declined', 'ended'] as const;
export const peerConnectionStatus = z.enum(peerConnectionStatuses);
export type PeerConnectionStatus = z.output<typeof peerConnectionStatus>;
export const matchReasons = [
  'same-procedure',
  'same-region',
  'same-condition',
  'same-fusion',
  'preferred-language',
  'similar-age',
  'shared-availability',
] as const;
export type MatchReason = (typeof matchReasons)[number];

const region = z.enum(regions);
const procedure = z.enum(procedures);
const languages = z.array(z.enum(peerLanguages));

/** Who a volunteer is, in the words of the profile: age band and surgery (also what the record can suggest). */
const profileBasics = { ageBand: z.enum(ageBands), region, procedure, fusion: z.boolean() };

/** What a volunteer chose to share, and nothing else: no surname, contact details or dates. */
const sharedFields = {
  volunteerId: id,
  displayName: z.string(),
  condition: z.enum(peerConditions),
  ...profileBasics,
  languages,
  availability: z.array(z.enum(availabilityChoices)),
  availabilityNote: z.string(),
  intro: z.string(),
};
export const sharedProfileDto = dto('PeerSharedProfile', sharedFields);
export type SharedProfile = z.output<typeof sharedProfileDto>;

/** The patient's own offer to talk with others. */
export const ownVolunteerDto = dto('OwnPeerVolunteer', {
  ...sharedFields,
  state: volunteerState,
  consentedAt: timestamp,
  updatedAt: timestamp,
});
export type OwnVolunteer = z.output<typeof ownVolunteerDto>;

/** GET /api/peers/volunteer: the offer (null when none) and what the form can fill in from the record. */
export const volunteerAnswerDto = dto('PeerVolunteerAnswer', {
  volunteer: ownVolunteerDto.nullable(),
  suggested: z.strictObject({ displayName: z.string(), ...eachNullable(profileBasics) }),
  canVolunteer: z.boolean(),
});
export type VolunteerAnswer = z.output<typeof volunteerAnswerDto>;

/** PUT /api/peers/volunteer, pause, withdraw: the offer as it now stands. */
export const ownVolunteerChangedDto = z.strictObject({ volunteer: ownVolunteerDto.nullable() });

/** POST /api/peers/proposals: the closest approved volunteers, closest first, with why. */
export const peerProposalsDto = z.strictObject({
  proposals: z.array(
    dto('PeerProposal', { ...sharedFields, reasons: z.array(z.enum(matchReasons)) }),
  ),
});
export type PeerProposal = z.output<typeof peerProposalsDto>['proposals'][number];

/** A connection as one of its two patients sees it: the other side's shared details only. */
export const peerConnectionDto = dto('PeerConnection', {
  id,
  side: z.enum(['requester', 'volunteer']),
  status: peerConnectionStatus,
  topic: z.string(),
  createdAt: timestamp,
  bothConsented: z.boolean(),
  endedAt: timestamp.nullable(),
  endedBy: z.enum(['peer', 'care-team']).nullable(),
  /** The volunteer's shared details for the requester; only a first name for the volunteer. */
  other: z.strictObject({
    displayName: z.string(),
    ...eachOptional({ ...profileBasics, languages, intro: z.string() }),
  }),
});
export type PeerConnection = z.output<typeof peerConnectionDto>;

/** GET /api/peers/connections */
export const peerConnectionListDto = z.strictObject({ connections: z.array(peerConnectionDto) });
/** A patient's change of a connection (ask, accept, decline, end): the connection as it now is. */
export const peerConnectionAnswerDto = z.strictObject({ connection: peerConnectionDto.nullable() });

export const peerMessageDto = dto('PeerMessage', {
  id,
  mine: z.boolean(),
  body: z.string(),
  sentAt: timestamp,
});
export type PeerMessage = z.output<typeof peerMessageDto>;

/** GET /api/peers/connections/:connectionId */
export const peerThreadDto = dto('PeerThread', {
  connection: peerConnectionDto,
  messages: z.array(peerMessageDto),
  canSend: z.boolean(),
});
export type PeerThread = z.output<typeof peerThreadDto>;
/** POST …/messages (201) */
export const peerMessageSentDto = z.strictObject({ message: peerMessageDto });

/** GET /api/peer-volunteers: a volunteer as the care team oversees them. */
export const staffVolunteerDto = dto('StaffPeerVolunteer', {
  ...sharedFields,
  patientId: id,
  patientName: z.string(),
  state: volunteerState,
  updatedAt: timestamp,
});
export type StaffVolunteer = z.output<typeof staffVolunteerDto>;
export const staffVolunteerListDto = z.strictObject({ volunteers: z.array(staffVolunteerDto) });
/** POST /api/peer-volunteers/:volunteerId/approve and …/pause */
export const staffVolunteerChangedDto = z.strictObject({
  volunteerId: id,
  state: volunteerState.nullable(),
});

/** GET /api/peer-connections: that connections exist and where they stand; never their messages. */
export const staffConnectionDto = dto('StaffPeerConnection', {
  id,
  status: peerConnectionStatus,
  createdAt: timestamp,
  acceptedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  /** The role of whoever ended it (patient, care_manager, admin). */
  endedBy: z.string().nullable(),
  requester: z.strictObject({ patientId: id, name: z.string() }),
  volunteer: z.strictObject({ patientId: id, name: z.string(), displayName: z.string() }),
  messageCount: z.number().int(),
});
export type StaffConnection = z.output<typeof staffConnectionDto>;
export const staffConnectionListDto = z.strictObject({ connections: z.array(staffConnectionDto) });
/** POST /api/peer-connections/:connectionId/end */
export const staffConnectionEndedDto = z.strictObject({
  connectionId: id,
  status: z.literal('ended'),
});
