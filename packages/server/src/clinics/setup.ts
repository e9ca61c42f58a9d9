import { type SetupStatus, setupDoneDto, setupStatusDto } from '@lamina/contract';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { hashToken, newSecretToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { readJson } from '../http/context.ts';
import { conflict, HttpProblem } from '../http/problem.ts';
import type { RouteSpec } from '../openapi/registry.ts';
import { ClinicExistsError, insertClinic, newClinicSchema } from './create.ts';

/**
 * First run without the CLI: a server with no clinic prints a one-time setup token in its log at
 * start; /console shows a setup page that needs it. Only its hash is stored; it works once, and
 * never once any clinic exists, so nobody else on the network can claim the server.
 */
export async function issueSetupToken(db: Kysely<Database>): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table server_setup_tokens in exclusive mode`.execute(trx);
    if (await anyClinic(trx)) return undefined;
    // A new start makes the earlier unused tokens worthless: only the latest log line counts.
    await trx.deleteFrom('server_setup_tokens').where('used_at', 'is', null).execute();
    const token = newSecretToken();
    await trx
      .insertInto('server_setup_tokens')
      .values({ token_hash: hashToken(token) })
      .execute();
    return token;
  });
}

async function anyClinic(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('clinics').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export const setupSchema = newClinicSchema.extend({
  token: z.string().trim().min(20, 'must be the setup code from the server log').max(200),
  password: z.string().superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

async function status(c: AppContext) {
  return c.json({ setupNeeded: !(await anyClinic(c.get('deps').db)) } satisfies SetupStatus);
}

const wrongCode = () =>
  new HttpProblem(
    403,
    'Setup code not accepted',
    'That setup code is not right or was already used. Use the code from the latest server start.',
  );

const alreadySetUp = () =>
  conflict('This server already has a clinic. Sign in, or ask its admin to invite you.');

async function setUp(c: AppContext) {
  const input = await readJson(c, setupSchema);
  const { db, now } = c.get('deps');
  if (await anyClinic(db)) throw alreadySetUp();
  // A wrong code stops here, before the (deliberately slow) password hash: no cheap way to load the server.
  const known = await db
    .selectFrom('server_setup_tokens')
    .select('token_hash')
    .where('token_hash', '=', hashToken(input.token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (!known) throw wrongCode();
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction().execute(async (trx) => {
    // One setup at a time: a second request waits here, then finds the clinic and stops.
    await sql`lock table server_setup_tokens in exclusive mode`.execute(trx);
    if (await anyClinic(trx)) throw alreadySetUp();
    const used = await trx
      .updateTable('server_setup_tokens')
      .set({ used_at: now() })
      .where('token_hash', '=', hashToken(input.token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw wrongCode();
    let clinicId: string;
    try {
      clinicId = await insertClinic(trx, input);
    } catch (error) {
      if (error instanceof ClinicExistsError) throw conflict(error.message);
      throw error;
    }
    const admin = await trx
      .insertInto('users')
      .values({
        clinic_id: clinicId,
        role: 'admin',
        email: input.adminEmail,
        display_name: input.adminName,
        password_hash: passwordHash,
        totp_secret: null,
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = {
      clinicId,
      actor: null,
      action: 'clinic.create',
      subjectType: 'clinic',
      subjectId: clinicId,
      details: { via: 'setup-page', adminUserId: admin.id },
    };
    await audit(c, event, trx);
    return { clinicId, adminUserId: admin.id };
  });
  return c.json({ ...result, clinic: input.slug, adminEmail: input.adminEmail }, 201);
}

export const setupRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/setup',
    summary:
      'Whether this server still needs its first clinic (the console then shows the setup page)',
    access: 'anyone',
    response: setupStatusDto,
    audit: 'none',
    handler: status,
  },
  {
    method: 'post',
    path: '/api/setup',
    summary:
      'Create the first clinic and its admin (with a password), with the one-time setup code from the server log',
    access: 'anyone holding the setup code, only while the server has no clinic',
    body: setupSchema,
    response: setupDoneDto,
    audit: { actions: ['clinic.create'] },
    success: { status: 201, description: 'The clinic and its admin exist; sign in.' },
    handler: setUp,
  },
];
