import { createRequire } from 'node:module';
import {
  describeLoad,
  goodToKnow,
  type Milestone,
  milestoneTextId,
  noCountdownNote,
  type Offset,
  type Procedure,
  type Protocol,
  protocolFor,
  type Region,
  type Restriction,
  restrictionDetailId,
  restrictionTextId,
  type Source,
  type SurgeryCondition,
  sourceLine,
  spinalCordNote,
  statementsEs,
  symptomTimelines,
  whenToAskAboutNumbness,
} from '@lamina/pathway';
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { Language } from './schemas.ts';

// Loaded on first use, not at start: an idle server does not hold it in memory (issue 19).
const pdfLib = () => createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib');

/**
 * The printable info kit: pathway's education content for one region and procedure, in English or
 * Spanish, every statement followed by its sources in small type. Built on request, never stored.
 */

export interface KitItem {
  readonly text: string;
  readonly sources: readonly Source[];
}
export interface KitSection {
  readonly heading: string;
  readonly items: readonly KitItem[];
}
export interface InfoKit {
  readonly title: string;
  /** The PDF's subject (default: "Info kit"); the plan PDF (patients/plan-pdf.ts) names its own. */
  readonly subject?: string;
  readonly language: Language;
  readonly intro: readonly string[];
  readonly sections: readonly KitSection[];
}

const words = {
  en: {
    title: (procedure: string, region: string) => `Your ${procedure} of the ${region}: info kit`,
    region: { lumbar: 'lower back', cervical: 'neck' },
    procedure: {
      laminotomy: 'laminotomy',
      laminectomy: 'laminectomy',
      microlaminectomy: 'microlaminectomy',
    },
    from: (clinic: string, phone: string | null) =>
      phone ? `From ${clinic}. Phone: ${phone}.` : `From ${clinic}.`,
    informs:
      'Lamina gives you general facts. It does not diagnose you and it does not replace your care team. Your surgeon’s advice comes first.',
    emergency: (number: string) =>
      `In an emergency, call ${number} now. Do not wait for a call back.`,
    phases: 'Recovery step by step',
    focus: 'Focus on',
    avoid: 'Avoid',
    restrictions: 'What to avoid, and for how long',
    milestones: 'What many people can do, and when',
    nerves: 'How nerves heal',
    redFlags: 'Get help right away if',
    sources: 'Sources',
    sourcesNote:
      'Each fact names where it comes from: a clinic guide, a health service such as the NHS, or a research study. "Lamina clinical team" means the team’s judgement where no source gives a number. Your care team can give you the links.',
    lb: 'lb',
    to: 'to',
    fusion: 'If you had a fusion',
    noFusion: 'Without a fusion',
    open: 'After open surgery',
    mis: 'After minimally invasive surgery',
    unit: { days: ['day', 'days'], weeks: ['week', 'weeks'], months: ['month', 'months'] },
    firstFor: (o: string) => `For the first ${o}.`,
    atLeastFirst: (o: string) =>
      `For at least the first ${o}, then until your surgeon says it is OK.`,
    fromTo: (a: string, b: string) => `From ${a} to ${b} after surgery.`,
    whenCleared: 'Until your surgeon says it is OK.',
    about: (o: string) => `About ${o} after surgery.`,
    fromSurgeryDay: (o: string) => `From the day of surgery to ${o} after.`,
    between: (a: string, b: string) => `${a} to ${b} after surgery.`,
  },
  es: {
    title: (procedure: string, region: string) => `Su ${procedure} de ${region}: guía informativa`,
    region: { lumbar: 'la zona lumbar', cervical: 'cuello' },
    procedure: {
      laminotomy: 'laminotomía',
      laminectomy: 'laminectomía',
      microlaminectomy: 'microlaminectomía',
    },
    from: (clinic: string, phone: string | null) =>
      phone ? `De ${clinic}. Teléfono: ${phone}.` : `De ${clinic}.`,
    informs:
      'Lamina le da información general. No le diagnostica y no reemplaza a su equipo médico. Lo que diga su cirujano es lo primero.',
    emergency: (number: string) =>
      `En una emergencia, llame ahora al ${number}. No espere a que le llamen.`,
    phases: 'La recuperación paso a paso',
    focus: 'Concéntrese en',
    avoid: 'Evite',
    restrictions: 'Qué evitar y por cuánto tiempo',
    milestones: 'Lo que mucha gente puede hacer, y cuándo',
    nerves: 'Cómo sanan los nervios',
    redFlags: 'Pida ayuda de inmediato si',
    sources: 'Fuentes',
    sourcesNote:
      'Cada dato dice de dónde viene: una guía de la clínica, un servicio de salud como el NHS o un estudio de investigación. "Equipo clínico de Lamina" es el criterio del equipo cuando ninguna fuente da un número. Su equipo médico le puede dar los enlaces.',
    lb: 'libras',
    to: 'a',
    fusion: 'Si le hicieron una fusión',
    noFusion: 'Sin fusión',
    open: 'Después de una cirugía abierta',
    mis: 'Después de una cirugía mínimamente invasiva',
    unit: { days: ['día', 'días'], weeks: ['semana', 'semanas'], months: ['mes', 'meses'] },
    firstFor: (o: string) => `Durante ${o} después de la cirugía.`,
    atLeastFirst: (o: string) =>
      `Por lo menos durante ${o} después de la cirugía, y luego hasta que su cirujano le diga que puede.`,
    fromTo: (a: string, b: string) => `Desde ${a} hasta ${b} después de la cirugía.`,
    whenCleared: 'Hasta que su cirujano le diga que puede.',
    about: (o: string) => `Alrededor de ${o} después de la cirugía.`,
    fromSurgeryDay: (o: string) => `Desde el día de la cirugía hasta ${o} después.`,
    between: (a: string, b: string) => `De ${a} a ${b} después de la cirugía.`,
  },
} as const;

/** Items for another procedure are left out; fusion and approach variants are printed with a label. */
function forProcedure(condition: SurgeryCondition | undefined, procedure: Procedure): boolean {
  return !condition?.procedures || condition.procedures.includes(procedure);
}

type Words = (typeof words)[Language];

/** "If you had a fusion: " and the like, for a variant that holds only for some surgeries. */
function label(condition: SurgeryCondition | undefined, w: Words): string {
  const parts: string[] = [];
  if (condition?.fusion === true) parts.push(w.fusion);
  if (condition?.fusion === false) parts.push(w.noFusion);
  if (condition?.approaches?.length === 1)
    parts.push(condition.approaches[0] === 'open' ? w.open : w.mis);
  return parts.length === 0 ? '' : `${parts.join(', ')}: `;
}

function offsetParts(offset: Offset): [number, 'days' | 'weeks' | 'months'] {
  if ('days' in offset) return [offset.days, 'days'];
  if ('weeks' in offset) return [offset.weeks, 'weeks'];
  return [offset.months, 'months'];
}

function spell(offset: Offset, w: Words): string {
  const [n, unit] = offsetParts(offset);
  return `${n} ${w.unit[unit][n === 1 ? 0 : 1]}`;
}

/** How long a restriction lasts, in the kit's language; empty when the text says it already. */
function restrictionDuration(r: Restriction, w: Words): string {
  if (r.lifts.kind === 'when-cleared') return w.whenCleared;
  if (r.lifts.kind === 'ongoing') return '';
  const end = spell(r.lifts.offset, w);
  if (r.starts) return w.fromTo(spell(r.starts, w), end);
  return r.lifts.needsClearance ? w.atLeastFirst(end) : w.firstFor(end);
}

/** When a milestone usually comes, in the kit's language. */
function milestoneWindow(m: Milestone, w: Words): string {
  const [a, unitA] = offsetParts(m.expected.from);
  const [b, unitB] = offsetParts(m.expected.to);
  if (a === b && unitA === unitB) return w.about(spell(m.expected.to, w));
  if (a === 0) return w.fromSurgeryDay(spell(m.expected.to, w));
  if (unitA === unitB) return w.between(String(a), spell(m.expected.to, w));
  return w.between(spell(m.expected.from, w), spell(m.expected.to, w));
}

function loadText(restriction: Restriction, language: Language): string {
  const range = restriction.maxLoadLb;
  if (!range) return '';
  const kg = (lb: number) => Math.round(lb * 0.45359237 * 10) / 10;
  if (language === 'es')
    return range.low === range.high
      ? `${range.low} libras (${kg(range.low)} kg)`
      : `${range.low} a ${range.high} libras (${kg(range.low)} a ${kg(range.high)} kg)`;
  return range.low === range.high
    ? describeLoad({ lb: range.low, kg: kg(range.low) })
    : describeLoad({
        lb: range.low,
        lbHigh: range.high,
        kg: kg(range.low),
        kgHigh: kg(range.high),
      });
}

export function buildInfoKit(input: {
  region: Region;
  procedure: Procedure;
  language: Language;
  clinicName: string;
  clinicPhone: string | null;
  emergencyNumber: string;
}): InfoKit {
  const w = words[input.language];
  const protocol: Protocol = protocolFor(input);
  // Spanish by statement id; English (the source text) when a translation is missing.
  const say = (key: string, english: string) =>
    input.language === 'es' ? (statementsEs[key] ?? english) : english;
  const item = (key: string, english: string, sources: readonly Source[]): KitItem => ({
    text: say(key, english),
    sources,
  });

  const phases: KitItem[] = [];
  for (const phase of protocol.phases) {
    const focus = phase.focus.map((s) => say(s.id, s.text)).join(' ');
    const avoid = phase.avoid.map((s) => say(s.id, s.text)).join(' ');
    const sources = [...new Set([...phase.focus, ...phase.avoid].flatMap((s) => s.sources))];
    phases.push({
      text: `${say(`phase.${phase.id}`, phase.title)}. ${focus ? `${w.focus}: ${focus}` : ''}${avoid ? ` ${w.avoid}: ${avoid}` : ''}`.trim(),
      sources,
    });
  }
  const restrictions = protocol.restrictions
    .filter((r) => forProcedure(r.when, input.procedure))
    .map((r) => {
      const text = say(restrictionTextId(r), r.text).replace('{load}', loadText(r, input.language));
      const detail = r.detail ? ` ${say(restrictionDetailId(r), r.detail)}` : '';
      const duration = restrictionDuration(r, w);
      return {
        text: `${label(r.when, w)}${text}${detail}${duration ? ` ${duration}` : ''}`,
        sources: r.sources,
      };
    });
  const milestones = protocol.milestones
    .filter((m) => forProcedure(m.when, input.procedure))
    .map((m) => ({
      text: `${label(m.when, w)}${say(milestoneTextId(m), m.text)}. ${milestoneWindow(m, w)}`,
      sources: m.sources,
    }));
  const goodToKnowSections = goodToKnow({ region: input.region, fusion: false }).map(
    (topic): KitSection => ({
      heading: say(topic.title.id, topic.title.text),
      items: topic.items.map((s) => item(s.id, s.text, s.sources)),
    }),
  );
  const nerves = [
    ...symptomTimelines.map((t) =>
      item(t.explanation.id, t.explanation.text, t.explanation.sources),
    ),
    ...(input.region === 'cervical'
      ? [item(spinalCordNote.id, spinalCordNote.text, spinalCordNote.sources)]
      : []),
    item(noCountdownNote.id, noCountdownNote.text, noCountdownNote.sources),
    item(whenToAskAboutNumbness.id, whenToAskAboutNumbness.text, whenToAskAboutNumbness.sources),
  ];
  const redFlags = protocol.warningSigns.map((s) => item(s.id, s.text, s.sources));

  return {
    title: w.title(w.procedure[input.procedure], w.region[input.region]),
    language: input.language,
    intro: [
      w.from(input.clinicName, input.clinicPhone),
      w.informs,
      w.emergency(input.emergencyNumber),
      say(protocol.summary.id, protocol.summary.text),
    ],
    sections: [
      { heading: w.redFlags, items: redFlags },
      { heading: w.phases, items: phases },
      { heading: w.restrictions, items: restrictions },
      { heading: w.milestones, items: milestones },
      { heading: w.nerves, items: nerves },
      ...goodToKnowSections,
    ],
  };
}

/** Characters Helvetica (WinAnsi) cannot show, replaced with look-alikes; anything else unknown becomes "?". */
const replacements: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '←': '<-',
  '×': 'x',
  '−': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '⚠': '!',
};

function winAnsiSafe(font: PDFFont, text: string, cache: Map<string, string>): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    let safe = cache.get(ch);
    if (safe === undefined) {
      try {
        font.encodeText(ch);
        safe = ch;
      } catch {
        safe = replacements[ch] ?? '?';
      }
      cache.set(ch, safe);
    }
    out += safe;
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderInfoKitPdf(
  kit: InfoKit,
  createdAt: Date,
  /** The clinic's logo (clinics/logo.ts: PNG or JPEG, checked on upload), top right of page one. */
  logo?: { bytes: Uint8Array; type: 'image/png' | 'image/jpeg' } | null,
): Promise<Uint8Array> {
  const { PDFDocument, rgb, StandardFonts } = pdfLib();
  const pdf = await PDFDocument.create();
  pdf.setTitle(kit.title, { showInWindowTitleBar: true });
  pdf.setLanguage(kit.language === 'es' ? 'es' : 'en');
  pdf.setAuthor('Lamina');
  pdf.setSubject(kit.subject ?? (kit.language === 'es' ? 'Guía informativa' : 'Info kit'));
  pdf.setCreator('Lamina');
  pdf.setProducer('Lamina (pdf-lib)');
  pdf.setCreationDate(createdAt);
  pdf.setModificationDate(createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const cache = new Map<string, string>();
  const margin = 56;
  const pageSize: [number, number] = [612, 792]; // US Letter
  const width = pageSize[0] - margin * 2;
  let page: PDFPage = pdf.addPage(pageSize);
  let y = pageSize[1] - margin;

  const write = (text: string, font: PDFFont, size: number, color = rgb(0, 0, 0), gap = 4) => {
    for (const line of wrap(font, size, winAnsiSafe(font, text, cache), width)) {
      if (y - size < margin) {
        page = pdf.addPage(pageSize);
        y = pageSize[1] - margin;
      }
      y -= size;
      page.drawText(line, { x: margin, y, size, font, color });
      y -= 3;
    }
    y -= gap;
  };
  const sourcesWord = kit.language === 'es' ? 'Fuentes' : 'Sources';

  if (logo) {
    const image =
      logo.type === 'image/png' ? await pdf.embedPng(logo.bytes) : await pdf.embedJpg(logo.bytes);
    const scaled = image.scaleToFit(120, 48);
    page.drawImage(image, {
      x: pageSize[0] - margin - scaled.width,
      y: pageSize[1] - margin - scaled.height + 12,
      width: scaled.width,
      height: scaled.height,
    });
    y -= Math.max(0, scaled.height - 24);
  }
  write(kit.title, bold, 18, rgb(0, 0, 0), 10);
  for (const line of kit.intro) write(line, regular, 11);
  for (const section of kit.sections) {
    y -= 8;
    write(section.heading, bold, 14, rgb(0, 0, 0), 6);
    for (const item of section.items) {
      write(`• ${item.text}`, regular, 11, rgb(0, 0, 0), 0);
      write(
        `${sourcesWord}: ${sourceLine(item.sources, kit.language)}`,
        regular,
        7,
        rgb(0.35, 0.35, 0.35),
        6,
      );
    }
  }
  y -= 8;
  write(words[kit.language].sourcesNote, regular, 7, rgb(0.35, 0.35, 0.35));
  // Without object streams the catalog (title, language) stays readable by simple tools.
  return pdf.save({ useObjectStreams: false });
}
