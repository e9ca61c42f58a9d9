import type { exerciseLogEn } from './exercise-log.en.ts';

/** Issue 17: temporizadores, el registro de ejercicios que ve el equipo médico, imprimir el plan. */
export const exerciseLogEs: Readonly<Record<keyof typeof exerciseLogEn, string>> = {
  'timer.label': 'Temporizador',
  'timer.start': 'Iniciar el temporizador',
  'timer.startCount': 'Empezar a contar',
  'timer.pause': 'Pausa',
  'timer.resume': 'Seguir',
  'timer.reset': 'Empezar de nuevo',
  'timer.count': 'Hice una',
  'timer.ready': '{repeats} veces. Pulse empezar cuando esté listo.',
  'timer.readyHold': 'Mantenga {hold} segundos, {repeats} veces. Pulse iniciar cuando esté listo.',
  'timer.hold': 'Mantenga. {rep} de {repeats}.',
  'timer.rest': 'Relájese. Sigue: {rep} de {repeats}.',
  'timer.counted': '{rep} de {repeats} hechas.',
  'timer.paused': 'En pausa en {rep} de {repeats}.',
  'timer.done': 'Listo: {repeats} de {repeats}. Muy bien.',
  'timer.secondsLeft': '{count, plural, one {# segundo} other {# segundos}}',
  'exercises.logShared': 'Su equipo médico y su fisioterapeuta ven esta lista.',
  'exercises.logWaiting': 'Guardado en este teléfono. Se envía cuando tenga conexión.',
  'exercises.logRefused': 'No se pudo guardar este día: {reason}',
  'plan.print': 'Imprimir mi plan',
  'plan.download': 'Descargar mi plan (PDF)',
};
