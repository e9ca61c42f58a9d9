/** Spanish for the free MRI/CT review statements from @lamina/pathway (intake/imaging-review.ts), by statement id. */
export const imagingReviewStatementsEs: Readonly<Record<string, string>> = {
  'imaging-review.notice':
    'Esta es una revisión de sus estudios de imagen, no un diagnóstico. Los estudios solos no pueden decir qué causa sus síntomas; para eso hace falta una consulta con un médico que lo examine. Si tiene debilidad nueva en las piernas, adormecimiento entre las piernas, o problemas nuevos para orinar o evacuar, llame ahora al número de emergencias.',
  'imaging-review.consultation.meaning':
    'El clínico piensa que usted debe ver a un especialista de columna para hablar de sus estudios y de sus opciones de tratamiento.',
  'imaging-review.consultation.do-now':
    'Pida una consulta a la clínica, o llámela. Lleve sus estudios y una lista de sus síntomas.',
  'imaging-review.conservative-care.meaning':
    'El clínico piensa que el siguiente paso es un cuidado sin cirugía, como la fisioterapia. Por lo general se piensa en una cirugía solo después de probar este tipo de cuidado durante algunas semanas sin suficiente alivio.',
  'imaging-review.conservative-care.do-now':
    'Hable con su propio médico sobre un plan, como la fisioterapia. Si el dolor o la debilidad empeoran, o si el cuidado no ayuda después de varias semanas, vuelva a consultar a la clínica.',
  'imaging-review.nothing-needed.meaning':
    'El clínico no vio nada en estos estudios que necesite tratamiento en esta clínica ahora.',
  'imaging-review.nothing-needed.do-now':
    'No necesita hacer nada para esta clínica. Si sus síntomas cambian o empeoran, hable con su médico o vuelva a consultar a la clínica.',
};
