/** Reminder settings in the patient app (issue 16). Plain words, short sentences. */
export const remindersEn = {
  'reminders.entry': 'Reminders and calendar',
  'reminders.title': 'Reminders',
  'reminders.intro':
    'Lamina can remind you to check in, answer a questionnaire or book a visit. You get at most one reminder a day on each way you choose, never at night.',
  'reminders.channels': 'How should we remind you?',
  'reminders.channel.email': 'Email',
  'reminders.channel.sms': 'Text message (SMS)',
  'reminders.channel.push': 'Notifications on this phone or computer',
  'reminders.pause': 'Pause all reminders',
  'reminders.quiet': 'No reminders between',
  'reminders.quietAnd': 'and',
  'reminders.save': 'Save',
  'reminders.saved': 'Saved.',
  'reminders.push.on': 'Turn on notifications here',
  'reminders.push.enabled': 'Notifications are on for this device.',
  'reminders.push.blocked':
    'Notifications are blocked in this browser. You can allow them in the browser settings.',
  'reminders.push.unsupported': 'This browser cannot show notifications from Lamina.',
  'reminders.calendar': 'Your calendar',
  'reminders.calendar.intro':
    'Add your follow-up visits and questionnaire dates to your own calendar.',
  'reminders.calendar.download': 'Download the calendar file (.ics)',
  'reminders.calendar.feed': 'Make a private calendar link',
  'reminders.calendar.feedHelp':
    'Paste this link into your calendar app to keep the dates up to date. Keep it private. Making a new link stops the old one.',
  'reminders.calendar.revoke': 'Stop this link',
  'reminders.timeZone': 'Your time zone',
  'reminders.timeZone.intro': 'Reminders come at a good time of day where you are.',
  'reminders.timeZone.clinic': 'Same as my clinic ({zone})',
  'reminders.timeZone.device': "Use this device's time zone ({zone})",
  'reminders.timeZone.save': 'Save time zone',
  'reminders.timeZone.saved': 'Time zone saved.',
} as const;
