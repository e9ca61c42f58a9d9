/**
 * The check-in bodies the benches post (issue 19, decision 031), in a module of their own with no
 * imports, so the web test that compares them with the check-in screen (web
 * screens/checkin/groups.test.ts) does not pull in the bench machinery.
 */

/**
 * The check-in the patient app sends on a routine day (issue 17, web patient-minute.test.ts): one
 * tap answers "no" to every red-flag group of the screening step (web screens/checkin/groups.ts
 * `withScreening`), then pain, pain control, walking and exercises. Until stop 25 the bench sent
 * only the four numbers, leaving every red flag unanswered — a check-in the app never sends, whose
 * decision lists each unanswered red-flag question (4.4 KB instead of 2.2 KB).
 */
const screenedNo = {
  saddleNumbness: 'no',
  urinaryRetention: 'no',
  bladderIncontinence: 'no',
  bowelIncontinence: 'no',
  chestPain: 'no',
  shortOfBreath: 'no',
  coughingBlood: 'no',
  severeBleeding: 'no',
  unableToMoveLimbs: 'no',
  incision: { redness: 'no', warmth: 'no', opening: 'no', dressingSoaked: 'no' },
  fell: 'no',
  positionalHeadache: 'no',
  calfPainOrSwelling: 'no',
} as const;
const routineDay = {
  axialPain: 3,
  limbPain: 2,
  painControlled: 'yes',
  walkingMinutes: 30,
  exercises: 'all',
} as const;
export const sampleCheckin = { ...routineDay, ...screenedNo };
/** A cervical patient's screening also asks about the arms and hands. */
export const sampleCervicalCheckin = {
  ...sampleCheckin,
  newShoulderArmWeakness: 'no',
  handClumsiness: 'no',
} as const;
export const checkinBody = JSON.stringify({ idempotencyKey: '{key}', checkin: sampleCheckin });
export const cervicalCheckinBody = JSON.stringify({
  idempotencyKey: '{key}',
  checkin: sampleCervicalCheckin,
});
