import { referenceUrls } from './reference-urls.ts';
import type { Source } from './source.ts';

/**
 * What a patient reads instead of a source id: a short name and, for a numbered reference, the
 * link behind it ("NHS", "research study (PubMed)"). Staff screens keep showing the ids.
 *
 * The names are derived from the source data: a clinic page (seed) by what it is about (see
 * shared/seeds/README.md), a numbered reference by the publisher of its link in
 * shared/clinical-reference.md (the host below; a few hosts carry several journals and are told
 * apart by the first part of the path).
 */
export type SourceLanguage = 'en' | 'es';
export interface SourceName {
  readonly name: string;
  /** The reference's address; null for a clinic page, the surgeon or the Lamina team. */
  readonly url: string | null;
}

type Words = string | { readonly en: string; readonly es: string };

const study: Words = { en: 'research study (PubMed)', es: 'estudio de investigación (PubMed)' };
const article: Words = {
  en: 'research article (PubMed Central)',
  es: 'artículo de investigación (PubMed Central)',
};
const research = (where: string, donde = where): Words => ({
  en: `research from ${where}`,
  es: `investigación de ${donde}`,
});
const krames: Words = { en: 'Krames patient sheet', es: 'hoja para pacientes de Krames' };
const spineJournal = 'European Spine Journal';
const shared = (site: string): Words => ({
  en: `shared copy of a document (${site})`,
  es: `copia compartida de un documento (${site})`,
});

/** Publisher names by host (without "www."), or by host and the first path segment. */
const publishers: Readonly<Record<string, Words>> = {
  '957562.e12cr.group': {
    en: 'discharge sheet of a spine practice',
    es: 'hoja de alta de una consulta de columna',
  },
  'acemap.info': { en: 'research summary (AceMap)', es: 'resumen de investigación (AceMap)' },
  'ajemjournal.com': 'American Journal of Emergency Medicine',
  'asianspinejournal.org': 'Asian Spine Journal',
  'athensbrainandspine.com': 'Athens Brain and Spine',
  'backpaindoctor.co.uk': 'Back Pain Doctor (UK)',
  'baptisthealth.net': 'Baptist Health',
  'bestpractice-bmj-com.bibliotheek.ehb.be': 'BMJ Best Practice',
  'biologyinsights.com': 'Biology Insights',
  'bmcanesthesiol.biomedcentral.com': 'BMC Anesthesiology',
  'bmcmusculoskeletdisord.biomedcentral.com': 'BMC Musculoskeletal Disorders',
  'cartersvillemedicalkiosk.kramesonline.com': krames,
  'chiro.org': 'Chiropractic Resource Organization',
  'cloud2.spineuniverse.com': 'SpineUniverse',
  'cuh.nhs.uk': 'Cambridge University Hospitals (NHS)',
  'deploy.abcdocz.com': {
    en: 'Oswestry index by its author',
    es: 'índice de Oswestry, por su autor',
  },
  'discovery.researcher.life': { en: 'research study', es: 'estudio de investigación' },
  'docslib.org': {
    en: 'US infection surveillance guide (CDC)',
    es: 'guía de vigilancia de infecciones de EE. UU. (CDC)',
  },
  'dorfenfashion.com': shared('Rehabilitation Measures'),
  'dukespace.lib.duke.edu': research('Duke University', 'la Universidad de Duke'),
  'emedicinehealth.com': 'eMedicineHealth',
  'en.wikipedia.org': 'Wikipedia',
  'eprovide.mapi-trust.org': 'Mapi Research Trust',
  'euroqol.org': 'EuroQol',
  'fmwww.bc.edu': {
    en: 'scoring notes (Boston College)',
    es: 'notas de puntuación (Boston College)',
  },
  'fr.scribd.com': shared('Scribd'),
  'gpatpa.kramesonline.com': krames,
  'guideline.gov': {
    en: 'US National Guideline Clearinghouse',
    es: 'Centro Nacional de Guías Clínicas de EE. UU.',
  },
  'handwiki.org': 'HandWiki',
  'healthmeasures.net': 'HealthMeasures (PROMIS)',
  'help.gethealthie.com': { en: 'Healthie help pages', es: 'páginas de ayuda de Healthie' },
  'ijssurgery.com': 'International Journal of Spine Surgery',
  'informahealthcare.com': 'Acta Orthopaedica',
  'injuryresources.com': 'Injury Resources',
  'isass.org': { en: 'ISASS conference abstract', es: 'resumen del congreso ISASS' },
  'issls-2024.p.asnevents.com.au': {
    en: 'ISSLS 2024 conference abstract',
    es: 'resumen del congreso ISSLS 2024',
  },
  'journals.lww.com/clinorthop': 'Clinical Orthopaedics and Related Research',
  'journals.lww.com/spinejournal': 'Spine (journal)',
  'journals.plos.org': 'PLOS ONE',
  'lifespan.org': 'Lifespan health system',
  'link.springer.com': spineJournal,
  'medicaljournals.se': 'Journal of Rehabilitation Medicine',
  'miami.pure.elsevier.com': research('the University of Miami', 'la Universidad de Miami'),
  'mymichigan.org': 'MyMichigan Health',
  'neckandback.com': 'The Neck and Back Clinics',
  'nhs.uk': 'NHS',
  'ntnuopen.ntnu.no': research('NTNU (Norway)', 'NTNU (Noruega)'),
  'openventio.org': 'Neuro – Open Journal',
  'operativeneurosurgery.com': 'Operative Neurosurgery',
  'osc-ortho.com': 'OSC Orthopaedics',
  'painsection.cns.org': 'Congress of Neurological Surgeons',
  'pakjns.org': 'Pakistan Journal of Neurological Surgery',
  'pesquisa.bvsalud.org': { en: 'Virtual Health Library', es: 'Biblioteca Virtual en Salud' },
  'plancherortho.com': 'Plancher Orthopaedics',
  'pmc.ncbi.nlm.nih.gov': article,
  'pubmed.gov': study,
  'pubmed.ncbi.nlm.nih.gov': study,
  'qrcstockholm.se': 'QRC Stockholm (EQ-5D)',
  'razorbacksurgery.com': 'Razorback Surgery',
  'read.qxmd.com': { en: 'research study (QxMD)', es: 'estudio de investigación (QxMD)' },
  'researchworks.creighton.edu': research('Creighton University', 'la Universidad Creighton'),
  'scholarlycommons.henryford.com': research('Henry Ford Health'),
  'scholars.northwestern.edu': research('Northwestern University', 'la Universidad Northwestern'),
  'scienceinsights.org': 'Science Insights',
  'scientificspine.com': 'Scientific Spine',
  'seekhealthz.com': 'SeekHealthz',
  'sheffieldachesandpains.com': 'Sheffield Aches and Pains (NHS)',
  'sogacot.org': 'SOGACOT',
  'spine-health.com': 'Spine-health',
  'spineuniverse.com': 'SpineUniverse',
  'springermedizin.de': spineJournal,
  'staging.scite.ai': { en: 'research index (scite)', es: 'índice de investigación (scite)' },
  'studylib.net': shared('Studylib'),
  'summaries.cochrane.org': 'Cochrane',
  'thefreelibrary.com': 'The Free Library',
  'thejns.org': 'Journal of Neurosurgery: Spine',
  'thieme-connect.de': { en: 'Thieme journal article', es: 'artículo de revista Thieme' },
  'togows.dbcls.jp': study,
  'vivo.weill.cornell.edu': research('Weill Cornell Medicine'),
  'yourcareeverywhere.com': krames,
};

const seeds: Readonly<Record<string, { readonly en: string; readonly es: string }>> = {
  'seed:000': {
    en: 'clinic guide: recovery after neck surgery',
    es: 'guía de la clínica: recuperación tras la cirugía de cuello',
  },
  'seed:001': {
    en: 'clinic guide: recovery after laminectomy',
    es: 'guía de la clínica: recuperación tras la laminectomía',
  },
  'seed:002': {
    en: 'clinic guide: laminotomy and laminectomy',
    es: 'guía de la clínica: laminotomía y laminectomía',
  },
  'seed:003': {
    en: 'clinic guide: how nerves heal',
    es: 'guía de la clínica: cómo sanan los nervios',
  },
  'seed:004': { en: 'clinic guide: microlaminectomy', es: 'guía de la clínica: microlaminectomía' },
  surgeon: { en: 'your surgeon', es: 'su cirujano' },
  team: { en: 'Lamina clinical team', es: 'equipo clínico de Lamina' },
};

function say(words: Words, language: SourceLanguage): string {
  return typeof words === 'string' ? words : words[language];
}

/** The publisher of a reference link, or undefined when the host is not in the table. */
export function publisherOf(url: string, language: SourceLanguage): string | undefined {
  const { hostname, pathname } = new URL(url);
  const host = hostname.replace(/^www\./, '');
  const first = pathname.split('/')[1] ?? '';
  const words = publishers[`${host}/${first}`] ?? publishers[host];
  return words === undefined ? undefined : say(words, language);
}

/**
 * The short readable name of a source and its link, in English or Spanish. Undefined for an id
 * that is not a source (tests make sure every source in use has a name).
 */
export function sourceName(id: Source | string, language: SourceLanguage): SourceName | undefined {
  const fixed = seeds[id];
  if (fixed) return { name: fixed[language], url: null };
  const ref = /^ref:(\w+)$/.exec(id)?.[1];
  const url = ref === undefined ? undefined : referenceUrls[ref];
  if (url === undefined) return undefined;
  const name = publisherOf(url, language);
  return name === undefined ? undefined : { name, url };
}

/**
 * The sources of a statement as a patient reads them: one entry per different name and link, in
 * order (two sources from the same page are one).
 */
export function sourceNames(
  ids: readonly (Source | string)[],
  language: SourceLanguage,
): SourceName[] {
  const seen = new Set<string>();
  const out: SourceName[] = [];
  for (const id of ids) {
    const named = sourceName(id, language) ?? {
      name: language === 'es' ? 'referencia clínica de Lamina' : 'Lamina clinical reference',
      url: null,
    };
    const key = `${named.name}\n${named.url ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(named);
  }
  return out;
}

/** "clinic guide: …; NHS" — the plain-text form (PDFs, print). */
export function sourceLine(ids: readonly (Source | string)[], language: SourceLanguage): string {
  return sourceNames(ids, language)
    .map((s) => s.name)
    .join('; ');
}
