import { both, cervical, type PastInput, type Scenario } from './scenario-kit.ts';

const steadyWalks = (minutes: number, days: number): PastInput[] =>
  Array.from({ length: days }, (_, i) => ({ daysAgo: i + 1, walkingMinutes: minutes }));

/**
 * Normal recoveries that must stay routine: the sore days, the slow nerves and the early
 * temperature that every discharge sheet calls expected. Alert fatigue starts here.
 */
// biome-ignore format: one scenario per line reads as a table
export const normalScenarios: readonly Scenario[] = [
  { name: 'day 0: sore, pain controlled', sources: ['seed:001'], regions: both, day: 0, checkin: { axialPain: 6, limbPain: 3, walkingMinutes: 5 }, level: 'routine', fires: [] },
  { name: 'day 1: 37.9 °C is below every threshold', sources: ['ref:3', 'ref:4'], regions: both, day: 1, checkin: { temperature: { value: 37.9, unit: 'C' } }, level: 'routine', fires: [] },
  { name: 'day 1: 38.3 °C low-grade temperature is common early', sources: ['ref:7', 'ref:37'], regions: both, day: 1, checkin: { temperature: { value: 38.3, unit: 'C' } }, level: 'routine', fires: [] },
  { name: 'day 2: 101.0 °F, still inside the early allowance', sources: ['ref:7', 'ref:37'], regions: both, day: 2, checkin: { temperature: { value: 101.0, unit: 'F' } }, level: 'routine', fires: [] },
  { name: 'day 5: 100.3 °F is just under the threshold', sources: ['ref:3', 'ref:4'], regions: both, day: 5, checkin: { temperature: { value: 100.3, unit: 'F' } }, level: 'routine', fires: [] },
  { name: 'day 3: back pain 5 on the medicine plan, first walks', sources: ['seed:001', 'ref:6'], regions: both, day: 3, checkin: { axialPain: 5, limbPain: 2, walkingMinutes: 10 }, level: 'routine', fires: [] },
  { name: 'day 4: numbness the same as before surgery', sources: ['seed:003'], regions: both, day: 4, checkin: { numbness: { change: 'unchanged', new: 'no', where: 'outer foot' } }, level: 'routine', fires: [] },
  { name: 'day 7: numbness improving', sources: ['seed:003', 'ref:95'], regions: both, day: 7, checkin: { numbness: { change: 'improving' } }, level: 'routine', fires: [] },
  { name: 'day 10: weakness from before surgery improving', sources: ['seed:003', 'ref:97'], regions: both, day: 10, checkin: { weakness: { change: 'improving' } }, level: 'routine', fires: [] },
  { name: 'day 10: old weakness unchanged (too early to worry)', sources: ['ref:97'], regions: both, day: 10, checkin: { weakness: { change: 'unchanged', new: 'no' } }, level: 'routine', fires: [] },
  { name: 'day 12: one sore day (7 vs usual 4) is not a jump to severe', sources: ['seed:001'], regions: both, day: 12, checkin: { axialPain: 7 }, history: [{ daysAgo: 1, axialPain: 4 }, { daysAgo: 2, axialPain: 4 }, { daysAgo: 3, axialPain: 4 }], level: 'routine', fires: [] },
  { name: 'day 14: walked less on one day only', sources: ['seed:001'], regions: both, day: 14, checkin: { walkingMinutes: 8 }, history: steadyWalks(25, 7), level: 'routine', fires: [] },
  { name: 'day 14: walking the same, exercises partly done', sources: ['seed:001'], regions: both, day: 14, checkin: { walkingBalance: 'same', exercises: 'some' }, level: 'routine', fires: [] },
  { name: 'day 20: numbness was worse a week ago, improving today', sources: ['seed:003'], regions: both, day: 20, checkin: { numbness: { change: 'improving' } }, history: [{ daysAgo: 7, numbness: { change: 'worse' } }, { daysAgo: 6, numbness: { change: 'worse' } }], level: 'routine', fires: [] },
  { name: 'day 21: no bowel movement for 3 days', sources: ['ref:3', 'ref:4'], regions: both, day: 21, checkin: { daysSinceBowelMovement: 3 }, level: 'routine', fires: [] },
  { name: 'day 30: walking 40 minutes, pain 2', sources: ['ref:4'], regions: both, day: 30, checkin: { walkingMinutes: 40, axialPain: 2, limbPain: 1 }, history: steadyWalks(35, 5), level: 'routine', fires: [] },
  { name: 'day 45: brief limb pain 3, off opioids', sources: ['ref:4', 'ref:80'], regions: both, day: 45, checkin: { limbPain: 3, opioidDoses: 0 }, level: 'routine', fires: [] },
  { name: 'day 63: limb pain 4, down from 8 in week 1', sources: ['ref:94', 'ref:51'], regions: both, day: 63, checkin: { limbPain: 4 }, history: [{ daysAgo: 58, limbPain: 8 }, { daysAgo: 3, limbPain: 4 }], level: 'routine', fires: [] },
  { name: 'day 70: one day of limb pain 5 after weeks of 1–2', sources: ['ref:94'], regions: both, day: 70, checkin: { limbPain: 5 }, history: [{ daysAgo: 3, limbPain: 2 }, { daysAgo: 7, limbPain: 1 }], level: 'routine', fires: [] },
  { name: 'day 100: numbness still improving (next-visit topic)', sources: ['ref:4', 'ref:94'], regions: both, day: 100, checkin: { numbness: { change: 'improving' } }, level: 'routine', fires: [] },
  { name: 'day 2: pain 7 on the medicine plan is not severe', sources: ['seed:001', 'ref:10'], regions: both, day: 2, checkin: { axialPain: 7, limbPain: 4, painControlled: 'yes' }, level: 'routine', fires: [] },
  { name: 'day 3: 35.6 °C is not a low reading', sources: ['ref:3'], regions: both, day: 3, checkin: { temperature: { value: 35.6, unit: 'C' } }, level: 'routine', fires: [] },
  { name: 'day 11: 96.1 °F is not a low reading', sources: ['ref:3'], regions: both, day: 11, checkin: { temperature: { value: 96.1, unit: 'F' } }, level: 'routine', fires: [] },
  { name: 'day 10: old weakness in one leg improving, where answered', sources: ['seed:003', 'ref:97'], regions: both, day: 10, checkin: { weakness: { change: 'improving', legs: 'left' } }, level: 'routine', fires: [] },
  { name: 'day 200: weakness improving slowly', sources: ['ref:18', 'seed:003'], regions: both, day: 200, checkin: { weakness: { change: 'improving' } }, level: 'routine', fires: [] },
  { name: 'day 400: numbness gone', sources: ['seed:003'], regions: both, day: 400, checkin: { numbness: { change: 'none' } }, level: 'routine', fires: [] },
  { name: 'fusion, day 9: stiff, walking more each day', sources: ['seed:000', 'ref:105'], regions: both, day: 9, surgery: { fusion: true }, checkin: { axialPain: 5, walkingMinutes: 15 }, history: [{ daysAgo: 1, walkingMinutes: 12 }, { daysAgo: 2, walkingMinutes: 10 }], level: 'routine', fires: [] },
  { name: 'minimally invasive, day 2 at home', sources: ['seed:004', 'seed:002'], regions: both, day: 2, surgery: { procedure: 'microlaminectomy' }, checkin: { axialPain: 3 }, level: 'routine', fires: [] },
  { name: 'neck surgery day 1: mild swallowing trouble and hoarse voice are expected', sources: ['ref:36'], regions: cervical, day: 1, checkin: { swallowing: 'mild', voice: 'hoarse' }, level: 'routine', fires: [] },
  { name: 'neck surgery day 10: mild swallowing trouble still expected', sources: ['ref:36'], regions: cervical, day: 10, checkin: { swallowing: 'mild' }, level: 'routine', fires: [] },
  { name: 'neck surgery day 20: hands not clumsy, walking improving', sources: ['ref:110', 'seed:000'], regions: cervical, day: 20, checkin: { handClumsiness: 'no', walkingBalance: 'improving' }, level: 'routine', fires: [] },
  { name: 'neck surgery day 5: heavy feeling in neck and shoulders', sources: ['seed:000'], regions: cervical, day: 5, checkin: { axialPain: 5, limbPain: 2 }, level: 'routine', fires: [] },
];
