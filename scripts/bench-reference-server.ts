/**
 * The minimal reference server of the check-in benchmark (issue 19) — bench-only, not product
 * code: Hono + zod + a pg pool on the same machine and database, doing the least a check-in needs:
 * one session lookup by the hashed cookie token, then the check-in and its audit row in ONE
 * statement. Lamina's check-in is measured against it (and against pgbench) in the same run.
 *
 * Env: DATABASE_URL, BENCH_SCHEMA (the tables made by `referenceSchema`), BENCH_POOL_SIZE.
 * Prints "running at http://…" once listening.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import pg from 'pg';
import { z } from 'zod';

/** The tables the reference server, pgbench and the raw PGlite loop write: Lamina's shapes and indexes, no hash chain. */
export function referenceSchema(schema: string): string[] {
  return [
    `create schema if not exists ${schema}`,
    `create table ${schema}.sessions (
      clinic_id uuid not null, token_hash text not null, user_id uuid not null, patient_id uuid not null,
      expires_at timestamptz not null, revoked_at timestamptz, primary key (clinic_id, token_hash))`,
    `create table ${schema}.checkins (
      clinic_id uuid not null, id uuid not null default gen_random_uuid(), patient_id uuid not null,
      idempotency_key text not null, answers jsonb not null, triage jsonb not null, level text not null,
      submitted_at timestamptz not null, received_at timestamptz not null default now(),
      primary key (clinic_id, id))`,
    `create unique index on ${schema}.checkins (clinic_id, patient_id, idempotency_key)`,
    `create index on ${schema}.checkins (clinic_id, patient_id, submitted_at)`,
    `create table ${schema}.audit_log (
      clinic_id uuid not null, id uuid not null default gen_random_uuid(), at timestamptz not null default now(),
      actor_id uuid, actor_role text, action text not null, subject_type text not null, subject_id text,
      patient_id uuid, ip text, details jsonb, primary key (clinic_id, id))`,
    `create index on ${schema}.audit_log (clinic_id, at)`,
    `create index on ${schema}.audit_log (clinic_id, patient_id, at)`,
  ];
}

/** The check-in and its audit row in one statement ($1 clinic, $2 patient, $3 user, $4 key, $5 answers, $6 triage, $7 ip). */
export function referenceInsert(schema: string): string {
  return `with c as (
      insert into ${schema}.checkins (clinic_id, patient_id, idempotency_key, answers, triage, level, submitted_at)
      values ($1, $2, $4, $5, $6, 'routine', now())
      on conflict (clinic_id, patient_id, idempotency_key) do nothing
      returning id)
    insert into ${schema}.audit_log (clinic_id, actor_id, actor_role, action, subject_type, subject_id, patient_id, ip, details)
    select $1, $3, 'patient', 'checkin.create', 'checkin', c.id::text, $2, $7, '{"level":"routine"}' from c
    returning subject_id`;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const answer = z.enum(['yes', 'no', 'unsure']).optional();
const screeningQuestions = [
  'saddleNumbness',
  'urinaryRetention',
  'bladderIncontinence',
  'bowelIncontinence',
  'chestPain',
  'shortOfBreath',
  'coughingBlood',
  'severeBleeding',
  'unableToMoveLimbs',
  'newShoulderArmWeakness',
  'handClumsiness',
  'fell',
  'positionalHeadache',
  'calfPainOrSwelling',
] as const;
const bodySchema = z.strictObject({
  idempotencyKey: z.string().trim().min(8).max(200),
  checkin: z.strictObject({
    axialPain: z.number().int().min(0).max(10).optional(),
    limbPain: z.number().int().min(0).max(10).optional(),
    painControlled: z.enum(['yes', 'no']).optional(),
    walkingMinutes: z.number().int().min(0).max(1440).optional(),
    exercises: z.enum(['all', 'some', 'none']).optional(),
    // The screening the app sends (bench-servers.test-helper.ts sampleCheckin): yes / no / not sure.
    ...Object.fromEntries(screeningQuestions.map((q) => [q, answer])),
    incision: z
      .strictObject({ redness: answer, warmth: answer, opening: answer, dressingSoaked: answer })
      .partial()
      .optional(),
  }),
});

if (import.meta.main) {
  const schema = process.env.BENCH_SCHEMA ?? 'bench_ref';
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.BENCH_POOL_SIZE ?? 10),
  });
  const insert = referenceInsert(schema);
  const app = new Hono();
  app.post('/api/patients/:patientId/checkins', async (c) => {
    const cookie = getCookie(c, 'lamina_session') ?? '';
    const [clinicId, token] = cookie.split('.');
    if (!clinicId || !token) return c.json({ title: 'Sign in' }, 401);
    const session = await pool.query<{ user_id: string; patient_id: string }>(
      `select user_id, patient_id from ${schema}.sessions
       where clinic_id = $1 and token_hash = $2 and revoked_at is null and expires_at > now()`,
      [clinicId, hashToken(token)],
    );
    const actor = session.rows[0];
    if (!actor || actor.patient_id !== c.req.param('patientId'))
      return c.json({ title: 'Forbidden' }, 403);
    const parsed = bodySchema.safeParse(await c.req.json());
    if (!parsed.success) return c.json({ title: 'Invalid input' }, 400);
    const answers = JSON.stringify(parsed.data.checkin);
    const result = await pool.query(insert, [
      clinicId,
      actor.patient_id,
      actor.user_id,
      parsed.data.idempotencyKey,
      answers,
      '{"level":"routine","findings":[]}',
      '127.0.0.1',
    ]);
    return c.json({ checkinId: result.rows[0]?.subject_id ?? null, stored: true }, 201);
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    console.log(`running at http://127.0.0.1:${(info as AddressInfo).port}`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}
