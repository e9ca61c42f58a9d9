import { isYes } from '../checkin/checkin.ts';
import { defineRule } from './define-rule.ts';
import { answered, wordsAbout } from './questions.ts';
import type { TriageRule } from './types.ts';

/** Nerve, bladder and walking red flags: the ones where hours matter (ref:2, ref:9, ref:10). */
export const nerveRules: readonly TriageRule[] = [
  defineRule({
    id: 'saddle-numbness',
    level: 'emergency',
    fires: answered('saddleNumbness', 'yes'),
    say: 'New numbness between your legs or around your bottom needs to be checked right away. Call 911 or go to the nearest emergency room now. Do not wait to see if it goes away.',
    clinicianSummary:
      'Saddle numbness reported: possible cauda equina / cord compression (epidural hematoma, recurrent compression). Emergency assessment.',
    sources: ['ref:1', 'ref:3', 'ref:2'],
  }),
  defineRule({
    id: 'urinary-retention',
    level: 'emergency',
    fires: answered('urinaryRetention', 'yes'),
    say: 'Not being able to pee, or feeling full but nothing comes out, needs care right away. Call 911 or go to the nearest emergency room now.',
    clinicianSummary:
      'Urinary retention reported: cauda equina sign (often painless); bladder outcome worse when decompression is delayed >48 h. Also consider opioid-related retention, after exclusion.',
    sources: ['ref:1', 'ref:2', 'ref:3'],
  }),
  defineRule({
    id: 'bladder-incontinence',
    level: 'emergency',
    fires: answered('bladderIncontinence', 'yes'),
    say: 'Losing control of your bladder (leaking pee without meaning to) is a warning sign. Call 911 or go to the nearest emergency room now.',
    clinicianSummary:
      'New urinary incontinence reported: possible cauda equina / cord compression. Emergency tier chosen where sources differ (ref:5 says within 24 h; ref:3 says ED).',
    sources: ['seed:001', 'ref:3', 'ref:1', 'ref:5'],
  }),
  defineRule({
    id: 'bowel-incontinence',
    level: 'emergency',
    fires: answered('bowelIncontinence', 'yes'),
    say: 'Losing control of your bowels (poop leaking without meaning to) is a warning sign. Call 911 or go to the nearest emergency room now.',
    clinicianSummary:
      'New faecal incontinence reported: possible cauda equina / cord compression. Emergency assessment.',
    sources: ['seed:001', 'ref:3', 'ref:1'],
  }),
  defineRule({
    id: 'unable-to-move-limbs',
    level: 'emergency',
    fires: answered('unableToMoveLimbs', 'yes'),
    say: {
      lumbar:
        'Not being able to move your legs needs care right away. Call 911 or go to the nearest emergency room now.',
      cervical:
        'Not being able to move your arms or legs needs care right away. Call 911 or go to the nearest emergency room now.',
    },
    clinicianSummary:
      'Patient reports inability to move limbs: possible epidural hematoma (cervical cases present as paralysis) or cord/cauda compression.',
    sources: ['ref:3', 'ref:10', 'ref:9'],
  }),
  defineRule({
    id: 'weakness-rapidly-worse',
    level: 'emergency',
    fires: answered('weakness.change', 'rapidly-worse'),
    patientWords: wordsAbout('weakness'),
    say: 'Weakness that is getting worse quickly needs care right away. Call 911 or go to the nearest emergency room now.',
    clinicianSummary:
      'Rapidly progressive weakness reported: possible epidural hematoma or acute compression; earlier evacuation associated with better recovery.',
    sources: ['ref:3', 'ref:9', 'ref:10'],
  }),
  defineRule({
    id: 'weakness-new-or-worse',
    level: 'urgent',
    fires: (c) => c.checkin.weakness?.change === 'worse' || isYes(c.checkin.weakness?.new),
    patientWords: wordsAbout('weakness'),
    say: {
      lumbar:
        'New weakness, or weakness that is getting worse, in your leg or foot should be checked. Call your surgical team today.',
      cervical:
        'New weakness, or weakness that is getting worse, in an arm, hand or leg should be checked. Call your surgical team today.',
    },
    clinicianSummary:
      'New or worsening (not rapid) motor weakness reported. Progressive motor deficit needs prompt review.',
    sources: ['seed:001', 'ref:3', 'ref:5', 'ref:97'],
  }),
  defineRule({
    id: 'numbness-rapidly-worse',
    level: 'urgent',
    fires: answered('numbness.change', 'rapidly-worse'),
    patientWords: wordsAbout('numbness'),
    say: 'Numbness that is spreading or getting worse quickly should be checked. Call your surgical team today.',
    clinicianSummary: 'Rapidly increasing numbness reported.',
    sources: ['seed:001'],
  }),
  defineRule({
    id: 'numbness-new',
    level: 'urgent',
    fires: answered('numbness.new', 'yes'),
    patientWords: wordsAbout('numbness'),
    say: 'Numbness that is new since your surgery should be checked. Call your surgical team today.',
    clinicianSummary: 'New numbness since surgery reported (not described as rapid).',
    sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'],
  }),
  defineRule({
    id: 'numbness-worse',
    level: 'contact',
    fires: answered('numbness.change', 'worse'),
    patientWords: wordsAbout('numbness'),
    say: 'Your numbness feels worse today. Tell your care team in the next few days. If it spreads or gets worse quickly, call them today.',
    clinicianSummary:
      'Numbness reported worse than recent days (single report, not rapid). See trajectory for repeated increases.',
    sources: ['seed:003'],
  }),
  defineRule({
    id: 'walking-suddenly-worse',
    level: 'urgent',
    fires: answered('walkingBalance', 'suddenly-worse'),
    say: 'A sudden change in how you walk or keep your balance should be checked. Call your surgical team today. Use a walker or hold on to someone until you are seen.',
    clinicianSummary: 'Sudden deterioration in gait or balance reported.',
    sources: ['seed:001', 'ref:3', 'ref:4'],
  }),
  defineRule({
    id: 'fall',
    level: 'urgent',
    fires: answered('fell', 'yes'),
    say: 'You had a fall. Call your surgical team today, even if you feel fine, so they can decide if you need a check.',
    clinicianSummary: 'Fall since the last check-in reported.',
    sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'],
  }),
];
