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
  historyAnswerKeys,
  type LimbSide,
  limbSides,
  type NerveChange,
  neckSwellingStates,
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
import { calmIncision, noWarningSigns, surgeryFor, yesNoWarningSigns } from './scenario-kit.ts';
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
  ...(Object.fromEntries(yesNoWarningSigns.map((q) => [q, answer])) as Record<
    (typeof yesNoWarningSigns)[number],
    typeof answer
  >),
  numbness: nerve,
  weakness,
  daysSinceBowelMovement: fc.integer({ min: 0, max: 60 }),
  walkingBalance: fc.constantFrom(...walkingChanges),
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
    incision: c.incision && calmIncision,
    ...noWarningSigns,
    numbness: calmNerve(c.numbness),
    weakness: calmNerve(c.weakness),
    daysSinceBowelMovement: c.daysSinceBowelMovement === undefined ? undefined : 1,
    walkingBalance:
      c.walkingBalance === 'suddenly-worse' || c.walkingBalance === 'gradually-worse'
        ? 'same'
        : c.walkingBalance,
    axialPain: c.axialPain === undefined ? undefined : Math.min(c.axialPain, 7),
    limbPain: c.limbPain === undefined ? undefined : Math.min(c.limbPain, 7),
    feelsVeryUnwell: 'no',
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

test('property: only the answers a store loads of past check-ins (historyAnswerKeys) decide as the whole check-ins do', () => {
  const keep = (checkin: Checkin): Checkin =>
    Object.fromEntries(
      historyAnswerKeys.flatMap((key) => (checkin[key] === undefined ? [] : [[key, checkin[key]]])),
    ) as Checkin;
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const projected = s.history.map(([daysAgo, checkin]): [number, Checkin] => [
        daysAgo,
        keep(checkin),
      ]);
      assert.deepEqual(decide(s, projected), decide(s, s.history));
    }),
    { numRuns: 500 },
  );
});

// Issue 13: the new escalations keep the same promises.

/** Each red-flag question that takes yes / no / not sure, with how to set it. */
type SetAnswer = (c: Checkin, a: 'no' | 'unsure') => Checkin;
const answerSetters: Record<string, SetAnswer> = {
  saddleNumbness: (c, a) => ({ ...c, saddleNumbness: a }),
  urinaryRetention: (c, a) => ({ ...c, urinaryRetention: a }),
  bladderIncontinence: (c, a) => ({ ...c, bladderIncontinence: a }),
  bowelIncontinence: (c, a) => ({ ...c, bowelIncontinence: a }),
  unableToMoveLimbs: (c, a) => ({ ...c, unableToMoveLimbs: a }),
  chestPain: (c, a) => ({ ...c, chestPain: a }),
  shortOfBreath: (c, a) => ({ ...c, shortOfBreath: a }),
  coughingBlood: (c, a) => ({ ...c, coughingBlood: a }),
  severeBleeding: (c, a) => ({ ...c, severeBleeding: a }),
  'incision.redness': (c, a) => ({ ...c, incision: { ...c.incision, redness: a } }),
  'incision.warmth': (c, a) => ({ ...c, incision: { ...c.incision, warmth: a } }),
  'incision.opening': (c, a) => ({ ...c, incision: { ...c.incision, opening: a } }),
  'incision.dressingSoaked': (c, a) => ({ ...c, incision: { ...c.incision, dressingSoaked: a } }),
  positionalHeadache: (c, a) => ({ ...c, positionalHeadache: a }),
  calfPainOrSwelling: (c, a) => ({ ...c, calfPainOrSwelling: a }),
  fell: (c, a) => ({ ...c, fell: a }),
  numbnessNew: (c, a) => ({ ...c, numbness: { ...c.numbness, new: a } }),
  weaknessNew: (c, a) => ({ ...c, weakness: { ...c.weakness, new: a } }),
  feelsVeryUnwell: (c, a) => ({ ...c, feelsVeryUnwell: a }),
};
const cervicalSetters: Record<string, SetAnswer> = {
  newShoulderArmWeakness: (c, a) => ({ ...c, newShoulderArmWeakness: a }),
  handClumsiness: (c, a) => ({ ...c, handClumsiness: a }),
};

test('property: "not sure" is never lower than "no" on any red-flag question', () => {
  fc.assert(
    fc.property(scenarioArb, fc.nat(), (s, pick) => {
      const setters = Object.entries({
        ...answerSetters,
        ...(s.region === 'cervical' ? cervicalSetters : {}),
      });
      const [name, set] = setters[pick % setters.length] as [string, SetAnswer];
      const no = decide({ ...s, checkin: set(s.checkin, 'no') }, s.history);
      const unsure = decide({ ...s, checkin: set(s.checkin, 'unsure') }, s.history);
      assert.ok(levelRank[unsure.level] >= levelRank[no.level], name);
      if (name !== 'feelsVeryUnwell')
        assert.ok(
          levelRank[unsure.level] >= levelRank.contact,
          `${name}: unsure is at least contact`,
        );
    }),
    { numRuns: 400 },
  );
});

test('property: "not sure" on pain control is never lower than "yes" (it is the "no" that is the red flag)', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const yes = decide({ ...s, checkin: { ...s.checkin, painControlled: 'yes' } }, s.history);
      const unsure = decide(
        { ...s, checkin: { ...s.checkin, painControlled: 'unsure' } },
        s.history,
      );
      const no = decide({ ...s, checkin: { ...s.checkin, painControlled: 'no' } }, s.history);
      assert.ok(levelRank[unsure.level] >= levelRank[yes.level]);
      assert.ok(levelRank[no.level] >= levelRank.urgent);
    }),
    { numRuns: 300 },
  );
});

/** Neurological findings, each only ever adding to what the check-in says. */
const neuroPatches: readonly ((c: Checkin) => Checkin)[] = [
  (c) => ({ ...c, numbness: { ...c.numbness, new: 'yes' } }),
  (c) => ({ ...c, numbness: { ...c.numbness, change: 'rapidly-worse' } }),
  (c) => ({ ...c, weakness: { ...c.weakness, new: 'yes' } }),
  (c) => ({ ...c, weakness: { ...c.weakness, change: 'rapidly-worse' } }),
  (c) => ({
    ...c,
    weakness: { ...c.weakness, change: keepRapid(c.weakness?.change), legs: 'both' },
  }),
  (c) => ({ ...c, saddleNumbness: 'yes' }),
  (c) => ({ ...c, urinaryRetention: 'yes' }),
  (c) => ({ ...c, unableToMoveLimbs: 'yes' }),
  (c) => ({ ...c, walkingBalance: 'suddenly-worse' }),
];
const cervicalNeuroPatches: readonly ((c: Checkin) => Checkin)[] = [
  (c) => ({ ...c, handClumsiness: 'rapidly-worse' }),
  (c) => ({ ...c, newShoulderArmWeakness: 'yes' }),
];
/** The `pick`-th neurological finding that can be asked in the region (cervical has two more). */
function neuroPatch(region: Region, pick: number): (c: Checkin) => Checkin {
  const patches = region === 'cervical' ? [...neuroPatches, ...cervicalNeuroPatches] : neuroPatches;
  return patches[pick % patches.length] as (c: Checkin) => Checkin;
}

test('property: adding a neurological finding never lowers the level', () => {
  fc.assert(
    fc.property(scenarioArb, fc.nat(), (s, pick) => {
      const patch = neuroPatch(s.region, pick);
      const before = decide(s, s.history);
      const after = decide({ ...s, checkin: patch(s.checkin) }, s.history);
      assert.ok(levelRank[after.level] >= levelRank[before.level]);
      assert.ok(levelRank[after.level] >= levelRank.urgent);
    }),
    { numRuns: 400 },
  );
});

const firstWeek = regionArb.chain((region) =>
  fc.record({
    region: fc.constant(region),
    day: fc.integer({ min: 0, max: 7 }),
    checkin: checkinArb(region),
    history: historyArb(region),
    pain: fc.integer({ min: 8, max: 10 }),
  }),
);

test('property: severe pain (8–10) in the first week is never routine, and at least urgent unless the plan controls it', () => {
  fc.assert(
    fc.property(firstWeek, (s) => {
      const checkin = { ...s.checkin, axialPain: s.pain };
      const decision = decide({ ...s, checkin }, s.history);
      assert.ok(levelRank[decision.level] >= levelRank.contact);
      if (checkin.painControlled !== 'yes')
        assert.ok(levelRank[decision.level] >= levelRank.urgent);
    }),
    { numRuns: 300 },
  );
});

test('property: severe uncontrolled pain with a neurological finding in the first week is an emergency', () => {
  fc.assert(
    fc.property(firstWeek, fc.nat(), (s, pick) => {
      const patch = neuroPatch(s.region, pick);
      const checkin = patch({ ...s.checkin, limbPain: s.pain, painControlled: 'no' });
      assert.equal(decide({ ...s, checkin }, s.history).level, 'emergency');
    }),
    { numRuns: 300 },
  );
});

test('property: worsening weakness in both legs (or arms and legs after neck surgery) is always an emergency', () => {
  fc.assert(
    fc.property(scenarioArb, fc.boolean(), (s, armsToo) => {
      const weakness = armsToo
        ? {
            ...s.checkin.weakness,
            change: 'worse' as const,
            arms: 'right' as const,
            legs: 'left' as const,
          }
        : { ...s.checkin.weakness, change: 'worse' as const, legs: 'both' as const };
      const decision = decide({ ...s, checkin: { ...s.checkin, weakness } }, s.history);
      if (!armsToo || s.region === 'cervical') assert.equal(decision.level, 'emergency');
      else assert.ok(levelRank[decision.level] >= levelRank.urgent);
    }),
    { numRuns: 300 },
  );
});

test('property: a temperature below 35.5 °C is never routine, and feeling very unwell makes it urgent', () => {
  fc.assert(
    fc.property(
      scenarioArb,
      fc.double({ min: 34, max: 35.49, noNaN: true }),
      answer,
      (s, celsius, unwell) => {
        const checkin: Checkin = {
          ...s.checkin,
          temperature: { value: celsius, unit: 'C' },
          feelsVeryUnwell: unwell,
        };
        const decision = decide({ ...s, checkin }, s.history);
        assert.ok(levelRank[decision.level] >= levelRank.contact);
        if (unwell === 'yes') assert.ok(levelRank[decision.level] >= levelRank.urgent);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: weakness that is not improving past 3 months is never routine, on a single check-in', () => {
  fc.assert(
    fc.property(
      scenarioArb,
      fc.integer({ min: 95, max: 800 }),
      fc.constantFrom('unchanged' as const, 'worse' as const, 'rapidly-worse' as const),
      (s, day, change) => {
        const checkin = { ...s.checkin, weakness: { ...s.checkin.weakness, change } };
        assert.ok(levelRank[decide({ ...s, day, checkin }).level] >= levelRank.contact);
      },
    ),
    { numRuns: 300 },
  );
});
