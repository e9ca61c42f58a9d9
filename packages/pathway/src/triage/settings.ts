import { z } from 'zod';
import type { Source } from '../sources/source.ts';

/**
 * What a clinic may tune, and how far. Each limit is a safe floor: a clinic may make Lamina more
 * cautious, never less cautious than the sources allow. `resolveTriageSettings` clamps, so even a
 * caller that skips the schema cannot loosen a threshold.
 */
export interface TriageSettingLimit {
  readonly default: number;
  /** The most cautious value a clinic may choose. */
  readonly mostCautious: number;
  /** The safe floor: the least cautious value allowed. */
  readonly leastCautious: number;
  readonly why: string;
  readonly sources: readonly Source[];
}

export const triageSettingLimits = {
  feverC: {
    default: 38.0,
    mostCautious: 37.5,
    leastCautious: 38.0,
    why: 'Sources differ (≥38.0 °C / 100.4 °F vs >38.6 °C / 101.5 °F); the lower, more cautious one is both default and floor.',
    sources: ['ref:3', 'ref:4', 'ref:7'],
  },
  earlyFeverC: {
    default: 38.6,
    mostCautious: 38.0,
    leastCautious: 38.6,
    why: 'In the first days a slightly raised temperature is common; the highest published threshold (101.5 °F) still applies then.',
    sources: ['ref:7', 'ref:37'],
  },
  earlyFeverDays: {
    default: 2,
    mostCautious: 0,
    leastCautious: 2,
    why: 'The allowance for a low temperature lasts at most the first 2 days after surgery.',
    sources: ['ref:37'],
  },
  noBowelMovementDays: {
    default: 4,
    mostCautious: 2,
    leastCautious: 4,
    why: 'Sources say to call after 4–5 days without a bowel movement; the earlier end is the floor.',
    sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'],
  },
} as const satisfies Record<string, TriageSettingLimit>;

export type TriageSettingName = keyof typeof triageSettingLimits;
export type ResolvedTriageSettings = { readonly [K in TriageSettingName]: number };

function limitSchema(limit: TriageSettingLimit) {
  const low = Math.min(limit.mostCautious, limit.leastCautious);
  const high = Math.max(limit.mostCautious, limit.leastCautious);
  return z
    .number()
    .min(low, { message: `must be at least ${low} (${limit.why})` })
    .max(high, { message: `must be at most ${high} (${limit.why})` })
    .optional();
}

/** A clinic's settings file: values past a safe floor are rejected with the reason. */
export const triageSettingsSchema = z.strictObject({
  feverC: limitSchema(triageSettingLimits.feverC),
  earlyFeverC: limitSchema(triageSettingLimits.earlyFeverC),
  earlyFeverDays: limitSchema(triageSettingLimits.earlyFeverDays),
  noBowelMovementDays: limitSchema(triageSettingLimits.noBowelMovementDays),
});
export type TriageSettings = z.input<typeof triageSettingsSchema>;

function clamp(value: number | undefined, limit: TriageSettingLimit): number {
  if (value === undefined || !Number.isFinite(value)) return limit.default;
  const low = Math.min(limit.mostCautious, limit.leastCautious);
  const high = Math.max(limit.mostCautious, limit.leastCautious);
  return Math.min(high, Math.max(low, value));
}

export function resolveTriageSettings(settings: TriageSettings = {}): ResolvedTriageSettings {
  const feverC = clamp(settings.feverC, triageSettingLimits.feverC);
  return {
    feverC,
    // The early allowance can only ever be higher than the everyday threshold, never lower.
    earlyFeverC: Math.max(feverC, clamp(settings.earlyFeverC, triageSettingLimits.earlyFeverC)),
    earlyFeverDays: Math.floor(clamp(settings.earlyFeverDays, triageSettingLimits.earlyFeverDays)),
    noBowelMovementDays: Math.floor(
      clamp(settings.noBowelMovementDays, triageSettingLimits.noBowelMovementDays),
    ),
  };
}

export const defaultTriageSettings: ResolvedTriageSettings = resolveTriageSettings();
