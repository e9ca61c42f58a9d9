import type { Source, Statement } from '../sources/source.ts';
import {
  analyzeSentence,
  baseNormalize,
  compilePattern,
  findHits,
  type Hit,
  hitAt,
  isImprovingAfter,
  isNegated,
  isReassuredAfter,
  type Pattern,
  PatternIndex,
  tokenize,
} from './red-flag-matcher.ts';

/**
 * Red-flag words in what a person types into a request (a callback description, symptoms), in
 * English and Spanish (decision 014). A missed red flag is far worse than a false alarm, so:
 * the text is folded (accents, silent h, s/z/c, b/v, ll/y, doubled letters) so misspellings meet
 * the patterns; phrases are matched over words with small gaps; a denial ("no tengo fiebre",
 * "no chest pain", "denies") suppresses only the symptom it reaches, never a phrase that carries
 * its own negation ("no puedo orinar", "can't feel my legs"), and never in a hedged sentence
 * ("not sure", "no sé si", "creo"). A match never diagnoses; it puts the instruction first.
 */
export type RedFlagLevel = 'emergency' | 'urgent';

export interface RedFlagWord {
  readonly id: string;
  /** What the words point to, for the care team (English; the console shows it). */
  readonly concern: string;
  readonly level: RedFlagLevel;
  /** Phrase patterns (syntax in red-flag-matcher.ts), written in plain spelling, both languages. */
  readonly patterns: readonly string[];
  /** Phrases that only look like the flag ("blood test", "hablo inglés"): a hit inside one is dropped. */
  readonly excludes?: readonly string[];
  /** Slowly improving is not a flag (ref:4, ref:39: improving numbness waits for the next visit). */
  readonly improvingIsCalm?: boolean;
  /**
   * Present for months or years ("for two years", "desde hace meses"): not the *new* numbness of
   * the surgeon-today tier (reference §1b), it is the reason for the consultation (seed:003).
   */
  readonly chronicIsCalm?: boolean;
  readonly sources: readonly Source[];
  readonly uncertain?: boolean;
}

export interface RedFlagMatch {
  readonly id: string;
  readonly concern: string;
  readonly level: RedFlagLevel;
  /** The normalized words that matched, so staff can see why. */
  readonly matched: readonly string[];
  readonly sources: readonly Source[];
}

// Word families shared by several phrases. Stems end in `*`; words are folded like the text.
const cant =
  'havent_been_able_to|hasnt_been_able_to|not_been_able_to|cant|cannot|couldnt|could_not|cnat|cannt|unable_to|unable|not_able_to|no_longer_able_to|can_barely|can_hardly|barely|hardly|cant_really|can_not_really';
const noPuedo =
  'no_las_puedo|no_los_puedo|no_la_puedo|no_lo_puedo|no_puedo|no_pude|no_puede|no_pueo|no_podia|no_he_podido|no_ha_podido|no_me_puedo|no_se_puede|no_logro|no_consigo|ya_no_puedo';
const pee =
  'weeing|wee_wee|weewee|tinkle|tinkling|piddle|pee|peeing|piss|pissing|urinat*|urine|pass_urine|pass_water|make_water|void*|empty_my_bladder|go_to_the_bathroom|go_to_the_toilet|go_pee|go_number_one|poop|pooping|pooped|poo|have_a_bowel_movement';
const orinar =
  'hacer_chichi|hacer_pee|orin*|mear|mea|meo|miccion*|hacer_pis|hacer_pipi|hacer_chis|hacer_del_bano|hacer_del_uno|hacer_popo|hacer_caca|defecar|evacuar|obrar|ir_al_bano|pis|pipi|chis';
const bodilyControl = 'orin*|vejiga|intestin*|esfinter*|heces|bano|pis|pipi|popo|caca|esfinteres';
const toilet =
  'weeing|tinkle|chichi|peeing|peed|urinat*|urine|toilet|bathroom|restroom|potty|bladder|poop|pooping|pooped|bowel|bowels|orin*|pis|pipi|chis|mear|meando|bano|inodoro|excusado|taza|vejiga|popo|caca';
const toiletTrouble =
  'could_not|did_not|can_not|not_go|no_pude|no_pudo|nada|drops|few_drops|gotas|gotitas|dribble|myself|himself|herself|themselves|encima|accident|accidents|sin_querer|sin_darme_cuenta|sin_darse_cuenta|sin_sentir|no_sintio|no_siento|no_siente|dont_know|doesnt_know|without_knowing|without_feeling|cant|cannot|couldnt|unable|wont|no_sale|no_salio|no_me_sale|came_out|comes_out|just_came|leak*|dribbl*|control|sensation|sensibilidad|feel|feeling|sentir|sintio|en_la_cama|in_bed|the_bed|in_my_pants|pantalon*|calzon*|no_puedo|no_pude|no_puede';
const privateParts =
  'down_below|alla_abajo|aya_abajo|bum|bums|tush|tushy|fanny|butt_cheeks|privates|private_parts|rear|rear_end|bottom|butt|buttocks|backside|groin|crotch|down_there|genital*|anus|nalga*|partes|mis_partes|trasero|pompi*|genitales|ahi_abajo|entrepierna|cola|colita|vagina|pene';
const sensation =
  'numb|numbness|numbnes|numness|numbess|numbed|numbing|numbs|numbish|novocaine|novocain|anesthetized|anaesthetized|anestesiad*|feel|feeling|feelings|sensation|sensations|sensibilidad|siento|sentir|sentia|siente|sensacion|dormid*|durmi*|duerm*|adormec*|entumec*|entumid*|hormig*|tingl*|dead|asleep|muert*';
const deny =
  'no|not|cant|cannot|couldnt|wont|dont|doesnt|didnt|arent|isnt|without|sin|ni|lost|losing|perdi|perdio|ya_no|none|nothing|nada|stopped|quit|dejaron_de|dejo_de|dejaron|barely|hardly|apenas|casi_no|zero|cero';
const limbs =
  'knee|knees|rodilla|rodillas|ankle|ankles|tobillo|tobillos|leg|legs|feet|foot|toes|arm|arms|pierna|piernas|pie|pies|patas|brazo|brazos|dedos';
const limbFunction =
  'go|sube|suben|do_what|hace_caso|caso|listen|obey|obedece|pick_them_up|lift|strength|strenght|power|move|moving|moves|work|working|works|respond*|hold|support|fuerza|fuersa|mueve|mueven|mover|muevo|funciona*|respond*|sostien*|aguant*|obedec*|camin*|walk';
const limbFailure =
  'fold|folds|folded|folding|weak*|weker|dead|jelly|noodle*|buckl*|collaps*|paraly*|paraliz*|debil*|afloj*|dobl*|falla*|muerta|muertas|muerto|muertos|gelatina|trapo|limp|flopp*|floppy|flojas|flojos|caido|caida|colgando|numb_and_weak';
const seepage =
  'fluid|liquid*|watery|agua|aguita|pus|drip*|dripping|leak*|oozing|gotea*|escurr*|supur*|secre*|chorrea*';
const legs =
  'leg|legs|feet|foot|toes|knee|knees|lower_body|waist|thigh|thighs|arm|arms|hand|hands|body';
const piernas =
  'pierna*|pie|pies|dedos_de_los_pies|rodilla*|cintura|muslo*|brazo*|mano*|cuerpo|patas';
const saddleParts =
  'bottom|butt|butts|buttock*|butt_cheeks|bum|behind|privates|private*|genital*|crotch|groin|anus|rectum|vagina|penis|scrotum|testicle*|down_there|inner_thigh*|saddle|perine*';
const partesIntimas =
  'nalga*|pompi*|pompa*|trasero|culo|sentadera*|partes|mis_partes|partes_intimas|zona_intima|genital*|ano|vagina|pene|testicul*|ahi_abajo|alla_abajo|abajo|entrepierna|ingle|perine*|periné|entre_las_piernas|entre_mis_piernas';
const numb =
  'numb|numbness|numbnes|numness|numbess|numbed|numbing|numbs|numbish|novocaine|novocain|anesthetized|anaesthetized|anestesiad*|tingl*|no_feeling|asleep|dead|pins_and_needles|adormec*|adormes*|entumec*|entumes*|entumid*|dormid*|durmi*|duerm*|hormigue*|hormigas|cosquill*|acalambrad*|sin_sensibilidad|insensibl*';
const wound =
  'wound*|incision*|cut|scar|scars|stitch*|staple*|suture*|dressing*|bandage*|herida*|incision*|insision*|cicatri*|punto*|grapa*|corte|cortada|venda*|vendaje|gasa*|aposito*|sutura*|operacion';
const woundProblem =
  'manch*|stain*|apart|came_apart|separ*|hueco|agujero|hole|red|redness|reddish|warm|hot|swollen|swell*|puff*|leak*|ooze|oozing|oozes|drain*|discharg*|pus|seep*|weep*|smell*|stink*|open|opened|opening|split*|gap*|infect*|yellow*|green*|fluid|wet|roj*|colorad*|calient*|hinch*|inflam*|supur*|secre*|liquid*|agua|aguita|drena*|abri*|abiert*|huele|olor*|apest*|amarill*|verde*|mojad*|pudr*|morad*';

export const redFlagWords: readonly RedFlagWord[] = [
  {
    id: 'bladder-bowel',
    concern: 'Bladder or bowel trouble (possible cauda equina signs)',
    level: 'emergency',
    patterns: [
      // Mentions (a denial before them, or "are fine" after, takes them back).
      'bladder*',
      'bowel|bowels',
      'incontinen*',
      'urin*',
      'retention',
      'vejiga*',
      'esfinter*',
      'orina|orinas|orines|orin|orinar|orinando|orinado|mear|meando|pipi|pee|peeing|weeing|tinkle',
      'heces',
      'intestin*',
      'incontinen*',
      'retencion_urinaria|retencion_de_orina',
      // Cannot pass urine / stool (ref:1 painless retention; ref:3 inability to urinate).
      `${cant} ${pee}`,
      `${cant} go|get|make_it ${'bathroom|toilet|restroom|potty'}`,
      `{1} havent|hasnt|not|didnt peed|urinated|pee|peeing|urine|urinating|gone_to_the_bathroom`,
      '{1} nothing comes|came out',
      `${cant}|didnt|couldnt go|do|make 1|one|number_one|pee|potty|2|number_two|toilet`,
      `${cant}|cnt|havent|didnt =wee|=weed|=weeing|=tinkle|=tinkled`,
      `!{6} ${toilet} ${deny} know|knew|notice*|realiz*|feel|felt|entere|entero|cuenta|senti|sentia|sintio|siento`,
      'moje|mojo|mojaba|mojamos cama|pantalon*|sillon|ropa|calzon*|sofa',
      `!{6} mojad*|wet|wetting ${'no_se_dio_cuenta|no_me_di_cuenta|sin_darse_cuenta|sin_darme_cuenta|didnt_know|did_not_know|didnt_notice|didnt_feel|no_sintio'}`,
      'didnt|couldnt|did_not|could_not|wont|cant make_it|get get_to|to toilet|bathroom|restroom',
      '{5} try|trying|tried pee|go|urinate nothing|little|drops',
      `${noPuedo} ${orinar}`,
      'no he|ha|hemos orinado|meado|hecho_pis|hecho_pipi|hecho_chis|echo_pipi|podido_orinar',
      'sin orin*|mear|hacer_pis|hacer_pipi|hacer_chis|pis|pipi',
      'no me|le sale|salia|baja orin*|pis|pipi|nada',
      // Cannot hold it / does not feel it (ref:1 incontinence, reduced sensation).
      'wet|wetting|wets|peed|pooped|pooping|soiled|soiling|pissed|messed|poo|poop wet|myself|himself|herself|pants|the_bed|bed|underwear|diaper|themselves',
      '{4} accident|accidents pants|myself|bed|underwear',
      `lost|losing|lose|loss|no control bladder|bowel*|pee|urine|poop|bathroom`,
      `${cant}|dont|doesnt|cant hold|control urine|pee|it|bladder|bowel*|poop|my_water`,
      'leak*|dribbl*|trickl*|drip* urine|pee|poop',
      'urine|pee|poop leak*|dribbl*|coming_out|comes_out|just_comes',
      `{5} ${cant}|dont|doesnt|didnt|not|no feel|tell|notice|know ${pee}|need_to_go|have_to_go|need_to_pee`,
      'se_me_sale|se_me_salen|se_me_escapa|se_me_escapan|se_le_sale|se_le_escapa|se_sale|se_escapa|sale_sola|salen_solos orin*|pis|pipi|chis|popo|caca|heces|excremento|gases',
      'orin*|pis|pipi|chis|popo|caca|heces se_me|se_le|se escap*|sale|salio',
      '{0} me|se|te|le orino|orine|orina|orinaba|mea|meo|meaba|cago|cague|caga|hizo_pipi|hace_pipi|hago_pipi',
      '{1} me|se|le hice|hago|hizo|hace|estoy_haciendo|hacia pipi|pis|chis|popo|caca|encima|en_la_cama|en_los_pantalones|en_el_pantalon',
      '{1} me|se|le estoy|esta orinando|meando|cagando|haciendo_pipi',
      `no_controlo|no_controla|no_me_controlo|no_puedo_controlar|no_le_controla ${bodilyControl}`,
      `perdi|perdio|pierdo|perdida|perdiendo|sin|falta_de|no_tengo|no_tiene control ${bodilyControl}`,
      'no aguanto|aguanta|retengo orin*|pis|pipi|chis|bano|ganas',
      `{4} no siento|siente|sentia|sentí|noto ${orinar}|ganas|cuando_orino|cuando_hago|al_orinar`,
      '{1} me|se|le hizo|hice|hace|hago del_bano|de_la_dos|del_dos',
      '{0} me|se|le moje|mojo|mojaba|mojado|mojada|mojé',
      'wet|wetting|peed|pee|pooped couch|chair|sofa|floor|seat|carpet|recliner',
      '{0} no urine|pee|peeing|orina|pipi',
      'stopped|dejé|deje|dejo peeing|urinating|orinar|pee|orina',
      'pee|urine|orina stopped|stops|se_corto|se_detuvo|paro',
      '{1} me|se|le ensucie|ensucio|ensucia|ensuciaba|manche|mancho',
      'ensuci*|manch* pantalon*|calzon*|ropa|cama',
      '{2} salen|sale|salia|solo unas|puras|pocas gotas|gotitas',
      // A toilet word with a trouble word anywhere near, in either order: a flag even after
      // "no" ("no sensation when I sit on the toilet", "no sale nada cuando voy a orinar").
      `!{6} ${toilet} ${toiletTrouble}`,
      `!{6} ${toiletTrouble} ${toilet}`,
    ],
    excludes: [
      '{1} no pee|urine|peeing|orina|pipi problem*|issue*|trouble|leak*|problema*|dificultad',
      '{4} moj* herida|venda*|gasa|aposito|lluvia|ducha|regadera|piscina|alberca|pelo|cabello|ropa_en',
      '{4} herida|venda*|gasa|aposito|lluvia|ducha|regadera|piscina|alberca moj*',
      'pastilla*|pildora*|pill|pills|medicina*|medicamento* para orinar|la_orina',
      'water pill|pills|tablet*',
      'urine|urinalysis test|sample|cup|culture|analysis',
      'analisis|examen|prueba|cultivo|muestra|estudio de orina',
    ],
    sources: ['ref:1', 'ref:3', 'seed:001'],
  },
  {
    id: 'saddle-numbness',
    concern: 'Numbness in the groin or saddle area (possible cauda equina signs)',
    level: 'emergency',
    patterns: [
      'saddle',
      'groin',
      'genital*',
      'perine*',
      'crotch',
      'between my|the|his|her legs',
      'entrepierna*',
      'ingle',
      '{0} las|mis|ambas|dos|sus ingles',
      'silla de montar',
      'partes_intimas|zona_intima|zona_genital',
      'entre las|mis|sus piernas',
      `{4} ${numb}|cant_feel|cannot_feel|dont_feel ${saddleParts}`,
      `${saddleParts} ${numb}|feel_nothing|cant_feel`,
      '{5} cant|cannot|dont feel toilet_paper|paper|wipe|wiping|sit_on|sitting_on',
      `{4} no siento|siente|sentia|noto ${partesIntimas}|el_papel|papel|al_limpiarme|cuando_me_limpio|nada_abajo`,
      `{4} ${numb} ${partesIntimas}`,
      `${partesIntimas} ${numb}`,
      // A private part with a feeling word near, either order, even after "no"/"lost".
      `!{5} ${privateParts} ${sensation}`,
      `!{5} ${sensation} ${privateParts}`,
      `{5} ${numb} cojin|cushion`,
      `{5} cojin|cushion ${numb}`,
      `{6} wipe|wiping|limpio|limpiarme|limpia ${sensation}|like|como|strange|weird|raro|rara|extrano|different|diferente|someone_else|otra_persona`,
    ],
    excludes: [
      '{2} speak|habla|hablo|hablas|hablar|clase|idioma|curso|estudia|estudio|en ingles',
      '{1} ingles english',
    ],
    sources: ['ref:1', 'seed:001'],
  },
  {
    id: 'leg-weakness',
    concern: 'Weakness or numbness in the legs or arms, new or getting worse fast',
    level: 'emergency',
    patterns: [
      'paraly*|paralys*|paralis*|paraliz*|paralitic*',
      `${cant}|dont|doesnt move|feel|lift|raise|wiggle|bend ${legs}`,
      `{4} ${legs}|${piernas} ${'belong_to_someone_else|someone_elses|not_mine|arent_mine|no_son_mias|no_es_mia|ajenas|ajena|like_wood|de_palo|de_trapo|like_rubber'}`,
      `${cant} stand|stand_up|get_up|walk|move|bear_weight`,
      `${legs} gave|give|giving|gives|gone out|way`,
      `${legs} buckl*|collaps*|wont_hold|wont_move|wont_work|dont_work|not_working|went_dead|are_dead|dead|like_jelly|like_noodles|useless|wont_respond|not_responding|failing|fail|failed`,
      'foot|feet drop|drops|dropping|dragging|drag|drags|flop*|slap*',
      'drop|dropped foot',
      `weak*|weker|wekness ${legs}|side`,
      `${legs}|side weak*|weker|wekness|no_strength|no_power|no_strenght`,
      `{5} too weak to stand|walk|get_up|move`,
      'weaker_and_weaker|getting_weaker|more_and_more_weak',
      `{5} ${numb} spread*|fast|quick*|rapid*|by_the_hour|every_hour|moving_up|climbing`,
      `{4} ${noPuedo}|no_me_puedo mover|menear|mober|despegar|alzar|subir|levantar|sentir|parar|pararme|pararse|poner_de_pie|ponerme_de_pie|caminar|andar|levantarme|levantarse|mantenerme_de_pie ${piernas}`,
      `${noPuedo}|no_me_puedo|no_le_puedo mover*|parar*|pararme|poner_de_pie|ponerme_de_pie|caminar|andar|levantarme|mantenerme_de_pie|sostenerme|estar_de_pie`,
      `{4} no siento|siente|sentia|sentí ${piernas}`,
      `{0} se|me|le doblan|dobla|doblaron|doblo|fallan|falla|fallaron|fallo`,
      `${piernas} no_me_responden|no_responden|no_me_aguantan|no_aguantan|no_me_sostienen|se_me_aflojan|se_aflojan|aflojan|se_doblan|doblan|como_gelatina|muertas|no_me_obedecen|fallan`,
      `debil* ${piernas}|lado`,
      `${piernas}|lado debil*|sin_fuerza|no_tiene_fuerza|no_tienen_fuerza|flojas|flojo|floja`,
      `fuerza ${piernas}`,
      `${piernas} perd* fuerza`,
      'cada_vez_mas_debil*|cada_vez_mas_debiles|mas_y_mas_debil*',
      `{5} ${numb} rapido|rapidamente|de_repente|cada_vez_peor|sube|subiendo|se_extiende|extendiendo|avanza`,
      'cae|caia|cayo|caido el|la pie',
      '{2} pie caido|cayendo|colgando',
      'arrastr* pie|pierna|pies',
      '{2} pie|pies|pierna cuelga|cuelgan|colgado|colgada|colgando',
      '{3} pie|pies|foot|feet pega|golpea|azota|slaps|slapping|hits piso|suelo|floor|ground',
      `{3} ${numb}|paraly*|paraliz* belly_button|bellybutton|navel|hips|ombligo|cadera|caderas down|abajo|para_abajo`,
      'drag|drags|dragging|dragged foot|feet|leg|legs',
      `{4} waist_down|from_the_waist|below_the_waist|cintura_para_abajo|de_la_cintura_para_abajo|cintura_pa_abajo ${numb}|paraly*|paraliz*|nothing|nada|dead|muert*`,
      `{4} ${numb}|paraly*|paraliz* waist_down|below_the_waist|cintura_para_abajo`,
      // A limb that stopped working: strength / moving words with a denial, in any order.
      `!{4} ${deny} ${limbFunction} ${limbs}`,
      `!{4} ${limbs} ${deny} ${limbFunction}`,
      `!{4} ${deny} ${limbs} ${limbFunction}`,
      `{4} ${limbs} ${limbFailure}`,
      `{4} ${limbFailure} ${limbs}`,
    ],
    excludes: [
      `{3} ${cant} stand|walk|move far|long|more|much|very|without|until|a_block|blocks|as_far|like_before|fast|quickly|straight|for|too|tall|upright_for`,
      `${noPuedo}|no_me_puedo caminar|andar|estar_de_pie|pararme mucho|lejos|mas|bien|rapido|largo|tanto|sin|como_antes|derecho|tiempo|mas_de|cuadras|por`,
      '{2} cant|cannot stand it|the|that|this|people|him|her|them|my_boss|waiting',
      '{0} cant|cannot|couldnt wait',
      '{3} no siento dolor|debilidad|hormigueo|molestia*|ardor|cosquill*|adormec*|nada_raro|ningun',
    ],
    sources: ['ref:1', 'ref:3', 'seed:001'],
  },
  {
    id: 'stroke-like',
    concern: 'Sudden face drooping or speech change (stroke-like signs)',
    level: 'emergency',
    patterns: [
      'face|mouth droop*|drooping|crooked|numb|fallen|sagging|lopsided',
      'droop*',
      `{3} ${cant}|no_puede|no_puedo|no_podia|cant_get say|decir|pronunciar|get_out|speak word|words|palabra|palabras`,
      '{3} face|cara looks|look|se_ve|se_le_ve|se_me_ve weird|strange|funny|different|wrong|rara|raro|extrana|chueca|torcida',
      `!{4} ${deny} move|mueve|mover ${'face|cara|mouth|boca'}`,
      `!{4} ${'face|cara|mouth|boca'} ${deny} move|mueve|mover`,
      '{1} is|seems|became|got|suddenly|esta|anda|se_ve|parece|muy confus*|confundid*|disorient*|desorientad*',
      'disorient*|desorientad*|incoherent*',
      'slurr*',
      '{3} words|palabras jumbl*|mixed|scrambl*|revuelt*|mezclad*|enredad*|trabad*|wrong',
      '{3} jumbl*|scrambl*|mixed_up|revuelt*|mezclad* words|palabras',
      'garbl*',
      '{4} drool*|babea*|baba side|lado|face|cara|boca|mouth',
      '{4} side|lado|face|cara|boca|mouth drool*|babea*|baba',
      'cara|boca caida|torcida|chueca|de_lado|dormida|colgada',
      'arrastr* palabras|las_palabras',
      '{2} habla|hablo|lengua raro|rara|enredad*|trabad*|arrastrad*',
    ],
    sources: ['ref:3'],
    uncertain: true,
  },
  {
    id: 'chest-breathing',
    concern: 'Chest pain, trouble breathing or coughing blood (possible blood clot in the lungs)',
    level: 'emergency',
    patterns: [
      'chest',
      'breath*|breat*|breth*|brething|breating',
      'winded|sin_aliento|without_air',
      '!recupero|recuperar|recuperarme|agarro|agarrar|jalo|jalar|tomar aire|aliento',
      'get|catch my|his|her breath back',
      'lips|labios|fingernails|unas blue|azul*|morad*|gray|grey|purple',
      'blue|azul*|morad* lips|labios',
      `${cant}|hard_to|harder_to|trouble|struggling_to|struggle_to|difficulty|difficult_to breathe|breath*|breth`,
      'short|shortness of breath',
      '{2} out of breath',
      '{2} gasp*|gasping air|breath',
      `${cant}|hard_to|harder_to|trouble|struggle_to|struggling_to|difficult_to get|catch ${'air|breath|enough_air|a_breath'}`,
      'not_enough_air|no_air|air_hunger',
      'struggl*|batall* for|para air|breath*|respir*|aire',
      'suffocat*|smother*',
      'cough*|spit*|spitting|hacking blood|blood_clots',
      'clot* lung|lungs',
      'pulmonary_embolism|pulmonary_embolus',
      'pecho|pesho|pechito',
      'torax',
      'falta* aire|respiracion|el_aire|resuello|aliento',
      'sin aire',
      'no me|le entra aire|el_aire',
      'respir*|respriar',
      `${noPuedo}|no_me_deja|no_le_deja respir*|jalar_aire|agarrar_aire|tomar_aire`,
      'ahog*|aog*',
      'asfixi*|asfisi*',
      'sofoc*',
      'me_cuesta|le_cuesta|dificultad|trabajo_para|batallo_para respirar|jalar_aire',
      'tos*|escup* sangre',
      'cough*|tosi|tosiendo|escupi red|rojo|roja|bloody|pink|rosad*',
      'wheez*',
      '{3} pecho|chest|respir* silb*',
      '{3} silb* pecho|chest|respir*',
      'embolia|embolismo|trombo_pulmonar|coagulo_en_el_pulmon',
    ],
    excludes: [
      '{2} chest x|xray|ray|ct|scan|film|radiograph|x_ray|exam|of_drawers|cold',
      'radiografia|rayos|placa|tomografia de|del pecho|torax',
      '{1} breath* clinic|exercis*|test|treatment*|machine|mask|therapy|therapist|of_fresh_air|mint*|spray',
      'pe teacher|class|classes',
      'dar|da|doy|darle pecho',
      'respirador|respiratorio terapeuta',
      '{1} ejercicio* de respiracion|respirar',
    ],
    sources: ['ref:3', 'ref:8'],
  },
  {
    id: 'heavy-bleeding',
    concern: 'Heavy bleeding or a dressing soaked with blood',
    level: 'emergency',
    patterns: [
      'bleed*|bled|bledding|bleding',
      'blood*|bloody',
      'hemorrhag*|hemorag*',
      'sangr*',
      'hemorrag*|emorrag*',
      'gushing|pouring|soaked|soaking',
      'empapad*|chorros|chorro',
    ],
    excludes: [
      '{1} blood test*|work|pressure|thinner*|sugar|draw*|type|count|panel|donat*|bank|clot|clots|cells|levels|results|glucose|drive|thinning',
      'analisis|examen*|estudio*|prueba*|muestra*|laboratorio*|conteo de sangre',
      'presion sangu*|arterial',
      'azucar en la sangre',
      'adelgaz* la sangre',
      'sangre tipo',
      'soaked|soaking in|tub|bath|rain|sweat',
      'pouring rain',
    ],
    sources: ['ref:3', 'ref:8'],
  },
  {
    id: 'neck-swelling-swallowing',
    concern: 'Neck swelling, or trouble swallowing or speaking (after neck surgery)',
    level: 'emergency',
    patterns: [
      'swallow*|swalow*|swollow*',
      `${cant}|trouble|hard_to|struggling_to speak|talk|get_words_out`,
      'neck|throat swell*|swollen|swolen|bigger|puff*|tight*|clos*|lump',
      'swell*|swollen|swolen neck|throat',
      'chok*',
      'throat clos*|closing',
      'trag*',
      'atragant*|atora|atore|atoro|atoran|atorado',
      '{4} gag|gags|gagging|arcada|arcadas sip|sips|drink|swallow*|water|food|bite|trago|agua|comida|bocado|pastilla*',
      'ahorc*|strangl*',
      'neck|throat ballon*|balloon*|puffed',
      'gaznate|gasnate cierr*|cerr*|apret*',
      `!{4} ${deny} go_down|goes_down|pass|pasa|pasan|baja|bajan|entra ${'food|water|comida|agua|saliva|spit|pastilla*|pills|liquids|liquidos'}`,
      `!{4} ${'food|water|comida|agua|saliva|spit|pastilla*|pills|liquids|liquidos'} ${deny} go_down|goes_down|pass|pasa|pasan|baja|bajan|entra`,
      `${noPuedo}|me_cuesta|le_cuesta|dificultad_para hablar|tragar|pasar_la_comida|pasar_saliva`,
      'cuello|garganta|gasnate|gaznate|neck huge|enorme|hinch*|infl*|globo|cierr*|cerrando|cerrada|crece|creciendo|crecio|grande|apret*|bola',
      'hinch*|inflam*|cierr*|cerrando|crece|creciendo cuello|garganta',
      'hinchason|inflamasion del|en_el cuello|garganta',
    ],
    excludes: [
      '{0} cant|cannot|couldnt|cnt we|you|u|they|i',
      '{0} un|otro|unos|su|mi|sus|mis trago|tragos',
    ],
    sources: ['ref:22', 'ref:3'],
    uncertain: true,
  },
  {
    id: 'fever-wound',
    concern: 'Fever, or a wound that is red, warm, leaking or opening (possible infection)',
    level: 'urgent',
    patterns: [
      'fever*|feber*|fevre|fiver',
      'temperature|temp|temps|tempature|temprature',
      'chill|chills|chilly|shiver*|shaking_chills|rigors|sweats',
      'temblar|temblando|tiemblo|tiritando|tirito de frio',
      'sudores|sude|temble|tembladera|escalofrio',
      '{2} feel|feels|like flu|the_flu|flue|fluish|flu_like',
      'pus|oozing|oozes|ooze|oozed|oosing|drainage|discharge|seeping|weeping|puss',
      'infect*',
      'fiebre*|febre|fievre|fiebr*|febril',
      'calentura|calenturas',
      'escalofri*|escalofrio|escalosfri*|temblores',
      'temperatura',
      'thermometer|termometro',
      'hot_and_cold|cold_and_hot|frio_y_calor|calor_y_frio|hot_then_cold',
      'afiebrad*|calenturient*|febril',
      'cuerpo cortado',
      'supur*|secrecion|secreciones|pus',
      'infecc*|infecion|infesion|infectad*|infectad*',
      '{2} como con|una|un|tengo gripa|gripe|catarro|resfriado',
      '{0} 100|101|102|103|104|105 f|degrees|grados|fahrenheit|point|punto',
      '{1} temp|temperature|fever|at|of|is|running 100|101|102|103|104|105',
      '{0} 38|39|40|41 grados|c|degrees|centigrados|celsius|de|y|punto',
      '{1} tengo|con|de|en|estoy_en 38|39|40|41',
      `{5} ${wound} ${woundProblem}`,
      `{5} ${woundProblem} ${wound}`,
      `{5} ${seepage} ${'back|espalda|spine|columna|neck|cuello|cintura'}`,
    ],
    excludes: [
      'discharge from|date|papers|instructions|summary|planning|home|nurse',
      'discharged',
      '{1} flu shot|vaccine|season|jab',
      'vacuna|vacunas|inyeccion de|contra la gripa|gripe',
      '{0} cut down|back|out|off',
      'red tape|cross',
      'hot water|shower|bath|tub|pack|weather|day|pad',
      'agua|bano|compresa|compresas calient*',
      'dar|den|darme|quitan|quitaron|quitar|quitarme|retiran puntos|grapas',
      'punto* de vista|de_vista',
      'operacion caliente',
    ],
    sources: ['seed:001', 'ref:3', 'ref:7'],
  },
  {
    id: 'calf-clot',
    concern: 'Calf pain or swelling (possible blood clot in the leg)',
    level: 'urgent',
    patterns: [
      'calf|calfs|calves|calve',
      'pantorri*|pantori*',
      'chamorro|chamoro|chamorros',
      'batata de|la_pierna|pierna',
      '{3} gemelo|gemelos hinch*|inflam*|duel*|dolor|roj*|calient*',
      'duel*|dolor|hinch*|inflam* gemelo|gemelos',
      'clot|clots|clotting|dvt|tvp',
      '{4} swell*|swollen|pain|tender|sore|lump|hinchazon|hinch*|dolor|duele behind|back_of|detras|atras de|my|the|la rodilla|knee',
      'coagul*|cuagul*|coagol*|trombo*|trombosis',
      '{6} leg|legs|ankle|ankles|shin swollen|swell*|puffy|puff*|red|warm|hot|tight|bigger|fat',
      '{4} swollen|swell*|puffy|red|warm|hot leg|legs|ankle|ankles|shin',
      '{6} pierna|piernas|tobillo*|espinilla|canilla hinch*|inchad*|inflam*|roj*|calient*|colorad*|grande|apretad*|gorda|gordo',
      '{4} hinch*|inchad*|inflam*|roj*|calient* pierna|piernas|tobillo*',
    ],
    excludes: [
      '{3} swelling|swollen|puffiness|redness went|has_gone|is_going|gone|going down|away',
      '{2} ya_bajo|bajo|ha_bajado|desinflam* la|el hinchazon|inflamacion|hinchado',
    ],
    sources: ['ref:3', 'ref:4'],
  },
  {
    id: 'positional-headache',
    concern: 'A headache that is worse sitting or standing (possible spinal fluid leak)',
    level: 'urgent',
    patterns: [
      'headache*|headach*|hedache*|headake|head_ache|head_aches',
      'head hurt*|hurting|pound*|ach*|throb*|kill*|splitting|exploding|spinning',
      'migrain*|migrane*|megrain*',
      'dolor* cabeza|cabesa|cabesa',
      'duel*|duele|dolia|doliendo|duelen cabeza|cabesa',
      'cabeza|cabesa duel*|estalla|explota|parte|revienta|late|punza|martilla',
      'estalla|explota|revienta|parte|partiendo|late|punza|palpita|martill* cabeza|cabesa',
      'jaqueca|migrana|migranas|cefalea',
      'csf|spinal_fluid|liquido_cefalorraquideo',
    ],
    excludes: [
      '{3} ya_se_me_quito|ya_se_me_paso|ya_se_le_quito|ya_se_le_paso|ya_se_fue|ya_paso dolor*|jaqueca|migrana',
    ],
    sources: ['ref:13'],
  },
  {
    id: 'uncontrolled-pain',
    concern: 'Severe pain that the medicine does not control',
    level: 'urgent',
    patterns: [
      'severe|unbearable|worst|excruciating|terrible|horrible|awful|extreme|intense|agonizing|uncontrolled|unbelievable pain|pains',
      'pain unbearable|excruciating|out_of_control|uncontrolled|killing|too_much|worse_and_worse',
      'unbearable|excruciating|agoniz*|out_of_control|fuera_de_control|descontrolad*',
      'so_much|too_much pain',
      'pain|meds|medicine|medicines|medication|pills|painkillers|oxy|oxycodone|percocet|norco|tylenol not|dont|doesnt|isnt|arent|wont helping|help|helps|working|work|works|touch|touching|doing_anything|do_anything',
      'meds|medicine|medication|pills|painkillers|percocet|norco do|does|doing nothing',
      '{0} 9|10|nine|ten out_of|de|sobre|over 10|ten|diez',
      '{0} 9|10 10',
      'dolor* insoportable|terrible|horrible|fuerte|fuertisimo|intens*|sever*|espantoso|tremendo|atros|horroroso|demasiado',
      'insoportable|insoportabl*|inaguantable',
      'peor dolor',
      'no aguanto|soporto|resisto dolor',
      'no aguanto|soporto|resisto mas',
      'pastillas|medicina*|medicamento*|calmante*|analgesic*|tramadol|tylenol no me|le hacen|hace|sirven|sirve|quitan|quita|calman|calma|funcionan|ayudan',
      'no se me|le quita|calma|baja el dolor',
      'dolor no se me|le quita|calma|baja|para',
      'grito|gritando|llorando de dolor',
      'nothing|nada touch*|help*|work*|quita|calma|sirve|alivia pain|dolor',
      'pastillas|medicina*|medicamento*|calmante*|analgesic* no hace|hacen|sirve|sirven|ayuda|ayudan|funciona|funcionan|quita|quitan|calma|calman',
      'dolor no_me_deja|no_le_deja dormir|descansar|caminar|moverme|vivir',
      'pain keeps|keep|kept|keeping me up|awake',
    ],
    chronicIsCalm: true,
    sources: ['seed:001'],
  },
  {
    id: 'new-numbness',
    concern:
      'New numbness or tingling (ask the surgeon today; fast-spreading numbness is an emergency)',
    level: 'urgent',
    patterns: [
      'numb|numbness|numbnes|numness|numbess|numbed|numbing|numbs|numbish|novocaine|novocain|anesthetized|anaesthetized|anestesiad*',
      'tingl*|tinglin*',
      'pins_and_needles',
      `{3} ${legs}|${'leg|foot|toes|fingers'} asleep|falling_asleep|fell_asleep|dead|burning`,
      'adormec*|adormes*|entumec*|entumes*|entumid*|entumi*',
      'hormigue*|hormigas|cosquill*',
      'calambre* electric*',
      `{3} dormid*|durmi*|duerm* ${piernas}|dedos`,
      `{3} ${piernas}|dedos dormid*|durmi*|duerm*`,
      'sin sensibilidad|sensacion',
      'piquetes|toques|corrientazos',
    ],
    improvingIsCalm: true,
    chronicIsCalm: true,
    sources: ['seed:001', 'seed:003', 'ref:4', 'ref:7'],
  },
  {
    id: 'walking-fall',
    concern: 'A fall, new trouble walking or balancing, or feeling weak',
    level: 'urgent',
    patterns: [
      'fell|fallen',
      '{1} a|had|have fall|falls',
      'fall|falling down|over|off|on|in',
      'slipped|slip|tripped|tripping|trip',
      'tumble|tumbled|took_a_spill|porrazo|costalazo|senton|guamaso|madrazo|trancaso|batacazo|castanaso',
      'balance off|bad|poor|worse|gone',
      'lost|losing|lose|no my|the|of balance',
      'unsteady|wobbly|dizzy_when_i_walk',
      `${cant}|trouble|hard|harder|difficult|difficulty|struggling|struggle walk*|stand*|get_around`,
      'walk*|walking worse|harder|hard|difficult|bad|terrible',
      'weak|weakness|weaker|weker|wekness',
      `{0} me|se|le cai|cayo|caí|cai|caimos|caido|caida`,
      'caida|caidas|cai',
      'resbal*|tropez*|tropiez*|tropes*|tropies*',
      'perdi|pierdo|perdio|sin|falta equilibrio|balance',
      `${noPuedo}|no_me_puedo|me_cuesta|le_cuesta|dificultad_para caminar|andar|pararme|moverme|caminar_bien`,
      'camino|camina|caminar peor|mal|chueco|raro|torcido',
      'debil*|debilidad|sin_fuerza|flojera|debi',
    ],
    excludes: [
      '{0} cant|cannot|couldnt wait',
      'fall asleep|asleep|apart|behind',
      'in|this|last|next|the fall',
      'caida del cabello|pelo',
      '{0} me|le|te|nos|les cayo|cae|caia|cayeron|caen mal|bien|gordo|gorda|pesado|pesada|de_sorpresa',
    ],
    sources: ['seed:001', 'ref:3', 'ref:4', 'ref:7'],
  },
  {
    id: 'no-bowel-movement',
    concern: 'No bowel movement for several days',
    level: 'urgent',
    patterns: [
      'constipat*|constapat*',
      'no|havent|hasnt|not|without bowel_movement|bm|pooped|poop|poo|stool|gone_number_two',
      'estren*|estrenid*|estrenimiento|estrenida',
      'no he|ha hecho|echo del_bano|popo|caca|obrar|de_la_dos',
      'sin hacer|obrar popo|caca|del_bano|obrar',
      'no he|ha obrado|evacuado|defecado',
      '{4} no he|ha ido bano|del_dos|popo|caca|obrar',
    ],
    sources: ['ref:3', 'ref:4', 'ref:5', 'ref:7'],
  },
];

/** A complaint of long standing, in the same sentence. */
const chronic = [
  'for|since|past|last|over several|many|a_few|two|three|four|five|six|ten|couple|2|3|4|5|6|7|8|9|10|12|18|24 years|months|yrs|year',
  '{0} for years|months|ages|a_long_time|a_while|long',
  '{0} years|months ago',
  '{0} sometimes|occasionally|on_and_off|off_and_on|every_now_and_then|when_i_type|at_night',
  'desde|hace|por varios|muchos|unos|dos|tres|cuatro|cinco|seis|2|3|4|5|6|7|8|9|10|12 anos|meses|ano',
  '{0} hace|desde_hace anos|meses|mucho|tiempo',
  '{0} a_veces|de_vez_en_cuando|cuando_escribo|en_las_noches|algunas_noches|algunos_dias|some_nights|some_days|most_nights',
].map(compilePattern);

interface CompiledFlag {
  readonly flag: RedFlagWord;
  readonly patterns: readonly Pattern[];
  readonly excludes: readonly Pattern[];
}

const compiled: readonly CompiledFlag[] = redFlagWords.map((flag) => ({
  flag,
  patterns: flag.patterns.map(compilePattern),
  excludes: (flag.excludes ?? []).map(compilePattern),
}));

/**
 * Lower case, accents stripped, anything but letters and digits turned into single spaces, padded
 * with spaces (what the care team sees; the matcher folds spelling on top of it).
 */
export function normalizeForRedFlags(text: string): string {
  const folded = baseNormalize(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return ` ${folded} `;
}

const index = new PatternIndex<{ entry: CompiledFlag; pattern: Pattern }>();
for (const entry of compiled)
  for (const pattern of entry.patterns) index.add(pattern, { entry, pattern });

/** The red flags the text mentions, most serious first; empty when none. */
export function findRedFlagWords(text: string): RedFlagMatch[] {
  const matched = new Map<CompiledFlag, Set<string>>();
  for (const { tokens } of tokenize(text)) {
    // Only patterns that can start at one of the sentence's words are tried.
    const hits = new Map<CompiledFlag, Hit[]>();
    tokens.forEach((_, start) => {
      const token = tokens[start];
      if (!token) return;
      for (const { entry, pattern } of index.candidates(token)) {
        const hit = hitAt(pattern, tokens, start);
        if (!hit) continue;
        const list = hits.get(entry);
        if (list) list.push(hit);
        else hits.set(entry, [hit]);
      }
    });
    if (hits.size === 0) continue;
    const context = analyzeSentence(tokens);
    let isChronic: boolean | undefined;
    for (const [entry, found] of hits) {
      const excluded = entry.excludes.flatMap((exclude) => findHits(exclude, tokens));
      for (const hit of found) {
        if (excluded.some((e) => e.start < hit.end && hit.start < e.end)) continue;
        if (!hit.carriesNegation) {
          if (isNegated(tokens, context, hit.start) || isNegated(tokens, context, hit.lastStart))
            continue;
          if (isReassuredAfter(tokens, hit.end)) continue;
        }
        if (entry.flag.improvingIsCalm && isImprovingAfter(tokens, hit.end)) continue;
        if (entry.flag.chronicIsCalm) {
          isChronic ??= chronic.some((c) => findHits(c, tokens).length > 0);
          if (isChronic) continue;
        }
        const words = tokens
          .slice(hit.start, hit.end)
          .map((t) => t.raw)
          .join(' ');
        const set = matched.get(entry) ?? new Set<string>();
        set.add(words);
        matched.set(entry, set);
      }
    }
  }
  const found: RedFlagMatch[] = [];
  for (const entry of compiled) {
    const words = matched.get(entry);
    if (words)
      found.push({
        id: entry.flag.id,
        concern: entry.flag.concern,
        level: entry.flag.level,
        matched: [...words],
        sources: entry.flag.sources,
      });
  }
  return found.sort((a, b) => levelRank[a.level] - levelRank[b.level]);
}

const levelRank: Record<RedFlagLevel, number> = { emergency: 0, urgent: 1 };

export type IntakeLanguage = 'en' | 'es';

/**
 * What the person reads first when their words contain a red flag. `{emergencyNumber}` and
 * `{clinicPhone}` are filled in from the clinic's settings.
 */
export const redFlagInstructions: Readonly<
  Record<RedFlagLevel, Readonly<Record<IntakeLanguage, Statement>>>
> = {
  emergency: {
    en: {
      id: 'intake.red-flag.emergency',
      text: 'What you wrote may be a sign of an emergency. Do not wait for a call back. Call {emergencyNumber} now, or go to the nearest emergency room. Lamina cannot tell what is wrong, but these signs need a doctor right away.',
      sources: ['ref:1', 'ref:3', 'ref:8', 'seed:001'],
    },
    es: {
      id: 'intake.red-flag.emergency',
      text: 'Lo que escribió puede ser señal de una emergencia. No espere a que le llamen. Llame ahora al {emergencyNumber} o vaya a la sala de emergencias más cercana. Lamina no puede saber qué le pasa, pero estas señales necesitan un médico de inmediato.',
      sources: ['ref:1', 'ref:3', 'ref:8', 'seed:001'],
    },
  },
  urgent: {
    en: {
      id: 'intake.red-flag.urgent',
      text: 'What you wrote may need a doctor today. Do not wait for a call back: call your clinic now at {clinicPhone}. If you feel very sick, or it gets worse fast, call {emergencyNumber}. Lamina cannot tell what is wrong.',
      sources: ['seed:001', 'ref:3', 'ref:7'],
    },
    es: {
      id: 'intake.red-flag.urgent',
      text: 'Lo que escribió puede necesitar un médico hoy. No espere a que le llamen: llame ahora a su clínica al {clinicPhone}. Si se siente muy mal, o empeora rápido, llame al {emergencyNumber}. Lamina no puede saber qué le pasa.',
      sources: ['seed:001', 'ref:3', 'ref:7'],
    },
  },
};

/** The instruction to show first for these matches (the most serious level wins), or undefined. */
export function redFlagInstructionFor(
  matches: readonly RedFlagMatch[],
  language: IntakeLanguage,
  contact: { emergencyNumber: string; clinicPhone: string | null },
): (Statement & { level: RedFlagLevel }) | undefined {
  const top = matches[0];
  if (!top) return undefined;
  // Without a clinic phone the urgent advice would be unusable: fall back to the emergency one.
  const level: RedFlagLevel =
    top.level === 'urgent' && contact.clinicPhone ? 'urgent' : 'emergency';
  const statement = redFlagInstructions[level][language];
  return {
    ...statement,
    level,
    text: statement.text
      .replaceAll('{emergencyNumber}', contact.emergencyNumber)
      .replaceAll('{clinicPhone}', contact.clinicPhone ?? contact.emergencyNumber),
  };
}
