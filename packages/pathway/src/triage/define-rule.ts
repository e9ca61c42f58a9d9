import type { Source, Statement } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';
import type { RegionalStatement, TriageContext, TriageLevel, TriageRule } from './types.ts';

export const bothRegions: readonly Region[] = ['lumbar', 'cervical'];
export const cervicalOnly: readonly Region[] = ['cervical'];

interface RuleSpec {
  readonly id: string;
  readonly level: TriageLevel;
  readonly regions?: readonly Region[];
  readonly offTrack?: boolean;
  readonly fires: (ctx: TriageContext) => boolean;
  readonly patientWords?: (ctx: TriageContext) => string | undefined;
  /** What the patient reads: one text, or one per region. */
  readonly say: string | Readonly<Record<Region, string>>;
  readonly clinicianSummary: string;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

/** Builds a rule whose patient statement carries the rule's own sources and a stable id (`triage.<rule id>`). */
export function defineRule(spec: RuleSpec): TriageRule {
  const statement = (id: string, text: string): Statement => ({
    id,
    text,
    sources: spec.sources,
    ...(spec.uncertain ? { uncertain: true } : {}),
  });
  const base = `triage.${spec.id}`;
  const instruction: RegionalStatement =
    typeof spec.say === 'string'
      ? statement(base, spec.say)
      : {
          lumbar: statement(`${base}.lumbar`, spec.say.lumbar),
          cervical: statement(`${base}.cervical`, spec.say.cervical),
        };
  return {
    id: spec.id,
    level: spec.level,
    regions: spec.regions ?? bothRegions,
    ...(spec.offTrack ? { offTrack: true } : {}),
    fires: spec.fires,
    ...(spec.patientWords ? { patientWords: spec.patientWords } : {}),
    instruction,
    clinicianSummary: spec.clinicianSummary,
    sources: spec.sources,
    ...(spec.uncertain ? { uncertain: true } : {}),
  };
}

export function instructionFor(rule: TriageRule, region: Region): Statement {
  const instruction = rule.instruction;
  return 'id' in instruction ? (instruction as Statement) : instruction[region];
}
