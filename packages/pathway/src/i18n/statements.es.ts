import { imagingReviewStatementsEs } from './imaging-review.statements.es.ts';
import { secondOpinionStatementsEs } from './second-opinion.statements.es.ts';
import {
  triageEscalationsStatementsEs,
  withUnsureCopies,
} from './triage-escalations.statements.es.ts';

/**
 * Spanish for the clinical sentences the API sends, keyed by their stable statement id (restriction,
 * milestone, visit and phase titles use `restriction.<id>`, `milestone.<id>`, `followup.<id>`,
 * `phase.<id>`). A missing id falls back to the English text, but statements.test.ts requires every
 * statement the patient and public screens show (plan, triage, candidacy, treatment finder).
 * Written for this app in plain Spanish ("usted"); a clinician and a native speaker must review
 * before release, like every clinical sentence.
 */
export const statementsEs: Readonly<Record<string, string>> = withUnsureCopies({
  ...secondOpinionStatementsEs,
  ...imagingReviewStatementsEs,
  ...triageEscalationsStatementsEs,
  // Plan: phases
  'phase.lumbar-first-48-hours': 'Las primeras 24 a 48 horas',
  'phase.lumbar-days-3-7': 'Días 3 a 7',
  'phase.lumbar-week-2': 'Semana 2',
  'phase.lumbar-weeks-3-6': 'Semanas 3 a 6',
  'phase.lumbar-weeks-7-12': 'Después de 6 semanas (meses 2 a 3)',
  'phase.lumbar-months-3-6': 'Meses 3 a 6',
  'phase.lumbar-months-6-12': 'Meses 6 a 12',
  'phase.lumbar-months-12-18': 'Meses 12 a 18',
  'phase.lumbar-beyond-18-months': 'Después de 18 meses',
  'phase.cervical-first-48-hours': 'Las primeras 48 horas',
  'phase.cervical-weeks-1-6': 'Semanas 1 a 6: la primera curación',
  'phase.cervical-months-2-3': 'Meses 2 a 3: recuperar la fuerza',
  'phase.cervical-months-3-6': 'Meses 3 a 6',
  'phase.cervical-months-6-12': 'Meses 6 a 12',
  'phase.cervical-months-12-18': 'Meses 12 a 18',
  'phase.cervical-beyond-18-months': 'Después de 18 meses',

  // Plan: restrictions ({load} is filled in from the plan's own numbers)
  'restriction.lifting-limit': 'No levante nada que pese más de {load}.',
  'restriction.lifting-limit.detail':
    'Una bolsa llena del supermercado o un cesto de ropa suelen pesar más que eso.',
  'restriction.no-bending-twisting':
    'No se doble hacia adelante por la cintura ni gire la espalda. Doble las rodillas y mantenga la espalda recta.',
  'restriction.limit-loaded-bending':
    'Evite doblarse o girar mientras carga o empuja algo, como al pasar la aspiradora o mover cestos de ropa.',
  'restriction.sitting-bouts':
    'No esté sentado más de 20 a 30 minutos seguidos; luego levántese y muévase. Evite los sillones blandos y bajos.',
  'restriction.no-driving':
    'No maneje durante las primeras 2 a 3 semanas, y solo cuando su cirujano le diga que puede.',
  'restriction.no-driving-on-opioids':
    'Nunca maneje mientras toma medicinas opioides para el dolor (por ejemplo oxicodona o hidrocodona).',
  'restriction.no-shower-first-days':
    'Mantenga la herida seca los primeros 3 días. Espere hasta entonces para ducharse, salvo que su equipo le haya dicho que la herida se cerró con pegamento para piel.',
  'restriction.no-soaking':
    'No meta la herida en agua: nada de bañera, piscina ni jacuzzi hasta que sane por completo, por lo general 2 a 3 semanas.',
  'restriction.no-impact-sport':
    'No corra, no salte, no haga deportes de contacto ni ejercicio fuerte de gimnasio hasta que su cirujano le dé permiso.',
  'restriction.no-overhead-lifting': 'No levante nada por encima de los hombros.',
  'restriction.no-neck-twisting':
    'No gire el cuello ni mueva la cabeza de golpe. Gire todo el cuerpo para mirar alrededor.',
  'restriction.wear-collar':
    'Use su collarín como le indicó su cirujano, para mantener el cuello quieto mientras sana el hueso.',

  // Plan: milestones and visits
  'milestone.go-home': 'Volver a casa del hospital o del centro de cirugía',
  'milestone.walk-within-24-hours': 'Ponerse de pie y dar un paseo corto con ayuda',
  'milestone.start-physical-therapy': 'Empezar la fisioterapia',
  'milestone.return-desk-work': 'Volver a un trabajo de oficina o ligero, si su trabajo lo permite',
  'milestone.return-manual-work':
    'Volver a un trabajo físico pesado, cuando su cirujano esté de acuerdo',
  'milestone.imaging-6-months':
    'Radiografías para comprobar que la columna está estable y que la fusión se ha consolidado',
  'milestone.full-recovery':
    'Recuperación completa, incluida la mayor parte de la curación de los nervios',
  'milestone.normal-activity': 'Volver a la mayoría de sus actividades diarias normales',
  'followup.visit-wound-check': 'Revisión de la herida (quitar puntos o grapas si hace falta)',
  'followup.visit-6-weeks': 'Cita de las 6 semanas',
  'followup.visit-3-months': 'Cita de los 3 meses',
  'followup.visit-6-months': 'Cita de los 6 meses',
  'followup.visit-12-months': 'Cita del primer año',

  // Plan: what the surgery was
  'protocol.lumbar-decompression':
    'Se quitó parte del hueso que cubre los nervios de la espalda baja (la lámina) para dar más espacio a los nervios. Una laminotomía quita una parte pequeña; una laminectomía quita más.',
  'protocol.lumbar-microlaminectomy':
    'Una microlaminectomía es una laminectomía hecha por una herida pequeña. Se mueve menos músculo, así que la recuperación suele ser más rápida.',
  'protocol.cervical-decompression':
    'Se quitó parte del hueso de la parte de atrás del cuello (la lámina) para quitar presión de la médula espinal y los nervios.',

  // Plan: lumbar phases
  'lumbar.p1.walk': 'Levántese de la cama con cuidado y dé paseos cortos, al principio con ayuda.',
  'lumbar.p1.logroll':
    'Para entrar y salir de la cama, gire de lado como un tronco, para no torcer la espalda.',
  'lumbar.p1.pain':
    'Tome su medicina para el dolor como se la recetaron, para poder moverse y dormir.',
  'lumbar.p1.incision': 'Mire su herida y avise a la enfermera si sangra o sale líquido.',
  'lumbar.p1.avoid': 'Evite doblarse, girar y levantar peso.',
  'lumbar.p2.walk':
    'Camine varias veces al día. Los paseos cortos y frecuentes son mejores que uno largo.',
  'lumbar.p2.positions':
    'Busque formas cómodas de dormir y sentarse. Las almohadas le pueden apoyar de lado o boca arriba.',
  'lumbar.p2.selfcare':
    'Poco a poco haga usted mismo más de su cuidado diario, como lavarse y vestirse.',
  'lumbar.p2.avoid':
    'No levante peso ni se doble una y otra vez. No esté sentado mucho tiempo seguido.',
  'lumbar.p3.walk': 'Camine un poco más cada día. El dolor de la cirugía debería ir bajando.',
  'lumbar.p3.avoid':
    'No se apure con los quehaceres ni el jardín. No siga cuando esté cansado. Un buen día no es un día para ponerse a prueba.',
  'lumbar.p4.endurance':
    'Camine más tiempo y haga tareas ligeras de la casa. Su energía debería volver poco a poco.',
  'lumbar.p4.pt':
    'La fisioterapia puede empezar ahora si su cirujano la indica. Los primeros ejercicios son sencillos a propósito.',
  'lumbar.p4.tired': 'Es común sentirse cansado hasta por 6 semanas.',
  'lumbar.p4.avoid':
    'Tenga cuidado al doblarse o girar con peso: pasar la aspiradora, cestos de ropa, aumentos bruscos de actividad.',
  'lumbar.p5.routine': 'Vuelva a más de sus tareas diarias. Dé paseos más largos.',
  'lumbar.p5.strength':
    'La fisioterapia le ayuda a ganar fuerza, control del tronco y buenas formas de doblarse, levantar y cargar.',
  'lumbar.p5.avoid':
    'No deje sus ejercicios solo porque le duele menos. Su espalda todavía necesita fortalecerse.',
  'lumbar.p6.nerves':
    'Los nervios siguen sanando. El adormecimiento y el hormigueo todavía pueden mejorar.',
  'lumbar.p6.life':
    'Practique las tareas reales de su vida: cargar las compras, tareas del trabajo, pasatiempos.',
  'lumbar.p7.slow': 'Los nervios sanan despacio. Siga con sus ejercicios en casa.',
  'lumbar.p7.report': 'Cuéntele a su médico los síntomas que no mejoran.',
  'lumbar.p8.late':
    'Algunos nervios todavía están sanando. La recuperación completa puede tardar 12 a 18 meses cuando el daño fue grande.',
  'lumbar.p9.followup':
    'El adormecimiento o la debilidad que todavía tenga ahora quizá no desaparezca. Su médico puede revisarlo y hablar de otras opciones.',

  // Plan: cervical phases
  'cervical.p1.walk':
    'Póngase de pie y dé paseos cortos desde el primer día. Moverse pronto ayuda a prevenir coágulos y rigidez.',
  'cervical.p1.heavy':
    'Es normal sentir el cuello y los hombros adoloridos o "pesados". Suele mejorar con la medicina.',
  'cervical.p1.voice':
    'Al principio puede tener la voz un poco ronca o algo de dificultad para tragar.',
  'cervical.p1.collar': 'Si le hicieron una fusión, use el collarín como le enseñaron.',
  'cervical.p1.avoid': 'Evite levantar peso, girar el cuello y mover la cabeza de golpe.',
  'cervical.p2.rest': 'Descanse y proteja su cuello. Es la tarea principal de estas semanas.',
  'cervical.p2.walk':
    'Caminar es el mejor ejercicio. Empiece con paseos de 5 minutos en casa y añada un poco de tiempo cuando pueda.',
  'cervical.p2.incision': 'Mire su herida todos los días por si hay enrojecimiento o líquido.',
  'cervical.p2.avoid': 'No levante peso, no gire y no mueva la cabeza de golpe.',
  'cervical.p3.pt':
    'Muchas personas empiezan la fisioterapia alrededor de las 6 semanas: movimiento suave del cuello y fuerza para el cuello y la parte alta de la espalda.',
  'cervical.p3.work':
    'Quizá pueda volver a un trabajo de oficina o a tareas ligeras de la casa. Los trabajos físicos suelen tardar más.',
  'cervical.p3.inside':
    'La piel ya sanó, pero los nervios y los tejidos de adentro todavía están sanando.',
  'cervical.p3.avoid': 'No falte a la fisioterapia ni a sus citas de control.',
  'cervical.p4.nerves':
    'El dolor del brazo muchas veces ya ha bajado. El adormecimiento o la debilidad pueden tardar mucho más, mientras sanan los nervios.',
  'cervical.p4.pt': 'Siga con sus ejercicios para recuperar fuerza y movimiento.',
  'cervical.p5.imaging':
    'Alrededor de los 6 meses, su cirujano puede pedir radiografías para comprobar que su columna está estable.',
  'cervical.p5.sport':
    'Es un buen momento para preguntar a su cirujano cuándo puede volver al deporte o al ejercicio fuerte.',
  'cervical.p5.full': 'La recuperación completa suele tardar de 6 meses a un año.',
  'cervical.p6.late':
    'Los nervios pueden seguir sanando despacio. Cuéntele a su médico los síntomas que no mejoran.',
  'cervical.p7.followup':
    'El adormecimiento o la debilidad que todavía tenga ahora quizá no desaparezca. Su médico puede revisarlo y hablar de otras opciones.',

  // Plan: warning signs and notices
  'warn.emergency-bladder-legs':
    'Llame al 911 (o a su número local de emergencias) si no puede orinar, pierde el control de la vejiga o del intestino, siente adormecimiento entre las piernas, o sus piernas se debilitan rápido.',
  'warn.emergency-chest':
    'Llame al 911 si tiene dolor en el pecho, le falta el aire de repente, tose con sangre o sangra mucho.',
  'warn.urgent-infection':
    'Llame hoy a su equipo de cirugía si tiene fiebre, o si la herida está roja, caliente, hinchada o le sale líquido.',
  'warn.urgent-nerves':
    'Llame hoy a su equipo de cirugía si tiene debilidad nueva o peor, adormecimiento que empeora rápido, dolor que su medicina no controla, o un cambio brusco al caminar o en el equilibrio.',
  'warn.urgent-leak-clot':
    'Llame hoy a su equipo de cirugía si tiene un dolor de cabeza que empeora sentado o de pie y mejora acostado, o dolor o hinchazón en la pantorrilla.',
  'warn.cervical-airway':
    'Llame al 911 si el cuello se le hincha rápido, o si le cuesta respirar, tragar o hablar.',
  'warn.cervical-arm-weakness':
    'Llame hoy a su equipo de cirugía si el hombro o el brazo se le pone débil y antes no lo estaba, por ejemplo si no puede levantar el brazo.',
  'plan.surgeon-first':
    'Las indicaciones de su cirujano van primero. Si son distintas de este plan, siga a su cirujano.',
  'plan.not-a-diagnosis':
    'Lamina da información general sobre la recuperación. No hace diagnósticos ni reemplaza a su equipo de atención.',
  'plan.more-levels':
    'Una cirugía en varios niveles de la columna puede significar una recuperación más lenta que estos plazos habituales.',

  // Triage: headlines and disclaimer
  'triage.headline.emergency':
    'Llame al 911 (o a su número local de emergencias) ahora, o pida que alguien le lleve a la sala de emergencias más cercana. No maneje usted. Cuando pueda, avise a su equipo de cirugía.',
  'triage.headline.urgent':
    'Llame hoy a su equipo de cirugía. Si no logra comunicarse, vaya a urgencias o a una sala de emergencias. Si empeora, llame al 911.',
  'triage.headline.contact':
    'No es una emergencia. Cuénteselo a su equipo de atención en los próximos días o en su próxima cita.',
  'triage.headline.routine':
    'Lo que nos contó hoy corresponde a una recuperación normal. Siga su plan.',
  'triage.headline.routine-unanswered':
    'Nada de lo que respondió hoy requiere una llamada. Algunas preguntas de seguridad quedaron sin responder; léalas abajo, por favor.',
  'triage.disclaimer':
    'Lamina da información y le dice cuándo pedir ayuda. No hace diagnósticos y no reemplaza a su equipo de atención. Si se siente muy mal o está preocupado, llame a su equipo o al 911, diga lo que diga esta aplicación.',
  'triage.note-not-read':
    'Lamina no lee su nota escrita buscando señales de alarma. Su equipo de atención sí la puede ver. Si escribió sobre un problema nuevo, responda también las preguntas sobre él, o llame a su equipo.',

  // Triage: findings
  'triage.saddle-numbness':
    'El adormecimiento nuevo entre las piernas o alrededor de las nalgas debe revisarse de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana. No espere a ver si se le pasa.',
  'triage.urinary-retention':
    'No poder orinar, o sentir la vejiga llena sin que salga nada, necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.bladder-incontinence':
    'Perder el control de la vejiga (que se le escape la orina sin querer) es una señal de alarma. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.bowel-incontinence':
    'Perder el control del intestino (que se le escape el excremento sin querer) es una señal de alarma. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.unable-to-move-limbs.lumbar':
    'No poder mover las piernas necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.unable-to-move-limbs.cervical':
    'No poder mover los brazos o las piernas necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.weakness-rapidly-worse':
    'Una debilidad que empeora rápido necesita atención de inmediato. Llame al 911 o vaya ahora a la sala de emergencias más cercana.',
  'triage.weakness-new-or-worse.lumbar':
    'La debilidad nueva, o que empeora, en la pierna o el pie debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.weakness-new-or-worse.cervical':
    'La debilidad nueva, o que empeora, en un brazo, una mano o una pierna debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.numbness-rapidly-worse':
    'El adormecimiento que se extiende o empeora rápido debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.numbness-new':
    'El adormecimiento que es nuevo desde su cirugía debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.numbness-worse':
    'Hoy siente el adormecimiento peor. Avise a su equipo de atención en los próximos días. Si se extiende o empeora rápido, llámelos hoy.',
  'triage.walking-suddenly-worse':
    'Un cambio brusco en su forma de caminar o en su equilibrio debe revisarse. Llame hoy a su equipo de cirugía. Use un andador o apóyese en alguien hasta que le vean.',
  'triage.fall':
    'Usted se cayó. Llame hoy a su equipo de cirugía, aunque se sienta bien, para que decidan si necesita una revisión.',
  'triage.chest-pain': 'El dolor en el pecho necesita atención de inmediato. Llame al 911 ahora.',
  'triage.short-of-breath.lumbar':
    'La falta de aire repentina necesita atención de inmediato. Llame al 911 ahora.',
  'triage.short-of-breath.cervical':
    'La dificultad para respirar después de una cirugía de cuello necesita atención de inmediato. Llame al 911 ahora. Quédese sentado mientras espera.',
  'triage.coughing-blood': 'Toser con sangre necesita atención de inmediato. Llame al 911 ahora.',
  'triage.severe-bleeding':
    'Un sangrado que no para necesita atención de inmediato. Apriete fuerte con un paño limpio y llame al 911 ahora.',
  'triage.fever':
    'Su temperatura es lo bastante alta para contar como fiebre después de la cirugía. Llame hoy a su equipo de cirugía.',
  'triage.incision-redness':
    'El enrojecimiento alrededor de la herida (incisión) debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.incision-warmth':
    'La piel caliente alrededor de la herida (incisión) debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.incision-drainage-cloudy':
    'El líquido turbio, amarillo o verde que sale de la herida (incisión) debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.incision-drainage-bloody':
    'La sangre o el líquido rosado que sale de la herida (incisión) debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.incision-drainage-clear':
    'El líquido claro y aguado que sale de la herida (incisión) debe revisarse. Llame hoy a su equipo de cirugía. Quédese acostado hasta hablar con ellos.',
  'triage.incision-opening':
    'Si la herida (incisión) se abrió, cúbrala con un vendaje limpio y llame hoy a su equipo de cirugía.',
  'triage.dressing-soaked':
    'Un vendaje empapado de sangre debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.incision-swelling-growing':
    'La hinchazón en la herida (incisión) que sigue creciendo debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.incision-swelling':
    'Puede haber algo de hinchazón cerca de la herida (incisión) mientras sana. Coménteselo a su equipo de atención en los próximos días. Llámelos hoy si crece, se pone roja o le sale líquido.',
  'triage.positional-headache':
    'Un dolor de cabeza que empeora sentado o de pie y mejora acostado debe revisarse. Llame hoy a su equipo de cirugía. Quédese acostado y tome líquidos hasta hablar con ellos.',
  'triage.calf-pain-or-swelling':
    'El dolor o la hinchazón en la pantorrilla puede ser señal de un coágulo. Llame hoy a su equipo de cirugía. Si además le falta el aire o tiene dolor en el pecho, llame al 911.',
  'triage.pain-uncontrolled':
    'El dolor que sus medicinas no controlan debe revisarse. Llame hoy a su equipo de cirugía.',
  'triage.pain-severe-jump':
    'Su dolor está mucho peor que en los últimos días. Llame hoy a su equipo de cirugía.',
  'triage.no-bowel-movement':
    'Pasar varios días sin evacuar necesita atención. Llame hoy a su equipo de cirugía. Las medicinas para el dolor suelen causarlo, y ellos le pueden ayudar.',
  'triage.cannot-swallow':
    'No poder tragar después de una cirugía de cuello necesita atención de inmediato. Llame al 911 ahora.',
  'triage.cannot-speak':
    'No poder hablar después de una cirugía de cuello necesita atención de inmediato. Llame al 911 ahora.',
  'triage.neck-swelling-fast':
    'Una hinchazón del cuello que crece rápido necesita atención de inmediato. Llame al 911 ahora. Quédese sentado mientras espera.',
  'triage.swallowing-getting-worse':
    'Si cada vez le cuesta más tragar, debe revisarse. Llame hoy a su equipo de cirugía. Si además le cuesta respirar, llame al 911.',
  'triage.swallowing-mild-late':
    'Es común que cueste un poco tragar los primeros días después de una cirugía de cuello, pero ya debería haber pasado. Llame hoy a su equipo de cirugía.',
  'triage.hoarse-voice-persisting':
    'La voz ronca es común poco después de una cirugía de cuello. Como todavía la tiene, avise a su equipo de atención en los próximos días.',
  'triage.neck-swelling':
    'Puede haber algo de hinchazón en el cuello después de la cirugía. Coménteselo a su equipo de atención en los próximos días. Si crece rápido, o le cuesta respirar o tragar, llame al 911.',
  'triage.c5-weakness':
    'La debilidad nueva al levantar el brazo por el hombro o al doblar el codo debe revisarse. Llame hoy a su equipo de cirugía. Suele mejorar con los meses, pero su equipo necesita saberlo ahora.',
  'triage.numbness-keeps-increasing':
    'Su adormecimiento ha ido empeorando durante varios días. Avise a su equipo de atención en los próximos días. Llámelos hoy si se extiende rápido o se siente más débil.',
  'triage.numbness-persisting':
    'Su adormecimiento sigue ahí y no mejora, unos meses después de la cirugía. Avise a su equipo de atención en los próximos días o en su próxima cita. Quizá quieran revisar el nervio.',
  'triage.numbness-may-be-permanent':
    'El adormecimiento que sigue ahí un año o más después de la cirugía quizá no desaparezca del todo. Pasa más cuando un nervio estuvo apretado mucho tiempo antes de la cirugía. Hable con su equipo de atención. Pueden revisar el nervio y ayudarle a vivir el día a día con él.',
  'triage.limb-pain-not-improving.lumbar':
    'El dolor de pierna suele bajar mucho en las 6 a 8 semanas después de la cirugía. El suyo no está bajando como se espera. Avise a su equipo de atención en los próximos días.',
  'triage.limb-pain-not-improving.cervical':
    'El dolor de brazo suele bajar mucho en las 6 a 8 semanas después de la cirugía. El suyo no está bajando como se espera. Avise a su equipo de atención en los próximos días.',
  'triage.weakness-not-improving':
    'Su debilidad no ha mejorado. La fuerza suele volver despacio, pero su equipo de atención debe saberlo. Avíseles en los próximos días.',
  'triage.walking-falling':
    'Ha caminado mucho menos de lo normal dos veces seguidas. Avise a su equipo de atención en los próximos días. Si caminar empeoró de repente, o cambió su equilibrio, llámelos hoy.',

  // Triage: self-care
  'triage.selfcare.early-temperature':
    'Es común tener la temperatura un poco alta los primeros 2 días después de la cirugía. Respire hondo, camine un poco y tome líquidos. Vuelva a medirla en unas horas. Si sube más, o sigue alta después del segundo día, llame a su equipo de cirugía.',
  'triage.selfcare.early-throat':
    'Es común que cueste un poco tragar o tener la voz ronca los primeros días después de una cirugía de cuello. Coma comida blanda y tome sorbos pequeños. Llame al 911 si no puede tragar, no puede hablar o le cuesta respirar.',
  'triage.selfcare.no-driving-opioids': 'No maneje mientras toma medicinas opioides para el dolor.',
  'triage.selfcare.numbness-improving':
    'Su adormecimiento está mejorando. El adormecimiento suele ser lo que más tarda en sanar. Coménteselo en su próxima cita.',
  'triage.selfcare.walk':
    'Siga caminando un poco varias veces al día. Añada unos minutos cuando se sienta listo. Caminar es el mejor ejercicio mientras sana.',
  'triage.selfcare.incision':
    'Mantenga la herida limpia y seca, y mírela cada día. No la meta en la bañera, el jacuzzi o la piscina hasta que su equipo le diga que puede.',
  'triage.selfcare.neck-care':
    'Evite levantar peso, girar y mover la cabeza de golpe mientras sana su cuello.',
  'triage.selfcare.tired':
    'Es normal sentirse cansado hasta unas 6 semanas. Descanse entre paseos cortos.',

  // Triage: questions left open
  'triage.unanswered.saddleNumbness':
    '¿Tiene adormecimiento nuevo entre las piernas o alrededor de las nalgas? Si es así, llame al 911 ahora.',
  'triage.unanswered.urinaryRetention':
    '¿No puede orinar, o siente la vejiga llena sin que salga nada? Si es así, llame al 911 ahora.',
  'triage.unanswered.bladderIncontinence':
    '¿Se le escapa la orina sin querer? Si es así, llame al 911 ahora.',
  'triage.unanswered.bowelIncontinence':
    '¿Se le escapa el excremento sin querer? Si es así, llame al 911 ahora.',
  'triage.unanswered.unableToMoveLimbs':
    '¿No puede mover las piernas (o, después de una cirugía de cuello, los brazos)? Si es así, llame al 911 ahora.',
  'triage.unanswered.weakness.change':
    '¿Alguna debilidad está empeorando rápido? Si es así, llame al 911 ahora.',
  'triage.unanswered.chestPain': '¿Tiene dolor en el pecho? Si es así, llame al 911 ahora.',
  'triage.unanswered.shortOfBreath':
    '¿Le falta el aire de repente, o le cuesta respirar? Si es así, llame al 911 ahora.',
  'triage.unanswered.swallowing': '¿No puede tragar? Si es así, llame al 911 ahora.',
  'triage.unanswered.neckSwelling':
    '¿La hinchazón de su cuello crece rápido? Si es así, llame al 911 ahora.',
  'triage.unanswered.temperature':
    '¿Se siente caliente o con escalofríos? Tómese la temperatura. Si es de 38.0 °C (100.4 °F) o más, llame hoy a su equipo de cirugía.',
  'triage.unanswered.incision':
    '¿Su herida está roja, caliente, le sale líquido o se está abriendo? Si es así, llame hoy a su equipo de cirugía.',
  'triage.unanswered.positionalHeadache':
    '¿Tiene un dolor de cabeza que empeora sentado y mejora acostado? Si es así, llame hoy a su equipo de cirugía.',
  'triage.unanswered.calfPainOrSwelling':
    '¿Tiene dolor o hinchazón en una pantorrilla? Si es así, llame hoy a su equipo de cirugía.',
  'triage.unanswered.painControlled':
    '¿Su dolor está fuera de control aun con sus medicinas? Si es así, llame hoy a su equipo de cirugía.',
  'triage.unanswered.newShoulderArmWeakness':
    '¿Le cuesta, desde hace poco, levantar el brazo por el hombro o doblar el codo? Si es así, llame hoy a su equipo de cirugía.',

  // Nerve healing
  'nerve.no-countdown':
    'Cada nervio sana a su propio ritmo. Estos son plazos de personas con una cirugía parecida, no una promesa ni una cuenta regresiva.',
  'nerve.factor.long-compression':
    'Su nervio estuvo apretado mucho tiempo antes de la cirugía. Los nervios apretados por más tiempo suelen tardar más en recuperarse, y quizá no se recuperen del todo.',
  'nerve.factor.severe-numbness':
    'Antes de la cirugía tenía mucho adormecimiento. Cuando el adormecimiento era fuerte, suele mejorar más despacio.',
  'nerve.factor.long-weakness':
    'Tuvo debilidad más de 3 semanas antes de la cirugía. La fuerza puede volver más despacio, y no siempre por completo.',
  'nerve.factor.smoking':
    'Fumar hace más lenta la curación de los nervios y del hueso. Dejarlo ahora ayuda a su recuperación, en cualquier momento.',
  'nerve.factor.diabetes':
    'La diabetes o una enfermedad de los nervios (neuropatía) puede hacer más lenta la curación de los nervios. Mantener el azúcar en su rango ayuda.',
  'nerve.factor.fusion':
    'Su cirugía incluyó una fusión. La recuperación después de una fusión suele tardar más que después de una descompresión sola.',
  'nerve.factor.open':
    'Le hicieron una cirugía abierta. La curación suele tardar un poco más que después de una operación por una herida pequeña (mínimamente invasiva).',
  'nerve.cervical.cord':
    'Después de una cirugía de cuello, la médula espinal también puede estar sanando. La médula sana a su manera y a su ritmo, así que nadie le puede dar una fecha exacta.',
  'nerve.limb-pain.course':
    'El dolor de nervio en la pierna o el brazo suele ser lo primero que mejora. Muchas personas sienten algo de alivio enseguida. La mayor parte del cambio llega en las primeras 6 semanas.',
  'nerve.tingling.course':
    'El hormigueo suele ir y venir mientras el nervio sana. Normalmente es parte de la curación. Tiende a calmarse alrededor de los 3 meses.',
  'nerve.weakness.course':
    'La fuerza vuelve despacio, en semanas o meses. Los ejercicios y la fisioterapia ayudan. Algunas personas siguen ganando fuerza durante un año o más.',
  'nerve.numbness.course':
    'El adormecimiento suele ser lo que más tarda en cambiar. Buena parte de la mejora llega en las primeras semanas, y luego mejora despacio hasta por un año. El adormecimiento que sigue después de 12 a 18 meses quizá no desaparezca.',
  'nerve.numbness.when-to-ask':
    'Avise a su equipo de atención si el adormecimiento empeora poco a poco con el tiempo, o si dura más de 3 a 6 meses. Llame hoy a su equipo de cirugía si empeora rápido o viene con debilidad nueva. Llame al 911 ahora si viene con problemas nuevos de vejiga o intestino, adormecimiento entre las piernas, o una debilidad que empeora rápido.',

  // Exercises (web content, seed:001)
  'exercise.stage.early':
    'Etapa inicial: proteger la zona que está sanando y recuperar el movimiento básico. Los ejercicios parecen fáciles a propósito.',
  'exercise.stage.mid':
    'Etapa media: cuando la herida ya sanó y su cirujano está de acuerdo, gane control y fuerza para la vida diaria.',
  'exercise.stage.late':
    'Etapa final: entrénese para su vida real: levantar, cargar, el trabajo y los pasatiempos. Siga aunque ya no le duela.',
  'exercise.early.walk.name': 'Paseos cortos',
  'exercise.early.walk':
    'Camine unos minutos varias veces al día. Añada un poco de tiempo cuando se sienta bien.',
  'exercise.early.breathing.name': 'Respiración lenta',
  'exercise.early.breathing':
    'Acuéstese boca arriba con las rodillas dobladas. Inhale despacio y deje que suba la barriga; luego exhale y relaje los hombros y la espalda. 5 respiraciones lentas, 3 veces al día.',
  'exercise.early.tummy.name': 'Apretar suave la barriga',
  'exercise.early.tummy':
    'Boca arriba con las rodillas dobladas, meta suavemente el ombligo hacia adentro. Siga respirando. Aguante 5 segundos. Hágalo 10 veces.',
  'exercise.early.glutes.name': 'Apretar las nalgas',
  'exercise.early.glutes':
    'Apriete las nalgas, aguante 5 segundos y suelte. Hágalo 10 veces, acostado o de pie.',
  'exercise.early.moving.name': 'Moverse con seguridad',
  'exercise.early.moving':
    'Practique entrar y salir de la cama girando como un tronco, levantarse de una silla firme usando las piernas, y subir al carro o a las escaleras como le enseñó su equipo.',
  'exercise.mid.walk.name': 'Paseos más largos',
  'exercise.mid.walk':
    'Camine un poco más cada semana, para que los mandados y las tareas de la casa ya no sean un gran esfuerzo.',
  'exercise.mid.core.name': 'Control del tronco',
  'exercise.mid.core':
    'Mantenga la espalda firme mientras mueve despacio un brazo o una pierna, en las posiciones que le enseñe su fisioterapeuta.',
  'exercise.mid.hips.name': 'Fuerza de cadera',
  'exercise.mid.hips':
    'Fortalezca las caderas, por ejemplo con puentes o subiendo la pierna acostado de lado, como le enseñe su fisioterapeuta.',
  'exercise.mid.moves.name': 'Movimientos diarios',
  'exercise.mid.moves':
    'Practique agacharse, doblarse desde la cadera, alcanzar cosas, subir escaleras y cargar cosas ligeras, con buena postura.',
  'exercise.late.strength.name': 'Fuerza',
  'exercise.late.strength':
    'Haga sus ejercicios un poco más difíciles con el tiempo, como le aconseje su fisioterapeuta.',
  'exercise.late.lifting.name': 'Practicar a levantar',
  'exercise.late.lifting':
    'Practique doblarse y levantar de forma segura, empezando con poco peso.',
  'exercise.late.turning.name': 'Control al girar',
  'exercise.late.turning': 'Practique los giros despacio y con control.',
  'exercise.late.life.name': 'Sus tareas reales',
  'exercise.late.life': 'Practique las tareas de su trabajo y sus pasatiempos, poco a poco.',
  'exercise.late.home.name': 'Programa en casa',
  'exercise.late.home':
    'Mantenga un programa en casa que pueda hacer solo cuando termine la fisioterapia.',
  'exercise.safety':
    'Haga solo los ejercicios que le dio su cirujano o su fisioterapeuta. Pare, y llame a su equipo, si un ejercicio le causa adormecimiento nuevo, debilidad o dolor que baja por la pierna o el brazo.',
  'exercise.walking.progression':
    'Un plan de caminatas que añade unos minutos cada semana. Guíese por cómo se siente: está bien quedarse más tiempo en un paso.',

  // Candidacy check (public): notices and emergency
  'candidacy.not-a-diagnosis':
    'Este cuestionario no le da un diagnóstico. Solo un médico que le examine y vea sus estudios de imagen puede decir qué tiene y si una cirugía le ayudaría.',
  'candidacy.emergency.go-now':
    'Deténgase aquí. Llame al 911 o vaya ahora a la sala de emergencias. Estas señales pueden significar que los nervios de la parte baja de la columna están muy apretados, y esperar puede causar un daño duradero.',
  'candidacy.emergency.bladder-bowel':
    'Tiene problemas nuevos para controlar o vaciar la vejiga o el intestino.',
  'candidacy.emergency.saddle': 'Tiene adormecimiento entre las piernas o alrededor de las nalgas.',
  'candidacy.emergency.weakness':
    'La debilidad en las piernas o los brazos está empeorando rápido.',
  'candidacy.emergency.not-answered':
    'Por favor, primero responda las preguntas urgentes. ¿Tiene problemas nuevos con la vejiga o el intestino, adormecimiento entre las piernas, o una debilidad que empeora rápido? Si es así, llame al 911 o vaya ahora a la sala de emergencias.',
  'candidacy.more-answers-needed':
    'Necesitamos unas respuestas más antes de poder decir qué tan bien encajan sus síntomas. Una pregunta que usted salte nunca se cuenta como un "no".',

  // Candidacy check: reasons
  'candidacy.reason.radiating-pain':
    'El dolor que baja hacia la pierna o el brazo es una señal común de un nervio apretado.',
  'candidacy.reason.nerve-numbness':
    'El adormecimiento o el hormigueo a lo largo del camino de un nervio encaja con un nervio apretado.',
  'candidacy.reason.weakness':
    'La debilidad en una parte de la pierna o del brazo puede venir de un nervio apretado.',
  'candidacy.reason.weakness-worsening':
    'Su debilidad está empeorando poco a poco. Por favor, vea pronto a un cirujano de columna, en unos días o unas pocas semanas. La debilidad que dura más tiempo tiende a recuperarse menos.',
  'candidacy.reason.neurogenic-claudication':
    'Los síntomas en las piernas que aumentan al estar de pie o caminar, y se alivian al sentarse o inclinarse hacia adelante, encajan con un estrechamiento del canal de la columna.',
  'candidacy.reason.shopping-cart':
    'Caminar mejor apoyado en un carrito del supermercado es una señal típica de que el canal de la columna se ha estrechado.',
  'candidacy.reason.above-knee':
    'Los síntomas por encima de la rodilla apuntan más a los nervios que a la circulación de la sangre.',
  'candidacy.reason.spinal-cord-signs':
    'Tener las manos torpes o problemas de equilibrio puede significar que la médula espinal del cuello está apretada. Esto necesita que un cirujano de columna le examine pronto, sin esperar mucho tiempo.',
  'candidacy.reason.function-lost':
    'Sus síntomas le han quitado cosas de todos los días que antes hacía. La cirugía está pensada para problemas que limitan la vida diaria.',
  'candidacy.reason.no-function-lost':
    'Nos dijo que su vida diaria no está limitada. La cirugía suele ser para síntomas que no le dejan hacer las tareas de todos los días.',
  'candidacy.reason.imaging-matches':
    'Su estudio de imagen mostró presión sobre un nervio. Un cirujano revisará que coincida con el lugar donde siente los síntomas.',
  'candidacy.reason.imaging-missing':
    'Todavía no tiene una resonancia magnética ni una tomografía, o no sabe qué mostró. La resonancia magnética es la prueba habitual para este problema.',
  'candidacy.reason.imaging-other':
    'Su estudio de imagen no mostró presión sobre un nervio. Los estudios y los síntomas tienen que apuntar en la misma dirección antes de que una cirugía tenga sentido.',
  'candidacy.reason.conservative-tried':
    'Probó un tratamiento sin cirugía durante por lo menos 6 semanas y no le ayudó lo suficiente. Las investigaciones usaron de 6 a 12 semanas; no hay una regla fija.',
  'candidacy.reason.conservative-not-yet':
    'La mayoría de las personas prueba primero la fisioterapia, la quiropráctica, las inyecciones o las medicinas. Las investigaciones usaron por lo menos 6 a 12 semanas de estos tratamientos antes de la cirugía; no hay una regla fija.',
  'candidacy.reason.conservative-helping':
    'Lo que está haciendo ahora le ayuda lo suficiente. Siga así, y vuelva a hacer este cuestionario si las cosas cambian.',
  'candidacy.reason.conservative-unknown':
    'Todavía no sabemos qué tratamiento probó, por cuánto tiempo, ni cómo le fue. Un cirujano se lo preguntará.',
  'candidacy.reason.short-duration':
    'Sus síntomas empezaron hace menos de 6 semanas. Muchos síntomas de los nervios se alivian con el tiempo y con tratamientos que no son cirugía.',

  // Candidacy check: other possible causes
  'candidacy.mimic.back-pain-only':
    'Su dolor se queda en la espalda o el cuello, sin señales de los nervios. La cirugía de descompresión da más espacio a los nervios apretados; no es una solución para todo tipo de dolor de espalda o de cuello.',
  'candidacy.mimic.vascular':
    'El dolor de pantorrilla que se alivia con solo quedarse de pie quieto puede venir de una mala circulación de la sangre en las piernas, no de la columna. Un médico puede revisar su circulación.',
  'candidacy.mimic.vascular-mixed':
    'Algunas de sus respuestas encajan con una mala circulación en las piernas y también con un nervio apretado. Pida a un médico que revise las dos cosas.',
  'candidacy.mimic.shifting':
    'Sus síntomas cambian de lugar sin un patrón claro. La cirugía funciona mejor cuando los síntomas son constantes y previsibles, y coinciden con el estudio de imagen.',

  // Candidacy check: summaries
  'candidacy.summary.strong-fit':
    'Sus respuestas encajan bien con un nervio apretado que la cirugía de descompresión puede tratar. El siguiente paso es que un cirujano revise sus estudios de imagen.',
  'candidacy.summary.possible-fit':
    'Algunas de sus respuestas encajan con un nervio apretado, pero faltan partes de la información o no están claras.',
  'candidacy.summary.conservative-care-first':
    'Sus respuestas encajan con un nervio apretado, pero por lo general primero se prueba un tratamiento sin cirugía.',
  'candidacy.summary.unlikely':
    'Sus respuestas no se parecen al tipo de problema de los nervios que trata la cirugía de descompresión.',

  // Candidacy check: questions for the surgeon (the patient asks, in their own words)
  'candidacy.question.scan-matches':
    '¿Mi estudio de imagen muestra presión sobre un nervio en el lugar que coincide con mis síntomas?',
  'candidacy.question.which-procedure':
    '¿Qué operación me sugiere: laminotomía, laminectomía o microlaminectomía? ¿Por qué esa?',
  'candidacy.question.fusion': '¿Necesitaría también una fusión? ¿Por qué sí o por qué no?',
  'candidacy.question.recovery':
    '¿Cuánto tiempo estaría en el hospital, y cuándo podría volver al trabajo?',
  'candidacy.question.waiting': '¿Qué es probable que pase si espero?',
  'candidacy.question.weakness-timing':
    'Mi debilidad está empeorando. ¿Qué tan pronto se debe tratar?',
  'candidacy.question.spinal-cord':
    '¿Está apretada mi médula espinal? ¿Debo operarme ahora o probar primero ejercicio con supervisión?',
  'candidacy.question.circulation': '¿Deberían revisar la circulación de la sangre en mis piernas?',
  'candidacy.question.other-causes':
    '¿Podría otra cosa, que no sea un nervio apretado, causar mis síntomas?',
  'candidacy.question.therapy-plan':
    '¿Qué fisioterapia debería probar primero, y por cuánto tiempo?',

  // Candidacy check: next steps
  'candidacy.next.emergency-care': 'Llame al 911 o vaya ahora a la sala de emergencias.',
  'candidacy.next.mri-ct-review':
    'Envíenos su resonancia magnética o tomografía para que un especialista en columna la revise gratis.',
  'candidacy.next.treatment-request':
    'Pida una consulta de tratamiento con un cirujano de columna.',
  'candidacy.next.pt-first': 'Empiece con un fisioterapeuta. Podemos ayudarle a encontrar uno.',
  'candidacy.next.ask-about-imaging':
    'Pregúntele a su médico si necesita una resonancia magnética.',
  'candidacy.next.see-doctor': 'Consulte a su propio médico para buscar otras causas de su dolor.',
  'candidacy.next.check-circulation':
    'Pida a su médico que revise la circulación de la sangre en sus piernas.',
  'candidacy.next.answer-missing': 'Responda las preguntas que saltó para obtener un resultado.',

  // Treatment finder (public)
  'treatment.stay.lumbar-decompression':
    'Muchas veces se vuelve a casa el mismo día o después de 1 a 4 días.',
  'treatment.stay.cervical-decompression': 'Por lo general, de 1 a 3 días en el hospital.',
  'treatment.laminotomy.removes':
    'Solo un pedazo pequeño de la lámina, el techo de hueso que cubre la parte de atrás del canal de la columna.',
  'treatment.laminotomy.problems':
    'Se usa cuando un nervio está apretado en un solo lugar pequeño, por ejemplo por un disco salido o un estrechamiento.',
  'treatment.laminotomy.how':
    'Muchas veces se hace por un corte de menos de una pulgada (unos 2.5 cm), con un tubo delgado que aparta el músculo en vez de cortarlo.',
  'treatment.laminotomy.recovery':
    'Muchas personas vuelven a sus actividades de siempre en el plazo de varias semanas.',
  'treatment.laminectomy.removes':
    'Toda la lámina en el nivel que se trata, para abrir el canal y las salidas de los lados por donde salen los nervios.',
  'treatment.laminectomy.problems':
    'Se usa sobre todo para la estenosis (estrechamiento del canal de la columna), y a veces para problemas de disco, quistes o tejido crecido por la artritis que aprieta los nervios.',
  'treatment.laminectomy.how':
    'Se hace con cirugía abierta o por tubos pequeños; para un nivel, el corte suele medir de 3 a 4 cm.',
  'treatment.laminectomy.recovery':
    'Se empieza a caminar durante el primer día. La mayor parte de la recuperación ocurre a lo largo de 6 semanas; los nervios pueden seguir sanando durante 6 a 12 meses.',
  'treatment.microlaminectomy.removes':
    'Parte de la lámina, como en una laminectomía, pero por un corte mucho más pequeño.',
  'treatment.microlaminectomy.problems':
    'Se usa para aliviar la presión sobre un nervio causada por una hernia de disco o por una vértebra que se deslizó hacia adelante, o para llegar a un disco dañado.',
  'treatment.microlaminectomy.how':
    'Una operación mínimamente invasiva por un corte pequeño, lo que suele significar menos dolor después de la cirugía.',
  'treatment.microlaminectomy.stay':
    'La mayoría de las personas se va a casa 1 a 2 días después de la cirugía.',
  'treatment.microlaminectomy.recovery':
    'Trabajo ligero después de varias semanas; actividades normales después de unas 4 a 6 semanas.',
  'treatment.fusion.removes':
    'El mismo hueso que en una descompresión. Después se unen dos o más vértebras para que, al sanar, formen una sola pieza firme.',
  'treatment.fusion.problems':
    'A veces se añade cuando una vértebra se ha deslizado o la columna no está estable. Su cirujano decide si la necesita.',
  'treatment.fusion.how':
    'Una operación más grande que la descompresión sola, con más riesgo de problemas graves y de tener que volver al hospital.',
  'treatment.fusion.stay.lumbar':
    'Por lo general, más tiempo que con la descompresión sola; pregúntele a su cirujano.',
  'treatment.fusion.stay.cervical':
    'Por lo general, de 1 a 3 días; es posible que use un collarín mientras sana el hueso.',
  'treatment.fusion.recovery':
    'Más lenta que con la descompresión sola. Unas radiografías, alrededor de los 6 meses, comprueban que los huesos se unieron; la recuperación completa puede tardar de 6 a 12 meses.',
  'treatment.disclaimer':
    'Esto compara opciones comunes. No es un consejo para usted: su cirujano elige la operación después de examinarle y ver sus estudios de imagen.',

  // Treatment finder names
  'treatment.name.laminotomy': 'Laminotomía',
  'treatment.name.laminectomy': 'Laminectomía',
  'treatment.name.microlaminectomy': 'Microlaminectomía',
  'treatment.name.decompression-with-fusion': 'Descompresión con fusión',

  // --- Clinical fidelity round 2 (issue 13): variants with their own ids, new content ---
  // Restriction and milestone variants (lumbar/cervical, fusion/none) each have their own key.
  'restriction.lifting-limit.fusion.detail':
    'Después de una fusión, este límite suele durar más. Su cirujano le dirá cuándo termina.',
  'restriction.lifting-limit.cervical.detail':
    'Pregunte a su cirujano qué número es el correcto para usted.',
  'restriction.lifting-limit.cervical-fusion.detail':
    'Después de una fusión, su cirujano le dirá cuándo termina este límite.',
  'restriction.no-bending-twisting.fusion':
    'No se doble hacia adelante por la cintura ni gire la espalda hasta que su cirujano le diga que la fusión lo permite.',
  'restriction.no-driving.cervical':
    'No maneje durante unas 3 semanas, y solo cuando su cirujano le diga que puede y usted pueda girar para mirar con seguridad.',
  'restriction.no-impact-sport.cervical':
    'No haga deportes de contacto, deportes de impacto ni ejercicio fuerte hasta que su cirujano le dé permiso. Muchas personas lo hablan en la cita de los 6 meses.',
  'restriction.position-changes':
    'Cambie de posición cada 30 a 45 minutos: levántese y camine un poco. Esto alivia la rigidez y los nervios irritados.',
  'milestone.go-home.hospital': 'Volver a casa del hospital',
  'milestone.start-physical-therapy.supervised': 'Empezar la fisioterapia con supervisión',
  'milestone.return-desk-work.cervical':
    'Volver a un trabajo de oficina o a tareas ligeras de la casa, si su cirujano está de acuerdo',
  'milestone.normal-activity.micro': 'Volver a sus actividades normales',
  'milestone.normal-activity.cervical':
    'Volver a las tareas ligeras de la casa y a la mayoría de las tareas diarias',
  'milestone.imaging-6-months.cervical':
    'Radiografías para comprobar que su columna está estable (y, después de una fusión, que el hueso se ha consolidado)',

  // Candidacy: neck emergency text, walking tolerance
  'candidacy.emergency.go-now.cervical':
    'Deténgase aquí. Llame al 911 o vaya ahora a la sala de emergencias. Estas señales pueden significar que la médula espinal del cuello, o nervios más abajo en la columna, están muy apretados. Esperar puede causar un daño duradero.',
  'candidacy.reason.walking-limited':
    'Solo puede caminar poco tiempo antes de tener que parar. Perder la capacidad de caminar así es perder función en la vida diaria, y para eso está pensada la cirugía.',

  // Treatment finder: neck stays and recovery (seed:000, seed:002)
  'treatment.stay.cervical-laminotomy':
    'Algunas personas se van a casa el mismo día; otras se quedan hasta 3 días.',
  'treatment.recovery.cervical':
    'Se empieza a caminar durante el primer día. La fisioterapia suele empezar alrededor de las 6 semanas, y quizá pueda volver a un trabajo de oficina en los meses 2 a 3. La recuperación completa tarda de 6 a 12 meses.',

  // Nerve healing: bladder or bowel trouble before surgery (seed:003)
  'nerve.factor.bladder-before':
    'Antes de la cirugía tenía problemas de vejiga o intestino. Estos nervios suelen sanar despacio, durante meses, y quizá no se recuperen del todo. Cuéntele a su equipo cómo van cambiando. Los problemas de vejiga o intestino nuevos o peores después de la cirugía son una emergencia: llame al 911.',

  // Good to know (plan screen): risks, comfort, healing habits, pain medicine, numbness
  'gtk.title.risks': 'Los riesgos de la cirugía, y qué tan raros son',
  'gtk.title.comfort': 'Hielo, calor, almohadas y apoyo',
  'gtk.title.healing': 'Comida, alcohol y tabaco',
  'gtk.title.stiffness': 'Rigidez, cicatriz y ayuda en casa',
  'gtk.title.pain-medicine': 'Medicinas para el dolor',
  'gtk.title.numbness': 'El adormecimiento después de la cirugía no es un fracaso',
  'gtk.risks.rare':
    'Toda cirugía de columna tiene algún riesgo. Los problemas graves son raros. Su cirujano los repasará con usted antes de la cirugía.',
  'gtk.risks.infection':
    'Infección de la herida: más o menos 1 de cada 150 personas después de una descompresión sin fusión.',
  'gtk.risks.bleeding':
    'Un sangrado que aprieta los nervios: más o menos 2 a 4 de cada 1,000 personas. Aparece en la primera semana como un dolor fuerte o una debilidad nueva.',
  'gtk.risks.clots':
    'Coágulos de sangre en las piernas: caminar pronto después de la cirugía ayuda a prevenirlos. Los coágulos que causan síntomas son poco comunes.',
  'gtk.risks.nerve-injury':
    'Lesión de un nervio: un problema de nervio nuevo y duradero pasa en más o menos 6 de cada 1,000 operaciones.',
  'gtk.risks.c5-palsy':
    'Después de una cirugía de cuello, más o menos 5 de cada 100 personas tienen debilidad nueva al levantar el brazo por el hombro. La mayoría recupera la fuerza con los meses.',
  'gtk.risks.dural-tear':
    'Un pequeño desgarro en la capa que rodea los nervios pasa hasta en más o menos 1 de cada 10 operaciones. Por lo general se repara durante la cirugía y no cambia el resultado a largo plazo.',
  'gtk.risks.leak':
    'Si más tarde se sale líquido de la columna, causa un dolor de cabeza que empeora sentado o de pie y mejora acostado. Llame a su equipo de cirugía ese mismo día.',
  'gtk.risks.symptoms-return':
    'Los síntomas pueden quedarse, o volver más adelante a medida que otras partes de la columna envejecen. La cirugía da espacio a los nervios; no impide que la columna envejezca.',
  'gtk.risks.reoperation':
    'Más o menos 13 de cada 100 personas tienen otra operación de la espalda baja en 4 años, y unas 18 de cada 100 en 8 años.',
  'gtk.comfort.ice':
    'El hielo o una compresa fría pueden aliviar el dolor. Úselos como le indique su cirujano.',
  'gtk.comfort.heat':
    'Una compresa tibia puede ayudar a relajar los músculos tensos. Pregunte a su equipo antes de usar calor.',
  'gtk.comfort.pillows':
    'Use almohadas para apoyarse cuando esté acostado de lado, y para aliviar la tensión cuando descanse boca arriba.',
  'gtk.comfort.brace':
    'Algunas personas usan una faja para la espalda, como apoyo y para el dolor. Úsela solo si su cirujano se la da.',
  'gtk.comfort.collar':
    'Después de una fusión del cuello, quizá le den un collarín para mantener el cuello quieto mientras sana el hueso. Úselo como le enseñó su cirujano.',
  'gtk.healing.protein':
    'Coma una dieta sana con suficientes proteínas y vitaminas. Ayuda a su cuerpo a reparar los tejidos.',
  'gtk.healing.vitamins':
    'Los alimentos ricos en vitaminas B12, B6 y D, y en grasas omega-3, ayudan a sanar los nervios.',
  'gtk.healing.smoking':
    'No fume ni use tabaco. Hace más lenta la curación de los nervios y del hueso.',
  'gtk.healing.alcohol':
    'Evite el alcohol mientras sana. Puede hacer más lenta la curación de los nervios.',
  'gtk.scar.stiffness':
    'Es normal sentir algo de rigidez y tirantez alrededor de la herida mientras sanan los tejidos. Moverse con suavidad y hacer sus ejercicios evita que la cicatriz limite sus movimientos.',
  'gtk.scar.tell':
    'Si la rigidez o la tirantez siguen limitando sus movimientos, dígaselo a su fisioterapeuta.',
  'gtk.home.equipment':
    'Si le cuesta entrar y salir de la cama, algún equipo, como una cama de hospital a la altura correcta, puede ayudar al principio. Pregunte a su equipo.',
  'gtk.pain.schedule':
    'Al principio, tome la medicina para el dolor en el horario que fijó su cirujano, en vez de esperar a que el dolor suba mucho.',
  'gtk.pain.taper':
    'A medida que baje el dolor, su equipo le ayudará a tomar menos medicina opioide, poco a poco, hasta dejarla. No la deje ni la cambie sin preguntarles.',
  'gtk.pain.week':
    'Después de una cirugía en un nivel, la mitad de las personas deja los opioides en más o menos una semana.',
  'gtk.numbness.not-failure':
    'El adormecimiento después de la cirugía no significa que la cirugía fracasó. Un nervio que estuvo apretado necesita tiempo para volver a funcionar bien, muchas veces semanas o meses.',
  'gtk.numbness.may-stay':
    'A veces queda algo de adormecimiento para siempre, sobre todo cuando el nervio estuvo apretado mucho tiempo antes de la cirugía. Su equipo le puede ayudar a vivir con él.',

  // Exercises after neck surgery (web content, seed:000)
  'exercise.neck.early.walk.name': 'Paseos cortos',
  'exercise.neck.early.walk':
    'Empiece con paseos de 5 minutos en casa, varias veces al día. Añada un poco de tiempo cuando pueda.',
  'exercise.neck.early.posture.name': 'Cuello en posición neutra',
  'exercise.neck.early.posture':
    'Siéntese y párese derecho, con la cabeza nivelada, sin echarla hacia adelante. Si tiene collarín, úselo como le enseñaron.',
  'exercise.neck.early.moving.name': 'Moverse con seguridad',
  'exercise.neck.early.moving':
    'Gire todo el cuerpo para mirar alrededor en vez de girar el cuello. Evite levantar peso y los movimientos bruscos de la cabeza.',
  'exercise.neck.mid.walk.name': 'Paseos más largos',
  'exercise.neck.mid.walk': 'Camine un poco más cada semana, cuando se sienta capaz.',
  'exercise.neck.mid.range.name': 'Movimiento suave del cuello',
  'exercise.neck.mid.range':
    'Mueva el cuello despacio, solo hasta donde le enseñe su fisioterapeuta, por ejemplo girar o inclinar un poco la cabeza, sin dolor.',
  'exercise.neck.mid.strength.name': 'Fuerza del cuello y la parte alta de la espalda',
  'exercise.neck.mid.strength':
    'Fortalezca los músculos que sostienen el cuello y la parte alta de la espalda, como le enseñe su fisioterapeuta, por ejemplo juntando suavemente los omóplatos.',
  'exercise.neck.late.sport.name': 'Deporte y ejercicio fuerte',
  'exercise.neck.late.sport':
    'Pregunte a su cirujano, muchas veces en la cita de los 6 meses, cuándo puede volver al deporte, al ejercicio de impacto o al ejercicio fuerte.',
});
