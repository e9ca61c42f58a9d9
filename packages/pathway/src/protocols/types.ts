import type { Offset } from '../dates/dates.ts';
import type { Source, Statement } from '../sources/source.ts';
import type { Approach, JobDemand, Procedure, Region } from '../surgery/surgery.ts';

/** Limits an item to some surgeries. Every listed field must match; an absent field matches anything. */
export interface SurgeryCondition {
  readonly fusion?: boolean;
  readonly procedures?: readonly Procedure[];
  readonly approaches?: readonly Approach[];
}

/** A stretch of recovery. It starts `starts` after the day of surgery and ends the day before the next phase starts. */
export interface Phase {
  readonly id: string;
  readonly title: string;
  readonly starts: Offset;
  readonly focus: readonly Statement[];
  readonly avoid: readonly Statement[];
}

/** When a restriction stops: on a date, only when the surgeon says so, or never while its condition holds. */
export type Lifting =
  | { readonly kind: 'after'; readonly offset: Offset; readonly needsClearance?: boolean }
  | { readonly kind: 'when-cleared' }
  | { readonly kind: 'ongoing' };

export type RestrictionKind =
  | 'lifting'
  | 'overhead-lifting'
  | 'bending-twisting'
  | 'head-movement'
  | 'driving'
  | 'sitting'
  | 'collar'
  | 'showering'
  | 'soaking'
  | 'sport';

export interface Restriction {
  /** Stable across variants: the key for the surgeon's overrides. */
  readonly id: string;
  readonly kind: RestrictionKind;
  /** Patient text. `{load}` is replaced by the weight limit in lb and kg. */
  readonly text: string;
  /** Translation key of `text` when variants of one id say different things; default `restriction.<id>`. */
  readonly textId?: string;
  /** Extra advice shown after the text; dropped when the surgeon sets the limit. */
  readonly detail?: string;
  /** Translation key of `detail`; default `restriction.<id>.detail`. */
  readonly detailId?: string;
  readonly maxLoadLb?: { readonly low: number; readonly high: number };
  readonly starts?: Offset;
  readonly lifts: Lifting;
  readonly when?: SurgeryCondition;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export interface Milestone {
  /** Stable across variants: the key for the surgeon's overrides. */
  readonly id: string;
  readonly text: string;
  /** Translation key of `text` when variants of one id say different things; default `milestone.<id>`. */
  readonly textId?: string;
  readonly expected: { readonly from: Offset; readonly to: Offset };
  readonly when?: SurgeryCondition;
  /** Shown only for these job demands (all when the patient's job is unknown). */
  readonly forJobs?: readonly JobDemand[];
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export interface FollowUp {
  readonly id: string;
  readonly title: string;
  readonly at: Offset;
  /** Days either side of `at` in which the visit usually happens. */
  readonly windowDays: number;
  readonly sources: readonly Source[];
}

export interface Protocol {
  readonly id: string;
  readonly title: string;
  readonly region: Region;
  readonly procedures: readonly Procedure[];
  readonly summary: Statement;
  readonly phases: readonly Phase[];
  readonly restrictions: readonly Restriction[];
  readonly milestones: readonly Milestone[];
  readonly followUps: readonly FollowUp[];
  readonly warningSigns: readonly Statement[];
}
