import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allGoodToKnowTopics,
  allTriageRules,
  candidacyNextSteps,
  candidacyQuestions,
  candidacyStatements,
  imagingReviewGuidance,
  imagingReviewNotice,
  milestoneTextId,
  protocols,
  recommendationGuidance,
  restrictionDetailId,
  restrictionTextId,
  type Statement,
  secondOpinionNotice,
  secondOpinionPromptWindows,
  statementsEs,
  treatmentFinderDisclaimer,
  treatmentOptions,
} from '@lamina/pathway';
import * as nerveHealing from '../../../pathway/src/nerve-healing/expectations.ts';
import {
  moreLevelsNote,
  notADiagnosis,
  surgeonFirst,
} from '../../../pathway/src/protocols/common.ts';
import * as triageStatements from '../../../pathway/src/triage/statements.ts';
import { unansweredRedFlags } from '../../../pathway/src/triage/unanswered.ts';
import {
  exerciseSafety,
  exercises,
  neckExercises,
  stageGoals,
  walkingSources,
} from '../content/exercises.ts';
import { en } from './en.ts';
import { es } from './es.ts';

/** A map that remembers every id that was given two different English texts. */
class Shown extends Map<string, string> {
  readonly conflicts: string[] = [];
  override set(id: string, text: string): this {
    const earlier = this.get(id);
    if (earlier !== undefined && earlier !== text)
      this.conflicts.push(`${id}: "${earlier}" / "${text}"`);
    return super.set(id, text);
  }
}

/** Every {id, text, sources} found inside a value. */
function statementsIn(value: unknown, found: Shown = new Shown(), depth = 0): Shown {
  if (depth > 10 || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const item of value) statementsIn(item, found, depth + 1);
    return found;
  }
  const v = value as Partial<Statement>;
  if (typeof v.id === 'string' && typeof v.text === 'string' && Array.isArray(v.sources))
    found.set(v.id, v.text);
  for (const child of Object.values(value)) statementsIn(child, found, depth + 1);
  return found;
}

/** What the patient screens show from the plan and triage, keyed the way the app looks them up. */
function shownOnPatientScreens(): Shown {
  const ids = new Shown();
  for (const protocol of protocols) {
    ids.set(protocol.summary.id, protocol.summary.text);
    for (const phase of protocol.phases) {
      ids.set(`phase.${phase.id}`, phase.title);
      for (const s of [...phase.focus, ...phase.avoid]) ids.set(s.id, s.text);
    }
    for (const r of protocol.restrictions) {
      ids.set(restrictionTextId(r), r.text);
      if (r.detail) ids.set(restrictionDetailId(r), r.detail);
    }
    for (const m of protocol.milestones) ids.set(milestoneTextId(m), m.text);
    for (const f of protocol.followUps) ids.set(`followup.${f.id}`, f.title);
    for (const s of protocol.warningSigns) ids.set(s.id, s.text);
  }
  for (const [id, text] of statementsIn([
    allGoodToKnowTopics,
    allTriageRules,
    triageStatements,
    nerveHealing,
    surgeonFirst,
    notADiagnosis,
    moreLevelsNote,
  ]))
    ids.set(id, text);
  for (const region of ['lumbar', 'cervical'] as const)
    for (const q of unansweredRedFlags({}, region)) ids.set(q.prompt.id, q.prompt.text);
  for (const [id, text] of statementsIn([
    exercises,
    neckExercises,
    stageGoals,
    exerciseSafety,
    walkingSources,
  ]))
    ids.set(id, text);
  for (const [id, text] of statementsIn([recommendationGuidance, secondOpinionNotice]))
    ids.set(id, text);
  for (const [id, text] of statementsIn(secondOpinionPromptWindows.map((w) => w.why)))
    ids.set(id, text);
  return ids;
}

/** What the public screens (candidacy check, treatment finder) show, by statement id. */
function shownOnPublicScreens(): Shown {
  const ids = statementsIn([
    candidacyStatements,
    candidacyQuestions,
    candidacyNextSteps,
    treatmentOptions,
    treatmentFinderDisclaimer,
    // The free MRI/CT review result on the requester's status page.
    imagingReviewNotice,
    imagingReviewGuidance,
  ]);
  for (const option of treatmentOptions) ids.set(`treatment.name.${option.id}`, option.name);
  return ids;
}

test('every clinical sentence on the patient screens has Spanish', () => {
  const shown = shownOnPatientScreens();
  assert.ok(shown.size > 150, `found ${shown.size} statements`);
  const missing = [...shown.keys()].filter((id) => statementsEs[id] === undefined);
  assert.deepEqual(
    missing,
    [],
    'plan, triage, nerve-healing and exercise statements without Spanish',
  );
});

test('every clinical sentence on the public screens has Spanish', () => {
  const shown = shownOnPublicScreens();
  assert.ok(shown.size > 70, `found ${shown.size} statements`);
  const missing = [...shown.keys()].filter((id) => statementsEs[id] === undefined);
  assert.deepEqual(missing, [], 'candidacy and treatment-finder statements without Spanish');
});

test('Spanish statements keep the English placeholders', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [id, text] of [...shownOnPatientScreens(), ...shownOnPublicScreens()]) {
    const spanish = statementsEs[id];
    if (spanish !== undefined) assert.deepEqual(placeholders(spanish), placeholders(text), id);
  }
});

test('Spanish restrictions keep the {load} placeholder where the English has it', () => {
  for (const protocol of protocols)
    for (const r of protocol.restrictions)
      assert.equal(
        statementsEs[`restriction.${r.id}`]?.includes('{load}'),
        r.text.includes('{load}'),
        r.id,
      );
});

test('the Spanish catalogue has no stale keys, and the UI catalogues match', () => {
  const known = new Set([...shownOnPatientScreens().keys(), ...shownOnPublicScreens().keys()]);
  const stale = Object.keys(statementsEs).filter((id) => !known.has(id));
  assert.deepEqual(stale, [], 'translations for ids that no longer exist');
  assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
  for (const [key, text] of Object.entries(en)) {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(placeholders(es[key as keyof typeof en]), placeholders(text), key);
  }
});

test('no translation id stands for two different English texts (a fusion patient must not read the non-fusion limit)', () => {
  const patient = shownOnPatientScreens();
  const pub = shownOnPublicScreens();
  assert.deepEqual([...patient.conflicts, ...pub.conflicts], []);
  const all = new Shown();
  for (const [id, text] of [...patient, ...pub]) all.set(id, text);
  assert.deepEqual(all.conflicts, [], 'the same id on a patient and a public screen');
  // The Spanish for a fusion patient's bending rule is the fusion one, not the 2-week one.
  assert.match(statementsEs['restriction.no-bending-twisting.fusion'] ?? '', /fusión/);
  assert.doesNotMatch(
    statementsEs['milestone.imaging-6-months.cervical'] ?? '',
    /^Radiografías para comprobar que la columna está estable y que la fusión/,
  );
});

test('Spanish UI wording (issue 13): "No sé", press with a clean cloth, and tap °C when the number is Celsius', () => {
  assert.equal(es['answer.unsure'], 'No sé');
  assert.equal(es['candidacy.showed.unsure'], 'No sé');
  assert.ok(!Object.values(es).some((text) => text === 'No estoy seguro'));
  assert.match(es['q.severeBleeding'], /paño limpio/);
  assert.match(en['q.severeBleeding'], /clean cloth/);
  assert.match(es['checkin.badTemperature'], /toque °C/);
});
