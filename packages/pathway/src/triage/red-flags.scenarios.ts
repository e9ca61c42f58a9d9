import { both, cervical, lumbar, type Scenario } from './scenario-kit.ts';

/** Red flags from today's answers alone, written from the seeds and clinical-reference §1. */
// biome-ignore format: one scenario per line reads as a table
export const redFlagScenarios: readonly Scenario[] = [
  // Emergency: cauda equina / cord signs (ref:1, ref:2, ref:3, seed:001).
  { name: 'saddle numbness on day 3', sources: ['ref:1', 'ref:3'], regions: both, day: 3, checkin: { saddleNumbness: 'yes' }, level: 'emergency', fires: ['saddle-numbness'] },
  { name: 'saddle numbness at 5 months, long after discharge', sources: ['ref:1'], regions: both, day: 150, checkin: { saddleNumbness: 'yes' }, level: 'emergency', fires: ['saddle-numbness'] },
  { name: 'cannot pass urine on day 1', sources: ['ref:1', 'ref:2', 'ref:3'], regions: both, day: 1, checkin: { urinaryRetention: 'yes' }, level: 'emergency', fires: ['urinary-retention'] },
  { name: 'leaking urine (ER tier where ref:5 and ref:3 disagree)', sources: ['seed:001', 'ref:3', 'ref:5'], regions: both, day: 6, checkin: { bladderIncontinence: 'yes' }, level: 'emergency', fires: ['bladder-incontinence'] },
  { name: 'loss of bowel control', sources: ['seed:001', 'ref:3'], regions: both, day: 9, checkin: { bowelIncontinence: 'yes' }, level: 'emergency', fires: ['bowel-incontinence'] },
  { name: 'cannot move legs (hematoma, ref:10)', sources: ['ref:3', 'ref:10'], regions: both, day: 0, checkin: { unableToMoveLimbs: 'yes' }, level: 'emergency', fires: ['unable-to-move-limbs'] },
  { name: 'weakness rapidly worse on day 4 (late hematoma, ref:10)', sources: ['ref:3', 'ref:10'], regions: both, day: 4, checkin: { weakness: { change: 'rapidly-worse', where: 'right foot' } }, level: 'emergency', fires: ['weakness-rapidly-worse'] },
  // Emergency: chest, lungs, bleeding (ref:3, ref:8, ref:23).
  { name: 'chest pain on day 8', sources: ['ref:3', 'ref:8'], regions: both, day: 8, checkin: { chestPain: 'yes' }, level: 'emergency', fires: ['chest-pain'] },
  { name: 'sudden breathlessness on day 9 (PE window, ref:23)', sources: ['ref:3', 'ref:23'], regions: both, day: 9, checkin: { shortOfBreath: 'yes' }, level: 'emergency', fires: ['short-of-breath'] },
  { name: 'coughing blood', sources: ['ref:3', 'ref:8'], regions: both, day: 12, checkin: { coughingBlood: 'yes' }, level: 'emergency', fires: ['coughing-blood'] },
  { name: 'bleeding that will not stop', sources: ['ref:3', 'ref:8'], regions: both, day: 1, checkin: { severeBleeding: 'yes' }, level: 'emergency', fires: ['severe-bleeding'] },
  // Emergency: after neck surgery, airway (ref:20, ref:21, ref:22).
  { name: 'cannot swallow on day 1 after neck surgery', sources: ['ref:22', 'ref:20'], regions: cervical, day: 1, checkin: { swallowing: 'cannot' }, level: 'emergency', fires: ['cannot-swallow'] },
  { name: 'cannot speak on day 0 after neck surgery', sources: ['ref:22'], regions: cervical, day: 0, checkin: { voice: 'cannot-speak' }, level: 'emergency', fires: ['cannot-speak'] },
  { name: 'neck swelling growing fast on day 1 (hematoma 6–24 h)', sources: ['ref:20', 'ref:21'], regions: cervical, day: 1, checkin: { neckSwelling: 'growing-fast' }, level: 'emergency', fires: ['neck-swelling-fast'] },
  { name: 'trouble breathing on day 2 after neck surgery', sources: ['ref:20', 'ref:21'], regions: cervical, day: 2, checkin: { shortOfBreath: 'yes', swallowing: 'mild' }, level: 'emergency', fires: ['short-of-breath'] },
  // Urgent: fever, day-aware (ref:3, ref:4, ref:7, ref:37).
  { name: 'fever 38.2 °C at day 10', sources: ['ref:3', 'ref:4'], regions: both, day: 10, checkin: { temperature: { value: 38.2, unit: 'C' } }, level: 'urgent', fires: ['fever'] },
  { name: 'fever 100.4 °F at day 5 (threshold exactly)', sources: ['ref:3', 'ref:4'], regions: both, day: 5, checkin: { temperature: { value: 100.4, unit: 'F' } }, level: 'urgent', fires: ['fever'] },
  { name: 'fever 38.0 °C on day 3, just past the early window', sources: ['ref:3', 'ref:37'], regions: both, day: 3, checkin: { temperature: { value: 38.0, unit: 'C' } }, level: 'urgent', fires: ['fever'] },
  { name: '101.6 °F on day 1 is above even the early threshold', sources: ['ref:7'], regions: both, day: 1, checkin: { temperature: { value: 101.6, unit: 'F' } }, level: 'urgent', fires: ['fever'] },
  { name: 'fever 38.9 °C at day 20 (wound infection window, ref:29)', sources: ['ref:7', 'ref:29'], regions: both, day: 20, checkin: { temperature: { value: 38.9, unit: 'C' } }, level: 'urgent', fires: ['fever'] },
  // Urgent: the incision (seed:001, ref:7, ref:4).
  { name: 'redness around the incision on day 12', sources: ['seed:001', 'ref:7'], regions: both, day: 12, checkin: { incision: { redness: 'yes' } }, level: 'urgent', fires: ['incision-redness'] },
  { name: 'warm incision on day 14', sources: ['seed:001'], regions: both, day: 14, checkin: { incision: { warmth: 'yes' } }, level: 'urgent', fires: ['incision-warmth'] },
  { name: 'cloudy drainage with fever on day 15', sources: ['seed:001', 'ref:7'], regions: both, day: 15, checkin: { incision: { drainage: 'cloudy' }, temperature: { value: 101.8, unit: 'F' } }, level: 'urgent', fires: ['incision-drainage-cloudy', 'fever'] },
  { name: 'bloody drainage on day 4', sources: ['seed:001', 'ref:4'], regions: both, day: 4, checkin: { incision: { drainage: 'bloody' } }, level: 'urgent', fires: ['incision-drainage-bloody'] },
  { name: 'clear watery drainage on day 17 (late CSF leak, ref:15)', sources: ['ref:12', 'ref:15'], regions: both, day: 17, checkin: { incision: { drainage: 'clear-watery' } }, level: 'urgent', fires: ['incision-drainage-clear'] },
  { name: 'the incision has opened', sources: ['ref:7'], regions: both, day: 11, checkin: { incision: { opening: 'yes' } }, level: 'urgent', fires: ['incision-opening'] },
  { name: 'dressing soaked with blood on day 1', sources: ['ref:3', 'ref:4'], regions: both, day: 1, checkin: { incision: { dressingSoaked: 'yes' } }, level: 'urgent', fires: ['dressing-soaked'] },
  { name: 'swelling at the incision growing', sources: ['ref:10', 'ref:12'], regions: both, day: 6, checkin: { incision: { swelling: 'growing' } }, level: 'urgent', fires: ['incision-swelling-growing'] },
  { name: 'some stable swelling at the incision', sources: ['seed:000', 'ref:7'], regions: both, day: 5, checkin: { incision: { swelling: 'some' } }, level: 'contact', fires: ['incision-swelling'] },
  // Urgent: CSF leak, clots, pain, bowels.
  { name: 'positional headache on day 17 (late dural leak)', sources: ['ref:13', 'ref:15'], regions: both, day: 17, checkin: { positionalHeadache: 'yes' }, level: 'urgent', fires: ['positional-headache'] },
  { name: 'calf pain or swelling on day 8', sources: ['ref:3', 'ref:4', 'ref:23'], regions: both, day: 8, checkin: { calfPainOrSwelling: 'yes' }, level: 'urgent', fires: ['calf-pain-or-swelling'] },
  { name: 'pain not controlled by the plan', sources: ['seed:001'], regions: both, day: 2, checkin: { painControlled: 'no', axialPain: 8 }, level: 'urgent', fires: ['pain-uncontrolled'] },
  { name: 'pain jumps from 3 to 9 within days (lumbar hematoma shows as severe pain, ref:10)', sources: ['ref:10', 'ref:7'], regions: both, day: 5, checkin: { axialPain: 9 }, history: [{ daysAgo: 1, axialPain: 3 }, { daysAgo: 2, axialPain: 4 }, { daysAgo: 3, axialPain: 3 }], level: 'urgent', fires: ['pain-severe-jump'] },
  { name: 'no bowel movement for 4 days', sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'], regions: both, day: 5, checkin: { daysSinceBowelMovement: 4 }, level: 'urgent', fires: ['no-bowel-movement'] },
  // Urgent: nerves and walking (seed:001 red-flag list, ref:3/4/5).
  { name: 'new weakness in the foot', sources: ['seed:001', 'ref:5'], regions: both, day: 6, checkin: { weakness: { change: 'unchanged', new: 'yes', where: 'left foot' } }, level: 'urgent', fires: ['weakness-new-or-worse'] },
  { name: 'weakness getting worse (not rapidly)', sources: ['seed:001'], regions: both, day: 20, checkin: { weakness: { change: 'worse' } }, level: 'urgent', fires: ['weakness-new-or-worse'] },
  { name: 'numbness increasing rapidly', sources: ['seed:001'], regions: both, day: 3, checkin: { numbness: { change: 'rapidly-worse', where: 'both feet' } }, level: 'urgent', fires: ['numbness-rapidly-worse'] },
  { name: 'new numbness since surgery', sources: ['ref:3', 'ref:4'], regions: both, day: 2, checkin: { numbness: { change: 'unchanged', new: 'yes' } }, level: 'urgent', fires: ['numbness-new'] },
  { name: 'numbness a bit worse today, once', sources: ['seed:003'], regions: both, day: 25, checkin: { numbness: { change: 'worse' } }, level: 'contact', fires: ['numbness-worse'] },
  { name: 'sudden change in walking and balance', sources: ['seed:001'], regions: lumbar, day: 9, checkin: { walkingBalance: 'suddenly-worse' }, level: 'urgent', fires: ['walking-suddenly-worse'] },
  { name: 'a fall at home', sources: ['ref:3', 'ref:4'], regions: both, day: 13, checkin: { fell: 'yes' }, level: 'urgent', fires: ['fall'] },
  // Urgent / contact: after neck surgery (ref:17, ref:20, ref:36).
  { name: 'new shoulder weakness on day 2 (C5 palsy, ref:17)', sources: ['ref:17'], regions: cervical, day: 2, checkin: { newShoulderArmWeakness: 'yes' }, level: 'urgent', fires: ['c5-weakness'] },
  { name: 'swallowing getting harder on day 4 (abscess after 72 h, ref:20)', sources: ['ref:20'], regions: cervical, day: 4, checkin: { swallowing: 'getting-worse' }, level: 'urgent', fires: ['swallowing-getting-worse'] },
  { name: 'mild swallowing trouble still at day 21', sources: ['ref:36'], regions: cervical, day: 21, checkin: { swallowing: 'mild' }, level: 'urgent', fires: ['swallowing-mild-late'] },
  { name: 'hoarse voice still at day 30', sources: ['ref:36'], regions: cervical, day: 30, checkin: { voice: 'hoarse' }, level: 'contact', fires: ['hoarse-voice-persisting'] },
  { name: 'some neck swelling, breathing and swallowing fine', sources: ['ref:20'], regions: cervical, day: 2, checkin: { neckSwelling: 'some' }, level: 'contact', fires: ['neck-swelling'] },
  // Several at once: the most urgent wins and every finding is listed.
  { name: 'fever with saddle numbness: emergency, both listed', sources: ['ref:1', 'ref:3'], regions: both, day: 10, checkin: { saddleNumbness: 'yes', temperature: { value: 38.5, unit: 'C' } }, level: 'emergency', fires: ['saddle-numbness', 'fever'] },
  { name: 'incomplete check-in still raises what it shows', sources: ['seed:001'], regions: both, day: 12, bare: true, checkin: { incision: { redness: 'yes' } }, level: 'urgent', fires: ['incision-redness'] },
];
