import type { Source } from '../sources/source.ts';
import type { PromInstrumentId } from './instrument.ts';
import { promInstruments } from './registry.ts';

/**
 * Minimal clinically important differences, as data. An improvement counts when it reaches the
 * point threshold OR the percentage of the baseline (where the source gives one).
 */
export interface McidRule {
  readonly instrument: PromInstrumentId;
  readonly scale: string;
  readonly points: number;
  /** Relative improvement from baseline, in percent. */
  readonly percent?: number;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

const nrsRule = (instrument: PromInstrumentId, scale: string): McidRule => ({
  instrument,
  scale,
  points: 2,
  percent: 30,
  sources: ['ref:50', 'ref:51'],
  uncertain: true,
});

export const mcidRules: readonly McidRule[] = [
  {
    instrument: 'odi',
    scale: 'odi',
    points: 12.8,
    percent: 30,
    sources: ['ref:33', 'ref:34', 'ref:35'],
  },
  { instrument: 'ndi', scale: 'raw', points: 5, percent: 30, sources: ['ref:39b', 'ref:43'] },
  // 5 raw points are 10 points on the percentage scale (raw × 2).
  { instrument: 'ndi', scale: 'percent', points: 10, percent: 30, sources: ['ref:39b', 'ref:43'] },
  nrsRule('nrs-back-leg', 'axial'),
  nrsRule('nrs-back-leg', 'limb'),
  nrsRule('nrs-neck-arm', 'axial'),
  nrsRule('nrs-neck-arm', 'limb'),
  { instrument: 'mjoa', scale: 'mjoa', points: 2, sources: ['ref:45'] },
];

export type PromChangeClass = 'improved' | 'no-important-change' | 'worsened';

export interface PromChange {
  readonly instrument: PromInstrumentId;
  readonly scale: string;
  readonly baseline: number;
  readonly followUp: number;
  /** Positive means better, whichever direction the scale runs. */
  readonly improvement: number;
  /** Improvement as a percentage of the baseline; undefined when the baseline was already the best score. */
  readonly percentImprovement: number | undefined;
  /** Undefined when no published threshold exists (ZCQ, ⚠️ ref:47). */
  readonly classification: PromChangeClass | undefined;
  readonly reachedBy: readonly ('points' | 'percent')[];
  readonly rule: McidRule | undefined;
}

const epsilon = 1e-9;

export function findMcidRule(instrument: PromInstrumentId, scale: string): McidRule | undefined {
  return mcidRules.find((r) => r.instrument === instrument && r.scale === scale);
}

/** Classifies a follow-up against baseline. Worsening uses the point threshold only: a percentage of a small baseline overstates it. */
export function classifyPromChange(
  instrument: PromInstrumentId,
  scale: string,
  baseline: number,
  followUp: number,
): PromChange {
  const definition = promInstruments[instrument].scales.find((s) => s.id === scale);
  if (!definition) throw new RangeError(`${instrument} has no scale "${scale}"`);
  const improvement = definition.higherIsWorse ? baseline - followUp : followUp - baseline;
  // Percent rules are relative reductions of a 0-based "higher is worse" score (ODI, NDI, NRS).
  const percentImprovement =
    definition.higherIsWorse && definition.min === 0 && baseline > 0
      ? (improvement / baseline) * 100
      : undefined;
  const rule = findMcidRule(instrument, scale);
  const reachedBy: ('points' | 'percent')[] = [];
  if (rule && improvement > 0) {
    if (improvement + epsilon >= rule.points) reachedBy.push('points');
    if (
      rule.percent !== undefined &&
      percentImprovement !== undefined &&
      percentImprovement + epsilon >= rule.percent
    ) {
      reachedBy.push('percent');
    }
  }
  const classification: PromChangeClass | undefined = !rule
    ? undefined
    : reachedBy.length > 0
      ? 'improved'
      : -improvement + epsilon >= rule.points
        ? 'worsened'
        : 'no-important-change';
  return {
    instrument,
    scale,
    baseline,
    followUp,
    improvement: Math.round(improvement * 100) / 100,
    percentImprovement:
      percentImprovement === undefined ? undefined : Math.round(percentImprovement * 10) / 10,
    classification,
    reachedBy,
    rule,
  };
}
