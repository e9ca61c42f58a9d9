import type { remindersEn } from './reminders.en.ts';

/** Recordatorios en la app del paciente (issue 16). */
export const remindersEs: Readonly<Record<keyof typeof remindersEn, string>> = {
  'reminders.entry': 'Recordatorios y calendario',
  'reminders.title': 'Recordatorios',
  'reminders.intro':
    'Lamina puede recordarle hacer su registro, responder un cuestionario o pedir una cita. Recibe como máximo un recordatorio al día por cada medio que elija, nunca de noche.',
  'reminders.channels': '¿Cómo quiere que le recordemos?',
  'reminders.channel.email': 'Correo electrónico',
  'reminders.channel.sms': 'Mensaje de texto (SMS)',
  'reminders.channel.push': 'Notificaciones en este teléfono o computadora',
  'reminders.pause': 'Pausar todos los recordatorios',
  'reminders.quiet': 'Sin recordatorios entre las',
  'reminders.quietAnd': 'y las',
  'reminders.save': 'Guardar',
  'reminders.saved': 'Guardado.',
  'reminders.push.on': 'Activar notificaciones aquí',
  'reminders.push.enabled': 'Las notificaciones están activadas en este dispositivo.',
  'reminders.push.blocked':
    'Las notificaciones están bloqueadas en este navegador. Puede permitirlas en la configuración del navegador.',
  'reminders.push.unsupported': 'Este navegador no puede mostrar notificaciones de Lamina.',
  'reminders.calendar': 'Su calendario',
  'reminders.calendar.intro':
    'Agregue sus citas de control y las fechas de los cuestionarios a su propio calendario.',
  'reminders.calendar.download': 'Descargar el archivo de calendario (.ics)',
  'reminders.calendar.feed': 'Crear un enlace privado de calendario',
  'reminders.calendar.feedHelp':
    'Pegue este enlace en su app de calendario para mantener las fechas al día. Manténgalo en privado. Crear un enlace nuevo detiene el anterior.',
  'reminders.calendar.revoke': 'Detener este enlace',
  'reminders.timeZone': 'Su zona horaria',
  'reminders.timeZone.intro': 'Los recordatorios llegan a una buena hora del día donde usted está.',
  'reminders.timeZone.clinic': 'La misma de mi clínica ({zone})',
  'reminders.timeZone.device': 'Usar la zona horaria de este aparato ({zone})',
  'reminders.timeZone.save': 'Guardar la zona horaria',
  'reminders.timeZone.saved': 'Zona horaria guardada.',
};
