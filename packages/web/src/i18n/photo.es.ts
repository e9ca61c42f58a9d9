import type { photoEn } from './photo.en.ts';

export const photoEs: Readonly<Record<keyof typeof photoEn, string>> = {
  'photo.add': 'Añadir una foto de su herida (opcional)',
  'photo.hint':
    'La foto se hace más pequeña en este teléfono y se le quita la ubicación antes de enviarla.',
  'photo.preview': 'La foto que eligió',
  'photo.remove': 'Quitar la foto',
  'photo.cannotOpen':
    'Este teléfono no puede abrir esa foto (a menudo es una foto HEIC). Tome la foto de nuevo, o ponga la cámara en “Más compatible” (JPEG), y elíjala otra vez.',
  'photo.tooBig': 'Esta foto es demasiado grande para enviarla. Tómela otra vez más de cerca.',
  'photo.notSent':
    'Su control se guardó, pero la foto no se envió. Envíela otra vez desde Mensajes cuando tenga conexión.',
  'photo.notSentMessage': 'Su mensaje se envió, pero la foto no. Inténtelo otra vez.',
  'photo.sent': 'Su foto se envió a su equipo de atención.',
};
