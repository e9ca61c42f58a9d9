import { arrivalConsoleEs } from './arrival.console.es.ts';
import { clinicSetupConsoleEs } from './clinic-setup.console.es.ts';
import type { ConsoleKey } from './console.en.ts';
import { consoleRestEs } from './console-rest.es.ts';
import { enrolConsoleEs } from './enrol.console.es.ts';
import { exercisesConsoleEs } from './exercises.console.es.ts';
import { fhirConsoleEs } from './fhir.console.es.ts';
import { intakeConsoleEs } from './intake.console.es.ts';
import { peersConsoleEs } from './peers.console.es.ts';
import { secondOpinionConsoleEs } from './second-opinion.console.es.ts';
import { worklistConsoleEs } from './worklist.console.es.ts';

/**
 * Spanish for the console's frame: menu, sign-in, levels and actions. The staff work mostly in
 * English, so the rest falls back to English key by key; clinical findings are English as written.
 */
export const consoleEs: Readonly<Partial<Record<ConsoleKey, string>>> = {
  ...secondOpinionConsoleEs,
  'console.title': 'Lamina: equipo de atención',
  'console.brand': 'Lamina · Equipo de atención',
  'console.skip': 'Saltar al contenido principal',
  'console.loading': 'Cargando…',
  'console.loadError': 'Algo salió mal. Inténtelo de nuevo en un momento.',
  'console.signOut': 'Cerrar sesión',
  'console.notStaffTitle': 'Esta es la consola del equipo de atención',
  'console.notStaff':
    'Usted inició sesión como paciente. Su plan está en la aplicación para pacientes.',
  'console.toPatientApp': 'Ir a la aplicación para pacientes',
  'nav.consoleLabel': 'Menú de la consola',
  'nav.queue': 'Cola de triaje',
  'nav.offTrack': 'Fuera de curso',
  'nav.patients': 'Pacientes',
  'nav.inbox': 'Bandeja',
  'nav.outcomes': 'Resultados',
  'nav.settings': 'Ajustes',
  'role.care_manager': 'gestora de casos',
  'role.clinician': 'clínico',
  'role.admin': 'administración',
  'role.reviewer': 'revisor',
  'signin.staffTitle': 'Acceso del equipo de atención',
  'signin.clinic': 'Código de la clínica',
  'signin.email': 'Correo del trabajo',
  'signin.password': 'Contraseña',
  'signin.totp': 'Código de 6 dígitos de su aplicación de autenticación',
  'signin.submit': 'Entrar',
  'signin.forgot': '¿Olvidó su contraseña?',
  'account.forgotTitle': 'Restablecer la contraseña',
  'account.forgotIntro':
    'Le enviamos un enlace por correo para elegir una contraseña nueva. Funciona una vez, durante 30 minutos. Después, los intentos fallidos ya no lo bloquean.',
  'account.sendLink': 'Enviarme un enlace',
  'account.resetSent':
    'Si {email} tiene una cuenta aquí, el enlace va en camino. Revise su correo y abra el enlace en este dispositivo.',
  'account.backToSignIn': 'Volver al acceso',
  'account.waitMinutes': 'Demasiados intentos. Puede intentarlo de nuevo en {minutes} minutos.',
  'account.resetTitle': 'Elija una contraseña nueva',
  'account.newPassword': 'Contraseña nueva',
  'account.passwordRules':
    'Al menos 12 caracteres. Unas palabras sin relación son fáciles de recordar y difíciles de adivinar; no se aceptan contraseñas comunes.',
  'account.savePassword': 'Guardar la contraseña nueva',
  'account.resetDone': 'Su contraseña cambió. Se cerraron todas sus sesiones.',
  'account.field.password': 'Contraseña',
  'account.field.token': 'Enlace',
  'account.field.code': 'Código',
  'account.mfaTitle': 'Active el acceso en dos pasos',
  'account.mfaIntro':
    'Su clínica pide a su función usar una aplicación de autenticación además de la contraseña. Toma un minuto.',
  'account.mfaStart': 'Empezar',
  'account.mfaKey':
    'Agregue esta clave a su aplicación de autenticación (o abra el enlace en este teléfono):',
  'account.mfaOpenApp': 'Abrir en la aplicación de autenticación',
  'account.mfaConfirm': 'Activar el acceso en dos pasos',
  'level.emergency': 'Emergencia',
  'level.urgent': 'Urgente: llamar hoy',
  'level.contact': 'Contactar en 2 días hábiles',
  'level.routine': 'Rutina',
  'queue.title': 'Cola de triaje',
  'queue.live': '● En vivo',
  'queue.overdue': 'Vencida',
  'queue.escalated': 'Escalada (paso {step})',
  'queue.acknowledged': 'Recibida',
  'queue.raised': 'Hace {ago}',
  'queue.ackWithin': 'Confirmar en',
  'queue.findings': 'Qué se encontró',
  'queue.patientWords': 'En palabras del paciente:',
  'queue.patientTold': 'Qué se le dijo al paciente',
  'queue.note': 'Nota (opcional)',
  'queue.acknowledge': 'Confirmar recepción',
  'queue.addNote': 'Añadir nota',
  'queue.resolve': 'Resolver',
  'queue.announceEmergency': 'Nueva alerta de emergencia: {name}.',
  'offTrack.title': 'Pacientes fuera de curso',
  'patients.title': 'Pacientes',
  'inbox.title': 'Bandeja',
  'outcomes.title': 'Resultados',
  'outcomes.csv': 'Descargar CSV',
  'settings.title': 'Ajustes de alertas',
  'settings.save': 'Guardar ajustes',
  ...peersConsoleEs,
  ...worklistConsoleEs,
  ...intakeConsoleEs,
  ...enrolConsoleEs,
  ...clinicSetupConsoleEs,
  ...arrivalConsoleEs,
  ...consoleRestEs,
  ...exercisesConsoleEs,
  ...fhirConsoleEs,
};
