import type { checkinEn } from './checkin.en.ts';

/** Check-in questions added by issue 13: Spanish ("usted"), as plain and as urgent as the English. */
export const checkinEs: Readonly<Record<keyof typeof checkinEn, string>> = {
  'q.weaknessLegs': '¿Qué piernas siente débiles?',
  'q.weaknessLegs.left': 'La pierna izquierda',
  'q.weaknessLegs.right': 'La pierna derecha',
  'q.weaknessLegs.both': 'Las dos piernas',
  'q.weaknessLegs.none': 'No son las piernas',
  'q.weaknessArms': '¿Qué brazos o manos siente débiles?',
  'q.weaknessArms.left': 'El brazo izquierdo',
  'q.weaknessArms.right': 'El brazo derecho',
  'q.weaknessArms.both': 'Los dos brazos',
  'q.weaknessArms.none': 'No son los brazos',
  'q.handClumsiness':
    'Desde la cirugía, ¿tiene las manos más torpes? Por ejemplo, se le caen las cosas, o le cuesta abrocharse botones o escribir.',
  'q.handClumsiness.no': 'No',
  'q.handClumsiness.new': 'Sí',
  'q.handClumsiness.fast': 'Sí, y empeora rápido',
  'q.walking.slowly': 'Empeora poco a poco',
  'q.feelsVeryUnwell': '¿Se siente muy mal: con escalofríos, confundido o muy débil?',
  'result.title.contactUnsure': 'Revise una señal de alarma, por favor',
};
