import { z } from 'zod';

/**
 * Where a rule, threshold or patient-facing statement comes from.
 * - `seed:000` … `seed:004`: the clinic pages in shared/seeds/.
 * - `ref:N`: a numbered source of shared/clinical-reference.md.
 * - `surgeon`: a per-patient instruction from the operating surgeon (see plan overrides).
 * - `team`: the Lamina clinical team's judgement where no source gives the number; every one is
 *   written down, with its reasons, in packages/pathway/README.md ("Judgements").
 */
export type Source = `seed:${SeedId}` | `ref:${string}` | 'surgeon' | 'team';
export type SeedId = '000' | '001' | '002' | '003' | '004';

/** The numbered sources that exist in shared/clinical-reference.md (11, 24, 28, 52 and 99 are absent there). */
export const referenceNumbers: ReadonlySet<string> = new Set([
  ...Array.from({ length: 117 }, (_, i) => String(i + 1)).filter(
    (n) => !['11', '24', '28', '52', '99'].includes(n),
  ),
  '30b',
  '36b',
  '37b',
  '38b',
  '39b',
  '40b',
]);

export function isKnownSource(value: string): value is Source {
  if (value === 'surgeon' || value === 'team') return true;
  if (/^seed:00[0-4]$/.test(value)) return true;
  const ref = /^ref:(\w+)$/.exec(value);
  return ref?.[1] !== undefined && referenceNumbers.has(ref[1]);
}

export const sourceSchema = z
  .string()
  .refine(isKnownSource, {
    message: 'must be seed:000 to seed:004, ref:N from the clinical reference, surgeon or team',
  })
  .transform((value) => value as Source);

/** A sentence shown to a patient or clinician, with a stable id (also its translation key). */
export interface Statement {
  readonly id: string;
  readonly text: string;
  readonly sources: readonly Source[];
  /** True when the clinical reference marks a source as uncertain (⚠️). */
  readonly uncertain?: boolean;
}

/** A statement with its sources; `uncertain` only when a source is marked uncertain. */
export function statement(
  id: string,
  text: string,
  sources: readonly Source[],
  uncertain?: true,
): Statement {
  return uncertain ? { id, text, sources, uncertain } : { id, text, sources };
}
