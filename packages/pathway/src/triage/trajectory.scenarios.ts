import { both, type PastInput, type Scenario } from './scenario-kit.ts';

const walkedDaily = (minutes: number, fromDaysAgo: number, toDaysAgo: number): PastInput[] =>
  Array.from({ length: toDaysAgo - fromDaysAgo + 1 }, (_, i) => ({
    daysAgo: fromDaysAgo + i,
    walkingMinutes: minutes,
  }));

/** The patient's own course against the expected one (seed:003, ref:94–97): contact, off track. */
// biome-ignore format: one scenario per line reads as a table
export const trajectoryScenarios: readonly Scenario[] = [
  { name: 'numbness worse again, 3 days after it was worse before', sources: ['seed:003'], regions: both, day: 30, checkin: { numbness: { change: 'worse', where: 'left shin' } }, history: [{ daysAgo: 3, numbness: { change: 'worse' } }, { daysAgo: 1, numbness: { change: 'unchanged' } }], level: 'contact', fires: ['numbness-keeps-increasing', 'numbness-worse'], offTrack: true },
  { name: 'numbness unchanged at 4 months', sources: ['seed:003', 'ref:96'], regions: both, day: 120, checkin: { numbness: { change: 'unchanged', where: 'big toe' } }, level: 'contact', fires: ['numbness-persisting'], offTrack: true },
  { name: 'numbness still present at 13 months: honest explanation', sources: ['seed:003', 'ref:39'], regions: both, day: 400, checkin: { numbness: { change: 'unchanged' } }, level: 'contact', fires: ['numbness-may-be-permanent'], offTrack: true },
  { name: 'numbness improving a little at 14 months still gets the honest talk', sources: ['seed:003', 'ref:39'], regions: both, day: 430, checkin: { numbness: { change: 'improving' } }, level: 'contact', fires: ['numbness-may-be-permanent'], offTrack: true },
  { name: 'limb pain 6/10 at 9 weeks, was 6/10 in week 1', sources: ['ref:94', 'seed:003'], regions: both, day: 63, checkin: { limbPain: 6 }, history: [{ daysAgo: 60, limbPain: 6 }, { daysAgo: 58, limbPain: 7 }, { daysAgo: 3, limbPain: 6 }], level: 'contact', fires: ['limb-pain-not-improving'], offTrack: true },
  { name: 'limb pain 5/10 on two check-ins at 10 weeks, no early record', sources: ['ref:94'], regions: both, day: 70, checkin: { limbPain: 5 }, history: [{ daysAgo: 4, limbPain: 5 }], level: 'contact', fires: ['limb-pain-not-improving'], offTrack: true },
  { name: 'weakness unchanged at 4 months, twice', sources: ['seed:003', 'ref:97'], regions: both, day: 120, checkin: { weakness: { change: 'unchanged', where: 'ankle' } }, history: [{ daysAgo: 14, weakness: { change: 'unchanged' } }], level: 'contact', fires: ['weakness-not-improving'], offTrack: true },
  { name: 'walking fell from about 30 to 10 minutes on two check-ins in a row', sources: ['seed:001', 'ref:4'], regions: both, day: 25, checkin: { walkingMinutes: 10 }, history: [...walkedDaily(30, 2, 8), { daysAgo: 1, walkingMinutes: 12 }], level: 'contact', fires: ['walking-falling'], offTrack: true },
  { name: 'a trajectory never lowers a red flag: fever with falling walking', sources: ['ref:3', 'seed:001'], regions: both, day: 25, checkin: { walkingMinutes: 10, temperature: { value: 38.4, unit: 'C' } }, history: [...walkedDaily(30, 2, 8), { daysAgo: 1, walkingMinutes: 12 }], level: 'urgent', fires: ['fever', 'walking-falling'], offTrack: true },
  { name: 'saddle numbness while numbness has been improving for weeks', sources: ['ref:1', 'seed:003'], regions: both, day: 40, checkin: { saddleNumbness: 'yes', numbness: { change: 'improving' } }, history: [{ daysAgo: 7, numbness: { change: 'improving' } }, { daysAgo: 14, numbness: { change: 'improving' } }], level: 'emergency', fires: ['saddle-numbness'] },
];
