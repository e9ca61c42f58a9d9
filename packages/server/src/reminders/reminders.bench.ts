/**
 * Reminders at scale (issue 16), on PostgreSQL: (1) computing and queueing one day's reminders for
 * 100 000 patients across 10 clinics (aim: under a minute), (2) the "not heard from" worklist for a
 * 10 000-patient clinic with 20 check-ins per patient (aim: p95 under 20 ms). Surgeries spread over
 * the last 120 days, so most patients are in the reminder cadence. BENCH_REMINDER_PATIENTS shrinks it.
 */

import { defaultReminderSettings } from '@lamina/pathway';
import { sql } from 'kysely';
import { percentile } from '../../../../scripts/bench-kit.ts';
import { scratchPostgres } from '../ops/bench-servers.test-helper.ts';
import { runReminders } from './run.ts';
import { worklist } from './worklist.ts';

const total = Number(process.env.BENCH_REMINDER_PATIENTS ?? 100_000);
const clinics = 10;

const scratch = await scratchPostgres('reminders_bench', 'reminders bench on PostgreSQL');
if (!scratch) process.exit(0);
const { lamina, client } = scratch;
try {
  const started = performance.now();
  await client.query(
    `insert into clinics (id, slug, name, timezone)
     select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'c' || g, 'Clinic ' || g, 'UTC'
     from generate_series(1, $1::int) g`,
    [clinics],
  );
  await client.query(
    `insert into patients (clinic_id, id, given_name, family_name, email, phone)
     select c.id, gen_random_uuid(), 'Given', 'P' || g, 'p' || g || '@' || c.slug || '.example', '+1555' || lpad(g::text, 7, '0')
     from clinics c cross join generate_series(1, $1::int) g`,
    [Math.floor(total / clinics)],
  );
  await client.query(`insert into surgeries (clinic_id, id, patient_id, region, procedure, approach, levels, surgery_date)
    select clinic_id, gen_random_uuid(), id, case when random() < 0.3 then 'cervical' else 'lumbar' end, 'laminectomy', 'open', 1,
           current_date - (random() * 120)::int from patients`);
  // The worklist clinic: 20 check-ins per patient, most stopping at a random point.
  await client.query(`insert into checkins (clinic_id, id, patient_id, idempotency_key, answers, triage, level, submitted_at)
    select p.clinic_id, gen_random_uuid(), p.id, 'gen-' || g, '{}', '{}', 'routine', now() - ((g + (random() * 5)::int) || ' days')::interval
    from patients p cross join generate_series(1, 20) g
    where p.clinic_id = '00000000-0000-4000-8000-000000000001'`);
  // What storeCheckin keeps in the check-in's own statement (the bulk insert above bypasses it).
  await client.query(`update patients p set last_checkin_at = m.last_at
    from (select clinic_id, patient_id, max(submitted_at) as last_at from checkins group by 1, 2) m
    where p.clinic_id = m.clinic_id and p.id = m.patient_id`);
  await client.query('vacuum analyze');
  console.log(
    `generated ${total.toLocaleString('en-US')} patients in ${clinics} clinics in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const now = new Date();
  now.setUTCHours(12, 0, 0, 0);
  const t0 = performance.now();
  const result = await runReminders(lamina.db, now);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `a day's reminders: ${result.patients.toLocaleString('en-US')} patients, ${result.queued.toLocaleString('en-US')} queued in ${seconds.toFixed(1)} s; aim < 60 s (${seconds < 60 ? 'target met' : 'BELOW TARGET'})`,
  );
  const t1 = performance.now();
  const again = await runReminders(lamina.db, now);
  console.log(
    `the same pass again (a second server or a retry): ${again.queued} queued in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );

  const clinicId = '00000000-0000-4000-8000-000000000001';
  let size = 0;
  for (let i = 0; i < 20; i++)
    size = (await worklist(lamina.db, clinicId, 'UTC', defaultReminderSettings, now)).length;
  // The reference, measured in the same run and interleaved: reading the same number of patient
  // rows (the same columns) by clinic — the least any list of these patients costs on this machine now.
  const reference = () =>
    sql`select id, given_name, family_name, phone, last_checkin_at from patients
        where clinic_id = ${clinicId} order by id limit ${size}`.execute(lamina.db);
  for (let i = 0; i < 20; i++) await reference();
  const times: number[] = [];
  const referenceTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    let t = performance.now();
    await worklist(lamina.db, clinicId, 'UTC', defaultReminderSettings, now);
    times.push(performance.now() - t);
    t = performance.now();
    await reference();
    referenceTimes.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  referenceTimes.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const ref95 = percentile(referenceTimes, 95);
  console.log(
    `worklist query (one clinic, ${Math.floor(total / clinics)} patients, ${size} entries): p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms; aim p95 < 20 ms (${p95 < 20 ? 'target met' : 'BELOW TARGET'})`,
  );
  console.log(
    `  reference (reading ${size} patient rows by clinic): p50 ${percentile(referenceTimes, 50).toFixed(2)} ms, p95 ${ref95.toFixed(2)} ms; worklist / reference: p50 ${(percentile(times, 50) / percentile(referenceTimes, 50)).toFixed(1)}×, p95 ${(p95 / ref95).toFixed(1)}×`,
  );
} finally {
  await scratch.drop();
}
