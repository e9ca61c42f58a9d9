import {
  currentExerciseStage,
  exercisesFor,
  type IsoDate,
  type Load,
  plan,
  type RecoveryPlan,
  type Source,
  statementsEs,
} from '@lamina/pathway';
import { audit } from '../audit/audit.ts';
import { clinicToday } from '../http/clinic-today.ts';
import type { AppContext } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { notFound } from '../http/problem.ts';
import {
  type InfoKit,
  type KitItem,
  type KitSection,
  renderInfoKitPdf,
} from '../intake/info-kit.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { currentSurgery, getPatient } from './store.ts';
import { refuseCancelled } from './surgery-correction.ts';

/**
 * "Download my plan" (issue 17): the patient's own plan for today as a PDF in their stored
 * language, for the fridge. Drawn by the info kit's renderer (intake/info-kit.ts, pdf-lib), every
 * statement followed by its sources as short readable names.
 */
type Language = 'en' | 'es';

const words = {
  en: {
    title: 'My recovery plan',
    subject: 'Recovery plan',
    forWhom: (name: string, surgery: string, day: number) =>
      `For ${name}. Surgery on ${surgery}. ${day >= 0 ? `Day ${day} of your recovery.` : ''}`.trim(),
    printed: (date: string) =>
      `Made on ${date}. Your plan changes as you heal: print a new one each week.`,
    team: (clinic: string, phone: string | null) =>
      phone ? `Your care team: ${clinic}, phone ${phone}.` : `Your care team: ${clinic}.`,
    emergency: (number: string) =>
      `In an emergency, call ${number} now. Do not wait for a call back.`,
    informs:
      'Lamina gives you general facts. It does not replace your care team. Your surgeon’s advice comes first.',
    redFlags: 'Get help right away if',
    now: (phase: string) => `Now: ${phase}`,
    focus: 'Focus on',
    avoid: 'Avoid',
    restrictions: 'What to avoid, and until when',
    until: (date: string) => `Until ${date}.`,
    untilCleared: (date: string) =>
      `Until at least ${date}, then until your surgeon says it is OK.`,
    whenCleared: 'Until your surgeon says it is OK.',
    ongoing: 'For good.',
    fromSurgeon: 'From your surgeon',
    milestones: 'What comes next',
    between: (a: string, b: string) => `Between ${a} and ${b}.`,
    visits: 'Your follow-up visits',
    booked: 'Booked',
    toBook: 'To book, around this date',
    exercises: 'Your exercises now',
    lb: 'lb',
    to: 'to',
  },
  es: {
    title: 'Mi plan de recuperación',
    subject: 'Plan de recuperación',
    forWhom: (name: string, surgery: string, day: number) =>
      `Para ${name}. Cirugía el ${surgery}. ${day >= 0 ? `Día ${day} de su recuperación.` : ''}`.trim(),
    printed: (date: string) =>
      `Hecho el ${date}. Su plan cambia a medida que sana: imprima uno nuevo cada semana.`,
    team: (clinic: string, phone: string | null) =>
      phone ? `Su equipo médico: ${clinic}, teléfono ${phone}.` : `Su equipo médico: ${clinic}.`,
    emergency: (number: string) =>
      `En una emergencia, llame ahora al ${number}. No espere a que le llamen.`,
    informs:
      'Lamina le da información general. No reemplaza a su equipo médico. Lo que diga su cirujano es lo primero.',
    redFlags: 'Pida ayuda de inmediato si',
    now: (phase: string) => `Ahora: ${phase}`,
    focus: 'Concéntrese en',
    avoid: 'Evite',
    restrictions: 'Qué evitar y hasta cuándo',
    until: (date: string) => `Hasta el ${date}.`,
    untilCleared: (date: string) =>
      `Por lo menos hasta el ${date}, y luego hasta que su cirujano le diga que puede.`,
    whenCleared: 'Hasta que su cirujano le diga que puede.',
    ongoing: 'Para siempre.',
    fromSurgeon: 'De su cirujano',
    milestones: 'Lo que viene',
    between: (a: string, b: string) => `Entre el ${a} y el ${b}.`,
    visits: 'Sus citas de control',
    booked: 'Con cita',
    toBook: 'Para pedir cita, alrededor de esta fecha',
    exercises: 'Sus ejercicios ahora',
    lb: 'libras',
    to: 'a',
  },
} as const;

function loadText(language: Language, load: Load): string {
  const w = words[language];
  return load.lbHigh === undefined
    ? `${load.lb} ${w.lb} (${load.kg} kg)`
    : `${load.lb} ${w.to} ${load.lbHigh} ${w.lb} (${load.kg} ${w.to} ${load.kgHigh} kg)`;
}

/** The plan as the info kit's document shape, in the patient's language. Pure: no clock, no I/O. */
export function buildPlanDocument(input: {
  plan: RecoveryPlan;
  language: Language;
  patientName: string;
  clinicName: string;
  clinicPhone: string | null;
  emergencyNumber: string;
}): InfoKit {
  const { plan: p, language } = input;
  const w = words[language];
  const day = (iso: IsoDate) =>
    new Intl.DateTimeFormat(language === 'es' ? 'es' : 'en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T12:00:00Z`));
  // Spanish by statement id, English when a translation is missing; {load} filled from the plan.
  const say = (key: string, english: string, params: Record<string, string> = {}) => {
    const text = language === 'es' ? (statementsEs[key] ?? english) : english;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  };
  const item = (text: string, sources: readonly Source[]): KitItem => ({ text, sources });

  const sections: KitSection[] = [
    {
      heading: w.redFlags,
      items: p.warningSigns.map((s) => item(say(s.id, s.text), s.sources)),
    },
  ];
  const phase = p.currentPhase;
  if (phase) {
    const items: KitItem[] = [];
    for (const s of phase.focus) items.push(item(`${w.focus}: ${say(s.id, s.text)}`, s.sources));
    for (const s of phase.avoid) items.push(item(`${w.avoid}: ${say(s.id, s.text)}`, s.sources));
    sections.push({ heading: w.now(say(`phase.${phase.id}`, phase.title)), items });
  }
  const inForce = p.restrictions.filter((r) => r.inForce);
  if (inForce.length > 0)
    sections.push({
      heading: w.restrictions,
      items: inForce.map((r) => {
        const load: Record<string, string> = r.maxLoad
          ? { load: loadText(language, r.maxLoad) }
          : {};
        const text =
          language === 'en' ? r.text : say(r.textId ?? `restriction.${r.id}`, r.text, load);
        const detail = r.detail
          ? ` ${say(r.detailId ?? `restriction.${r.id}.detail`, r.detail)}`
          : '';
        const until =
          r.lifting === 'on-date' && r.liftsOn
            ? w.until(day(r.liftsOn))
            : r.lifting === 'on-date-if-cleared' && r.liftsOn
              ? w.untilCleared(day(r.liftsOn))
              : r.lifting === 'when-cleared'
                ? w.whenCleared
                : w.ongoing;
        const surgeon =
          r.setBy === 'surgeon'
            ? ` ${w.fromSurgeon}${r.surgeonNote ? `: ${r.surgeonNote}` : ''}.`
            : '';
        return item(`${text}${detail} ${until}${surgeon}`, r.sources);
      }),
    });
  const coming = p.milestones.filter((m) => m.status !== 'past').slice(0, 6);
  if (coming.length > 0)
    sections.push({
      heading: w.milestones,
      items: coming.map((m) =>
        item(
          `${say(m.textId ?? `milestone.${m.id}`, m.text)}. ${w.between(day(m.from), day(m.to))}`,
          m.sources,
        ),
      ),
    });
  const visits = p.followUps.filter((f) => f.status !== 'past');
  if (visits.length > 0)
    sections.push({
      heading: w.visits,
      items: visits.map((f) =>
        item(
          `${say(`followup.${f.id}`, f.title)}: ${day(f.date)} (${f.booked ? w.booked : w.toBook}).`,
          f.sources,
        ),
      ),
    });
  if (p.stage === 'recovering') {
    const stage = currentExerciseStage(p);
    sections.push({
      heading: w.exercises,
      items: exercisesFor(p.surgery.region)[stage].map((e) =>
        item(`${say(e.name.id, e.name.text)}: ${say(e.id, e.text)}`, e.sources),
      ),
    });
  }
  return {
    title: w.title,
    subject: w.subject,
    language,
    intro: [
      w.forWhom(input.patientName, day(p.surgery.surgeryDate), p.dayOfRecovery),
      w.printed(day(p.today)),
      w.team(input.clinicName, input.clinicPhone),
      w.emergency(input.emergencyNumber),
      w.informs,
    ],
    sections,
  };
}

async function downloadPlan(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db, now } = c.get('deps');
  const record = await currentSurgery(db, actor.clinicId, patientId);
  if (!record) throw notFound('A surgery for this patient');
  refuseCancelled(record);
  const patient = await getPatient(db, actor.clinicId, patientId);
  if (!patient) throw notFound('This patient');
  const clinic = await db
    .selectFrom('clinics')
    .select(['name', 'phone', 'emergency_number', 'logo', 'logo_type'])
    .where('id', '=', actor.clinicId)
    .executeTakeFirstOrThrow();
  const today = await clinicToday(c, actor.clinicId);
  const language: Language = patient.language === 'es' ? 'es' : 'en';
  const document = buildPlanDocument({
    plan: plan(record.surgery, record.factors, today, record.overrides),
    language,
    patientName: `${patient.given_name} ${patient.family_name}`,
    clinicName: clinic.name,
    clinicPhone: clinic.phone,
    emergencyNumber: clinic.emergency_number,
  });
  const bytes = await renderInfoKitPdf(
    document,
    now(),
    clinic.logo && clinic.logo_type ? { bytes: clinic.logo, type: clinic.logo_type } : null,
  );
  await audit(c, {
    action: 'plan.pdf',
    subjectType: 'surgery',
    subjectId: record.id,
    patientId,
    details: { language },
  });
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${language === 'es' ? 'mi-plan' : 'my-plan'}-${today}.pdf"`,
    'content-language': language,
    'cache-control': 'no-store',
  });
}

export const planPdf = documentedRoutes([
  {
    method: 'get',
    path: '/api/patients/:patientId/plan.pdf',
    summary: 'The personal plan as a PDF in the patient’s language (readable source names)',
    access: 'The patient, or their care team (an assigned reviewer too).',
    response: null,
    audit: { actions: ['plan.pdf'] },
    success: { status: 200, description: 'The PDF', contentType: 'application/pdf' },
    handler: downloadPlan,
  },
]);
