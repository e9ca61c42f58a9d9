/** Check-in questions added by issue 13 (clinical safety round 2): English. Plain words, short sentences. */
export const checkinEn = {
  'q.weaknessLegs': 'Which legs feel weak?',
  'q.weaknessLegs.left': 'Left leg',
  'q.weaknessLegs.right': 'Right leg',
  'q.weaknessLegs.both': 'Both legs',
  'q.weaknessLegs.none': 'Not my legs',
  'q.weaknessArms': 'Which arms or hands feel weak?',
  'q.weaknessArms.left': 'Left arm',
  'q.weaknessArms.right': 'Right arm',
  'q.weaknessArms.both': 'Both arms',
  'q.weaknessArms.none': 'Not my arms',
  'q.handClumsiness':
    'Since surgery, are your hands newly clumsy? For example, you drop things, or have trouble with buttons or writing.',
  'q.handClumsiness.no': 'No',
  'q.handClumsiness.new': 'Yes',
  'q.handClumsiness.fast': 'Yes, and getting worse fast',
  'q.walking.slowly': 'Slowly getting worse',
  'q.feelsVeryUnwell': 'Do you feel very unwell: shivery, confused or very weak?',
  'result.title.contactUnsure': 'Please check a warning sign',
} as const;
