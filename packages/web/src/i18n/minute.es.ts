import type { minuteEn } from './minute.en.ts';

/** Issue 17 ("The patient's minute"): Spanish, "usted", plain words. */
export const minuteEs: Record<keyof typeof minuteEn, string> = {
  'checkin.stepOf': 'Paso {n} de {total}',
  'checkin.screenTitle': '¿Hay algo nuevo o peor?',
  'checkin.screenHint':
    'Conteste cada una. Si no está seguro, elija No sé y le preguntaremos un poco más.',
  'checkin.nothingNew': 'No, nada nuevo ni peor',
  'checkin.group.bladder': 'Problemas para orinar o hacer popó, o adormecimiento entre las piernas',
  'checkin.group.chest':
    'Dolor de pecho, dificultad para respirar, tos con sangre o un sangrado que no para',
  'checkin.group.nerves': 'Adormecimiento, debilidad o dificultad para caminar',
  'checkin.group.nerves.neck': 'Adormecimiento, debilidad, manos torpes o dificultad para caminar',
  'checkin.group.neck': 'Tragar, su voz o hinchazón en el cuello',
  'checkin.group.wound':
    'Su herida (corte): enrojecimiento, calor, hinchazón, líquido o una abertura',
  'checkin.group.temperature': 'Fiebre, escalofríos o mucho frío',
  'checkin.group.other':
    'Una caída, dolor de cabeza al sentarse, dolor o hinchazón en la pantorrilla, o varios días sin hacer popó',
  'checkin.painStep': 'Dolor y medicinas',
  'q.opioidDoses':
    'Dosis de medicina fuerte para el dolor (opioides, como oxicodona) que tomó ayer',
  'q.opioidDosesHint': 'Un número, como 2. Déjelo vacío si no las toma.',
  'checkin.badDoses': 'Escriba las dosis como un número entero, como 2.',
  'checkin.sendNow': 'Enviar mis respuestas ahora',
  'checkin.next': 'Siguiente',
  'checkin.back': 'Atrás',
  'checkin.answerScreening':
    'Conteste cada línea: Sí, No o No sé. O toque “No, nada nuevo ni peor”.',
  'checkin.answerDetails': 'Conteste al menos una pregunta aquí. No sé es una buena respuesta.',
  'checkin.empty': 'Conteste al menos una pregunta antes de enviar sus respuestas.',
  'today.tasks': 'Hoy',
  'today.checkinDone': 'Hecho',
  'today.checkinDue': 'Por hacer',
  'today.questionnairesDue': 'Cuestionarios por llenar',
  'today.unread': 'Mensajes nuevos',
  'today.callTeam': 'Llame a su equipo de atención: {phone}',
  'today.alertTitle': 'Su equipo de atención ya sabe',
  'today.alertOpen':
    'Se avisó a su equipo de atención a las {raised} y le contactará antes de las {deadline}. Si empeora, llame al {number}.',
  'today.alertSeen':
    'Su equipo de atención vio sus respuestas a las {raised} y le contactará. Si empeora, llame al {number}.',
  'today.planLink': 'Su plan: qué hacer y qué evitar',
  'today.unreadBadge': '{count} nuevos',
};
