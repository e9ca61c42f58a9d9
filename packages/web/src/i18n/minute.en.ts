/** Issue 17 ("The patient's minute"): the check-in in short steps, and Today as a task list. English. */
export const minuteEn = {
  'checkin.stepOf': 'Step {n} of {total}',
  'checkin.screenTitle': 'Is anything new or worse?',
  'checkin.screenHint':
    'Answer each one. If you are not sure, choose Not sure and we will ask a little more.',
  'checkin.nothingNew': 'No, nothing new or worse',
  'checkin.group.bladder': 'Trouble peeing or pooping, or numbness between your legs',
  'checkin.group.chest':
    'Chest pain, hard breathing, coughing up blood, or bleeding that will not stop',
  'checkin.group.nerves': 'Numbness, weakness, or trouble walking',
  'checkin.group.nerves.neck': 'Numbness, weakness, clumsy hands, or trouble walking',
  'checkin.group.neck': 'Swallowing, your voice, or swelling in your neck',
  'checkin.group.wound': 'Your incision (cut): redness, warmth, swelling, fluid, or an opening',
  'checkin.group.temperature': 'A fever, chills, or feeling very cold',
  'checkin.group.other':
    'A fall, a headache when you sit up, calf pain or swelling, or no poop for days',
  'checkin.painStep': 'Pain and medicine',
  'q.opioidDoses': 'Doses of strong pain medicine (opioids, like oxycodone) you took yesterday',
  'q.opioidDosesHint': 'A number, like 2. Leave it empty if you do not take them.',
  'checkin.badDoses': 'Please type the doses as a whole number, like 2.',
  'checkin.sendNow': 'Send my check-in now',
  'checkin.next': 'Next',
  'checkin.back': 'Back',
  'checkin.answerScreening':
    'Please answer every line: Yes, No or Not sure. Or tap “No, nothing new or worse”.',
  'checkin.answerDetails': 'Please answer at least one question here. Not sure is a fine answer.',
  'checkin.empty': 'Please answer at least one question before you send your check-in.',
  'today.tasks': 'Today',
  'today.checkinDone': 'Done',
  'today.checkinDue': 'To do',
  'today.questionnairesDue': 'Questionnaires to fill in',
  'today.unread': 'New messages',
  'today.callTeam': 'Call your care team: {phone}',
  'today.alertTitle': 'Your care team knows',
  'today.alertOpen':
    'Your care team was told at {raised} and will contact you by {deadline}. If you get worse, call {number}.',
  'today.alertSeen':
    'Your care team saw your answers at {raised} and will contact you. If you get worse, call {number}.',
  'today.planLink': 'Your plan: what to do and what to avoid',
  'today.unreadBadge': '{count} new',
} as const;
