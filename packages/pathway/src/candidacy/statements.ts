import { type Statement, statement as s } from '../sources/source.ts';

/** Every sentence the candidacy check can show, by stable id (also the translation key). Written for a grade 6–8 reader. */
export const candidacyStatements = {
  notADiagnosis: s(
    'candidacy.not-a-diagnosis',
    'This check does not diagnose you. Only a doctor who examines you and looks at your scans can say what is wrong and whether surgery would help.',
    ['seed:001', 'seed:004'],
  ),
  emergencyInstruction: s(
    'candidacy.emergency.go-now',
    'Stop here. Call 911 or go to the emergency room now. These signs can mean the nerves at the bottom of your spine are badly squeezed, and waiting can cause lasting harm.',
    ['ref:1', 'ref:2', 'ref:97', 'ref:98'],
  ),
  emergencyInstructionCervical: s(
    'candidacy.emergency.go-now.cervical',
    'Stop here. Call 911 or go to the emergency room now. These signs can mean the spinal cord in your neck, or nerves lower in your spine, are badly squeezed. Waiting can cause lasting harm.',
    ['ref:1', 'ref:2', 'ref:97', 'ref:98', 'ref:110'],
  ),
  emergencyBladderBowel: s(
    'candidacy.emergency.bladder-bowel',
    'You have new trouble controlling or emptying your bladder or bowels.',
    ['ref:1', 'ref:2'],
  ),
  emergencySaddle: s(
    'candidacy.emergency.saddle',
    'You have numbness between your legs or around your bottom.',
    ['ref:1'],
  ),
  emergencyWeakness: s(
    'candidacy.emergency.weakness',
    'Weakness in your legs or arms is getting worse quickly.',
    ['ref:97', 'ref:98'],
  ),
  emergencyNotAnswered: s(
    'candidacy.emergency.not-answered',
    'Please answer the emergency questions first. Do you have new bladder or bowel trouble, numbness between your legs, or weakness that is quickly getting worse? If so, call 911 or go to the emergency room now.',
    ['ref:1', 'ref:2', 'ref:97', 'ref:98'],
  ),
  moreAnswersNeeded: s(
    'candidacy.more-answers-needed',
    'We need a few more answers before we can say how well your symptoms fit. A question you skip is never counted as a "no".',
    ['seed:001'],
  ),
  radiatingPain: s(
    'candidacy.reason.radiating-pain',
    'Pain that travels into your leg or arm is a common sign of a squeezed nerve.',
    ['seed:001'],
  ),
  nervePatternNumbness: s(
    'candidacy.reason.nerve-numbness',
    'Numbness or tingling along a nerve path fits a squeezed nerve.',
    ['seed:001'],
  ),
  stableWeakness: s(
    'candidacy.reason.weakness',
    'Weakness in part of your leg or arm can come from a squeezed nerve.',
    ['seed:001'],
  ),
  worseningWeakness: s(
    'candidacy.reason.weakness-worsening',
    'Your weakness is slowly getting worse. Please see a spine surgeon soon, within days to a few weeks. Weakness that lasts longer tends to recover less.',
    ['seed:001', 'ref:97', 'ref:98'],
  ),
  neurogenicClaudication: s(
    'candidacy.reason.neurogenic-claudication',
    'Leg symptoms that build when you stand or walk and ease when you sit or bend forward fit narrowing of the spinal canal.',
    ['seed:001', 'ref:106', 'ref:107', 'ref:108'],
  ),
  shoppingCart: s(
    'candidacy.reason.shopping-cart',
    'Walking more easily while leaning on a shopping cart is a typical sign of a narrowed spinal canal.',
    ['seed:001', 'ref:108'],
  ),
  aboveKnee: s(
    'candidacy.reason.above-knee',
    'Symptoms above the knee point more toward the nerves than toward blood flow.',
    ['ref:108'],
  ),
  spinalCordSigns: s(
    'candidacy.reason.spinal-cord-signs',
    'Clumsy hands or trouble with balance can mean the spinal cord in your neck is squeezed. This needs a spine surgeon’s exam soon, not a long wait.',
    ['ref:110'],
  ),
  functionLost: s(
    'candidacy.reason.function-lost',
    'Your symptoms have taken away everyday things you used to do. Surgery is meant for problems that limit daily life.',
    ['seed:001'],
  ),
  walkingLimited: s(
    'candidacy.reason.walking-limited',
    'You can walk only a short time before you must stop. Losing walking like this is lost daily function, the kind surgery is meant for.',
    ['seed:001'],
  ),
  noFunctionLost: s(
    'candidacy.reason.no-function-lost',
    'You told us your daily life is not limited. Surgery is usually for symptoms that keep you from everyday tasks.',
    ['seed:001'],
  ),
  imagingMatches: s(
    'candidacy.reason.imaging-matches',
    'Your scan showed pressure on a nerve. A surgeon will check that it matches where you feel symptoms.',
    ['seed:001'],
  ),
  imagingMissing: s(
    'candidacy.reason.imaging-missing',
    'You do not have an MRI or CT scan yet, or do not know what it showed. An MRI is the usual test for this problem.',
    ['ref:106', 'ref:107'],
  ),
  imagingOther: s(
    'candidacy.reason.imaging-other',
    'Your scan did not show pressure on a nerve. Scans and symptoms both need to point the same way before surgery makes sense.',
    ['seed:001'],
  ),
  conservativeCareTried: s(
    'candidacy.reason.conservative-tried',
    'You tried treatment without surgery for at least 6 weeks and it did not help enough. Studies used 6 to 12 weeks; there is no fixed rule.',
    ['seed:002', 'ref:70', 'ref:96'],
    true,
  ),
  conservativeCareNotYet: s(
    'candidacy.reason.conservative-not-yet',
    'Most people try physical therapy, chiropractic care, injections or medicine first. Studies used at least 6 to 12 weeks of this before surgery; there is no fixed rule.',
    ['seed:002', 'seed:001', 'ref:70', 'ref:96'],
    true,
  ),
  conservativeCareHelping: s(
    'candidacy.reason.conservative-helping',
    'What you are doing now is helping enough. Keep going, and check again if things change.',
    ['seed:001'],
  ),
  conservativeCareUnknown: s(
    'candidacy.reason.conservative-unknown',
    'We do not know yet what treatment you tried, for how long, or how it went. A surgeon will ask.',
    ['seed:002', 'ref:70', 'ref:96'],
    true,
  ),
  shortDuration: s(
    'candidacy.reason.short-duration',
    'Your symptoms started less than 6 weeks ago. Many nerve symptoms ease with time and treatment that is not surgery.',
    ['ref:70', 'ref:96', 'ref:109'],
    true,
  ),
  backPainOnly: s(
    'candidacy.mimic.back-pain-only',
    'Your pain stays in your back or neck, with no nerve signs. Decompression surgery makes room for squeezed nerves; it is not a fix for every kind of back or neck pain.',
    ['seed:001'],
  ),
  vascular: s(
    'candidacy.mimic.vascular',
    'Calf pain that eases when you simply stand still can come from poor blood flow in the legs, not from the spine. A doctor can check your circulation.',
    ['ref:108'],
  ),
  vascularMixed: s(
    'candidacy.mimic.vascular-mixed',
    'Some of your answers fit poor blood flow in the legs as well as a squeezed nerve. Ask a doctor to check both.',
    ['ref:108'],
  ),
  shifting: s(
    'candidacy.mimic.shifting',
    'Your symptoms move around without a clear pattern. Surgery works best when symptoms are steady and predictable and match the scan.',
    ['seed:001'],
  ),
  fitStrong: s(
    'candidacy.summary.strong-fit',
    'Your answers fit well with a squeezed nerve that decompression surgery can treat. The next step is a surgeon’s review of your scans.',
    ['seed:001', 'seed:002', 'seed:004'],
  ),
  fitPossible: s(
    'candidacy.summary.possible-fit',
    'Some of your answers fit a squeezed nerve, but parts of the picture are missing or unclear.',
    ['seed:001'],
  ),
  fitConservative: s(
    'candidacy.summary.conservative-care-first',
    'Your answers fit a squeezed nerve, but treatment without surgery usually comes first.',
    ['seed:001', 'seed:002'],
  ),
  fitUnlikely: s(
    'candidacy.summary.unlikely',
    'Your answers do not look like the kind of nerve problem decompression surgery treats.',
    ['seed:001', 'ref:108'],
  ),
} as const satisfies Record<string, Statement>;

export const candidacyQuestions = {
  scanMatches: s(
    'candidacy.question.scan-matches',
    'Does my scan show pressure on a nerve at the spot that matches my symptoms?',
    ['seed:001'],
  ),
  whichProcedure: s(
    'candidacy.question.which-procedure',
    'Which operation would you suggest for me: laminotomy, laminectomy or microlaminectomy? Why that one?',
    ['seed:002', 'seed:004'],
  ),
  fusion: s('candidacy.question.fusion', 'Would I need a fusion too? Why or why not?', [
    'seed:002',
    'seed:000',
  ]),
  recovery: s(
    'candidacy.question.recovery',
    'How long would I stay in the hospital, and when could I go back to work?',
    ['seed:004', 'seed:000', 'ref:4'],
  ),
  waiting: s(
    'candidacy.question.waiting',
    'What is likely to happen if I wait?',
    ['ref:109'],
    true,
  ),
  weaknessTiming: s(
    'candidacy.question.weakness-timing',
    'My weakness is getting worse. How soon should it be treated?',
    ['ref:97', 'ref:98'],
  ),
  spinalCord: s(
    'candidacy.question.spinal-cord',
    'Is my spinal cord being squeezed? Should I have surgery now or try supervised exercise first?',
    ['ref:110'],
  ),
  circulation: s('candidacy.question.circulation', 'Should the blood flow in my legs be checked?', [
    'ref:108',
  ]),
  otherCauses: s(
    'candidacy.question.other-causes',
    'Could something other than a squeezed nerve cause my symptoms?',
    ['seed:001'],
  ),
  therapyPlan: s(
    'candidacy.question.therapy-plan',
    'What physical therapy should I try first, and for how long?',
    ['seed:001', 'ref:96'],
    true,
  ),
} as const satisfies Record<string, Statement>;

export const candidacyNextSteps = {
  emergencyCare: s('candidacy.next.emergency-care', 'Call 911 or go to the emergency room now.', [
    'ref:1',
    'ref:2',
  ]),
  mriCtReview: s(
    'candidacy.next.mri-ct-review',
    'Send us your MRI or CT scan for a free review by a spine specialist.',
    ['seed:002'],
  ),
  treatmentRequest: s(
    'candidacy.next.treatment-request',
    'Ask for a treatment consultation with a spine surgeon.',
    ['seed:003', 'seed:004'],
  ),
  ptFirst: s(
    'candidacy.next.pt-first',
    'Start with a physical therapist. We can help you find one.',
    ['seed:001', 'seed:002'],
  ),
  askAboutImaging: s(
    'candidacy.next.ask-about-imaging',
    'Ask your doctor whether you need an MRI.',
    ['ref:107'],
  ),
  seeDoctor: s(
    'candidacy.next.see-doctor',
    'See your own doctor to look for other causes of your pain.',
    ['seed:001'],
  ),
  checkCirculation: s(
    'candidacy.next.check-circulation',
    'Ask your doctor to check the blood flow in your legs.',
    ['ref:108'],
  ),
  answerMissing: s(
    'candidacy.next.answer-missing',
    'Answer the questions you skipped to get a result.',
    ['seed:001'],
  ),
} as const satisfies Record<string, Statement>;
