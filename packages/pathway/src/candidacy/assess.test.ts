import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isKnownSource, type Statement } from '../sources/source.ts';
import { assessCandidacy, type CandidacyResult } from './assess.ts';
import { type CandidacyAnswersInput, candidacyAnswersSchema } from './questionnaire.ts';

const assess = (input: CandidacyAnswersInput) =>
  assessCandidacy(candidacyAnswersSchema.parse(input));
const noEmergency = {
  newBladderOrBowelTrouble: false,
  saddleNumbness: false,
  rapidlyWorseningWeakness: false,
};
/** Every nerve question answered "no": back pain only. */
const noNerveSymptoms = {
  painTravelsIntoLimb: false,
  nervePatternNumbnessOrTingling: false,
  weakness: 'none',
} as const;
const ids = (statements: readonly Statement[]) => statements.map((s) => s.id);

/** seed:001's typical stenosis story: leg pain, numb foot, shopping-cart sign, PT and medicine tried, life getting smaller. */
const lumbarStenosisStory: CandidacyAnswersInput = {
  region: 'lumbar',
  emergency: noEmergency,
  symptoms: {
    painTravelsIntoLimb: true,
    nervePatternNumbnessOrTingling: true,
    weakness: 'none',
    pattern: 'consistent',
    durationWeeks: 40,
  },
  walking: {
    worseWithStandingOrWalking: true,
    easedBySittingOrBendingForward: true,
    easierLeaningOnShoppingCart: true,
    symptomsAboveKnee: true,
    calfPainEasedByStandingStill: false,
    minutesBeforeStopping: 5,
  },
  dailyTasksLost: ['walking-errands', 'standing-to-cook', 'sleep'],
  conservativeCare: {
    tried: ['physical-therapy', 'medication'],
    weeks: 14,
    result: 'some-help-not-enough',
  },
  imaging: { type: 'mri', showed: 'nerve-compression' },
};

test('strong fit: seed:001 stenosis story with matching MRI after 14 weeks of care (ref:70, ref:106–108)', () => {
  const result = assess(lumbarStenosisStory);
  assert.equal(result.category, 'strong-fit');
  assert.ok(ids(result.reasons).includes('candidacy.reason.neurogenic-claudication'));
  assert.ok(ids(result.reasons).includes('candidacy.reason.shopping-cart'));
  assert.ok(ids(result.reasons).includes('candidacy.reason.conservative-tried'));
  assert.deepEqual(
    result.nextSteps.map((s) => s.id),
    ['mriCtReview', 'treatmentRequest'],
  );
  assert.ok(result.nextSteps.every((s) => s.offeredByLamina));
});

test('strong fit, cervical: arm pain, clumsy hands and cord pressure on MRI go to a surgeon without a long therapy trial (ref:110)', () => {
  const result = assess({
    region: 'cervical',
    emergency: noEmergency,
    symptoms: {
      painTravelsIntoLimb: true,
      nervePatternNumbnessOrTingling: true,
      weakness: 'stable',
      durationWeeks: 8,
    },
    spinalCord: { clumsyHandsOrDroppingThings: true, balanceOrWalkingTrouble: false },
    dailyTasksLost: ['hand-tasks', 'work'],
    conservativeCare: { tried: [], weeks: 0 },
    imaging: { type: 'mri', showed: 'nerve-compression' },
  });
  assert.equal(result.category, 'strong-fit');
  assert.equal(ids(result.questionsForSurgeon)[0], 'candidacy.question.spinal-cord');
});

test('urgent: new bladder trouble stops the questionnaire with an emergency instruction (ref:1, ref:2)', () => {
  const result = assess({
    ...lumbarStenosisStory,
    emergency: { ...noEmergency, newBladderOrBowelTrouble: true },
  });
  assert.equal(result.category, 'urgent');
  assert.equal(result.stoppedEarly, true);
  assert.equal(result.emergencyInstruction?.id, 'candidacy.emergency.go-now');
  assert.deepEqual(ids(result.reasons), ['candidacy.emergency.bladder-bowel']);
  assert.deepEqual(
    result.nextSteps.map((s) => s.id),
    ['emergencyCare'],
  );
});

test('urgent: saddle numbness alone, with nothing else answered, is still an emergency (ref:1)', () => {
  const result = assess({ region: 'lumbar', emergency: { saddleNumbness: true } });
  assert.equal(result.category, 'urgent');
});

test('urgent: rapidly worsening weakness, cervical (ref:97, ref:98)', () => {
  const result = assess({ region: 'cervical', emergency: { rapidlyWorseningWeakness: true } });
  assert.equal(result.category, 'urgent');
  assert.deepEqual(ids(result.reasons), ['candidacy.emergency.weakness']);
});

test('any "yes" to an emergency question gives urgent, whatever else was answered', () => {
  const maybe = fc.option(fc.boolean(), { nil: undefined });
  fc.assert(
    fc.property(
      fc.constantFrom('lumbar' as const, 'cervical' as const),
      fc.constantFrom('newBladderOrBowelTrouble', 'saddleNumbness', 'rapidlyWorseningWeakness'),
      maybe,
      maybe,
      maybe,
      (region, sign, radiating, numbness, eased) => {
        const result = assess({
          ...lumbarStenosisStory,
          region,
          emergency: { [sign]: true },
          symptoms: { painTravelsIntoLimb: radiating, nervePatternNumbnessOrTingling: numbness },
          walking: { easedBySittingOrBendingForward: eased },
        });
        assert.equal(result.category, 'urgent');
        assert.equal(result.stoppedEarly, true);
      },
    ),
  );
});

test('unanswered emergency questions are never read as "no": no fit result until they are answered', () => {
  for (const key of Object.keys(noEmergency)) {
    const emergency = { ...noEmergency, [key]: undefined };
    const result = assess({ ...lumbarStenosisStory, emergency });
    assert.equal(result.category, 'need-more-answers');
    assert.deepEqual(result.unanswered, [`emergency.${key}`]);
    assert.equal(result.summary.id, 'candidacy.emergency.not-answered');
  }
});

test('unlikely: back pain only, with every nerve question answered "no" (seed:001)', () => {
  const result = assess({
    region: 'lumbar',
    emergency: noEmergency,
    symptoms: noNerveSymptoms,
    walking: { worseWithStandingOrWalking: false },
  });
  assert.equal(result.category, 'unlikely');
  assert.deepEqual(result.mimics, ['back-pain-only']);
});

test('back pain with nerve questions skipped is "need more answers", not "unlikely"', () => {
  const full = {
    region: 'lumbar' as const,
    emergency: noEmergency,
    symptoms: noNerveSymptoms,
    walking: { worseWithStandingOrWalking: false },
  };
  for (const skip of [
    'painTravelsIntoLimb',
    'nervePatternNumbnessOrTingling',
    'weakness',
  ] as const) {
    const result = assess({ ...full, symptoms: { ...full.symptoms, [skip]: undefined } });
    assert.equal(result.category, 'need-more-answers', skip);
    assert.ok(result.unanswered.includes(`symptoms.${skip}`));
  }
});

test('unlikely: calf pain eased by standing still, not by sitting, points to blood flow (vascular mimic, ref:108)', () => {
  const result = assess({
    region: 'lumbar',
    emergency: noEmergency,
    symptoms: noNerveSymptoms,
    walking: {
      worseWithStandingOrWalking: true,
      easedBySittingOrBendingForward: false,
      calfPainEasedByStandingStill: true,
    },
  });
  assert.equal(result.category, 'unlikely');
  assert.deepEqual(result.mimics, ['vascular-claudication']);
  assert.deepEqual(
    result.nextSteps.map((s) => s.id),
    ['checkCirculation'],
  );
});

test('nerve signs plus the vascular sign cap the fit at "possible" and ask for a circulation check (ref:108)', () => {
  const result = assess({
    ...lumbarStenosisStory,
    walking: { ...lumbarStenosisStory.walking, calfPainEasedByStandingStill: true },
  });
  assert.equal(result.category, 'possible-fit');
  assert.ok(ids(result.questionsForSurgeon).includes('candidacy.question.circulation'));
});

test('a vascular pattern puts "have your circulation checked" first, before imaging or a treatment request (ref:106–108)', () => {
  const withVascular = (extra: Partial<CandidacyAnswersInput>) =>
    assess({
      ...lumbarStenosisStory,
      ...extra,
      walking: { ...lumbarStenosisStory.walking, calfPainEasedByStandingStill: true },
    });
  for (const result of [
    withVascular({}),
    withVascular({ imaging: { type: 'none' } }),
    withVascular({ conservativeCare: { tried: [] } }),
  ]) {
    assert.equal(result.nextSteps[0]?.id, 'checkCirculation', result.category);
    assert.equal(result.nextSteps.filter((s) => s.id === 'checkCirculation').length, 1);
  }
  // Without the vascular sign, no circulation step.
  assert.ok(!assess(lumbarStenosisStory).nextSteps.some((s) => s.id === 'checkCirculation'));
});

test('walking tolerance is daily function: seed:001’s "I have to sit after five minutes of walking" counts as lost function', () => {
  // seed:001: "I have to sit after five minutes of walking because my leg goes numb."
  const story = { ...lumbarStenosisStory, dailyTasksLost: [] };
  const fiveMinutes = assess({
    ...story,
    walking: { ...lumbarStenosisStory.walking, minutesBeforeStopping: 5 },
  });
  assert.equal(fiveMinutes.category, 'strong-fit');
  assert.ok(ids(fiveMinutes.reasons).includes('candidacy.reason.walking-limited'));
  assert.ok(!ids(fiveMinutes.reasons).includes('candidacy.reason.no-function-lost'));
  // Tasks list left unanswered: the walking answer is enough, and it is not listed as missing.
  const tasksSkipped = assess({
    ...lumbarStenosisStory,
    dailyTasksLost: undefined,
    walking: { ...lumbarStenosisStory.walking, minutesBeforeStopping: 3 },
  });
  assert.equal(tasksSkipped.category, 'strong-fit');
  assert.ok(!tasksSkipped.unanswered.includes('dailyTasksLost'));
  // 45 minutes of walking and no tasks lost: daily life not limited.
  const farWalker = assess({
    ...story,
    walking: { ...lumbarStenosisStory.walking, minutesBeforeStopping: 45 },
  });
  assert.equal(farWalker.category, 'possible-fit');
  assert.ok(ids(farWalker.reasons).includes('candidacy.reason.no-function-lost'));
});

test('the emergency text names the neck for neck patients, the lower spine for back patients', () => {
  const neck = assess({ region: 'cervical', emergency: { rapidlyWorseningWeakness: true } });
  assert.equal(neck.emergencyInstruction?.id, 'candidacy.emergency.go-now.cervical');
  assert.match(neck.emergencyInstruction?.text ?? '', /neck/);
  assert.doesNotMatch(neck.emergencyInstruction?.text ?? '', /bottom of your spine/);
  assert.equal(neck.summary.id, neck.emergencyInstruction?.id);
  const back = assess({ region: 'lumbar', emergency: { saddleNumbness: true } });
  assert.equal(back.emergencyInstruction?.id, 'candidacy.emergency.go-now');
  assert.match(back.emergencyInstruction?.text ?? '', /bottom of your spine/);
});

test('unlikely: one vague symptom that shifts with no pattern (seed:001)', () => {
  const result = assess({
    region: 'lumbar',
    emergency: noEmergency,
    symptoms: {
      painTravelsIntoLimb: true,
      nervePatternNumbnessOrTingling: false,
      weakness: 'none',
      pattern: 'shifts-with-no-pattern',
    },
    walking: { worseWithStandingOrWalking: false },
  });
  assert.equal(result.category, 'unlikely');
  assert.deepEqual(result.mimics, ['shifting-pattern']);
});

test('shifting symptoms with several nerve signs are at most a possible fit (seed:001)', () => {
  const result = assess({
    ...lumbarStenosisStory,
    symptoms: { ...lumbarStenosisStory.symptoms, pattern: 'shifts-with-no-pattern' },
  });
  assert.equal(result.category, 'possible-fit');
  assert.deepEqual(result.mimics, ['shifting-pattern']);
});

test('conservative care first: nerve signs but no therapy tried yet (seed:002: PT, chiropractic, injections)', () => {
  const result = assess({ ...lumbarStenosisStory, conservativeCare: { tried: [] } });
  assert.equal(result.category, 'conservative-care-first');
  assert.equal(result.nextSteps[0]?.id, 'ptFirst');
  const reason = result.reasons.find((r) => r.id === 'candidacy.reason.conservative-not-yet');
  assert.equal(reason?.uncertain, true);
});

test('conservative care first: 4 weeks of therapy is under the 6-week minimum used in studies (ref:96)', () => {
  const result = assess({
    ...lumbarStenosisStory,
    conservativeCare: { tried: ['physical-therapy'], weeks: 4, result: 'no-help' },
  });
  assert.equal(result.category, 'conservative-care-first');
  const sixWeeks = assess({
    ...lumbarStenosisStory,
    conservativeCare: { tried: ['physical-therapy'], weeks: 6, result: 'no-help' },
  });
  assert.equal(sixWeeks.category, 'strong-fit');
});

test('conservative care first: therapy that is helping enough should go on (seed:001)', () => {
  const result = assess({
    ...lumbarStenosisStory,
    conservativeCare: { tried: ['injections'], weeks: 20, result: 'helped-enough' },
  });
  assert.equal(result.category, 'conservative-care-first');
  assert.ok(ids(result.reasons).includes('candidacy.reason.conservative-helping'));
});

test('slowly worsening weakness skips the therapy-first step and asks how soon to treat (ref:98)', () => {
  const result = assess({
    ...lumbarStenosisStory,
    symptoms: { ...lumbarStenosisStory.symptoms, weakness: 'slowly-worsening' },
    conservativeCare: { tried: [] },
  });
  assert.equal(result.category, 'strong-fit');
  assert.equal(ids(result.questionsForSurgeon)[0], 'candidacy.question.weakness-timing');
});

test('possible fit: nerve signs and failed therapy but no scan yet: ask about an MRI (ref:107)', () => {
  const result = assess({ ...lumbarStenosisStory, imaging: { type: 'none' } });
  assert.equal(result.category, 'possible-fit');
  assert.deepEqual(
    result.nextSteps.map((s) => s.id),
    ['askAboutImaging', 'treatmentRequest'],
  );
});

test('possible fit: therapy history unknown is not read as "tried and failed"', () => {
  const result = assess({ ...lumbarStenosisStory, conservativeCare: {} });
  assert.equal(result.category, 'possible-fit');
  assert.ok(result.unanswered.includes('conservativeCare.weeks'));
});

test('every result says it is not a diagnosis and cites only known sources', () => {
  const inputs: CandidacyAnswersInput[] = [
    lumbarStenosisStory,
    { region: 'cervical' },
    { region: 'lumbar', emergency: { saddleNumbness: true } },
    { ...lumbarStenosisStory, conservativeCare: { tried: [] } },
  ];
  for (const input of inputs) {
    const result: CandidacyResult = assess(input);
    assert.equal(result.notADiagnosis.id, 'candidacy.not-a-diagnosis');
    const all = [
      result.summary,
      result.notADiagnosis,
      ...result.reasons,
      ...result.questionsForSurgeon,
      ...result.nextSteps.map((s) => s.statement),
    ];
    for (const statement of all)
      for (const s of statement.sources) assert.ok(isKnownSource(s), `${statement.id}: ${s}`);
  }
});

test('the schema names the bad field', () => {
  const bad = candidacyAnswersSchema.safeParse({
    region: 'lumbar',
    symptoms: { weakness: 'very' },
  });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0]?.path, ['symptoms', 'weakness']);
  assert.equal(candidacyAnswersSchema.safeParse({}).error?.issues[0]?.path[0], 'region');
});
