import { addOffset, daysBetween, type Offset } from '../dates/dates.ts';
import type { Statement } from '../sources/source.ts';
import type { Surgery } from '../surgery/surgery.ts';
import { cervicalDecompression } from './cervical.ts';
import { lumbarDecompression, lumbarMicrolaminectomy } from './lumbar.ts';
import type { Milestone, Protocol, Restriction, SurgeryCondition } from './types.ts';

export const protocols: readonly Protocol[] = [
  lumbarDecompression,
  lumbarMicrolaminectomy,
  cervicalDecompression,
];

/** The protocol for a surgery: one per region and procedure family. */
export function protocolFor(surgery: Pick<Surgery, 'region' | 'procedure'>): Protocol {
  const protocol = protocols.find(
    (candidate) =>
      candidate.region === surgery.region && candidate.procedures.includes(surgery.procedure),
  );
  // Unreachable for a parsed Surgery: a test checks every region × procedure has exactly one protocol.
  if (!protocol) throw new Error(`no protocol for ${surgery.region} ${surgery.procedure}`);
  return protocol;
}

export function conditionHolds(condition: SurgeryCondition | undefined, surgery: Surgery): boolean {
  if (!condition) return true;
  if (condition.fusion !== undefined && condition.fusion !== surgery.fusion) return false;
  if (condition.procedures && !condition.procedures.includes(surgery.procedure)) return false;
  if (condition.approaches && !condition.approaches.includes(surgery.approach)) return false;
  return true;
}

/** The translation key of a restriction's text: its own `textId`, else `restriction.<id>`. */
export function restrictionTextId(restriction: Restriction): string {
  return restriction.textId ?? `restriction.${restriction.id}`;
}

/** The translation key of a restriction's detail: its own `detailId`, else `restriction.<id>.detail`. */
export function restrictionDetailId(restriction: Restriction): string {
  return restriction.detailId ?? `restriction.${restriction.id}.detail`;
}

/** The translation key of a milestone's text: its own `textId`, else `milestone.<id>`. */
export function milestoneTextId(milestone: Milestone): string {
  return milestone.textId ?? `milestone.${milestone.id}`;
}

/** Restriction kinds the daily check-in repeats as self-care tips. */
const tipKinds: ReadonlySet<Restriction['kind']> = new Set(['sitting', 'bending-twisting']);

/**
 * The sitting and bending advice in force on a day of recovery, as statements, read from the
 * protocol's own restrictions so the check-in tip and the plan say the same thing (same id, same
 * text, same sources). The surgeon's overrides are not known here: the plan shows those.
 */
export function protocolSelfCare(surgery: Surgery, day: number): Statement[] {
  if (day < 0) return [];
  const protocol = protocolFor(surgery);
  return protocol.restrictions
    .filter((r) => tipKinds.has(r.kind) && conditionHolds(r.when, surgery))
    .filter((r) => {
      const starts = offsetDays(r.starts ?? { days: 0 }, surgery);
      const ends = r.lifts.kind === 'after' ? offsetDays(r.lifts.offset, surgery) : undefined;
      return day >= starts && (ends === undefined || day < ends);
    })
    .map((r) => ({
      id: restrictionTextId(r),
      text: r.text,
      sources: r.sources,
      ...(r.uncertain ? { uncertain: true } : {}),
    }));
}

/** Days from surgery to an offset; only months need the calendar (triage runs this on every check-in). */
function offsetDays(offset: Offset, surgery: Surgery): number {
  if ('days' in offset) return offset.days;
  if ('weeks' in offset) return offset.weeks * 7;
  return daysBetween(surgery.surgeryDate, addOffset(surgery.surgeryDate, offset));
}
