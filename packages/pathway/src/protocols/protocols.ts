import type { Surgery } from '../surgery/surgery.ts';
import { cervicalDecompression } from './cervical.ts';
import { lumbarDecompression, lumbarMicrolaminectomy } from './lumbar.ts';
import type { Protocol, SurgeryCondition } from './types.ts';

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
