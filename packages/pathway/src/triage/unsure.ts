import { type Checkin, isLowTemperature } from '../checkin/checkin.ts';
import type { Statement } from '../sources/source.ts';
import { answerTo, type Question } from './questions.ts';
import { bodyRules } from './rules-body.ts';
import { cervicalRules } from './rules-cervical.ts';
import { cordRules } from './rules-cord.ts';
import { earlyRules } from './rules-early.ts';
import { nerveRules } from './rules-nerves.ts';
import type { TriageRule } from './types.ts';

/**
 * "Not sure" on a red-flag question (issue 13). It is never "no": the care team gets a contact
 * item ("patient was unsure about …") and the patient reads the instruction the answer "yes" would
 * have given, word for word (same statement, same sources). The patient's headline then says to
 * act on it if the answer is yes (triage.headline.contact-unsure).
 */
interface UnsureQuestion {
  /** The check-in field, as the care team reads it; "unsure" there raises the item. */
  readonly question: Question;
  /** Plain words for the care team. */
  readonly about: string;
  /** The rule a "yes" (or for pain control, a "no") would raise. */
  readonly yesRule: string;
  /** When "unsure" alone is not enough to ask. */
  readonly onlyIf?: (c: Checkin) => boolean;
}

// biome-ignore format: one question per line reads as a table
const questions: readonly UnsureQuestion[] = [
  { question: 'saddleNumbness', about: 'numbness between the legs (saddle area)', yesRule: 'saddle-numbness' },
  { question: 'urinaryRetention', about: 'being unable to pass urine', yesRule: 'urinary-retention' },
  { question: 'bladderIncontinence', about: 'leaking urine', yesRule: 'bladder-incontinence' },
  { question: 'bowelIncontinence', about: 'leaking stool', yesRule: 'bowel-incontinence' },
  { question: 'unableToMoveLimbs', about: 'being unable to move the limbs', yesRule: 'unable-to-move-limbs' },
  { question: 'chestPain', about: 'chest pain', yesRule: 'chest-pain' },
  { question: 'shortOfBreath', about: 'shortness of breath', yesRule: 'short-of-breath' },
  { question: 'coughingBlood', about: 'coughing blood', yesRule: 'coughing-blood' },
  { question: 'severeBleeding', about: 'bleeding that does not stop', yesRule: 'severe-bleeding' },
  { question: 'incision.redness', about: 'redness at the incision', yesRule: 'incision-redness' },
  { question: 'incision.warmth', about: 'warmth at the incision', yesRule: 'incision-warmth' },
  { question: 'incision.opening', about: 'the incision opening', yesRule: 'incision-opening' },
  { question: 'incision.dressingSoaked', about: 'a blood-soaked dressing', yesRule: 'dressing-soaked' },
  { question: 'positionalHeadache', about: 'a positional headache', yesRule: 'positional-headache' },
  { question: 'calfPainOrSwelling', about: 'calf pain or swelling', yesRule: 'calf-pain-or-swelling' },
  { question: 'fell', about: 'having fallen', yesRule: 'fall' },
  { question: 'painControlled', about: 'whether the pain is controlled by the prescribed plan', yesRule: 'pain-uncontrolled' },
  { question: 'numbness.new', about: 'new numbness since surgery', yesRule: 'numbness-new' },
  { question: 'weakness.new', about: 'new weakness since surgery', yesRule: 'weakness-new-or-worse' },
  { question: 'newShoulderArmWeakness', about: 'new shoulder/elbow weakness (C5)', yesRule: 'c5-weakness' },
  { question: 'handClumsiness', about: 'new clumsy hands (cord sign)', yesRule: 'cord-hands-clumsy' },
  {
    question: 'feelsVeryUnwell',
    about: 'feeling very unwell, with a low temperature',
    yesRule: 'temperature-low-unwell',
    // Only a question when the temperature is low; otherwise "yes" would raise nothing either.
    onlyIf: (c) => c.temperature !== undefined && isLowTemperature(c.temperature),
  },
];

const yesRules = new Map(
  [...nerveRules, ...bodyRules, ...cervicalRules, ...cordRules, ...earlyRules].map((r) => [
    r.id,
    r,
  ]),
);

/**
 * One contact rule per red-flag question; its id is `unsure-<the yes rule>`. Its statement has its
 * own id (`triage.unsure-<yes rule>`, a stable key) with the "yes" rule's text and sources: the
 * Spanish is the "yes" rule's Spanish too (see i18n/triage-escalations.statements.es.ts).
 */
export const unsureRules: readonly TriageRule[] = questions.map((q) => {
  const yes = yesRules.get(q.yesRule);
  if (!yes) throw new Error(`unsure.ts: no rule ${q.yesRule}`);
  const id = `unsure-${yes.id}`;
  const answer = answerTo(q.question);
  const onlyIf = q.onlyIf;
  const copy = (s: Statement): Statement => ({
    ...s,
    id: s.id.replace(`triage.${yes.id}`, `triage.${id}`),
  });
  const instruction =
    'id' in yes.instruction
      ? copy(yes.instruction as Statement)
      : { lumbar: copy(yes.instruction.lumbar), cervical: copy(yes.instruction.cervical) };
  return {
    id,
    level: 'contact',
    regions: yes.regions,
    fires: onlyIf
      ? (ctx) => answer(ctx.checkin) === 'unsure' && onlyIf(ctx.checkin)
      : (ctx) => answer(ctx.checkin) === 'unsure',
    instruction,
    clinicianSummary: `Patient was unsure about ${q.about} (question ${q.question}). A "yes" would be ${yes.level}: please ask them.`,
    sources: yes.sources,
    ...(yes.uncertain ? { uncertain: true } : {}),
  };
});

/**
 * One quick look for any "not sure" answer, so triage skips the "not sure" rules on most days
 * (speed: npm run bench triage). It must name every field of the table above; the scenario table
 * has a row per question, so a field missing here fails a test.
 */
export function hasUnsureAnswer(c: Checkin): boolean {
  const i = c.incision;
  return (
    c.saddleNumbness === 'unsure' ||
    c.urinaryRetention === 'unsure' ||
    c.bladderIncontinence === 'unsure' ||
    c.bowelIncontinence === 'unsure' ||
    c.unableToMoveLimbs === 'unsure' ||
    c.chestPain === 'unsure' ||
    c.shortOfBreath === 'unsure' ||
    c.coughingBlood === 'unsure' ||
    c.severeBleeding === 'unsure' ||
    (i !== undefined &&
      (i.redness === 'unsure' ||
        i.warmth === 'unsure' ||
        i.opening === 'unsure' ||
        i.dressingSoaked === 'unsure')) ||
    c.positionalHeadache === 'unsure' ||
    c.calfPainOrSwelling === 'unsure' ||
    c.fell === 'unsure' ||
    c.painControlled === 'unsure' ||
    c.numbness?.new === 'unsure' ||
    c.weakness?.new === 'unsure' ||
    c.newShoulderArmWeakness === 'unsure' ||
    c.handClumsiness === 'unsure' ||
    c.feelsVeryUnwell === 'unsure'
  );
}

/** The rule ids of the "not sure" items, so the headline can tell the patient to act if the answer is yes. */
export const unsureRuleIds: ReadonlySet<string> = new Set(unsureRules.map((r) => r.id));
