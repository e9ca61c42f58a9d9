import { type AlertSettings, alertSettingsDto } from '@lamina/contract';
import { z } from 'zod';
import { auditedClinicChange } from '../audit/audit.ts';
import { onClinicRef } from '../db/joins.ts';
import type { AppContext } from '../http/context.ts';
import { readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { invalidField } from '../http/problem.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { ackDeadlinesSchema, resolveAckDeadlines } from './deadlines.ts';

export const alertSettingsSchema = z.strictObject({
  ackDeadlines: ackDeadlinesSchema,
  /** Staff user ids, first called first, when an alert is not acknowledged in time. */
  onCall: z.array(z.uuid()).max(20),
});

/** What PUT answers: the deadlines and the on-call list as ids, as sent. */
export const alertSettingsSavedDto = z.strictObject({
  ackDeadlines: alertSettingsDto.shape.ackDeadlines,
  onCall: z.array(z.uuid()),
});

/** GET/PUT /api/clinic/alert-settings: acknowledgement deadlines and the on-call list (admins set them). */
async function read(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const { db } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select('ack_deadlines')
    .where('id', '=', actor.clinicId)
    .executeTakeFirstOrThrow();
  const onCall = await db
    .selectFrom('on_call as o')
    .innerJoin('users as u', (join) => onClinicRef(join, 'u.id', 'o.user_id'))
    .select(['o.position', 'u.id', 'u.display_name', 'u.role'])
    .where('o.clinic_id', '=', actor.clinicId)
    .orderBy('o.position')
    .execute();
  return c.json({
    ackDeadlines: resolveAckDeadlines(clinic.ack_deadlines),
    onCall: onCall.map((o) => ({
      position: o.position,
      id: o.id,
      displayName: o.display_name,
      role: o.role,
    })),
  } satisfies AlertSettings);
}

async function replace(c: AppContext) {
  const actor = authorizeClinic(c, 'invite-staff');
  const input = await readJson(c, alertSettingsSchema);
  const { db } = c.get('deps');
  if (new Set(input.onCall).size !== input.onCall.length) {
    throw invalidField('onCall', 'has a duplicate', 'A person is on the on-call list twice.');
  }
  const staff = input.onCall.length
    ? await db
        .selectFrom('users')
        .select(['id', 'role'])
        .where('clinic_id', '=', actor.clinicId)
        .where('id', 'in', input.onCall)
        .where('disabled_at', 'is', null)
        .execute()
    : [];
  const bad = input.onCall.filter(
    (id) => !staff.some((s) => s.id === id && s.role !== 'patient' && s.role !== 'reviewer'),
  );
  if (bad.length > 0) {
    throw invalidField(
      'onCall',
      `not a care-team member here: ${bad.join(', ')}`,
      'Only active care managers, clinicians and admins of this clinic can be on call.',
    );
  }
  await auditedClinicChange(c, actor.clinicId, 'clinic.alert-settings', async (trx) => {
    await trx
      .updateTable('clinics')
      .set({ ack_deadlines: JSON.stringify(input.ackDeadlines) })
      .where('id', '=', actor.clinicId)
      .execute();
    await trx.deleteFrom('on_call').where('clinic_id', '=', actor.clinicId).execute();
    if (input.onCall.length > 0) {
      await trx
        .insertInto('on_call')
        .values(
          input.onCall.map((userId, index) => ({
            clinic_id: actor.clinicId,
            position: index + 1,
            user_id: userId,
          })),
        )
        .execute();
    }
    return input;
  });
  return c.json({ ackDeadlines: resolveAckDeadlines(input.ackDeadlines), onCall: input.onCall });
}

export const alertSettings = documentedRoutes([
  {
    method: 'get',
    path: '/api/clinic/alert-settings',
    summary: 'Alert acknowledgement deadlines and the on-call list',
    access: callers.staff,
    response: alertSettingsDto,
    audit: 'none',
    handler: read,
  },
  {
    method: 'put',
    path: '/api/clinic/alert-settings',
    summary: 'Replace the acknowledgement deadlines and the on-call list',
    access: callers.admins,
    body: alertSettingsSchema,
    response: alertSettingsSavedDto,
    audit: { actions: ['clinic.alert-settings'] },
    handler: replace,
  },
]);
