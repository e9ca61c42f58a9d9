/** The shapes the peers API answers with (packages/server/src/peers/routes.ts). */

import {
  ageBands,
  availabilityChoices,
  peerConditions as conditions,
  peerLanguages,
} from '@lamina/contract/words';

export type {
  OwnVolunteer,
  PeerConnection as Connection,
  PeerMessage,
  PeerProposal,
  PeerThread,
  SharedProfile,
  VolunteerAnswer,
  VolunteerState,
} from '@lamina/contract';
// The word lists the server checks (one copy, @lamina/contract).
export { ageBands, availabilityChoices, conditions, peerLanguages };
