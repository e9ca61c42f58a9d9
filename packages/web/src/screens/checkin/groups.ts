import type { Answer, CheckinInput, Region } from '@lamina/pathway';

/**
 * The screening step (issue 17): the red-flag questions in groups, each answered yes / no / not
 * sure. A group answered "yes" or "not sure" always gets its own detail step; "no" fills the
 * group's yes/no questions with an explicit "no" (what "none of these" did before), never the
 * other questions, which stay unanswered and are listed on the result as such.
 */
export type GroupId = 'bladder' | 'chest' | 'nerves' | 'neck' | 'wound' | 'temperature' | 'other';

export interface Group {
  id: GroupId;
  /** The answers "no" stands for: only explicit yes/no questions whose "no" the group covers. */
  no(region: Region): Partial<CheckinInput>;
  /** Whether the detail step has at least one answer (its Next needs one, except temperature). */
  answered(a: CheckinInput): boolean;
}

const no: Answer = 'no';
const some = (...values: unknown[]) => values.some((v) => v !== undefined);

export const groups: readonly Group[] = [
  {
    id: 'bladder',
    no: () => ({
      saddleNumbness: no,
      urinaryRetention: no,
      bladderIncontinence: no,
      bowelIncontinence: no,
    }),
    answered: (a) =>
      some(a.saddleNumbness, a.urinaryRetention, a.bladderIncontinence, a.bowelIncontinence),
  },
  {
    id: 'chest',
    no: () => ({ chestPain: no, shortOfBreath: no, coughingBlood: no, severeBleeding: no }),
    answered: (a) => some(a.chestPain, a.shortOfBreath, a.coughingBlood, a.severeBleeding),
  },
  {
    id: 'nerves',
    no: (region) =>
      region === 'cervical'
        ? { unableToMoveLimbs: no, newShoulderArmWeakness: no, handClumsiness: 'no' }
        : { unableToMoveLimbs: no },
    answered: (a) =>
      some(
        a.unableToMoveLimbs,
        a.numbness?.change,
        a.numbness?.new,
        a.weakness?.change,
        a.weakness?.new,
        a.walkingBalance,
        a.handClumsiness,
        a.newShoulderArmWeakness,
      ),
  },
  {
    id: 'neck',
    no: () => ({}),
    answered: (a) => some(a.swallowing, a.voice, a.neckSwelling),
  },
  {
    id: 'wound',
    no: () => ({ incision: { redness: no, warmth: no, opening: no, dressingSoaked: no } }),
    answered: (a) => some(...Object.values(a.incision ?? {})),
  },
  { id: 'temperature', no: () => ({}), answered: () => true },
  {
    id: 'other',
    no: () => ({ fell: no, positionalHeadache: no, calfPainOrSwelling: no }),
    answered: (a) =>
      some(a.fell, a.positionalHeadache, a.calfPainOrSwelling, a.daysSinceBowelMovement),
  },
];

export const groupsFor = (region: Region): readonly Group[] =>
  groups.filter((g) => g.id !== 'neck' || region === 'cervical');

export type Screening = Partial<Record<GroupId, Answer>>;

/** A group answered "yes" or "not sure" needs its details: "not sure" is never "no". */
export const flagged = (s: Screening, g: Group): boolean =>
  s[g.id] === 'yes' || s[g.id] === 'unsure';

/**
 * What is sent: the detail answers, plus the explicit "no"s of the groups answered "no". A detail
 * answer given before the patient went back and changed the group to "no" is kept (nothing a
 * patient said is dropped; a red flag is never down-graded).
 */
export function withScreening(a: CheckinInput, s: Screening, region: Region): CheckinInput {
  const out: CheckinInput = { ...a };
  for (const g of groupsFor(region)) {
    if (s[g.id] !== 'no') continue;
    for (const [key, value] of Object.entries(g.no(region))) {
      const k = key as keyof CheckinInput;
      if (k === 'incision')
        out.incision = { ...(value as object), ...stripUndefined(out.incision ?? {}) };
      else if (out[k] === undefined) (out as Record<string, unknown>)[k] = value;
    }
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
