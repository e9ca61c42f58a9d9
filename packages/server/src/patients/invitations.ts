import { randomBytes } from 'node:crypto';
import {
  type AppStatus,
  type AppStatusList,
  appStatusDto,
  appStatusListDto,
  type PatientInvitationRevoked,
  type PatientInvitationSent,
  patientInvitationOpenedDto,
  patientInvitationRevokedDto,
  patientInvitationSentDto,
} from '@lamina/contract';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic, authorizePatient } from '../http/guard.ts';
import { invalidField, notFound } from '../http/problem.ts';
import { publicLink } from '../http/public-url.ts';
import { queueEmail, queueSms } from '../jobs/outbox.ts';
import { toE164 } from '../messaging/phone.ts';
import { invitationEmail, invitationSms } from '../messaging/texts.ts';
import type { RouteSpec } from '../openapi/registry.ts';

/**
 * Inviting an enrolled patient to the app (issue 15). The link opens the app's sign-in screen with
 * the clinic and email filled in; the app then asks for a one-time code through the normal
 * sign-in flow. Tokens are single use, stored hashed, and expire; a resend revokes the earlier one.
 */
export const patientInvitationDays = 14;

export const inviteSchema = z.strictObject({ channel: z.enum(['email', 'sms']) });
export const revokeSchema = z.strictObject({});
export const openInvitationSchema = z.strictObject({
  token: z.string().trim().min(10).max(200),
});

/** One patient of the clinic with their app account (`users`, none before one is made). */
const patientWithAccount = (db: Kysely<Database>, clinicId: string, patientId: string) =>
  db
    .selectFrom('patients')
    .leftJoin('users', (join) =>
      join
        .onRef('users.clinic_id', '=', 'patients.clinic_id')
        .onRef('users.id', '=', 'patients.user_id'),
    )
    .where('patients.clinic_id', '=', clinicId)
    .where('patients.id', '=', patientId);

async function patientForInvite(db: Kysely<Database>, clinicId: string, patientId: string) {
  return patientWithAccount(db, clinicId, patientId)
    .innerJoin('clinics', 'clinics.id', 'patients.clinic_id')
    .select([
      'patients.given_name',
      'patients.email',
      'patients.phone',
      'patients.language',
      'users.email as user_email',
      'users.disabled_at',
      'clinics.name as clinic_name',
      'clinics.slug',
    ])
    .executeTakeFirst();
}

const invalidInput = (field: string, detail: string) => invalidField(field, detail, detail);

async function invite(c: AppContext, resend: boolean) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'invite');
  const { channel } = await readJson(c, inviteSchema);
  const { db, now, devLog } = c.get('deps');
  const patient = await patientForInvite(db, actor.clinicId, patientId);
  if (!patient) throw notFound('This patient');
  const signInEmail = patient.user_email ?? patient.email;
  if (!signInEmail || patient.disabled_at !== null)
    throw invalidInput(
      'patientId',
      'This patient has no active app account with an email address.',
    );
  const phone = channel === 'sms' ? patient.phone && toE164(patient.phone) : undefined;
  if (channel === 'sms' && !phone)
    throw invalidInput('channel', 'This patient has no valid mobile number for a text message.');
  const secret = randomBytes(16).toString('base64url');
  const token = `${patient.slug}.${secret}`;
  const link = publicLink(c.get('deps'), `/signin?invite=${token}`);
  const at = now();
  const expiresAt = new Date(at.getTime() + patientInvitationDays * 86_400_000);
  const invitationId = await db.transaction().execute(async (trx) => {
    // One open invitation per patient: a new one (or a resend) ends the earlier ones.
    await trx
      .updateTable('patient_invitations')
      .set({ revoked_at: at })
      .where('clinic_id', '=', actor.clinicId)
      .where('patient_id', '=', patientId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await trx
      .insertInto('patient_invitations')
      .values({
        clinic_id: actor.clinicId,
        patient_id: patientId,
        channel,
        sent_to: channel === 'sms' ? (phone as string) : signInEmail,
        token_hash: hashToken(secret),
        created_by: actor.userId,
        created_at: at,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (channel === 'sms')
      await queueSms(trx, {
        clinicId: actor.clinicId,
        to: phone as string,
        body: invitationSms(patient.language, { clinic: patient.clinic_name, link }),
        kind: 'patient_invitation',
      });
    else
      await queueEmail(trx, {
        clinicId: actor.clinicId,
        to: signInEmail,
        ...invitationEmail(patient.language, {
          clinic: patient.clinic_name,
          givenName: patient.given_name,
          link,
          days: patientInvitationDays,
        }),
        kind: 'patient_invitation',
      });
    await audit(
      c,
      {
        action: resend ? 'patient.invitation-resend' : 'patient.invite',
        subjectType: 'patient',
        subjectId: patientId,
        patientId,
        details: { channel, invitationId: row.id },
      },
      trx,
    );
    return row.id;
  });
  devLog?.(`[dev ${channel}] patient invitation ${invitationId}: ${link}`);
  return c.json(
    { invitationId, channel, expiresAt: expiresAt.toISOString() } satisfies PatientInvitationSent,
    201,
  );
}

async function revoke(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'invite');
  await readJson(c, revokeSchema);
  const { db, now } = c.get('deps');
  const revoked = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('patient_invitations')
      .set({ revoked_at: now() })
      .where('clinic_id', '=', actor.clinicId)
      .where('patient_id', '=', patientId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    await audit(
      c,
      {
        action: 'patient.invitation-revoke',
        subjectType: 'patient',
        subjectId: patientId,
        patientId,
        details: { revoked: count },
      },
      trx,
    );
    return count;
  });
  return c.json({ patientId, revoked } satisfies PatientInvitationRevoked);
}

const invalidInvitation = () =>
  invalidField(
    'token',
    'is not a valid, unused invitation',
    'This invitation link is not valid any more: it was already used, replaced or it has expired. Sign in with your email, or ask your clinic for a new invitation.',
  );

/** Opening the link: used once; answers what the sign-in screen needs to fill in (no session yet). */
async function open(c: AppContext) {
  const { token } = await readJson(c, openInvitationSchema);
  const match = /^([a-z0-9][a-z0-9-]{1,62})\.([A-Za-z0-9_-]{20,64})$/.exec(token);
  if (!match?.[1] || !match[2]) throw invalidInvitation();
  const { db, now } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'name', 'slug'])
    .where('slug', '=', match[1])
    .executeTakeFirst();
  if (!clinic) throw invalidInvitation();
  const at = now();
  const opened = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('patient_invitations')
      .set({ used_at: at })
      .where('clinic_id', '=', clinic.id)
      .where('token_hash', '=', hashToken(match[2] as string))
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .returning(['patient_id', 'id'])
      .executeTakeFirst();
    if (!row) return undefined;
    const patient = await patientWithAccount(trx, clinic.id, row.patient_id)
      .select(['patients.language', 'patients.email', 'users.email as user_email'])
      .executeTakeFirstOrThrow();
    await audit(
      c,
      {
        clinicId: clinic.id,
        actor: null,
        action: 'patient.invitation-open',
        subjectType: 'patient',
        subjectId: row.patient_id,
        patientId: row.patient_id,
        details: { invitationId: row.id },
      },
      trx,
    );
    return patient;
  });
  if (!opened) throw invalidInvitation();
  return c.json({
    clinic: clinic.slug,
    clinicName: clinic.name,
    email: opened.user_email ?? opened.email,
    language: opened.language,
  });
}

/**
 * Each patient's app status (issue 15): invited or not, last sign-in, last check-in. One query for
 * the clinic's list, or for one patient (the patient page).
 */
async function appStatus(db: Kysely<Database>, clinicId: string, at: number, patientId?: string) {
  let query = db
    .selectFrom('patients')
    .select((eb) => [
      'patients.id',
      'patients.given_name',
      'patients.family_name',
      'patients.language',
      eb
        .selectFrom('patient_invitations as i')
        .select(
          sql<unknown>`json_build_object('channel', i.channel, 'createdAt', i.created_at, 'expiresAt', i.expires_at, 'usedAt', i.used_at, 'revokedAt', i.revoked_at)`.as(
            'inv',
          ),
        )
        .whereRef('i.clinic_id', '=', 'patients.clinic_id')
        .whereRef('i.patient_id', '=', 'patients.id')
        .orderBy('i.created_at', 'desc')
        .limit(1)
        .as('invitation'),
      eb
        .selectFrom('sessions as s')
        .select(sql<Date | null>`max(s.created_at)`.as('at'))
        .whereRef('s.clinic_id', '=', 'patients.clinic_id')
        .whereRef('s.user_id', '=', 'patients.user_id')
        .as('last_sign_in_at'),
      eb
        .selectFrom('checkins as k')
        .select(sql<Date | null>`max(k.submitted_at)`.as('at'))
        .whereRef('k.clinic_id', '=', 'patients.clinic_id')
        .whereRef('k.patient_id', '=', 'patients.id')
        .as('last_checkin_at'),
    ])
    .where('patients.clinic_id', '=', clinicId);
  if (patientId) query = query.where('patients.id', '=', patientId);
  const rows = await query
    .orderBy('patients.family_name')
    .orderBy('patients.given_name')
    .limit(2000)
    .execute();
  return rows.map((row): AppStatus => {
    const inv = row.invitation as {
      channel: string;
      createdAt: string;
      expiresAt: string;
      usedAt: string | null;
      revokedAt: string | null;
    } | null;
    const state: AppStatus['invitation']['state'] = !inv
      ? 'not-invited'
      : inv.usedAt
        ? 'opened'
        : inv.revokedAt
          ? 'revoked'
          : new Date(inv.expiresAt).getTime() <= at
            ? 'expired'
            : 'invited';
    const toIso = (v: unknown) =>
      v === null || v === undefined ? null : new Date(v as string).toISOString();
    return {
      patientId: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      language: row.language,
      invitation: inv
        ? {
            state,
            channel: inv.channel as 'email' | 'sms',
            sentAt: toIso(inv.createdAt),
            expiresAt: toIso(inv.expiresAt),
          }
        : { state, channel: null, sentAt: null, expiresAt: null },
      lastSignInAt: toIso(row.last_sign_in_at),
      lastCheckinAt: toIso(row.last_checkin_at),
      neverCheckedIn: row.last_checkin_at === null,
    };
  });
}

async function list(c: AppContext) {
  const actor = authorizeClinic(c, 'list-patients');
  const { db, now } = c.get('deps');
  const patients = await appStatus(db, actor.clinicId, now().getTime());
  // Staff reading each patient's account activity (last sign-in, last check-in): audited like the patient list.
  await audit(c, {
    action: 'patient.app-status.list',
    subjectType: 'patient',
    details: { count: patients.length },
  });
  return c.json({ patients } satisfies AppStatusList);
}

async function one(c: AppContext) {
  const actor = authorizeClinic(c, 'list-patients');
  const patientId = pathId(c, 'patientId');
  const { db, now } = c.get('deps');
  const [row] = await appStatus(db, actor.clinicId, now().getTime(), patientId);
  // Looked up inside the actor's own clinic: another clinic's patient simply does not exist here.
  if (!row) throw notFound('This patient');
  await audit(c, {
    action: 'patient.app-status.read',
    subjectType: 'patient',
    subjectId: patientId,
    patientId,
  });
  return c.json(row satisfies AppStatus);
}

/** Inviting and inviting again: one operation (`invite`), audited as which it was. */
const inviteRoute = {
  method: 'post',
  access: 'care managers and admins (their own clinic)',
  body: inviteSchema,
  response: patientInvitationSentDto,
} as const;

export const invitationRoutes: RouteSpec[] = [
  {
    ...inviteRoute,
    path: '/api/patients/:patientId/invitations',
    summary:
      'Invite a patient to the app by email or text message (ends any earlier open invitation)',
    success: { status: 201, description: 'Invited; the message is in the outbox.' },
    audit: { actions: ['patient.invite'] },
    handler: (c) => invite(c, false),
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/invitations',
    summary:
      "One patient's app status: invited or not, last sign-in, last check-in (never checked in)",
    access: 'care managers, clinicians and admins (their own clinic)',
    response: appStatusDto,
    audit: { actions: ['patient.app-status.read'] },
    handler: one,
  },
  {
    ...inviteRoute,
    path: '/api/patients/:patientId/invitations/resend',
    summary: 'Send a new invitation link (the earlier one stops working)',
    success: { status: 201, description: 'Sent again with a new link.' },
    audit: { actions: ['patient.invitation-resend'] },
    handler: (c) => invite(c, true),
  },
  {
    method: 'post',
    path: '/api/patients/:patientId/invitations/revoke',
    summary: "Revoke a patient's open invitation",
    access: 'care managers and admins (their own clinic)',
    body: revokeSchema,
    response: patientInvitationRevokedDto,
    audit: { actions: ['patient.invitation-revoke'] },
    handler: revoke,
  },
  {
    method: 'get',
    path: '/api/patient-invitations',
    summary: 'Each patient: invited or not, last sign-in, last check-in (never checked in)',
    access: 'care managers, clinicians and admins (their own clinic)',
    response: appStatusListDto,
    audit: { actions: ['patient.app-status.list'] },
    handler: list,
  },
  {
    method: 'post',
    path: '/api/auth/patient/invitation',
    summary:
      'Open an invitation link once: answers the clinic, email and language for the sign-in screen (a code is then asked for as usual)',
    access: 'anyone holding a valid, unused invitation link',
    body: openInvitationSchema,
    response: patientInvitationOpenedDto,
    audit: { actions: ['patient.invitation-open'] },
    handler: open,
  },
];
