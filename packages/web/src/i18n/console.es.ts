import type { ConsoleKey } from './console.en.ts';
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
};
