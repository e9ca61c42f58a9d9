/** Spanish for the second-opinion statements from @lamina/pathway (second-opinion/), by statement id. */
export const secondOpinionStatementsEs: Readonly<Record<string, string>> = {
  'second-opinion.continue-plan.meaning':
    'El revisor piensa que su recuperación va como debe. Siga el plan de su equipo de atención.',
  'second-opinion.continue-plan.do-now':
    'Siga con sus caminatas, sus ejercicios y sus controles diarios, y vaya a sus citas de seguimiento como estaba previsto.',
  'second-opinion.see-surgeon.meaning':
    'El revisor piensa que usted debe hablar con su cirujano sobre lo que encontró.',
  'second-opinion.see-surgeon.do-now':
    'Llame a su clínica para pedir una cita con su cirujano en las próximas semanas. Su equipo puede ver este informe en Lamina.',
  'second-opinion.more-imaging.meaning':
    'El revisor piensa que nuevos estudios de imagen ayudarían a responder su pregunta.',
  'second-opinion.more-imaging.do-now':
    'Pregunte a su equipo de atención si necesita nuevos estudios y cuáles. Su propio cirujano decide qué pedir.',
  'second-opinion.urgent-care.meaning':
    'El revisor vio algo que un médico debe revisar pronto. Ya se avisó a su equipo de atención.',
  'second-opinion.urgent-care.do-now':
    'Llame hoy a su clínica. Si no logra comunicarse, o si tiene debilidad nueva, adormecimiento entre las piernas, o problemas nuevos con la vejiga o el intestino (no poder orinar o evacuar, o que se le escape la orina o el excremento), llame al número de emergencias o vaya ahora a la sala de emergencias.',
  'second-opinion.notice':
    'Una segunda opinión no reemplaza a su propio cirujano, y Lamina no da diagnósticos. Hable con su equipo de atención antes de cambiar algo en su cuidado.',
  'second-opinion.prompt.early-healing':
    'En las primeras seis semanas, una segunda opinión de un cirujano de columna independiente puede ayudar si le preocupa cómo está sanando, o si sus síntomas son distintos de lo que esperaba.',
  'second-opinion.prompt.six-months':
    'Unos seis meses después de la cirugía es un buen momento para una segunda opinión: un cirujano de columna independiente puede revisar que sus resultados a largo plazo vayan bien, y hablar de cuándo puede volver sin riesgo a los deportes o al ejercicio fuerte.',
};
