import type { chartEn } from './chart.en.ts';

export const chartEs: Readonly<Record<keyof typeof chartEn, string>> = {
  'chart.days': 'Días después de la cirugía',
  'chart.painAxis': 'Dolor, 0 = nada, 10 = el peor',
  'chart.nerveAxis': 'Cambio desde la última respuesta',
  'chart.walkingAxis': 'Minutos caminados en un día',
  'chart.day': 'Día',
  'chart.showTable': 'Ver como tabla',
  'chart.hideTable': 'Ocultar la tabla',
  'chart.redFlag': 'Señal de alarma',
  'chart.redFlagDay': 'Día con una señal de alarma',
  'chart.severalNote':
    'Cada punto es una respuesta. Si hay más de una en un día, la línea pasa por su promedio.',
};
