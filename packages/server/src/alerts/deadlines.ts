import { addBusinessDays, type TriageLevel } from '@lamina/pathway';
import { z } from 'zod';

export type AlertLevel = Exclude<TriageLevel, 'routine'>;

/** How long the care team has to acknowledge an alert, per level. */
export type AckDeadline = { readonly seconds: number } | { readonly businessDays: number };
export type AckDeadlines = Readonly<Record<AlertLevel, AckDeadline>>;

/** Issue 7 defaults: emergency 5 minutes, urgent 1 hour, contact 2 business days. */
export const defaultAckDeadlines: AckDeadlines = {
  emergency: { seconds: 5 * 60 },
  urgent: { seconds: 60 * 60 },
  contact: { businessDays: 2 },
};

/**
 * What a clinic may set. A clinic may be faster than the defaults, never much slower: a red flag
 * must reach a person quickly (emergency at most 15 minutes, urgent at most 4 hours).
 */
export const ackDeadlinesSchema = z.strictObject({
  emergency: z
    .strictObject({
      seconds: z
        .number()
        .int()
        .min(5)
        .max(15 * 60),
    })
    .optional(),
  urgent: z
    .strictObject({
      seconds: z
        .number()
        .int()
        .min(5)
        .max(4 * 60 * 60),
    })
    .optional(),
  contact: z
    .union([
      z.strictObject({
        seconds: z
          .number()
          .int()
          .min(5)
          .max(5 * 24 * 60 * 60),
      }),
      z.strictObject({ businessDays: z.number().int().min(1).max(5) }),
    ])
    .optional(),
});

/** The clinic's stored settings over the defaults; anything unreadable falls back to the defaults. */
export function resolveAckDeadlines(stored: unknown): AckDeadlines {
  const parsed = ackDeadlinesSchema.safeParse(stored ?? {});
  return parsed.success ? { ...defaultAckDeadlines, ...parsed.data } : defaultAckDeadlines;
}

/** The queue sorts on priority: 0 is the most urgent. */
export const alertPriority: Readonly<Record<AlertLevel, number>> = {
  emergency: 0,
  urgent: 1,
  contact: 2,
};

export function ackDeadline(
  level: AlertLevel,
  raisedAt: Date,
  timeZone: string,
  deadlines: AckDeadlines = defaultAckDeadlines,
): Date {
  const rule = deadlines[level];
  if ('businessDays' in rule) return addBusinessDays(raisedAt, rule.businessDays, timeZone);
  return new Date(raisedAt.getTime() + rule.seconds * 1000);
}
