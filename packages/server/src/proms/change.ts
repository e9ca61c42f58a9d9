import {
  classifyPromChange,
  type IsoDate,
  type PromChange,
  type PromInstrumentId,
  type PromScore,
} from '@lamina/pathway';

export interface ScoredResponse {
  readonly id: string;
  readonly instrument: PromInstrumentId;
  readonly completedOn: IsoDate;
  readonly score: PromScore | null;
}

export interface ResponseWithChange<R extends ScoredResponse> {
  readonly response: R;
  /** The response this one is compared with; null for the baseline itself or when there is none. */
  readonly baselineId: string | null;
  /** Per scale with a value on both days, classified by the MCID (pathway's mcidRules). */
  readonly change: readonly Omit<PromChange, 'rule' | 'instrument'>[];
}

/**
 * Baseline = the latest response to the same instrument on or before the surgery day; every later
 * response is compared with it. Without a surgery date nothing is a baseline.
 */
export function withChangeFromBaseline<R extends ScoredResponse>(
  responses: readonly R[],
  surgeryDate: IsoDate | undefined,
): ResponseWithChange<R>[] {
  const baselines = new Map<PromInstrumentId, R>();
  if (surgeryDate !== undefined) {
    for (const response of responses) {
      const current = baselines.get(response.instrument);
      if (
        response.completedOn <= surgeryDate &&
        (!current || response.completedOn >= current.completedOn)
      )
        baselines.set(response.instrument, response);
    }
  }
  return responses.map((response) => {
    const baseline = baselines.get(response.instrument);
    if (!baseline || surgeryDate === undefined || response.completedOn <= surgeryDate)
      return { response, baselineId: null, change: [] };
    const change = (response.score?.scales ?? []).flatMap((scale) => {
      const before = baseline.score?.scales.find((s) => s.scale === scale.scale)?.value;
      if (before === undefined || scale.value === undefined) return [];
      const {
        rule: _rule,
        instrument: _instrument,
        ...rest
      } = classifyPromChange(response.instrument, scale.scale, before, scale.value);
      return [rest];
    });
    return { response, baselineId: baseline.id, change };
  });
}
