/** The "not heard from" worklist in the console (issue 16). */
export const worklistConsoleEn = {
  'nav.worklist': 'Not heard from',
  'worklist.title': 'Not heard from',
  'worklist.intro':
    'Patients in their first weeks who missed their check-ins, and patients with an open urgent alert and no check-in since. Each stays here until someone acknowledges it.',
  'worklist.none': 'Everyone has checked in as expected.',
  'worklist.reason.missed-checkins': 'Missed {days} check-in days in a row',
  'worklist.reason.after-alert': 'No check-in since an urgent alert ({days} days)',
  'worklist.lastCheckin': 'Last check-in',
  'worklist.never': 'never',
  'worklist.call': 'Call',
  'worklist.message': 'Message',
  'worklist.acknowledge': 'Acknowledge',
  'queue.noCheckinSince': 'No check-in since this alert',
  'worklist.noPhone': 'No phone number',
} as const;
