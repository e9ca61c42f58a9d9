import type { secondOpinionConsoleEn } from './second-opinion.console.en.ts';

/** Spanish for the console's second-opinion frame; the rest falls back to English key by key. */
export const secondOpinionConsoleEs: Readonly<
  Partial<Record<keyof typeof secondOpinionConsoleEn, string>>
> = {
  'nav.secondOpinions': 'Segundas opiniones',
  'nav.myCases': 'Mis casos',
  'so.title': 'Segundas opiniones',
  'so.myCasesTitle': 'Mis casos',
  'so.none': 'Todavía no hay segundas opiniones.',
  'so.patient': 'Paciente',
  'so.status': 'Estado',
  'so.asked': 'Preguntó',
  'so.reviewer': 'Revisor',
  'so.due': 'Informe para',
  'so.timeLeft': 'Tiempo restante',
  'so.overdue': 'Atrasado por {time}',
  'so.assign': 'Asignar',
  'so.daysSave': 'Guardar',
  'so.reassign': 'Reasignar',
  'so.chooseReviewer': 'Elija un revisor',
  'so.assignTo': 'Revisor para este caso',
  'so.open': 'Abrir',
  'so.back': 'Volver a la lista',
  'so.status.requested': 'Esperando a un revisor',
  'so.status.assigned': 'Con el revisor',
  'so.status.reported': 'Informado',
  'so.status.withdrawn': 'Retirado por el paciente',
  'so.question': 'La pregunta del paciente',
  'so.report': 'Informe',
  'so.submit': 'Enviar el informe',
  'so.notice':
    'Lamina no da diagnósticos. La segunda opinión no reemplaza al cirujano del paciente.',
  'so.scans': 'Estudios de imagen',
  'so.scansNone': 'No se enviaron estudios con esta pregunta.',
  'so.scanLine': '{modality} · {bodyPart} · {series} series, {images} imágenes',
  'so.scanDays': '{days} días después de la cirugía',
  'so.scanDaysBefore': '{days} días antes de la cirugía',
  'so.scanDeidentified': 'Copia sin identificación: sin nombre, identificadores ni fechas.',
  'so.openScan': 'Abrir visor',
  'so.closeScan': 'Cerrar visor',
};
