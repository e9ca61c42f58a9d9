import type { ImagingKey } from './imaging.en.ts';

/** Spanish strings of the imaging components; a missing key falls back to English. */
export const imagingEs: Partial<Record<ImagingKey, string>> = {
  'imaging.title': 'Estudios de imagen e informes',
  'imaging.myScans': 'Mis estudios de imagen',
  'imaging.myScansIntro':
    'Agregue sus resonancias o tomografías (los archivos DICOM del disco o de la descarga, o un zip con ellos) y sus informes de imagen (PDF o JPEG). Así su equipo de atención podrá verlos.',
  'imaging.choose': 'Elegir archivos',
  'imaging.chooseHint':
    'Archivos DICOM, un zip con todo el estudio o un informe en PDF/JPEG. Hasta 50 MB por archivo y 500 MB por zip.',
  'imaging.upload': 'Subir',
  'imaging.uploading': 'Subiendo {name}',
  'imaging.progress': 'Subida de {name}',
  'imaging.storedStudy':
    '{name}: guardado. {modality} de {bodyPart}, {date}: {series} series, {images} imágenes.',
  'imaging.storedDocument': '{name}: guardado como informe.',
  'imaging.refused': '{name}: no se guardó. {reason}',
  'imaging.failed': '{name}: no se guardó. {reason}',
  'imaging.offline': 'No hay conexión. No se guardó nada; intente de nuevo cuando tenga conexión.',
  'imaging.none': 'Todavía no hay estudios ni informes.',
  'imaging.studies': 'Estudios',
  'imaging.documents': 'Informes',
  'imaging.studyLine': '{modality} · {bodyPart} · {date} · {series} series, {images} imágenes',
  'imaging.unknown': 'desconocido',
  'imaging.noDate': 'sin fecha',
  'imaging.open': 'Ver',
  'imaging.close': 'Cerrar el visor',
  'imaging.download': 'Descargar',
  'imaging.viewer': 'Visor de imágenes',
  'imaging.series': 'Serie',
  'imaging.seriesOption': 'Serie {number}: {description} ({images} imágenes)',
  'imaging.slice': 'Imagen',
  'imaging.sliceOf': 'Imagen {n} de {total}',
  'imaging.windowCenter': 'Brillo (centro de ventana)',
  'imaging.windowWidth': 'Contraste (ancho de ventana)',
  'imaging.presets': 'Ajustes rápidos',
  'imaging.presetFile': 'Del archivo',
  'imaging.presetSoft': 'Tejido blando',
  'imaging.presetBone': 'Hueso',
  'imaging.presetWide': 'Amplio',
  'imaging.canvas':
    'Imagen {n} de la serie {series}. Use las flechas del teclado o la rueda del ratón para pasar las imágenes.',
  'imaging.cannotShow': 'Esta imagen no se puede mostrar aquí. {reason}',
  'imaging.notADiagnosis':
    'Este visor solo sirve para comprobar que llegó el estudio correcto. No sirve para hacer un diagnóstico.',
};
