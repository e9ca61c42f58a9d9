import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { postgresDatabase } from '../db/open.ts';
const base = 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: base });
await admin.connect();
const database = `lamina_h16_explain`;
await admin.query(`drop database if exists ${database} with (force)`);
await admin.query(`create database ${database}`);
const url = `postgres://postgres@127.0.0.1:5432/${database}`;
const lamina = postgresDatabase(url, 2);
await migrate(lamina.db);
await lamina.close();
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(`insert into clinics (id, slug, name, timezone) values ('00000000-0000-4000-8000-000000000001','c1','C1','UTC')`);
await client.query(`insert into patients (clinic_id, id, given_name, family_name, email, phone)
  select c.id, gen_random_uuid(), 'Given', 'P' || g, 'p' || g || '@x.example', '+1555' || lpad(g::text, 7, '0') from clinics c cross join generate_series(1, 10000) g`);
await client.query(`insert into surgeries (clinic_id, id, patient_id, region, procedure, approach, levels, surgery_date)
  select clinic_id, gen_random_uuid(), id, 'lumbar', 'laminectomy', 'open', 1, current_date - (random() * 120)::int from patients`);
await client.query(`insert into checkins (clinic_id, id, patient_id, idempotency_key, answers, triage, level, submitted_at)
  select p.clinic_id, gen_random_uuid(), p.id, 'gen-' || g, '{}', '{}', 'routine', now() - ((g + (random() * 5)::int) || ' days')::interval
  from patients p cross join generate_series(1, 20) g`);
await client.query(`update patients p set last_checkin_at = m.last_at from (select clinic_id, patient_id, max(submitted_at) as last_at from checkins group by 1, 2) m where p.clinic_id = m.clinic_id and p.id = m.patient_id`);
await client.query('vacuum analyze');
console.log('ready');
await client.end();
await admin.end();
