import type { exercisesConsoleEn } from './exercises.console.en.ts';

/** Issue 17: cumplimiento de los ejercicios en la página del paciente de la consola. */
export const exercisesConsoleEs: Readonly<Record<keyof typeof exercisesConsoleEn, string>> = {
  'patient.exercises': 'Ejercicios',
  'exercises.adherence': 'Ejercicios registrados {days} de los últimos {window} días.',
  'exercises.none': 'No hay ejercicios registrados en los últimos {window} días.',
  'exercises.day': 'Día',
  'exercises.count': 'Hechos',
  'exercises.which': 'Ejercicios',
  'exercises.printPlan': 'Plan en PDF (idioma del paciente)',
};
