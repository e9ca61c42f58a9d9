import { randomUUID } from 'node:crypto';
import { cdsCardsDto, cdsDiscoveryDto } from '@lamina/contract';
import { daysBetween, type IsoDate, localDate } from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { readJson, uuidParam } from '../http/context.ts';
import { HttpProblem } from '../http/problem.ts';
import { publicLink } from '../http/public-url.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import { currentSurgery } from '../patients/store.ts';
import { covers, parseScope } from './scopes.ts';
import { OAuthError, useJti, verifyClientJwt } from './smart.ts';

/**
 * CDS Hooks (issue 18): a `patient-view` service whose card tells the EHR user the patient's day
 * after surgery, their open alerts and whether they are on their expected course, with a link to
 * the console's patient page. The EHR authenticates with the JWT CDS Hooks defines (client id in
 * `sub`, the service URL in `aud`), signed by a client registered for SMART Backend Services.
 */
export const serviceId = 'lamina-recovery';

const hookRequest = z.looseObject({
  hookInstance: z.string().max(200),
  hook: z.literal('patient-view'),
  fhirServer: z.string().max(2000).optional(),
  context: z.looseObject({
    userId: z.string().max(200).optional(),
    patientId: z.string().max(200),
  }),
  prefetch: z
    .looseObject({
      patient: z
        .looseObject({
          resourceType: z.literal('Patient'),
          identifier: z
            .array(z.looseObject({ system: z.string().optional(), value: z.string().optional() }))
            .optional(),
        })
        .nullable()
        .optional(),
    })
    .optional(),
});

function discovery(c: AppContext) {
  return c.json({
    services: [
      {
        hook: 'patient-view',
        id: serviceId,
        title: 'Lamina recovery status',
        description:
          'Day after spinal decompression surgery, open alerts and whether the recovery is on its expected course, from what the patient reports in Lamina.',
        prefetch: { patient: 'Patient/{{context.patientId}}' },
        usageRequirements:
          'Register the EHR as a FHIR system client in Lamina (Settings) with system/Patient.rs and system/Flag.rs.',
      },
    ],
  });
}

const levelRank: Record<string, number> = { emergency: 3, urgent: 2, contact: 1 };

async function patientView(c: AppContext) {
  const { db, now } = c.get('deps');
  const url = c.get('deps').publicUrl;
  const serviceUrl = `${url.origin}${url.pathname.replace(/\/$/, '')}/cds-services/${serviceId}`;
  const header = c.req.header('authorization') ?? '';
  const jwt = /^Bearer (\S+)$/.exec(header)?.[1];
  if (!jwt)
    throw new HttpProblem(
      401,
      'Not signed in',
      'Send the CDS Hooks JWT as "Authorization: Bearer <jwt>".',
    );
  let verified: Awaited<ReturnType<typeof verifyClientJwt>>;
  try {
    verified = await verifyClientJwt(db, jwt, {
      audience: serviceUrl,
      now: now(),
      clientIn: 'sub',
    });
  } catch (error) {
    if (error instanceof OAuthError) throw new HttpProblem(401, 'Not signed in', error.message);
    throw error;
  }
  const { named, client, payload } = verified;
  const allowed = client.scopes.map(parseScope).filter((s) => s !== undefined);
  const needs = ['system/Patient.r', 'system/Flag.r']
    .map((s) => parseScope(s))
    .filter((s) => s !== undefined);
  if (!needs.every((need) => allowed.some((have) => covers(have, need))))
    throw new HttpProblem(
      403,
      'Not allowed',
      'This client is not allowed to read patients and alerts.',
    );
  if (!(await useJti(db, named, String(payload.jti), new Date((payload.exp ?? 0) * 1000))))
    throw new HttpProblem(401, 'Not signed in', 'This JWT was already used (jti replay).');

  // The body as every JSON route reads it: safe text, shallow, then the hook's schema (400 naming the field).
  const request = await readJson(c, hookRequest);
  const clinicId = named.clinicId;

  // The patient: Lamina's id (kept by an EHR that enrolled through FHIR) or the prefetched Patient's MRN.
  const id = request.context.patientId;
  const mrns = (request.prefetch?.patient?.identifier ?? [])
    .map((i) => i.value)
    .filter((v): v is string => !!v);
  const patient = await db
    .selectFrom('patients')
    .select(['id', 'timezone'])
    .where('clinic_id', '=', clinicId)
    .where((eb) => {
      const any = [];
      if (uuidParam.safeParse(id).success) any.push(eb('id', '=', id));
      if (mrns.length > 0) any.push(eb('mrn', 'in', mrns));
      return any.length ? eb.or(any) : eb.val(false);
    })
    .executeTakeFirst();
  if (!patient) return c.json({ cards: [] });
  const surgery = await currentSurgery(db, clinicId, patient.id);
  const alerts = await db
    .selectFrom('alerts')
    .select(['level', 'off_track'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patient.id)
    .where('status', '!=', 'resolved')
    .execute();
  const last = await db
    .selectFrom('checkins')
    .select(['triage', 'received_at'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patient.id)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  await audit(c, {
    clinicId,
    actor: null,
    action: 'cds.patient-view',
    subjectType: 'patient',
    subjectId: patient.id,
    patientId: patient.id,
    details: { smartClientId: named.id },
  });

  const today: IsoDate = localDate(surgery?.timeZone ?? 'UTC', now());
  const day = surgery ? daysBetween(surgery.surgery.surgeryDate, today) : null;
  const offTrack =
    alerts.some((a) => a.off_track) ||
    (last?.triage as { offTrack?: boolean } | null)?.offTrack === true;
  const worst = alerts.reduce((max, a) => Math.max(max, levelRank[a.level] ?? 0), 0);
  const what = surgery ? `${surgery.surgery.region} ${surgery.surgery.procedure}` : 'surgery';
  const when =
    day === null
      ? 'No surgery on record'
      : day >= 0
        ? `Day ${day} after ${what}`
        : `${-day} days before ${what}`;
  const course = surgery?.cancelledAt
    ? 'surgery cancelled'
    : offTrack
      ? 'off expected course'
      : 'on expected course';
  const open =
    alerts.length === 0
      ? 'no open alerts'
      : `${alerts.length} open alert${alerts.length === 1 ? '' : 's'}`;
  const indicator = worst >= 2 ? 'critical' : alerts.length > 0 || offTrack ? 'warning' : 'info';
  const summary = `${when}: ${course}, ${open}`.slice(0, 140);
  const detail = [
    `**${when}** (Lamina).`,
    `- Recovery: ${course}.`,
    `- Open alerts: ${alerts.length === 0 ? 'none' : alerts.map((a) => a.level).join(', ')}.`,
    `- Last check-in: ${last ? last.received_at.toISOString().slice(0, 10) : 'none yet'}.`,
    '',
    'From what the patient reports in Lamina; it is not a diagnosis.',
  ].join('\n');
  return c.json({
    cards: [
      {
        uuid: randomUUID(),
        summary,
        detail,
        indicator,
        source: { label: 'Lamina', url: publicLink(c.get('deps'), '/console') },
        links: [
          {
            label: 'Open the patient in Lamina',
            url: publicLink(c.get('deps'), `/console/patients/${patient.id}`),
            type: 'absolute',
          },
        ],
      },
    ],
  });
}

export const cdsHooks = documentedRoutes([
  {
    method: 'get',
    path: '/cds-services',
    summary: 'CDS Hooks discovery: the patient-view service',
    access: callers.anyone,
    response: cdsDiscoveryDto,
    audit: 'none',
    handler: discovery,
  },
  {
    method: 'post',
    path: `/cds-services/${serviceId}`,
    summary:
      'CDS Hooks patient-view: a card with the day after surgery, open alerts and the expected course',
    access:
      'an EHR registered as a FHIR system client (CDS Hooks JWT: client id in sub) with Patient and Flag read',
    response: cdsCardsDto,
    audit: {
      actions: ['cds.patient-view'],
      when: 'when the patient is found (an unknown patient gets no cards and no audit row)',
    },
    handler: patientView,
  },
]);
