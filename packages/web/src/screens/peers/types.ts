/** The shapes the peers API answers with (packages/server/src/peers/routes.ts). */

import {
  ageBands,
  availabilityChoices,
  peerConditions as conditions,
  peerLanguages,
} from '@lamina/contract/words';

// The word lists the server checks (one copy, @lamina/contract).
export { ageBands, availabilityChoices, conditions, peerLanguages };

export interface SharedProfile {
  volunteerId: string;
  displayName: string;
  condition: (typeof conditions)[number];
  ageBand: string;
  region: 'lumbar' | 'cervical';
  procedure: 'laminotomy' | 'laminectomy' | 'microlaminectomy';
  fusion: boolean;
  languages: (typeof peerLanguages)[number][];
  availability: (typeof availabilityChoices)[number][];
  availabilityNote: string;
  intro: string;
}

export type VolunteerState =
  | 'pending-approval'
  | 'approved'
  | 'paused'
  | 'paused-by-clinic'
  | 'withdrawn';

export interface OwnVolunteer extends SharedProfile {
  state: VolunteerState;
}

export interface VolunteerAnswer {
  volunteer: OwnVolunteer | null;
  suggested: {
    displayName: string;
    ageBand: string | null;
    region: SharedProfile['region'] | null;
    procedure: SharedProfile['procedure'] | null;
    fusion: boolean | null;
  };
  canVolunteer: boolean;
}

export interface Connection {
  id: string;
  side: 'requester' | 'volunteer';
  status: 'requested' | 'active' | 'declined' | 'ended';
  topic: string;
  createdAt: string;
  endedBy: 'peer' | 'care-team' | null;
  other: Partial<SharedProfile> & { displayName: string };
}

export interface PeerMessage {
  id: string;
  mine: boolean;
  body: string;
  sentAt: string;
}
