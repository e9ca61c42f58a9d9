import type { arrivalConsoleEn } from './arrival.console.en.ts';

export const arrivalConsoleEs: Readonly<Record<keyof typeof arrivalConsoleEn, string>> = {
  'queue.tabTitle': '({count}) Emergencia – Lamina',
  'queue.sound': 'Sonido para emergencias nuevas',
  'contact.call': 'Llamar al {phone}',
  'contact.noPhone': 'No hay número de teléfono',
  'contact.language': 'Habla {language}',
  'contact.lang.en': 'inglés',
  'contact.lang.es': 'español',
  'contact.age': '{age} años',
  'requests.email': 'Correo electrónico',
  'requests.phone': 'Teléfono',
  'peerAdmin.fusion': 'fusión',
  'checkins.photo': 'Foto',
  'checkins.photoAlt': 'Foto de la herida enviada por el paciente',
};
