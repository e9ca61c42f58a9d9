import { type ClinicProfile, clinicProfileDto } from '@lamina/contract';
import { z } from 'zod';
import { auditedClinicChange } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { invalidField, notFound } from '../http/problem.ts';
import { e164Phone } from '../messaging/phone.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { languageSchema, timeZoneSchema } from './create.ts';
import { maxLogoBytes, sniffLogo } from './logo.ts';

/**
 * The clinic profile in console Settings: name, phone line, emergency number, time zone, default
 * language, logo. Opening hours keep their own route (PUT /api/clinic/hours). Same pattern as the
 * other settings: strict validation, the change and its before/after in the audit log.
 */
export const clinicProfileSchema = z.strictObject({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  /** The clinic's phone line, in E.164 (null removes it). */
  phone: e164Phone.nullable(),
  /** The local emergency number for tap-to-call (911 in the US). */
  emergencyNumber: z
    .string()
    .trim()
    .regex(/^[0-9]{2,6}$/, 'must be a short emergency number, like 911 or 112'),
  timeZone: timeZoneSchema,
  defaultLanguage: languageSchema,
});

export const clinicLogoSchema = z.strictObject({
  /** The image file, base64. PNG or JPEG, at most 200 KB; SVG is refused. */
  imageBase64: z.string().max(Math.ceil((maxLogoBytes * 4) / 3) + 8, 'must be at most 200 KB'),
});

async function profileOf(c: AppContext, clinicId: string): Promise<ClinicProfile> {
  const row = await c
    .get('deps')
    .db.selectFrom('clinics')
    .select([
      'name',
      'slug',
      'phone',
      'emergency_number',
      'timezone',
      'default_language',
      'logo_type',
    ])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return {
    name: row.name,
    slug: row.slug,
    phone: row.phone,
    emergencyNumber: row.emergency_number,
    timeZone: row.timezone,
    defaultLanguage: row.default_language,
    logoUrl: row.logo_type ? `/api/public/${row.slug}/logo` : null,
  };
}

async function read(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  return c.json(await profileOf(c, actor.clinicId));
}

async function update(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const input = await readJson(c, clinicProfileSchema);
  await auditedClinicChange(c, actor.clinicId, 'clinic.profile-update', async (trx) => {
    const before = await trx
      .selectFrom('clinics')
      .select(['name', 'phone', 'emergency_number', 'timezone', 'default_language'])
      .where('id', '=', actor.clinicId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('clinics')
      .set({
        name: input.name,
        phone: input.phone,
        emergency_number: input.emergencyNumber,
        timezone: input.timeZone,
        default_language: input.defaultLanguage,
      })
      .where('id', '=', actor.clinicId)
      .execute();
    return {
      before: {
        name: before.name,
        phone: before.phone,
        emergencyNumber: before.emergency_number,
        timeZone: before.timezone,
        defaultLanguage: before.default_language,
      },
      after: input,
    };
  });
  return c.json(await profileOf(c, actor.clinicId));
}

const badLogo = (detail: string) => invalidField('imageBase64', detail, detail);

async function setLogo(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const { imageBase64 } = await readJson(c, clinicLogoSchema);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(imageBase64))
    throw badLogo('must be the image file in base64');
  const bytes = new Uint8Array(Buffer.from(imageBase64, 'base64'));
  if (bytes.length === 0) throw badLogo('is empty');
  if (bytes.length > 200 * 1024) throw badLogo('must be at most 200 KB');
  const type = sniffLogo(bytes);
  if (!type) throw badLogo('must be a PNG or JPEG image (SVG and other files are not accepted)');
  await auditedClinicChange(c, actor.clinicId, 'clinic.logo-update', async (trx) => {
    await trx
      .updateTable('clinics')
      .set({ logo: bytes, logo_type: type })
      .where('id', '=', actor.clinicId)
      .execute();
    return { type, bytes: bytes.length };
  });
  return c.json(await profileOf(c, actor.clinicId));
}

/** The logo for the patient app header and the sign-in screen: public, like the clinic's name. */
async function logo(c: AppContext) {
  const slug = c.req.param('clinicSlug') ?? '';
  const row = await c
    .get('deps')
    .db.selectFrom('clinics')
    .select(['logo', 'logo_type'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!row?.logo || !row.logo_type) throw notFound('This logo');
  c.header('content-type', row.logo_type);
  c.header('content-security-policy', "default-src 'none'");
  c.header('cache-control', 'public, max-age=300');
  return c.body(new Uint8Array(row.logo));
}

export const profileRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/clinic/profile',
    summary:
      "The clinic's profile: name, phone line, emergency number, time zone, default language, logo",
    access: 'admins (their own clinic)',
    response: clinicProfileDto,
    audit: 'none',
    handler: read,
  },
  {
    method: 'put',
    path: '/api/clinic/profile',
    summary: "Replace the clinic's profile",
    access: 'admins (their own clinic)',
    body: clinicProfileSchema,
    response: clinicProfileDto,
    audit: { actions: ['clinic.profile-update'] },
    handler: update,
  },
  {
    method: 'put',
    path: '/api/clinic/logo',
    summary: "Replace the clinic's logo (PNG or JPEG, at most 200 KB; SVG is refused)",
    access: 'admins (their own clinic)',
    body: clinicLogoSchema,
    response: clinicProfileDto,
    audit: { actions: ['clinic.logo-update'] },
    handler: setLogo,
  },
  {
    method: 'get',
    path: '/api/public/:clinicSlug/logo',
    summary: "The clinic's logo image",
    access: 'anyone',
    success: { status: 200, description: 'The image', contentType: 'image/png' },
    response: null,
    audit: 'none',
    handler: logo,
  },
];
