import type { worklistConsoleEn } from './worklist.console.en.ts';

export const worklistConsoleEs: Readonly<Record<keyof typeof worklistConsoleEn, string>> = {
  'nav.worklist': 'Sin noticias',
  'worklist.title': 'Sin noticias',
  'worklist.intro':
    'Pacientes en sus primeras semanas que no hicieron sus registros, y pacientes con una alerta urgente abierta y sin registro desde entonces. Cada uno queda aquí hasta que alguien lo confirme.',
  'worklist.none': 'Todos hicieron sus registros como se esperaba.',
  'worklist.reason.missed-checkins': 'Faltaron {days} días de registro seguidos',
  'worklist.reason.after-alert': 'Sin registro desde una alerta urgente ({days} días)',
  'worklist.lastCheckin': 'Último registro',
  'worklist.never': 'nunca',
  'worklist.call': 'Llamar',
  'worklist.message': 'Mensaje',
  'worklist.acknowledge': 'Confirmar',
  'queue.noCheckinSince': 'Sin registro desde esta alerta',
  'worklist.noPhone': 'Sin número de teléfono',
  'queue.lastCheckin': 'Último registro: {at}',
  'queue.lastCheckinNever': 'Todavía sin registros',
  'nav.notifications': 'Mis correos de alertas',
  'notifications.title': 'Mis correos de alertas',
  'notifications.intro':
    'La consola en vivo siempre muestra las alertas nuevas. También puede recibir un correo. Los correos nunca tienen datos de salud: le piden abrir la consola.',
  'notifications.newUrgent': 'Enviarme un correo cuando llegue una alerta urgente o de emergencia',
  'notifications.escalations':
    'Enviarme un correo cuando me pasen una alerta vencida (escalamiento de guardia)',
  'notifications.escalationsHint':
    'Desactivarlo solo detiene el correo. Una alerta vencida igual pasa a la siguiente persona de guardia y aparece en la consola.',
  'notifications.save': 'Guardar mis opciones',
  'notifications.saved': 'Guardado.',
  'reminderSettings.title': 'Recordatorios a pacientes y la lista "Sin noticias"',
  'reminderSettings.intro':
    'Cada cuánto se recuerda a los pacientes hacer su registro, cuándo se pueden enviar recordatorios y cuándo un paciente callado aparece en la lista para llamarlo.',
  'reminderSettings.cadence': 'Recordatorios de registro',
  'reminderSettings.cadenceHint':
    'Cada paso va desde el día siguiente al paso anterior hasta su día después de la cirugía, con un recordatorio cada tantos días. Después del último paso, solo se recuerdan cuestionarios y citas. Lo predeterminado en Lamina se espacia: a diario hasta el día 14, cada 2 días hasta el día 42, cada semana hasta el día 84 (ninguna fuente da una frecuencia; es decisión del equipo).',
  'reminderSettings.step': 'Paso {n}',
  'reminderSettings.untilDay': 'Hasta el día después de la cirugía',
  'reminderSettings.everyDays': 'Recordar cada (días)',
  'reminderSettings.addStep': 'Agregar un paso',
  'reminderSettings.removeStep': 'Quitar el paso {n}',
  'reminderSettings.quiet': 'Cuándo se pueden enviar recordatorios',
  'reminderSettings.quietStart': 'Horas de silencio desde',
  'reminderSettings.quietEnd': 'Horas de silencio hasta',
  'reminderSettings.sendAfter': 'Enviar el recordatorio del día desde',
  'reminderSettings.quietHint':
    'No se envía ningún recordatorio en las horas de silencio, en la zona horaria del paciente. Los pacientes pueden agregar sus propias horas de silencio en la app.',
  'reminderSettings.worklist': 'La lista "Sin noticias"',
  'reminderSettings.missedDays': 'Días seguidos sin registro',
  'reminderSettings.worklistUntilDay': 'Durante los primeros (días después de la cirugía)',
  'reminderSettings.summary':
    'Un paciente aparece en la lista después de {missed} días seguidos sin registro, durante los primeros {until} días después de la cirugía.',
  'reminderSettings.defaults': 'Usar lo predeterminado de Lamina',
  'reminderSettings.save': 'Guardar los recordatorios',
  'reminderSettings.saved': 'Recordatorios guardados.',
  'reminderSettings.invalid': 'Revise: {field}.',
  'reminderSettings.invalidOrder': 'Cada paso debe terminar un día después del paso anterior.',
  'reminderSettings.invalidWorklist':
    'El período de "Sin noticias" debe ser más largo que los días seguidos sin registro.',
  'patient.reminders': 'Recordatorios',
  'patientReminders.channels': 'Recordatorios por',
  'patientReminders.channel.email': 'correo',
  'patientReminders.channel.sms': 'mensaje de texto',
  'patientReminders.channel.push': 'notificaciones de la app',
  'patientReminders.noChannels': 'ninguna vía elegida (sin recordatorios)',
  'patientReminders.paused': 'Pausados por el paciente',
  'patientReminders.quiet': 'Horas de silencio propias: de {start} a {end}',
  'patientReminders.ownChoice':
    'Cómo, cuándo y si recibe recordatorios lo elige el paciente en la app.',
  'patientReminders.timeZone': 'Zona horaria de los recordatorios',
  'patientReminders.clinicZone': 'La de la clínica ({zone})',
  'patientReminders.saveZone': 'Guardar la zona horaria',
  'patientReminders.savedZone': 'Zona horaria guardada.',
};
