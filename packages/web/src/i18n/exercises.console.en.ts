/** Issue 17: exercise adherence on the console's patient page. English. */
export const exercisesConsoleEn = {
  'patient.exercises': 'Exercises',
  'exercises.adherence': 'Exercises logged on {days} of the last {window} days.',
  'exercises.none': 'No exercises logged in the last {window} days.',
  'exercises.day': 'Day',
  'exercises.count': 'Done',
  'exercises.which': 'Exercises',
  'exercises.printPlan': 'Plan as PDF (patient’s language)',
} as const;
