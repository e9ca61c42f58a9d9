import { z } from 'zod';
import { isoDateSchema, offsetSchema } from '../dates/dates.ts';
import type { Protocol } from '../protocols/types.ts';
import { safeText } from '../text/safe-text.ts';

/**
 * The surgeon's per-patient instructions. They always win over the protocol, and the plan marks
 * every value that came from them (setBy: 'surgeon').
 */
const note = safeText().trim().min(1).max(500).optional();

export const restrictionOverrideSchema = z.strictObject({
  /** A single weight limit in pounds, e.g. 5. */
  maxLoadLb: z.number().positive().max(100).optional(),
  /** When the restriction ends: an offset from surgery, only when cleared, or already lifted. */
  lifts: z.union([offsetSchema, z.literal('when-cleared'), z.literal('lifted')]).optional(),
  note,
});

export const milestoneOverrideSchema = z
  .strictObject({ from: offsetSchema.optional(), to: offsetSchema.optional(), note })
  .refine(
    (value) => value.from !== undefined || value.to !== undefined || value.note !== undefined,
    {
      message: 'give from, to or note',
    },
  );

export const followUpOverrideSchema = z.strictObject({
  /** The booked appointment date. */
  date: isoDateSchema.optional(),
  note,
});

export const planOverridesSchema = z.strictObject({
  restrictions: z.record(safeText(), restrictionOverrideSchema).default({}),
  milestones: z.record(safeText(), milestoneOverrideSchema).default({}),
  followUps: z.record(safeText(), followUpOverrideSchema).default({}),
});

export type PlanOverrides = z.output<typeof planOverridesSchema>;
export type PlanOverridesInput = z.input<typeof planOverridesSchema>;

/** Overrides must name items the protocol has; a typo must not silently drop a surgeon's instruction. */
export function unknownOverrideIds(protocol: Protocol, overrides: PlanOverrides): string[] {
  const problems: string[] = [];
  const check = (
    section: string,
    given: Record<string, unknown>,
    known: readonly { id: string }[],
  ) => {
    const ids = new Set(known.map((item) => item.id));
    for (const id of Object.keys(given)) {
      if (!ids.has(id))
        problems.push(
          `${section}.${id} is not in the ${protocol.id} protocol (known: ${[...ids].join(', ')})`,
        );
    }
  };
  check('restrictions', overrides.restrictions, protocol.restrictions);
  check('milestones', overrides.milestones, protocol.milestones);
  check('followUps', overrides.followUps, protocol.followUps);
  return problems;
}
