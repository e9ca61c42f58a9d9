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
};
