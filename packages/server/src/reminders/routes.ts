import {
  type AlertEmails,
  alertEmailsDto,
  type CalendarFeed,
  calendarFeedDto,
  calendarFeedRevokedDto,
  type PatientTimeZone,
  type PushSubscriptionState,
  patientTimeZoneDto,
  pushSubscriptionDto,
  type ReminderPrefsAnswer,
  type ReminderState,
  reminderPrefsAnswerDto,
  reminderSettingsDto,
  reminderSettingsSavedDto,
  reminderStateDto,
  type WorklistEntryDto,
  worklistAcknowledgedDto,
  worklistDto,
} from '@lamina/contract';
import {
  defaultReminderSettings,
  promTimepoints,
  promWindow,
  reminderChannels,
  reminderFollowUps,
  reminderSettingsSchema,
} from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit, auditedClinicChange } from '../audit/audit.ts';
import { patientExists } from '../auth/access-store.ts';
import { timeZoneSchema } from '../clinics/create.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson, uuidParam } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { notFound } from '../http/problem.ts';
import { vapidKeys } from '../messaging/push.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import { setPatientPreference } from '../patients/preference.ts';
import { currentSurgery } from '../patients/store.ts';
import { calendar } from './ics.ts';
import { calendarPath, hashLinkToken, newLinkToken, reminderLink } from './links.ts';
import { resolveReminderPrefs, resolveReminderSettings } from './run.ts';
import { acknowledgeWorklist, worklist } from './worklist.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 h)');

export const reminderPrefsBodySchema = z.strictObject({
  channels: z.array(z.enum(reminderChannels)).max(3),
  paused: z.boolean(),
  quietHours: z.strictObject({ start: clock, end: clock }).nullable(),
});

export const pushSubscriptionSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https$/ }).max(2000),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'a base64url P-256 public key'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, 'a base64url auth secret'),
  }),
});
export const pushUnsubscribeSchema = z.strictObject({ endpoint: z.string().max(2000) });
export const emptySchema = z.strictObject({});
export const worklistAckSchema = z.strictObject({
  reason: z.enum(['missed-checkins', 'after-alert']),
});

/** The patient's saved reminder choices (none: the defaults, `resolveReminderPrefs`). */
const prefsQuery = (db: Kysely<Database>, clinicId: string, patientId: string) =>
  db
    .selectFrom('reminder_prefs')
    .select(['channels', 'paused', 'quiet_start', 'quiet_end'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId);

async function readPrefs(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const { db } = c.get('deps');
  const row = await prefsQuery(db, actor.clinicId, patientId).executeTakeFirst();
  const subs = await db
    .selectFrom('push_subscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', actor.clinicId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  const sends = await db
    .selectFrom('reminder_sends')
    .select(['local_date', 'channel', 'status', 'created_at'])
    .where('clinic_id', '=', actor.clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return c.json({
    prefs: resolveReminderPrefs(row ?? null),
    pushDevices: Number(subs?.n ?? 0),
    vapidPublicKey: (await vapidKeys(db, actor.clinicId)).publicKey,
    recentSends: sends.map((s) => ({
      localDate: s.local_date,
      channel: s.channel,
      status: s.status,
      at: s.created_at.toISOString(),
    })),
  } satisfies ReminderState);
}

/**
 * The audit entry of a change to a patient's reminders or worklist entry: no endpoint, key or feed
 * token in it (they are secrets).
 */
const reminderAudit = (action: string, patientId: string, details?: Record<string, unknown>) => ({
  action,
  subjectType: 'patient',
  subjectId: patientId,
  patientId,
  ...(details ? { details } : {}),
});

async function writePrefs(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'manage-reminders');
  const body = await readJson(c, reminderPrefsBodySchema);
  const { db, now } = c.get('deps');
  const values = {
    channels: [...new Set(body.channels)],
    paused: body.paused,
    quiet_start: body.quietHours?.start ?? null,
    quiet_end: body.quietHours?.end ?? null,
    updated_at: now(),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reminder_prefs')
      .values({ clinic_id: actor.clinicId, patient_id: patientId, ...values })
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id']).doUpdateSet(values))
      .execute();
    await audit(
      c,
      reminderAudit('reminders.prefs', patientId, {
        channels: values.channels,
        paused: values.paused,
      }),
      trx,
    );
  });
  return c.json({ prefs: resolveReminderPrefs(values) } satisfies ReminderPrefsAnswer);
}

async function subscribePush(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'manage-reminders');
  const body = await readJson(c, pushSubscriptionSchema);
  const { db } = c.get('deps');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('push_subscriptions')
      .values({
        clinic_id: actor.clinicId,
        patient_id: patientId,
        endpoint: body.endpoint,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
      })
      .onConflict((oc) =>
        oc.columns(['clinic_id', 'endpoint']).doUpdateSet({
          patient_id: patientId,
          p256dh: body.keys.p256dh,
          auth: body.keys.auth,
        }),
      )
      .execute();
    await audit(c, reminderAudit('reminders.push.subscribe', patientId), trx);
  });
  return c.json({ subscribed: true } satisfies PushSubscriptionState, 201);
}

async function unsubscribePush(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'manage-reminders');
  const body = await readJson(c, pushUnsubscribeSchema);
  const { db } = c.get('deps');
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('push_subscriptions')
      .where('clinic_id', '=', actor.clinicId)
      .where('patient_id', '=', patientId)
      .where('endpoint', '=', body.endpoint)
      .executeTakeFirst();
    // Nothing removed (another device's endpoint, or already gone): nothing changed to audit.
    if (Number(removed.numDeletedRows) > 0)
      await audit(c, reminderAudit('reminders.push.unsubscribe', patientId), trx);
  });
  return c.json({ subscribed: false } satisfies PushSubscriptionState);
}

/** The patient's language and time zone with their clinic's name and time zone (undefined: none). */
const patientAndClinic = (db: Kysely<Database>, clinicId: string, patientId: string) =>
  db
    .selectFrom('patients as p')
    .innerJoin('clinics as k', 'k.id', 'p.clinic_id')
    .select(['p.language', 'p.timezone', 'k.name', 'k.timezone as clinic_timezone'])
    .where('p.clinic_id', '=', clinicId)
    .where('p.id', '=', patientId)
    .executeTakeFirst();

/** Visits and questionnaire dates of the current surgery, in the patient's language. */
async function calendarFor(c: AppContext, clinicId: string, patientId: string) {
  const { db, now } = c.get('deps');
  const record = await currentSurgery(db, clinicId, patientId);
  const patient = record && (await patientAndClinic(db, clinicId, patientId));
  const es = patient?.language === 'es';
  const events = [];
  if (record && patient && record.cancelledAt === null) {
    const { surgeryDate } = record.surgery;
    for (const v of reminderFollowUps(record.surgery, record.overrides.followUps)) {
      events.push({
        uid: `${record.id}-${v.id}@lamina`,
        date: v.date,
        summary: es
          ? `${v.booked ? 'Cita de control' : 'Pedir cita de control (fecha aproximada)'}: ${v.title}`
          : `${v.booked ? 'Follow-up visit' : 'Book your follow-up visit (about this date)'}: ${v.title}`,
        description: `${patient.name}`,
      });
    }
    for (const t of promTimepoints.filter((p) => p.id !== 'baseline')) {
      const w = promWindow(surgeryDate, t);
      events.push({
        uid: `${record.id}-prom-${t.id}@lamina`,
        date: w.opens,
        summary: es
          ? `Cuestionario de recuperación (${t.id})`
          : `Recovery questionnaire: ${t.label}`,
        description: es ? `Abierto hasta el ${w.closes}.` : `Open until ${w.closes}.`,
      });
    }
  }
  return calendar(es ? 'Lamina: mis citas' : 'Lamina: my visits', events, now());
}

async function downloadIcs(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  const body = await calendarFor(c, actor.clinicId, patientId);
  return c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'attachment; filename="lamina.ics"',
  });
}

/** Ends the patient's open calendar feed (at most one); how many ended. */
async function revokeOpenFeeds(
  trx: Kysely<Database>,
  clinicId: string,
  patientId: string,
  at: Date,
): Promise<number> {
  const result = await trx
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function newFeed(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'manage-reminders');
  await readJson(c, emptySchema);
  const { db, now } = c.get('deps');
  const { token, hash } = newLinkToken();
  await db.transaction().execute(async (trx) => {
    await revokeOpenFeeds(trx, actor.clinicId, patientId, now());
    await trx
      .insertInto('calendar_feeds')
      .values({
        clinic_id: actor.clinicId,
        token_hash: hash,
        patient_id: patientId,
        revoked_at: null,
      })
      .execute();
    await audit(c, reminderAudit('reminders.calendar-feed.create', patientId), trx);
  });
  const url = reminderLink(c.get('deps').publicUrl, calendarPath(actor.clinicId, token));
  return c.json({ url } satisfies CalendarFeed, 201);
}

async function revokeFeed(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'manage-reminders');
  const { db, now } = c.get('deps');
  await db.transaction().execute(async (trx) => {
    // No open feed: nothing changed to audit.
    if ((await revokeOpenFeeds(trx, actor.clinicId, patientId, now())) > 0)
      await audit(c, reminderAudit('reminders.calendar-feed.revoke', patientId), trx);
  });
  return c.json({ revoked: true as const });
}

async function feed(c: AppContext) {
  const clinicId = uuidParam.safeParse(c.req.param('clinicId'));
  const file = /^([A-Za-z0-9_-]{43})\.ics$/.exec(c.req.param('file') ?? '');
  if (!clinicId.success || !file?.[1]) throw notFound('This calendar');
  const { db, now } = c.get('deps');
  const row = await db
    .selectFrom('calendar_feeds')
    .select(['patient_id'])
    .where('clinic_id', '=', clinicId.data)
    .where('token_hash', '=', hashLinkToken(file[1]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('This calendar');
  const body = await calendarFor(c, clinicId.data, row.patient_id);
  // The feed shows surgery and visit dates, so its reads are audited — once a day per patient (a
  // patient has one open feed), as calendar apps poll every few hours; a leaked address still
  // leaves a daily trail.
  const readToday = await db
    .selectFrom('audit_log')
    .select('id')
    .where('clinic_id', '=', clinicId.data)
    .where('patient_id', '=', row.patient_id)
    .where('at', '>', new Date(now().getTime() - 86_400_000))
    .where('action', '=', 'reminders.calendar-feed.read')
    .limit(1)
    .executeTakeFirst();
  if (!readToday)
    await audit(c, {
      clinicId: clinicId.data,
      actor: null,
      ...reminderAudit('reminders.calendar-feed.read', row.patient_id),
    });
  return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8' });
}

const stopWords = {
  en: {
    ask: 'Stop reminders by {channel}?',
    button: 'Stop reminders',
    done: 'Done: you will get no more reminders by {channel}. You can turn them back on in the Lamina app.',
  },
  es: {
    ask: '¿Dejar de recibir recordatorios por {channel}?',
    button: 'Dejar de recibir recordatorios',
    done: 'Listo: no recibirá más recordatorios por {channel}. Puede volver a activarlos en la app Lamina.',
  },
};

async function findStop(c: AppContext) {
  const clinicId = uuidParam.safeParse(c.req.param('clinicId'));
  const token = c.req.param('token') ?? '';
  if (!clinicId.success || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('This link');
  const { db } = c.get('deps');
  const send = await db
    .selectFrom('reminder_sends as r')
    .innerJoin('patients as p', (j) =>
      j.onRef('p.clinic_id', '=', 'r.clinic_id').onRef('p.id', '=', 'r.patient_id'),
    )
    .select(['r.patient_id', 'r.channel', 'p.language'])
    .where('r.clinic_id', '=', clinicId.data)
    .where('r.stop_token_hash', '=', hashLinkToken(token))
    .executeTakeFirst();
  if (!send) throw notFound('This link');
  const lang = send.language === 'es' ? 'es' : 'en';
  /** A sentence of the stop page in the patient's language, with the channel's name in it. */
  const say = (text: string) => text.replace('{channel}', send.channel === 'sms' ? 'SMS' : 'email');
  return { clinicId: clinicId.data, ...send, lang, words: stopWords[lang], say } as const;
}

function page(lang: 'en' | 'es', body: string) {
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Lamina</title><body style="font:18px system-ui;max-width:32rem;margin:2rem auto;padding:0 1rem">${body}</body></html>`;
}

/** GET shows a button (mail scanners follow links; they must not stop anything). */
async function stopPage(c: AppContext) {
  const s = await findStop(c);
  return c.html(
    page(
      s.lang,
      `<p>${s.say(s.words.ask)}</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${s.words.button}</button></form>`,
    ),
  );
}

/** POST stops the channel: the RFC 8058 one-click POST from the mail client and the page's button. */
async function stop(c: AppContext) {
  const s = await findStop(c);
  const { db, now } = c.get('deps');
  await db.transaction().execute(async (trx) => {
    const current = await prefsQuery(trx, s.clinicId, s.patient_id).forUpdate().executeTakeFirst();
    const prefs = resolveReminderPrefs(current ?? null);
    const channels = prefs.channels.filter((ch) => ch !== s.channel);
    await trx
      .insertInto('reminder_prefs')
      .values({
        clinic_id: s.clinicId,
        patient_id: s.patient_id,
        channels,
        paused: prefs.paused,
        quiet_start: prefs.quietHours?.start ?? null,
        quiet_end: prefs.quietHours?.end ?? null,
        updated_at: now(),
      })
      .onConflict((oc) =>
        oc.columns(['clinic_id', 'patient_id']).doUpdateSet({ channels, updated_at: now() }),
      )
      .execute();
    await audit(
      c,
      {
        clinicId: s.clinicId,
        actor: null,
        ...reminderAudit('reminders.stop-link', s.patient_id, { channel: s.channel }),
      },
      trx,
    );
  });
  return c.html(page(s.lang, `<p>${s.say(s.words.done)}</p>`));
}

/** The clinic's time zone and its reminder settings (the defaults where it has set none). */
async function clinicReminderSettings(db: Kysely<Database>, clinicId: string) {
  const clinic = await db
    .selectFrom('clinics')
    .select(['timezone', 'reminder_settings'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return {
    timeZone: clinic.timezone,
    settings: resolveReminderSettings(clinic.reminder_settings),
  };
}

async function readWorklist(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const { db, now } = c.get('deps');
  const clinic = await clinicReminderSettings(db, actor.clinicId);
  const entries = await worklist(db, actor.clinicId, clinic.timeZone, clinic.settings, now());
  // A staff read of patient data, audited once per look like the live queue (alert.queue).
  await audit(c, {
    action: 'worklist.read',
    subjectType: 'patient',
    details: { count: entries.length },
  });
  return c.json({
    entries: entries.map(
      (e): WorklistEntryDto => ({
        ...e,
        callLink: e.phone ? `tel:${e.phone.replace(/[^+\d]/g, '')}` : null,
      }),
    ),
  });
}

async function ackWorklist(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const patientId = pathId(c, 'patientId');
  const { db, now } = c.get('deps');
  if (!(await patientExists(db, actor.clinicId, patientId))) throw notFound('This patient');
  const { reason } = await readJson(c, worklistAckSchema);
  await db.transaction().execute(async (trx) => {
    await acknowledgeWorklist(
      trx,
      { clinicId: actor.clinicId, patientId, reason, userId: actor.userId },
      now(),
    );
    await audit(c, reminderAudit('worklist.acknowledge', patientId, { reason }), trx);
  });
  return c.json({ acknowledged: true });
}

export const alertEmailsSchema = z.strictObject({
  newUrgent: z.boolean(),
  escalations: z.boolean(),
});

async function readAlertEmails(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const { db } = c.get('deps');
  const row = await db
    .selectFrom('staff_notification_prefs')
    .select(['email_new_urgent', 'email_escalations'])
    .where('clinic_id', '=', actor.clinicId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return c.json({
    newUrgent: row?.email_new_urgent ?? false,
    escalations: row?.email_escalations ?? true,
  } satisfies AlertEmails);
}

async function writeAlertEmails(c: AppContext) {
  const actor = authorizeClinic(c, 'view-triage-queue');
  const body = await readJson(c, alertEmailsSchema);
  const { db, now } = c.get('deps');
  const values = {
    email_new_urgent: body.newUrgent,
    email_escalations: body.escalations,
    updated_at: now(),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff_notification_prefs')
      .values({ clinic_id: actor.clinicId, user_id: actor.userId, ...values })
      .onConflict((oc) => oc.columns(['clinic_id', 'user_id']).doUpdateSet(values))
      .execute();
    await audit(
      c,
      {
        action: 'staff.alert-emails',
        subjectType: 'user',
        subjectId: actor.userId,
        details: body,
      },
      trx,
    );
  });
  return c.json(body);
}

async function readReminderSettings(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const { settings } = await clinicReminderSettings(c.get('deps').db, actor.clinicId);
  return c.json({ settings, defaults: defaultReminderSettings });
}

async function writeReminderSettings(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-clinic-settings');
  const settings = await readJson(c, reminderSettingsSchema);
  await auditedClinicChange(c, actor.clinicId, 'clinic.reminder-settings', async (trx) => {
    await trx
      .updateTable('clinics')
      .set({ reminder_settings: JSON.stringify(settings) })
      .where('id', '=', actor.clinicId)
      .execute();
    return settings;
  });
  return c.json({ settings });
}

/** The patient's own time zone for reminders; null: the clinic's. */
export const patientTimeZoneSchema = z.strictObject({ timeZone: timeZoneSchema.nullable() });

async function timeZoneOf(c: AppContext, clinicId: string, patientId: string) {
  const row = await patientAndClinic(c.get('deps').db, clinicId, patientId);
  if (!row) throw notFound('This patient');
  return {
    patientId,
    timeZone: row.timezone,
    clinicTimeZone: row.clinic_timezone,
  } satisfies PatientTimeZone;
}

async function readTimeZone(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read');
  return c.json(await timeZoneOf(c, actor.clinicId, patientId));
}

async function writeTimeZone(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'set-time-zone');
  const { timeZone } = await readJson(c, patientTimeZoneSchema);
  await setPatientPreference(
    c,
    { clinicId: actor.clinicId, patientId },
    { column: 'timezone', value: timeZone },
    'patient.time-zone-update',
  );
  return c.json(await timeZoneOf(c, actor.clinicId, patientId));
}

const patientOnly = 'The patient themselves.';
const patientOrTeam = 'The patient, or their care team.';

/** This device's Web Push subscription: registered (POST) and ended (DELETE) by the patient. */
const pushSubscriptionRoute = {
  path: '/api/patients/:patientId/push-subscriptions',
  access: patientOnly,
  response: pushSubscriptionDto,
} as const;

/** The stop link in a reminder: a page with a button (GET) and the one-click stop (POST). */
const stopLinkRoute = {
  path: '/r/stop/:clinicId/:token',
  access: 'Anyone holding the stop token.',
  success: { status: 200, description: 'A page', contentType: 'text/html' },
  response: null,
} as const;

/** A staff member's own alert-email choices, read and replaced whole. */
const alertEmailsRoute = {
  path: '/api/staff/me/alert-emails',
  access: 'Care managers, clinicians and admins (their own).',
  response: alertEmailsDto,
} as const;

export const reminders = documentedRoutes([
  {
    method: 'get',
    path: '/api/patients/:patientId/reminders',
    summary: 'Reminder settings, push key and recent sends',
    access: patientOrTeam,
    response: reminderStateDto,
    audit: 'none',
    handler: readPrefs,
  },
  {
    method: 'put',
    path: '/api/patients/:patientId/reminders',
    summary: 'Change channels, pause, quiet hours',
    access: patientOnly,
    body: reminderPrefsBodySchema,
    response: reminderPrefsAnswerDto,
    audit: { actions: ['reminders.prefs'] },
    handler: writePrefs,
  },
  {
    ...pushSubscriptionRoute,
    method: 'post',
    summary: 'Register this device for Web Push',
    body: pushSubscriptionSchema,
    success: { status: 201, description: 'Subscribed' },
    audit: { actions: ['reminders.push.subscribe'] },
    handler: subscribePush,
  },
  {
    ...pushSubscriptionRoute,
    method: 'delete',
    summary: 'Stop Web Push on this device',
    body: pushUnsubscribeSchema,
    audit: {
      actions: ['reminders.push.unsubscribe'],
      when: 'only when this device was subscribed',
    },
    handler: unsubscribePush,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/time-zone',
    summary: "The patient's time zone for reminders (null: the clinic's)",
    access: patientOrTeam,
    response: patientTimeZoneDto,
    audit: 'none',
    handler: readTimeZone,
  },
  {
    method: 'put',
    path: '/api/patients/:patientId/time-zone',
    summary: "Set the patient's time zone for reminders (null: the clinic's)",
    access: 'The patient; care managers and admins (their own clinic).',
    body: patientTimeZoneSchema,
    response: patientTimeZoneDto,
    audit: { actions: ['patient.time-zone-update'] },
    handler: writeTimeZone,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/calendar.ics',
    summary: 'Visits and questionnaire dates as an .ics file',
    access: patientOrTeam,
    success: { status: 200, description: 'iCalendar', contentType: 'text/calendar' },
    response: null,
    audit: 'none',
    handler: downloadIcs,
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/calendar-feed',
    summary: 'A new private calendar feed URL (revokes the old one)',
    access: patientOnly,
    body: emptySchema,
    success: { status: 201, description: 'The feed URL' },
    response: calendarFeedDto,
    audit: { actions: ['reminders.calendar-feed.create'] },
    handler: newFeed,
  },
  {
    method: 'delete',
    path: '/api/patients/:patientId/calendar-feed',
    summary: 'Revoke the calendar feed',
    access: patientOnly,
    response: calendarFeedRevokedDto,
    audit: { actions: ['reminders.calendar-feed.revoke'], when: 'only when a feed was open' },
    handler: revokeFeed,
  },
  {
    method: 'get',
    path: '/r/calendar/:clinicId/:file',
    summary: 'Private calendar feed (token in the URL)',
    access: 'Anyone holding the feed token.',
    success: { status: 200, description: 'iCalendar', contentType: 'text/calendar' },
    response: null,
    // Polled by the patient's calendar app every few hours; the token is theirs and revocable.
    audit: {
      actions: ['reminders.calendar-feed.read'],
      when: 'the first read of a feed in a day (calendar apps poll every few hours)',
    },
    handler: feed,
  },
  {
    ...stopLinkRoute,
    method: 'get',
    summary: 'Confirm stopping reminders on a channel',
    // Only shows a button (mail scanners follow links): nothing read beyond the channel's name.
    audit: 'none',
    handler: stopPage,
  },
  {
    ...stopLinkRoute,
    method: 'post',
    summary: 'One-click stop (RFC 8058)',
    audit: { actions: ['reminders.stop-link'] },
    handler: stop,
  },
  {
    method: 'get',
    path: '/api/worklist',
    summary: 'Patients not heard from',
    access: 'Care managers and clinicians.',
    response: worklistDto,
    audit: { actions: ['worklist.read'] },
    handler: readWorklist,
  },
  {
    method: 'get',
    path: '/api/clinic/reminder-settings',
    summary: 'Reminder cadence, quiet hours and worklist thresholds',
    access: 'Admins.',
    response: reminderSettingsDto,
    audit: 'none',
    handler: readReminderSettings,
  },
  {
    method: 'put',
    path: '/api/clinic/reminder-settings',
    summary: 'Change the reminder cadence, quiet hours and worklist thresholds',
    access: 'Admins.',
    body: reminderSettingsSchema,
    response: reminderSettingsSavedDto,
    audit: { actions: ['clinic.reminder-settings'] },
    handler: writeReminderSettings,
  },
  {
    ...alertEmailsRoute,
    method: 'get',
    summary: 'My alert-email choices',
    audit: 'none',
    handler: readAlertEmails,
  },
  {
    ...alertEmailsRoute,
    method: 'put',
    summary: 'Choose email for new urgent alerts and escalations',
    body: alertEmailsSchema,
    audit: { actions: ['staff.alert-emails'] },
    handler: writeAlertEmails,
  },
  {
    method: 'post',
    path: '/api/worklist/:patientId/acknowledge',
    summary: 'Acknowledge a worklist entry',
    access: 'Care managers and clinicians.',
    body: worklistAckSchema,
    response: worklistAcknowledgedDto,
    audit: { actions: ['worklist.acknowledge'] },
    handler: ackWorklist,
  },
]);
