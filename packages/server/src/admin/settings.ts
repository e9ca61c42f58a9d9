import { promInstrumentIds } from '@lamina/pathway';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { clinicSettings, setLicensedInstruments } from './store.ts';

export const clinicSettingsSchema = z.strictObject({
  /** PROM instruments the clinic holds a licence for (ODI needs one before Lamina offers it). */
  licensedInstruments: z.array(z.enum(promInstrumentIds)).max(promInstrumentIds.length * 2),
});

async function read(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  return c.json(await clinicSettings(c.get('deps').db, actor.clinicId));
}

async function update(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const input = await readJson(c, clinicSettingsSchema);
  const licensedInstruments = [...new Set(input.licensedInstruments)].sort();
  const { db } = c.get('deps');
  await db.transaction().execute(async (trx) => {
    const before = await clinicSettings(trx, actor.clinicId);
    await setLicensedInstruments(trx, actor.clinicId, licensedInstruments);
    await recordAudit(trx, {
      clinicId: actor.clinicId,
      actor,
      action: 'clinic.settings-update',
      subjectType: 'clinic',
      subjectId: actor.clinicId,
      ip: c.get('ip'),
      details: { before, after: { licensedInstruments } },
    });
  });
  return c.json({ licensedInstruments });
}

export const settingsRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/clinic/settings',
    summary: "The clinic's settings: which PROM instruments it holds a licence for",
    access: 'admins (their own clinic)',
    handler: read,
  },
  {
    method: 'put',
    path: '/api/clinic/settings',
    summary: "Replace the clinic's settings",
    access: 'admins (their own clinic)',
    body: clinicSettingsSchema,
    handler: update,
  },
];
