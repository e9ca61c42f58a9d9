import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Patient-facing email and SMS words, in the patient's language (patients.language, issue 15).
 * Plain words, no health details: a message may be read on a lock screen by someone else.
 */
export type Language = 'en' | 'es';

/** The patient's stored language for a patient user, or the clinic's default; 'en' when neither. */
export async function languageOfPatientUser(
  db: Kysely<Database>,
  clinicId: string,
  userId: string,
): Promise<Language> {
  const row = await db
    .selectFrom('clinics')
    .leftJoin('patients', (join) =>
      join.onRef('patients.clinic_id', '=', 'clinics.id').on('patients.user_id', '=', userId),
    )
    .select(['patients.language', 'clinics.default_language'])
    .where('clinics.id', '=', clinicId)
    .executeTakeFirst();
  return row?.language ?? row?.default_language ?? 'en';
}

export function signInCodeEmail(language: Language, clinic: string, code: string, minutes: number) {
  return language === 'es'
    ? {
        subject: `Su código para entrar en ${clinic}`,
        body: `Su código para entrar es ${code}. Sirve durante ${minutes} minutos. Si usted no lo pidió, puede ignorar este correo.`,
      }
    : {
        subject: `Your ${clinic} sign-in code`,
        body: `Your sign-in code is ${code}. It works for ${minutes} minutes. If you did not ask for it, you can ignore this email.`,
      };
}

export function invitationEmail(
  language: Language,
  input: { clinic: string; givenName: string; link: string; days: number },
) {
  return language === 'es'
    ? {
        subject: `${input.clinic} le invita a Lamina`,
        body: `Hola, ${input.givenName}: ${input.clinic} le invita a usar Lamina para su recuperación. Abra este enlace en su teléfono: ${input.link} . Después le enviaremos un código para entrar. El enlace sirve una vez, durante ${input.days} días.`,
      }
    : {
        subject: `${input.clinic} invites you to Lamina`,
        body: `Hello ${input.givenName}, ${input.clinic} invites you to use Lamina for your recovery. Open this link on your phone: ${input.link} . We will then send you a code to sign in. The link works once, for ${input.days} days.`,
      };
}

/** One SMS segment where the link allows (GSM-7 letters only: no á, í, ó, ú in the Spanish). */
export function invitationSms(language: Language, input: { clinic: string; link: string }) {
  return language === 'es'
    ? `${input.clinic} le invita a Lamina. Abra: ${input.link}`
    : `${input.clinic} invites you to Lamina. Open: ${input.link}`;
}
