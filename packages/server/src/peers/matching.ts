import {
  type AgeBand,
  type AvailabilityChoice,
  ageBands,
  availabilityChoices,
  type PeerCondition,
  type PeerLanguage,
  peerConditions,
  peerLanguages,
} from '@lamina/contract/words';
import type { procedures, regions } from '@lamina/pathway';
import { z } from 'zod';

/**
 * Who a prospective patient might talk to: a pure, deterministic ranking of peer volunteers.
 * Not a clinical rule (it decides nothing about care), so it lives with the peers feature.
 */

// The word lists are shared with the web app's choices: one copy, in @lamina/contract.
export type { AgeBand, AvailabilityChoice, PeerCondition, PeerLanguage };
export { ageBands, availabilityChoices, peerConditions, peerLanguages };

export const conditionSchema = z.enum(peerConditions);
export const ageBandSchema = z.enum(ageBands);
export const languagesSchema = z
  .array(z.enum(peerLanguages))
  .min(1, 'choose at least one language')
  .refine((list) => new Set(list).size === list.length, 'each language once');
export const availabilitySchema = z
  .array(z.enum(availabilityChoices))
  .refine((list) => new Set(list).size === list.length, 'each choice once');

/** The age band of someone born on `dateOfBirth` (YYYY-MM-DD) on `today`; undefined under 18. */
export function ageBandOn(dateOfBirth: string, today: string): AgeBand | undefined {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  if (age < 18) return undefined;
  if (age >= 80) return '80+';
  return ageBands[Math.max(0, Math.floor(age / 10) - 2)];
}

/** What matching knows of a volunteer: only what they chose to share, plus the ids to exclude. */
export interface Candidate {
  readonly volunteerId: string;
  readonly patientId: string;
  readonly condition: PeerCondition;
  readonly region: (typeof regions)[number];
  readonly procedure: (typeof procedures)[number];
  readonly fusion: boolean;
  readonly ageBand: AgeBand;
  readonly languages: readonly PeerLanguage[];
  readonly availability: readonly AvailabilityChoice[];
  /** Approved by the clinic, not paused (by them or the clinic), not withdrawn. */
  readonly proposable: boolean;
}

/** The person asking: their surgery (planned or done) and the preferences they stated. */
export interface Seeker {
  readonly patientId: string;
  readonly region: Candidate['region'];
  readonly procedure: Candidate['procedure'];
  readonly fusion: boolean;
  readonly condition?: PeerCondition | undefined;
  readonly ageBand?: AgeBand | undefined;
  /** Languages they can talk in, the one they prefer first. A volunteer must share one. */
  readonly languages: readonly PeerLanguage[];
  readonly availability: readonly AvailabilityChoice[];
  /** Only volunteers who had the same procedure. */
  readonly sameProcedureOnly: boolean;
}

export interface Proposal {
  readonly volunteerId: string;
  /** Higher is closer; the order of proposals is by these keys, left to right. */
  readonly keys: readonly number[];
  readonly reasons: readonly MatchReason[];
}

export type MatchReason =
  | 'same-procedure'
  | 'same-region'
  | 'same-condition'
  | 'same-fusion'
  | 'preferred-language'
  | 'similar-age'
  | 'shared-availability';

/**
 * Ranks volunteers for a seeker, closest first: same procedure and region, then condition,
 * fusion, language, age band closeness, shared availability; ties by volunteer id so the order
 * never depends on the database. Never the seeker themselves, anyone not proposable, anyone the
 * seeker already has a connection with (in either direction), or anyone without a shared language.
 */
export function rankPeers(
  seeker: Seeker,
  candidates: readonly Candidate[],
  alreadyConnectedPatientIds: ReadonlySet<string>,
  limit = 5,
): Proposal[] {
  const proposals: Proposal[] = [];
  for (const candidate of candidates) {
    if (candidate.patientId === seeker.patientId) continue;
    if (!candidate.proposable) continue;
    if (alreadyConnectedPatientIds.has(candidate.patientId)) continue;
    if (!candidate.languages.some((language) => seeker.languages.includes(language))) continue;
    if (seeker.sameProcedureOnly && candidate.procedure !== seeker.procedure) continue;

    const sameProcedure = candidate.procedure === seeker.procedure;
    const sameRegion = candidate.region === seeker.region;
    const sameCondition =
      seeker.condition !== undefined && candidate.condition === seeker.condition;
    const sameFusion = candidate.fusion === seeker.fusion;
    const preferred =
      seeker.languages[0] !== undefined && candidate.languages.includes(seeker.languages[0]);
    const ageDistance =
      seeker.ageBand === undefined
        ? ageBands.length
        : Math.abs(ageBands.indexOf(candidate.ageBand) - ageBands.indexOf(seeker.ageBand));
    const sharedTimes = candidate.availability.filter((a) =>
      seeker.availability.includes(a),
    ).length;

    const reasons: MatchReason[] = [];
    if (sameProcedure) reasons.push('same-procedure');
    if (sameRegion) reasons.push('same-region');
    if (sameCondition) reasons.push('same-condition');
    if (sameFusion) reasons.push('same-fusion');
    if (preferred) reasons.push('preferred-language');
    if (seeker.ageBand !== undefined && ageDistance <= 1) reasons.push('similar-age');
    if (sharedTimes > 0) reasons.push('shared-availability');
    proposals.push({
      volunteerId: candidate.volunteerId,
      keys: [
        // Both the same beats either alone; a same region beats a same procedure elsewhere in the spine.
        (sameProcedure ? 1 : 0) + (sameRegion ? 2 : 0) + (sameProcedure && sameRegion ? 1 : 0),
        sameCondition ? 1 : 0,
        sameFusion ? 1 : 0,
        preferred ? 1 : 0,
        -ageDistance,
        sharedTimes,
      ],
      reasons,
    });
  }
  return proposals.sort(byKeysThenId).slice(0, limit);
}

function byKeysThenId(a: Proposal, b: Proposal): number {
  for (let i = 0; i < a.keys.length; i++) {
    const difference = (b.keys[i] ?? 0) - (a.keys[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0;
}
