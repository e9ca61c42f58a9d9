/**
 * Spanish for the triage statements added by issue 13 (clinical safety round 2), by statement id.
 * Kept in its own file so the main catalogue merges easily. Same tone as statements.es.ts
 * ("usted", plain words); as urgent as the English. A clinician and a native speaker must review.
 */
export const triageEscalationsStatementsEs: Readonly<Record<string, string>> = {
  'triage.headline.contact-unsure':
    'Usted no estaba seguro de una señal de alarma. Léala abajo. Si la respuesta es sí, haga ahora lo que dice, sin esperar a su equipo de atención. Su equipo de atención verá que usted no estaba seguro.',
  'triage.weakness-both-legs-worse':
    'Una debilidad que empeora en las dos piernas necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.weakness-arms-and-legs-worse':
    'Una debilidad que empeora en los brazos y las piernas después de una cirugía de cuello necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.weakness-with-spreading-numbness-early':
    'Una debilidad que empeora, con un adormecimiento que se extiende rápido, en la primera semana después de la cirugía necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.cord-signs-rapidly-worse':
    'Si sus manos se vuelven torpes rápido, o su forma de caminar o su equilibrio empeoran rápido, después de una cirugía de cuello, necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.cord-signs-with-leg-weakness':
    'Manos torpes o caminar peor, junto con una debilidad nueva o que empeora, después de una cirugía de cuello necesitan atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.cord-hands-clumsy':
    'Si sus manos están torpes desde la cirugía de cuello, por ejemplo se le caen las cosas o le cuesta abrocharse botones o escribir, debe revisarse. Llame hoy a su equipo de cirugía. Si empeora rápido, o se le debilitan las piernas, llame al 911.',
  'triage.cord-walking-gradually-worse':
    'Si su forma de caminar o su equilibrio empeoran poco a poco después de una cirugía de cuello, debe revisarse. Llame hoy a su equipo de cirugía. Use un andador o apóyese en alguien. Si empeora rápido, o se le debilitan las piernas, llame al 911.',
  'triage.walking-gradually-worse':
    'Su forma de caminar o su equilibrio están empeorando poco a poco. Avise a su equipo de atención en los próximos días. Si empeoran de golpe, o se le debilitan las piernas, llámelos hoy.',
  'triage.pain-severe-early-neuro':
    'Tiene un dolor fuerte que está empeorando, y un cambio en la sensibilidad, la fuerza, la forma de caminar o el control de la vejiga o del intestino. En la primera semana después de la cirugía, esto necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.pain-severe-early':
    'Un dolor fuerte en la primera semana después de la cirugía que sus medicinas no controlan debe revisarse. Llame hoy a su equipo de cirugía. Si además siente debilidad o adormecimiento, o tiene problemas con la vejiga o el intestino, llame al 911.',
  'triage.pain-severe-early-controlled':
    'Su dolor es fuerte, pero sus medicinas lo controlan. Avise a su equipo de atención en los próximos días. Si las medicinas dejan de hacer efecto o el dolor sigue subiendo, llámelos hoy. Si además siente debilidad o adormecimiento, llame al 911.',
  'triage.temperature-low-unwell':
    'Una temperatura baja mientras se siente muy mal debe revisarse. Llame hoy a su equipo de cirugía. Si está confundido, muy adormilado o le cuesta respirar, llame al 911.',
  'triage.feels-very-unwell':
    'Usted dijo que se siente muy mal. Avise a su equipo de atención. Si empeora, llame hoy a su equipo de cirugía, y llame al 911 si le cuesta respirar o está muy adormilado.',
  'triage.temperature-low':
    'Su temperatura salió más baja de lo normal. Los termómetros a menudo marcan de menos, así que tómesela otra vez en 15 minutos, debajo de la lengua y con la boca cerrada. Si sigue por debajo de 35.5 °C (95.9 °F), avise a su equipo de atención. Si además se siente muy mal, con escalofríos, confundido o muy débil, llame hoy a su equipo de cirugía.',
  'triage.weakness-persisting':
    'Su debilidad sigue ahí y no mejora, varios meses después de la cirugía. La fuerza suele volver despacio, pero su equipo de atención debe saberlo. Avíseles en los próximos días o en su próxima cita.',
  'triage.unanswered.weakness.legs':
    '¿La debilidad está empeorando en las dos piernas (o, después de una cirugía de cuello, en los brazos y las piernas)? Si es así, llame al 911 ahora.',
  'triage.unanswered.handClumsiness':
    '¿Tiene las manos torpes desde hace poco: se le caen las cosas, o le cuesta abrocharse botones o escribir? Si es así, llame hoy a su equipo de cirugía. Si empeora rápido, llame al 911.',
};

/**
 * The "not sure" items show the patient the "yes" instruction word for word (triage/unsure.ts),
 * under their own ids (`triage.unsure-<rule>`): their Spanish is the "yes" rule's Spanish. The
 * list matches triage/unsure.ts (a test checks it); regional ids end in `.lumbar` / `.cervical`.
 */
export const unsureYesStatementIds: readonly string[] = [
  'saddle-numbness',
  'urinary-retention',
  'bladder-incontinence',
  'bowel-incontinence',
  'unable-to-move-limbs.lumbar',
  'unable-to-move-limbs.cervical',
  'chest-pain',
  'short-of-breath.lumbar',
  'short-of-breath.cervical',
  'coughing-blood',
  'severe-bleeding',
  'incision-redness',
  'incision-warmth',
  'incision-opening',
  'dressing-soaked',
  'positional-headache',
  'calf-pain-or-swelling',
  'fall',
  'pain-uncontrolled',
  'numbness-new',
  'weakness-new-or-worse.lumbar',
  'weakness-new-or-worse.cervical',
  'c5-weakness',
  'cord-hands-clumsy',
  'temperature-low-unwell',
];

export function withUnsureCopies(
  catalogue: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const copies: Record<string, string> = {};
  for (const id of unsureYesStatementIds) {
    const spanish = catalogue[`triage.${id}`];
    if (spanish !== undefined) copies[`triage.unsure-${id}`] = spanish;
  }
  return { ...catalogue, ...copies };
}
