import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createInvitation } from '../admin/store.ts';
import { recordAudit } from '../audit/audit.ts';
import { hashToken, newSecretToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import { publicLink } from '../http/public-url.ts';

/** Days the first admin's setup link works (the staff invitation's own rule). */
export const setupLinkDays = 7;

export const clinicSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    'must be 2 to 63 lowercase letters, digits or dashes, starting with a letter or digit (like "north-spine")',
  );

/** An IANA time zone name the runtime knows, like America/Los_Angeles. */
export function isTimeZone(value: string): boolean {
  // Area/Location names (and UTC); abbreviations like PST are not IANA zone names for a clinic.
  if (value === 'UTC') return true;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(value) || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, 'must be an IANA time zone, like America/Los_Angeles');

export const languageSchema = z.enum(['en', 'es']);

export const newClinicSchema = z.strictObject({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  slug: clinicSlugSchema,
  timeZone: timeZoneSchema,
  adminEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'must be an email address' }))
    .pipe(z.string().max(320)),
  adminName: z.string().trim().min(1, 'is required').max(200),
  defaultLanguage: languageSchema.default('en'),
});
export type NewClinic = z.output<typeof newClinicSchema>;

export class ClinicExistsError extends Error {}

/** The clinic row; a taken slug is a ClinicExistsError (also when two create it at once). */
export async function insertClinic(db: Kysely<Database>, input: NewClinic): Promise<string> {
  try {
    const row = await db
      .insertInto('clinics')
      .values({
        slug: input.slug,
        name: input.name,
        timezone: input.timeZone,
        default_language: input.defaultLanguage,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    if (/clinics_slug_key|unique|duplicate/i.test((error as Error).message))
      throw new ClinicExistsError(`The clinic code "${input.slug}" is already taken.`);
    throw error;
  }
}

/**
 * A new clinic and its first admin, who has no password yet: a one-time setup link (the staff
 * invitation mechanism of admin/staff.ts) lets them set it. The email with the link is queued in
 * the outbox in the same transaction; it leaves when SMTP is set.
 */
export async function createClinicWithAdmin(
  db: Kysely<Database>,
  input: NewClinic,
  options: {
    now: Date;
    /** LAMINA_PUBLIC_URL (http/public-url.ts): the setup link is built from it, never a request header. */
    publicUrl: URL;
    via: 'cli' | 'setup-page';
    ip?: string | null;
  },
) {
  const secret = newSecretToken();
  const expiresAt = new Date(options.now.getTime() + setupLinkDays * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const clinicId = await insertClinic(trx, input);
    const token = `${clinicId}.${secret}`;
    const link = publicLink(options, `/console?invitation=${encodeURIComponent(token)}`);
    const adminUserId = await createInvitation(trx, {
      clinicId,
      role: 'admin',
      email: input.adminEmail,
      name: input.adminName,
      tokenHash: hashToken(secret),
      at: options.now,
      expiresAt,
      mail: {
        subject: `Set up ${input.name} on Lamina`,
        body: `Hello ${input.adminName}, ${input.name} is ready on Lamina and you are its first admin. Open this link to set your password: ${link} . It works once, for ${setupLinkDays} days.`,
      },
    });
    await recordAudit(trx, {
      clinicId,
      actor: null,
      action: 'clinic.create',
      subjectType: 'clinic',
      subjectId: clinicId,
      ip: options.ip ?? null,
      details: { via: options.via, adminUserId },
    });
    return { clinicId, adminUserId, token, link, expiresAt };
  });
}
