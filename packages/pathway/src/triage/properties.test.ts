import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  answers,
  type Checkin,
  type CheckinInput,
  checkinSchemaFor,
  drainageKinds,
  exerciseAmounts,
  type HistoryEntry,
  handClumsinessStates,
  limbSides,
  neckSwellingStates,
  type LimbSide,
  type NerveChange,
  nerveChanges,
  swallowingStates,
  swellingKinds,
  voiceStates,
  walkingChanges,
} from '../checkin/checkin.ts';
import { addDays, type IsoDate } from '../dates/dates.ts';
import { isKnownSource } from '../sources/source.ts';
import type { Region } from '../surgery/surgery.ts';
import { redFlagRules, triageHistoryNeeded } from './rules.ts';
import { surgeryFor } from './scenario-kit.ts';
import { triage } from './triage.ts';
import { levelRank, type TriageDecision, triageLevels } from './types.ts';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const answer = optional(fc.constantFrom(...answers));
const nerve = fc.record(
  {
    change: fc.constantFrom(...nerveChanges),
    new: answer,
    where: fc.constantFrom('left foot', 'thumb'),
  },
  { requiredKeys: [] },
);
const weakness = fc.record(
  {
    change: fc.constantFrom(...nerveChanges),
    new: answer,
    where: fc.constantFrom('left foot', 'both legs'),
    legs: fc.constantFrom(...limbSides),
    arms: fc.constantFrom(...limbSides),
  },
  { requiredKeys: [] },
);
const temperature = fc.oneof(
  fc.record({
    value: fc.double({ min: 34, max: 43.5, noNaN: true }),
    unit: fc.constant('C' as const),
  }),
  fc.record({
    value: fc.double({ min: 93.2, max: 110.3, noNaN: true }),
    unit: fc.constant('F' as const),
  }),
);
const commonFields = {
  axialPain: fc.integer({ min: 0, max: 10 }),
  limbPain: fc.integer({ min: 0, max: 10 }),
  painControlled: answer,
  temperature,
  incision: fc.record(
    {
      redness: answer,
      warmth: answer,
      swelling: fc.constantFrom(...swellingKinds),
      drainage: fc.constantFrom(...drainageKinds),
      opening: answer,
      dressingSoaked: answer,
    },
    { requiredKeys: [] },
  ),
  severeBleeding: answer,
  numbness: nerve,
  weakness,
  unableToMoveLimbs: answer,
  urinaryRetention: answer,
  bladderIncontinence: answer,
  bowelIncontinence: answer,
  saddleNumbness: answer,
  daysSinceBowelMovement: fc.integer({ min: 0, max: 60 }),
  walkingBalance: fc.constantFrom(...walkingChanges),
  fell: answer,
  positionalHeadache: answer,
  calfPainOrSwelling: answer,
  chestPain: answer,
  shortOfBreath: answer,
  coughingBlood: answer,
  walkingMinutes: fc.integer({ min: 0, max: 240 }),
  opioidDoses: fc.integer({ min: 0, max: 12 }),
  exercises: fc.constantFrom(...exerciseAmounts),
  note: fc.string({ maxLength: 40 }),
  feelsVeryUnwell: answer,
};
const cervicalFields = {
  swallowing: fc.constantFrom(...swallowingStates),
  voice: fc.constantFrom(...voiceStates),
  neckSwelling: fc.constantFrom(...neckSwellingStates),
  newShoulderArmWeakness: answer,
  handClumsiness: fc.constantFrom(...handClumsinessStates),
};

const drop = (input: Record<string, unknown>) => JSON.parse(JSON.stringify(input)) as CheckinInput; // removes undefined keys, as JSON would

function checkinArb(region: Region): fc.Arbitrary<Checkin> {
  const shape = region === 'cervical' ? { ...commonFields, ...cervicalFields } : commonFields;
  return fc
    .record(shape, { requiredKeys: [] })
    .map((input) => checkinSchemaFor(region).parse(drop(input)) as Checkin);
}

const regionArb = fc.constantFrom<Region>('lumbar', 'cervical');
const dayArb = fc.integer({ min: -30, max: 800 });

function historyArb(region: Region) {
  return fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), checkinArb(region)), { maxLength: 8 });
}

function datedHistory(today: IsoDate, past: readonly [number, Checkin][]): HistoryEntry[] {
  return past.map(([daysAgo, checkin]) => ({ ...checkin, date: addDays(today, -daysAgo) }));
}

const scenarioArb = regionArb.chain((region) =>
  fc.record({
    region: fc.constant(region),
    day: dayArb,
    checkin: checkinArb(region),
    history: historyArb(region),
  }),
);

function decide(
  s: { region: Region; day: number; checkin: Checkin },
  past: readonly [number, Checkin][] = [],
) {
  const surgery = surgeryFor(s.region);
  const today = addDays(surgery.surgeryDate, s.day);
  return triage(s.checkin, surgery, datedHistory(today, past), today);
}

const keepRapid = (change: NerveChange | undefined): NerveChange =>
  change === 'rapidly-worse' ? 'rapidly-worse' : 'worse';
const someSide = (side: LimbSide | undefined): boolean =>
  side === 'left' || side === 'right' || side === 'both';

/** One way to make each red-flag rule fire, as a patch to the check-in. */
const redFlagPatches: Record<string, (c: Checkin, day: number) => Checkin> = {
  'saddle-numbness': (c) => ({ ...c, saddleNumbness: 'yes' }),
  'urinary-retention': (c) => ({ ...c, urinaryRetention: 'yes' }),
  'bladder-incontinence': (c) => ({ ...c, bladderIncontinence: 'yes' }),
  'bowel-incontinence': (c) => ({ ...c, bowelIncontinence: 'yes' }),
  'unable-to-move-limbs': (c) => ({ ...c, unableToMoveLimbs: 'yes' }),
  'weakness-rapidly-worse': (c) => ({ ...c, weakness: { ...c.weakness, change: 'rapidly-worse' } }),
  'chest-pain': (c) => ({ ...c, chestPain: 'yes' }),
  'short-of-breath': (c) => ({ ...c, shortOfBreath: 'yes' }),
  'coughing-blood': (c) => ({ ...c, coughingBlood: 'yes' }),
  'severe-bleeding': (c) => ({ ...c, severeBleeding: 'yes' }),
  fever: (c) => ({ ...c, temperature: { value: 39.2, unit: 'C' } }),
  'incision-redness': (c) => ({ ...c, incision: { ...c.incision, redness: 'yes' } }),
  'incision-opening': (c) => ({ ...c, incision: { ...c.incision, opening: 'yes' } }),
  'incision-drainage-clear': (c) => ({
    ...c,
    incision: { ...c.incision, drainage: 'clear-watery' },
  }),
  'dressing-soaked': (c) => ({ ...c, incision: { ...c.incision, dressingSoaked: 'yes' } }),
  'positional-headache': (c) => ({ ...c, positionalHeadache: 'yes' }),
  'calf-pain-or-swelling': (c) => ({ ...c, calfPainOrSwelling: 'yes' }),
  'pain-uncontrolled': (c) => ({ ...c, painControlled: 'no' }),
  'weakness-new-or-worse': (c) => ({ ...c, weakness: { ...c.weakness, new: 'yes' } }),
  'numbness-new': (c) => ({ ...c, numbness: { ...c.numbness, new: 'yes' } }),
  'walking-suddenly-worse': (c) => ({ ...c, walkingBalance: 'suddenly-worse' }),
  fall: (c) => ({ ...c, fell: 'yes' }),
  'no-bowel-movement': (c) => ({ ...c, daysSinceBowelMovement: 6 }),
  'cannot-swallow': (c) => ({ ...c, swallowing: 'cannot' }),
  'neck-swelling-fast': (c) => ({ ...c, neckSwelling: 'growing-fast' }),
  'c5-weakness': (c) => ({ ...c, newShoulderArmWeakness: 'yes' }),
  'cannot-speak': (c) => ({ ...c, voice: 'cannot-speak' }),
  'incision-warmth': (c) => ({ ...c, incision: { ...c.incision, warmth: 'yes' } }),
  'incision-drainage-cloudy': (c) => ({ ...c, incision: { ...c.incision, drainage: 'cloudy' } }),
  'incision-drainage-bloody': (c) => ({ ...c, incision: { ...c.incision, drainage: 'bloody' } }),
  'incision-swelling-growing': (c) => ({ ...c, incision: { ...c.incision, swelling: 'growing' } }),
  'numbness-rapidly-worse': (c) => ({ ...c, numbness: { ...c.numbness, change: 'rapidly-worse' } }),
  'weakness-both-legs-worse': (c) => ({
    ...c,
    weakness: { ...c.weakness, change: keepRapid(c.weakness?.change), legs: 'both' },
  }),
  'weakness-arms-and-legs-worse': (c) => ({
    ...c,
    weakness: {
      ...c.weakness,
      change: keepRapid(c.weakness?.change),
      arms: someSide(c.weakness?.arms) ? c.weakness?.arms : 'left',
      legs: someSide(c.weakness?.legs) ? c.weakness?.legs : 'left',
    },
  }),
  'cord-signs-rapidly-worse': (c) => ({ ...c, handClumsiness: 'rapidly-worse' }),
  'cord-signs-with-leg-weakness': (c) => ({
    ...c,
    handClumsiness: c.handClumsiness === 'rapidly-worse' ? 'rapidly-worse' : 'new',
    weakness: {
      ...c.weakness,
      new: 'yes',
      legs: someSide(c.weakness?.legs) ? c.weakness?.legs : 'right',
    },
  }),
  'temperature-low-unwell': (c) => ({
    ...c,
    temperature: { value: 35.0, unit: 'C' },
    feelsVeryUnwell: 'yes',
  }),
};

/**
 * Red flags a patch cannot add on its own: some need earlier check-ins or a day (the first week,
 * a late day), and some would replace a worse answer ('cannot' swallow, hands or walking getting
 * worse fast) rather than add to it. The first-week rules have their own properties below.
 */
const notPatchable = new Set([
  'pain-severe-jump',
  'swallowing-mild-late',
  'swallowing-getting-worse',
  'weakness-with-spreading-numbness-early',
  'pain-severe-early',
  'pain-severe-early-neuro',
  'cord-hands-clumsy',
  'cord-walking-gradually-worse',
]);

function assertValid(decision: TriageDecision): void {
  assert.ok(triageLevels.includes(decision.level));
  const top = decision.findings.reduce((max, f) => Math.max(max, levelRank[f.level]), 0);
  assert.equal(levelRank[decision.level], top, 'the level is the most urgent finding, or routine');
  for (let i = 1; i < decision.findings.length; i++) {
    const [before, after] = [decision.findings[i - 1], decision.findings[i]];
    assert.ok(levelRank[before?.level ?? 'routine'] >= levelRank[after?.level ?? 'routine']);
  }
  for (const finding of decision.findings) {
    assert.ok(finding.sources.length > 0 && finding.sources.every(isKnownSource));
    assert.ok(finding.instruction.text.length > 0);
  }
  assert.equal(
    decision.offTrack,
    decision.findings.some((f) => f.offTrack),
  );
  if (levelRank[decision.level] >= levelRank.urgent) assert.deepEqual(decision.selfCare, []);
  assert.ok(decision.instruction.id.startsWith(`triage.headline.${decision.level}`));
  assert.ok(decision.disclaimer.text.includes('does not diagnose'));
}

test('any valid check-in on any day, with any history, yields a valid decision', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => assertValid(decide(s, s.history))),
    { numRuns: 600 },
  );
});

test('adding any red-flag finding never lowers the level, and that finding is reported', () => {
  const applicable = (region: Region) =>
    redFlagRules.filter((r) => r.regions.includes(region) && r.id in redFlagPatches);
  fc.assert(
    fc.property(scenarioArb, fc.nat(), (s, pick) => {
      const rules = applicable(s.region);
      const rule = rules[pick % rules.length];
      assert.ok(rule);
      const before = decide(s, s.history);
      const patched = redFlagPatches[rule.id]?.(s.checkin, s.day) as Checkin;
      const after = decide({ ...s, checkin: patched }, s.history);
      assert.ok(levelRank[after.level] >= levelRank[before.level]);
      assert.ok(levelRank[after.level] >= levelRank[rule.level]);
      assert.ok(
        after.findings.some((f) => f.ruleId === rule.id),
        `${rule.id} should fire`,
      );
    }),
    { numRuns: 600 },
  );
});

test('every urgent or emergency red flag has a patch in the property above', () => {
  const withoutPatch = redFlagRules
    .filter((r) => levelRank[r.level] >= levelRank.urgent)
    .filter((r) => !(r.id in redFlagPatches) && !notPatchable.has(r.id));
  assert.deepEqual(
    withoutPatch.map((r) => r.id),
    [],
  );
});

test('history never lowers a red flag: every finding without history is still there with it', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const alone = decide(s);
      const withHistory = decide(s, s.history);
      assert.ok(levelRank[withHistory.level] >= levelRank[alone.level]);
      const ids = new Set(withHistory.findings.map((f) => f.ruleId));
      for (const finding of alone.findings) assert.ok(ids.has(finding.ruleId), finding.ruleId);
    }),
    { numRuns: 600 },
  );
});

/** The same check-in with every finding-producing answer set to its calm value. */
function withoutFindings(c: Checkin): Checkin {
  const calmNerve = (n: Checkin['numbness']) =>
    n && { ...n, change: 'none' as const, new: 'no' as const };
  return {
    ...c,
    painControlled: 'yes',
    temperature: undefined,
    incision: c.incision && {
      redness: 'no',
      warmth: 'no',
      swelling: 'none',
      drainage: 'none',
      opening: 'no',
      dressingSoaked: 'no',
    },
    severeBleeding: 'no',
    numbness: calmNerve(c.numbness),
    weakness: calmNerve(c.weakness),
    unableToMoveLimbs: 'no',
    urinaryRetention: 'no',
    bladderIncontinence: 'no',
    bowelIncontinence: 'no',
    saddleNumbness: 'no',
    daysSinceBowelMovement: c.daysSinceBowelMovement === undefined ? undefined : 1,
    walkingBalance:
      c.walkingBalance === 'suddenly-worse' || c.walkingBalance === 'gradually-worse'
        ? 'same'
        : c.walkingBalance,
    axialPain: c.axialPain === undefined ? undefined : Math.min(c.axialPain, 7),
    limbPain: c.limbPain === undefined ? undefined : Math.min(c.limbPain, 7),
    feelsVeryUnwell: 'no',
    fell: 'no',
    positionalHeadache: 'no',
    calfPainOrSwelling: 'no',
    chestPain: 'no',
    shortOfBreath: 'no',
    coughingBlood: 'no',
    ...(c.swallowing ? { swallowing: 'normal' as const } : {}),
    ...(c.voice ? { voice: 'normal' as const } : {}),
    ...(c.neckSwelling ? { neckSwelling: 'none' as const } : {}),
    ...(c.newShoulderArmWeakness ? { newShoulderArmWeakness: 'no' as const } : {}),
    ...(c.handClumsiness ? { handClumsiness: 'no' as const } : {}),
  };
}

test('removing all findings on a normal day gives routine', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const calm = decide({ ...s, checkin: withoutFindings(s.checkin) });
      assert.equal(calm.level, 'routine', calm.findings.map((f) => f.ruleId).join(', '));
      assert.deepEqual(calm.findings, []);
    }),
    { numRuns: 600 },
  );
});

test('a more cautious clinic setting never lowers the level', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const surgery = surgeryFor(s.region);
      const today = addDays(surgery.surgeryDate, s.day);
      const history = datedHistory(today, s.history);
      const standard = triage(s.checkin, surgery, history, today);
      const cautious = triage(s.checkin, surgery, history, today, {
        feverC: 37.5,
        earlyFeverC: 38.0,
        earlyFeverDays: 0,
        noBowelMovementDays: 2,
      });
      assert.ok(levelRank[cautious.level] >= levelRank[standard.level]);
    }),
    { numRuns: 400 },
  );
});

test('property: the history window a store loads (triageHistoryNeeded) gives the same decision as the full history', () => {
  const longScenario = regionArb.chain((region) =>
    fc.record({
      region: fc.constant(region),
      day: fc.integer({ min: 0, max: 500 }),
      checkin: checkinArb(region),
      history: fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), checkinArb(region)), {
        maxLength: 14,
      }),
    }),
  );
  fc.assert(
    fc.property(longScenario, (s) => {
      const { recentDays, earlyDaysAfterSurgery } = triageHistoryNeeded;
      const windowed = s.history.filter(([daysAgo]) => {
        const dayOfEntry = s.day - daysAgo;
        return daysAgo <= recentDays || (dayOfEntry >= 0 && dayOfEntry <= earlyDaysAfterSurgery);
      });
      assert.deepEqual(decide(s, windowed), decide(s, s.history));
    }),
    { numRuns: 500 },
  );
});
