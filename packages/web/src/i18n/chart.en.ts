/** The chart's own words (ui/Chart.tsx), shared by the patient app and the console. */
export const chartEn = {
  'chart.days': 'Days after surgery',
  'chart.painAxis': 'Pain, 0 = none, 10 = worst',
  'chart.nerveAxis': 'Change since the last check-in',
  'chart.walkingAxis': 'Minutes walked in a day',
  'chart.day': 'Day',
  'chart.showTable': 'Show as a table',
  'chart.hideTable': 'Hide the table',
  'chart.redFlag': 'Red flag',
  'chart.redFlagDay': 'Day with a red flag',
  'chart.severalNote':
    'Each dot is one check-in. With more than one on a day, the line goes through their average.',
} as const;
