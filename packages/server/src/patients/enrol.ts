import {
  approaches,
  isoDateSchema,
  type PatientFactors,
  type PlanOverrides,
  patientFactorsSchema,
  planOverridesSchema,
  procedures,
  protocolFor,
  regions,
  type Surgery,
  surgerySchema,
  unknownOverrideIds,
} from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { fieldErrors, HttpProblem, invalidField } from '../http/problem.ts';
import { enrolPatient } from './store.ts';

/**
 * Enrolling a real patient (issue 15, decision 016): one definition of what a valid enrolment is,
 * used by the console form (POST /api/patients) and by the CSV import, so both refuse the same things
 * with the same plain words.
 */

/**
 * The country a phone number written without +country code belongs to. Clinics have no country
 * setting yet (clinic setup will add one); until then every clinic is read as US (decision 016).
 */
export const defaultPhoneCountry: CountryCode = 'US';

export const patientLanguages = ['en', 'es'] as const;
export type PatientLanguage = (typeof patientLanguages)[number];

/** A phone number as stored: E.164 (+15552014477), or undefined with the reason it is not usable. */
export function normalizePhone(
  raw: string,
  country: CountryCode = defaultPhoneCountry,
): { e164: string } | { problem: string } {
  const parsed = parsePhoneNumberFromString(raw, country);
  if (!parsed?.isValid())
    return {
      problem:
        'is not a phone number we can use: write it with its area code, e.g. (555) 201-4477, or with + and the country code',
    };
  return { e164: parsed.number };
}

const name = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(100, `${what} must be at most 100 characters`);

/** The surgery as the form and the CSV give it; same rules as pathway's surgerySchema, plainer words. */
export const surgeryFieldsSchema = z.strictObject({
  region: z.enum(regions, { error: `must be one of: ${regions.join(', ')}` }),
  procedure: z.enum(procedures, { error: `must be one of: ${procedures.join(', ')}` }),
  approach: z
    .enum(approaches, { error: `must be one of: ${approaches.join(', ')}` })
    .default('open'),
  fusion: z.boolean({ error: 'must be yes or no' }).default(false),
  levels: z
    .number({ error: 'must be a whole number from 1 to 8' })
    .int('must be a whole number from 1 to 8')
    .min(1, 'must be a whole number from 1 to 8')
    .max(8, 'must be a whole number from 1 to 8')
    .default(1),
  surgeryDate: z.string({ error: 'is required' }).pipe(isoDateSchema),
});

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const enrolPatientSchema = z.strictObject({
  givenName: name('Given name'),
  familyName: name('Family name'),
  dateOfBirth: z.string().pipe(isoDateSchema).optional(),
  email: optionalText.pipe(
    z
      .string()
      .toLowerCase()
      .max(320)
      .pipe(z.email({ message: 'must be an email address, like name@example.com' }))
      .optional(),
  ),
  phone: optionalText.pipe(z.string().max(40, 'is too long for a phone number').optional()),
  language: z.enum(patientLanguages, { error: 'must be en or es' }).default('en'),
  /** The clinic's own identifier (MRN or scheduling system id). */
  mrn: optionalText.pipe(z.string().max(64, 'must be at most 64 characters').optional()),
  surgery: surgeryFieldsSchema,
  /** A clinician of this clinic (the surgeon). */
  surgeonId: z.uuid('must be one of the clinic’s surgeons').optional(),
  factors: patientFactorsSchema.default({}),
  overrides: planOverridesSchema.default({ restrictions: {}, milestones: {}, followUps: {} }),
});

/** Cross-field rules, checked even when other fields are wrong, so the form shows every problem at once. */
function crossFieldErrors(body: unknown, parsed: z.output<typeof enrolPatientSchema> | undefined) {
  const errors: FieldError[] = [];
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  if (!text(raw.email) && !text(raw.phone))
    errors.push({
      field: 'email',
      message: 'give an email or a mobile phone number (at least one)',
    });
  const phone = text(raw.phone) ? normalizePhone(text(raw.phone)) : undefined;
  if (phone && 'problem' in phone) errors.push({ field: 'phone', message: phone.problem });
  const surgery = (raw.surgery ?? {}) as Record<string, unknown>;
  const dob = text(raw.dateOfBirth);
  const surgeryDate = text(surgery.surgeryDate);
  if (dob && surgeryDate && dob > surgeryDate)
    errors.push({ field: 'dateOfBirth', message: 'is after the surgery date' });
  if (parsed) {
    const problems = unknownOverrideIds(
      protocolFor(surgerySchema.parse(parsed.surgery)),
      parsed.overrides,
    );
    for (const problem of problems) errors.push({ field: 'overrides', message: problem });
  }
  return { errors, phone: phone && 'e164' in phone ? phone.e164 : undefined };
}

/** A valid enrolment or a 400 listing every field that is wrong (RFC 9457 `errors`). */
export function checkEnrolment(body: unknown): Enrolment {
  const parsed = enrolPatientSchema.safeParse(body);
  const cross = crossFieldErrors(body, parsed.success ? parsed.data : undefined);
  const errors = [...(parsed.success ? [] : fieldErrors(parsed.error)), ...cross.errors];
  if (!parsed.success || errors.length > 0)
    throw new HttpProblem(
      400,
      'Invalid input',
      'Some fields are missing or not valid. See errors.',
      errors,
    );
  const input = parsed.data;
  return {
    ...input,
    phone: cross.phone,
    surgery: surgerySchema.parse(input.surgery),
  };
}

type FieldError = { field: string; message: string };

/** A valid enrolment, phone in E.164, surgery through pathway's schema. */
export interface Enrolment {
  givenName: string;
  familyName: string;
  dateOfBirth?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  language: PatientLanguage;
  mrn?: string | undefined;
  surgery: Surgery;
  surgeonId?: string | undefined;
  factors: PatientFactors;
  overrides: PlanOverrides;
}

export type DuplicateMatch = 'mrn' | 'email' | 'name-and-birth-date';

export interface Duplicate {
  patientId: string;
  matchedOn: DuplicateMatch;
}

const matchWords: Record<DuplicateMatch, string> = {
  mrn: 'the same MRN',
  email: 'the same email address',
  'name-and-birth-date': 'the same name and date of birth',
};

/** 409 with the existing patient's id, so the console can link to them instead of making a second record. */
export function duplicateProblem(duplicate: Duplicate): HttpProblem {
  const error = new HttpProblem(
    409,
    'Already enrolled',
    `A patient with ${matchWords[duplicate.matchedOn]} is already enrolled in this clinic.`,
  );
  Object.assign(error.problem, {
    existingPatientId: duplicate.patientId,
    matchedOn: duplicate.matchedOn,
  });
  return error;
}

/** An existing patient of the clinic that this enrolment would duplicate (MRN, email, or name + birth date). */
export async function findDuplicate(
  db: Kysely<Database>,
  clinicId: string,
  input: Pick<Enrolment, 'mrn' | 'email' | 'givenName' | 'familyName' | 'dateOfBirth'>,
): Promise<Duplicate | undefined> {
  const row = await db
    .selectFrom('patients')
    .select(['id', 'mrn', 'email', 'given_name', 'family_name', 'date_of_birth'])
    .where('clinic_id', '=', clinicId)
    .where((eb) => {
      const any = [];
      if (input.mrn) any.push(eb('mrn', '=', input.mrn));
      if (input.email) any.push(eb(sql`lower(email)`, '=', input.email.toLowerCase()));
      if (input.dateOfBirth)
        any.push(
          eb.and([
            eb(sql`lower(family_name)`, '=', input.familyName.toLowerCase()),
            eb(sql`lower(given_name)`, '=', input.givenName.toLowerCase()),
            eb('date_of_birth', '=', input.dateOfBirth),
          ]),
        );
      return any.length === 0 ? eb.val(false) : eb.or(any);
    })
    .limit(1)
    .executeTakeFirst();
  if (row) {
    const matchedOn: DuplicateMatch =
      input.mrn && row.mrn === input.mrn
        ? 'mrn'
        : input.email && row.email?.toLowerCase() === input.email.toLowerCase()
          ? 'email'
          : 'name-and-birth-date';
    return { patientId: row.id, matchedOn };
  }
  if (input.email) {
    // A patient account's email is also unique among the clinic's staff accounts (sign-in is per clinic).
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .executeTakeFirst();
    if (user)
      throw new HttpProblem(
        409,
        'Conflict',
        'Someone in this clinic already uses that email address.',
        [{ field: 'email', message: 'is already used by someone in this clinic' }],
      );
  }
  return undefined;
}

/** A unique index refused the write: another enrolment of the same person got there first. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || /duplicate key|unique constraint/i.test(e?.message ?? '');
}

/** The surgeon must be an active clinician of this clinic. */
export async function checkSurgeon(
  db: Kysely<Database>,
  clinicId: string,
  surgeonId: string | undefined | null,
  field = 'surgeonId',
): Promise<void> {
  if (!surgeonId) return;
  const surgeon = await db
    .selectFrom('users')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', surgeonId)
    .where('role', '=', 'clinician')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!surgeon)
    throw invalidField(
      field,
      'must be one of the clinic’s surgeons',
      'Some fields are missing or not valid. See errors.',
    );
}

/**
 * One enrolment, checked and stored: the console form (POST /api/patients) and the FHIR
 * transaction (issue 18) both come through here, so both refuse the same input, find the same
 * duplicates and write the same audit entry (`patient.enrol`) in the same transaction.
 */
export async function enrolChecked(
  c: AppContext,
  who: {
    clinicId: string;
    /** The signed-in staff member; null for a SMART system client (no person: audited without actor). */
    actor: Actor | null;
    /** Added to the audit entry (e.g. the SMART client and `via: 'fhir'`); no free text. */
    details?: Record<string, unknown>;
  },
  body: unknown,
): Promise<{ patientId: string; userId: string | null; surgeryId: string }> {
  const { db } = c.get('deps');
  const input = checkEnrolment(body);
  await checkSurgeon(db, who.clinicId, input.surgeonId);
  const duplicate = await findDuplicate(db, who.clinicId, input);
  if (duplicate) throw duplicateProblem(duplicate);
  try {
    return await db.transaction().execute(async (trx) => {
      const ids = await enrolPatient(trx, who.clinicId, who.actor?.userId ?? null, input);
      await audit(
        c,
        {
          action: 'patient.enrol',
          subjectType: 'patient',
          subjectId: ids.patientId,
          patientId: ids.patientId,
          ...(who.details ? { details: who.details } : {}),
          // Without a person (a SMART system client): the clinic is named, no session is the actor.
          ...(who.actor ? {} : { clinicId: who.clinicId, actor: null }),
        },
        trx,
      );
      return ids;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A parallel enrolment of the same person won the unique index: point at that record.
    const winner = await findDuplicate(db, who.clinicId, input);
    if (winner) throw duplicateProblem(winner);
    throw new HttpProblem(
      409,
      'Conflict',
      'Someone in this clinic already uses that email address.',
      [{ field: 'email', message: 'is already used by someone in this clinic' }],
    );
  }
}
