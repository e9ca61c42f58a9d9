import { clinicSettingsDto } from '@lamina/contract';
import { promInstrumentIds } from '@lamina/pathway';
import { z } from 'zod';
import { auditedClinicChange } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { clinicSettings, setClinicContact, setLicensedInstruments } from './store.ts';

export const clinicSettingsSchema = z.strictObject({
  /** PROM instruments the clinic holds a licence for (ODI needs one before Lamina offers it). */
  licensedInstruments: z.array(z.enum(promInstrumentIds)).max(promInstrumentIds.length * 2),
  /** The clinic's phone line, shown on the patient's urgent screen (null removes it). */
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() .-]{3,30}$/, 'must be a phone number')
    .nullable()
    .optional(),
  /** The local emergency number for tap-to-call (911 in the US). */
  emergencyNumber: z
    .string()
    .trim()
    .regex(/^[0-9+]{2,15}$/, 'must be digits, like 911 or 112')
    .optional(),
});

async function read(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  return c.json(await clinicSettings(c.get('deps').db, actor.clinicId));
}

async function update(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const input = await readJson(c, clinicSettingsSchema);
  const licensedInstruments = [...new Set(input.licensedInstruments)].sort();
  await auditedClinicChange(c, actor.clinicId, 'clinic.settings-update', async (trx) => {
    const before = await clinicSettings(trx, actor.clinicId);
    await setLicensedInstruments(trx, actor.clinicId, licensedInstruments);
    await setClinicContact(trx, actor.clinicId, {
      phone: input.phone,
      emergencyNumber: input.emergencyNumber,
    });
    return {
      before,
      after: { licensedInstruments, phone: input.phone, emergencyNumber: input.emergencyNumber },
    };
  });
  return c.json(await clinicSettings(c.get('deps').db, actor.clinicId));
}

export const settingsRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/clinic/settings',
    summary:
      "The clinic's settings: PROM instrument licences, its phone line and the local emergency number",
    access: 'admins (their own clinic)',
    response: clinicSettingsDto,
    audit: 'none',
    handler: read,
  },
  {
    method: 'put',
    path: '/api/clinic/settings',
    summary: "Replace the clinic's settings",
    access: 'admins (their own clinic)',
    body: clinicSettingsSchema,
    response: clinicSettingsDto,
    audit: { actions: ['clinic.settings-update'] },
    handler: update,
  },
];
