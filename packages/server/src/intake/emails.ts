import type { InsuranceOutcome, Language, RequestKind } from './schemas.ts';

/** The emails a requester gets, in their language. Plain words; no clinical advice in email. */

const kindNames: Record<Language, Record<RequestKind, string>> = {
  en: {
    treatment: 'consultation request',
    imaging_review: 'free MRI/CT review request',
    insurance: 'insurance check',
    info_kit: 'info kit',
    callback: 'call-back request',
  },
  es: {
    treatment: 'solicitud de consulta',
    imaging_review: 'solicitud de revisión gratuita de resonancia o tomografía',
    insurance: 'revisión de su seguro',
    info_kit: 'guía informativa',
    callback: 'solicitud de llamada',
  },
};

export function receivedEmail(input: {
  language: Language;
  kind: RequestKind;
  clinicName: string;
  name: string;
  statusLink: string;
}) {
  const what = kindNames[input.language][input.kind];
  if (input.language === 'es')
    return {
      subject: `${input.clinicName}: recibimos su ${what}`,
      body: [
        `Hola ${input.name}:`,
        `${input.clinicName} recibió su ${what}.`,
        input.kind === 'info_kit'
          ? `Puede descargar su guía aquí: ${input.statusLink}`
          : `Puede ver cómo va aquí: ${input.statusLink}`,
        'Guarde este correo: el enlace funciona durante 14 días y solo usted lo tiene.',
        'Si tiene una emergencia, no espere: llame a su número local de emergencias.',
      ].join('\n\n'),
    };
  return {
    subject: `${input.clinicName}: we got your ${what}`,
    body: [
      `Hello ${input.name},`,
      `${input.clinicName} got your ${what}.`,
      input.kind === 'info_kit'
        ? `You can download your kit here: ${input.statusLink}`
        : `You can see how it is going here: ${input.statusLink}`,
      'Keep this email: the link works for 14 days and only you have it.',
      'If you have an emergency, do not wait: call your local emergency number.',
    ].join('\n\n'),
  };
}

const outcomeWords: Record<Language, Record<InsuranceOutcome, string>> = {
  en: {
    verified: 'Your insurance is verified.',
    not_covered: 'Your plan does not cover this.',
    needs_information: 'We need more information to check your insurance.',
  },
  es: {
    verified: 'Su seguro está verificado.',
    not_covered: 'Su plan no cubre esto.',
    needs_information: 'Necesitamos más información para revisar su seguro.',
  },
};

export function insuranceOutcomeText(language: Language, outcome: InsuranceOutcome): string {
  return outcomeWords[language][outcome];
}

export function insuranceOutcomeEmail(input: {
  language: Language;
  outcome: InsuranceOutcome;
  message: string;
  clinicName: string;
  name: string;
  isPatient: boolean;
}) {
  const es = input.language === 'es';
  const where = es
    ? input.isPatient
      ? 'También lo puede ver en la app de Lamina, en "Pedir ayuda a la clínica".'
      : 'También lo puede ver en el enlace de su primer correo.'
    : input.isPatient
      ? 'You can also see it in the Lamina app, under "Get help from the clinic".'
      : 'You can also see it with the link in your first email.';
  return {
    subject: es
      ? `${input.clinicName}: resultado de la revisión de su seguro`
      : `${input.clinicName}: your insurance check`,
    body: [
      es ? `Hola ${input.name}:` : `Hello ${input.name},`,
      insuranceOutcomeText(input.language, input.outcome),
      input.message,
      where,
    ].join('\n\n'),
  };
}

/** To the on-call care manager (staff, English like the console). */
export function onCallEmail(input: {
  clinicName: string;
  requesterName: string;
  urgency: string;
  urgent: boolean;
  consoleLink: string;
}) {
  return {
    subject: `${input.urgent ? 'URGENT ' : ''}call-back request after hours at ${input.clinicName}`,
    body: [
      `${input.requesterName} asked for a call back outside clinic hours (urgency: ${input.urgency.replaceAll('_', ' ')}).`,
      input.urgent
        ? 'Their description contains red-flag words. They were told to call emergency services now.'
        : 'No red-flag words were found in their description.',
      `You are first on call, so it is assigned to you. Open it in the console: ${input.consoleLink}`,
    ].join('\n\n'),
  };
}

/**
 * The result of a free MRI/CT review is ready. Nothing about the person's health: not the next step,
 * not the summary, not even that it was about scans (email is not private enough). The status page
 * link carries no token (only its hash is stored): the page asks for the link from the first email.
 */
export function reviewReadyEmail(input: {
  language: Language;
  clinicName: string;
  clinicPhone: string | null;
  name: string;
  isPatient: boolean;
  statusPage: string;
}) {
  if (input.language === 'es')
    return {
      subject: `${input.clinicName}: hay una respuesta a su solicitud`,
      body: [
        `Hola ${input.name}:`,
        `Un clínico de ${input.clinicName} respondió su solicitud.`,
        input.isPatient
          ? 'Para leer la respuesta, entre en la app de Lamina y abra "Pedir ayuda a la clínica".'
          : `Para leer la respuesta, abra el enlace privado de nuestro primer correo ("recibimos su solicitud"). Funciona durante 14 días más. Su página de seguimiento es ${input.statusPage} — se abre solo con el enlace del primer correo, que solo usted tiene.`,
        `Si tiene preguntas, o no encuentra el primer correo, llame a la clínica${input.clinicPhone ? ` al ${input.clinicPhone}` : ''}.`,
        'Si tiene una emergencia, no espere: llame a su número local de emergencias.',
      ].join('\n\n'),
    };
  return {
    subject: `${input.clinicName}: there is an answer to your request`,
    body: [
      `Hello ${input.name},`,
      `A clinician at ${input.clinicName} has answered your request.`,
      input.isPatient
        ? 'To read the answer, sign in to the Lamina app and open "Get help from the clinic".'
        : `To read the answer, open the private link in our first email ("we got your request"). It works for 14 more days. Your status page is ${input.statusPage} — it opens only with the link from the first email, which only you have.`,
      `If you have questions, or cannot find the first email, call the clinic${input.clinicPhone ? ` at ${input.clinicPhone}` : ''}.`,
      'If you have an emergency, do not wait: call your local emergency number.',
    ].join('\n\n'),
  };
}
