import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { runInProcess } from '../cli/run-cli.test-helper.ts';
import type { Database } from '../db/schema.ts';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { freshSignedInClinic, staffSignedIn } from '../http/test-fixtures.ts';
import { syntheticCsv } from './import.test-helper.ts';

const header =
  'MRN,Given Name,Family Name,Date of Birth,Email,Phone,Language,Region,Procedure,Levels,Fusion,Surgery Date,Surgeon Email';

async function patientCount(db: Kysely<Database>, clinicId: string) {
  const row = await db
    .selectFrom('patients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

forEachEngine((engine) => {
  engine.test(
    'CSV import: a dry run lists each bad row in plain words; the real run then enrols nobody',
    async () => {
      const { db, clinic, client: nurse } = await freshSignedInClinic(engine, 'care_manager');
      const csv = [
        header,
        `M1,Ana,Ruiz,1960-03-14,ana@mail.example,(415) 555-2671,es,lumbar,laminectomy,2,no,2026-11-10,${clinic.staff.clinician.email}`,
        'M2,Ben,Cole,1955-07-01,ben@mail.example,,en,lumbar,laminectomy,1,no,31/02/2026,',
        'M3,Cy,Dunn,1950-01-01,,,en,thoracic,laminectomy,9,maybe,2026-11-12,nobody@x.example',
        'M4,Ana,Ruiz,1960-03-14,ana2@mail.example,,en,lumbar,laminotomy,1,no,2026-11-10,',
      ].join('\n');
      const dry = await nurse.post('/api/patients/import', { csv, dryRun: true });
      assert.equal(dry.status, 200, dry.text);
      const rows = dry.json.rows as { row: number; status: string; errors: string[] }[];
      assert.deepEqual(
        rows.map((r) => [r.row, r.status]),
        [
          [2, 'new'],
          [3, 'error'],
          [4, 'error'],
          [5, 'error'],
        ],
      );
      assert.deepEqual(rows[1]?.errors, [
        'surgery date "31/02/2026" is not a date (write it YYYY-MM-DD)',
      ]);
      const row4 = rows[2]?.errors.join('\n') ?? '';
      assert.match(row4, /fusion "maybe" must be yes or no/);
      assert.match(row4, /region "thoracic" must be one of: lumbar, cervical/);
      assert.match(row4, /levels "9" must be a whole number from 1 to 8/);
      assert.match(row4, /email: give an email or a mobile phone number/);
      assert.match(row4, /surgeon email "nobody@x.example" is not one of the clinic’s surgeons/);
      assert.deepEqual(rows[3]?.errors, [
        'is the same patient as row 2 (same name and date of birth)',
      ]);
      assert.deepEqual(dry.json.counts, { rows: 4, new: 1, alreadyEnrolled: 0, errors: 3 });

      const real = await nurse.post('/api/patients/import', { csv, dryRun: false });
      assert.equal(real.status, 400);
      assert.match(real.json.detail as string, /3 of 4 rows have problems, so nobody was enrolled/);
      assert.deepEqual(
        (real.json.errors as { field: string }[]).map((e) => e.field),
        ['row 3', 'row 4', 'row 5'],
      );
      assert.equal(await patientCount(db, clinic.clinicId), 0);

      const bad = await nurse.post('/api/patients/import', {
        csv: 'name,when\nAna,today',
        dryRun: true,
      });
      assert.equal(bad.status, 400);
      assert.match(bad.json.detail as string, /columns we do not know: "name", "when"/);
      const clinician = await staffSignedIn(nurse, clinic, 'clinician');
      assert.equal(
        (await clinician.post('/api/patients/import', { csv, dryRun: true })).status,
        403,
      );
    },
  );

  engine.test(
    'CSV import enrols every row in one go; importing the same file again enrols nobody twice',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const csv = [
        header,
        `M1,Ana,Ruiz,03/14/1960,ANA@mail.example,(415) 555-2671,es,lumbar,laminectomy,2,yes,11/10/2026,${clinic.staff.clinician.email}`,
        '"M2","Ben ""Benny""",Cole,07/01/1955,,+1 212 555 0100,en,cervical,laminotomy,1,no,11/12/2026,',
      ].join('\r\n');
      const first = await admin.post('/api/patients/import', {
        csv,
        dryRun: false,
        dateFormat: 'MM/DD/YYYY',
      });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.json.enrolled, true);
      const ana = await db
        .selectFrom('patients')
        .innerJoin('surgeries', (j) =>
          j
            .onRef('surgeries.clinic_id', '=', 'patients.clinic_id')
            .onRef('surgeries.patient_id', '=', 'patients.id'),
        )
        .select([
          'patients.email',
          'patients.phone',
          'patients.language',
          'patients.mrn',
          'patients.date_of_birth',
          'surgeries.surgery_date',
          'surgeries.fusion',
          'surgeries.surgeon_id',
        ])
        .where('patients.clinic_id', '=', clinic.clinicId)
        .where('patients.mrn', '=', 'M1')
        .executeTakeFirstOrThrow();
      assert.deepEqual(ana, {
        email: 'ana@mail.example',
        phone: '+14155552671',
        language: 'es',
        mrn: 'M1',
        date_of_birth: '1960-03-14',
        surgery_date: '2026-11-10',
        fusion: true,
        surgeon_id: clinic.staff.clinician.id,
      });
      const ben = await db
        .selectFrom('patients')
        .select(['given_name', 'user_id'])
        .where('mrn', '=', 'M2')
        .where('clinic_id', '=', clinic.clinicId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(ben, { given_name: 'Ben "Benny"', user_id: null });
      const again = await admin.post('/api/patients/import', {
        csv,
        dryRun: false,
        dateFormat: 'MM/DD/YYYY',
      });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.json.counts, { rows: 2, new: 0, alreadyEnrolled: 2, errors: 0 });
      assert.equal(await patientCount(db, clinic.clinicId), 2);
      const audit = await auditOf(db, clinic.clinicId, 'patient.import')
        .select('details')
        .execute();
      assert.equal(audit.length, 2);
      assert.deepEqual(
        audit.map((a) => (a.details as { enrolled: number }).enrolled).sort(),
        [0, 2],
      );
    },
  );

  engine.test(
    'CSV import: 5 000 rows enrol in one transaction; one bad row refuses a whole file',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const csv = syntheticCsv(5_000);
      const result = await admin.post('/api/patients/import', { csv, dryRun: false });
      assert.equal(result.status, 201, result.text.slice(0, 500));
      assert.equal(await patientCount(db, clinic.clinicId), 5_000);
      // How fast: `npm run bench` (patients/import.bench.ts), as a ratio to a bare INSERT of the same
      // rows measured in the same run; tests are not timed.
      // One bad row at the end: nobody from a second file is enrolled.
      const broken = `${syntheticCsv(300, 'Q')}Q-x,Zed,Last,1970-01-01,zed@mail.example,,en,lumbar,laminectomy,open,1,no,2026-13-01\n`;
      const refused = await admin.post('/api/patients/import', { csv: broken, dryRun: false });
      assert.equal(refused.status, 400);
      assert.equal(await patientCount(db, clinic.clinicId), 5_000);
    },
  );
});

const dir = mkdtempSync(join(tmpdir(), 'lamina-import-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('lamina patients import: dry run lists rows, a bad file exits 1, the real run enrols, a re-run skips', async () => {
  const env = { LAMINA_DATA_DIR: join(dir, 'data') };
  const seeded = await runInProcess(['demo', '--data-dir', join(dir, 'data')], { env });
  assert.equal(seeded.code, 0, seeded.stderr);
  const good = join(dir, 'good.csv');
  writeFileSync(good, syntheticCsv(3, 'C'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(
    bad,
    `${syntheticCsv(2, 'D')}D-9,Eve,Fox,1970-01-01,eve@mail.example,,en,lumbar,laminectomy,open,1,no,31/02/2026\n`,
  );

  const dry = await runInProcess(['patients', 'import', bad, '--clinic', 'demo', '--dry-run'], {
    env,
  });
  assert.equal(dry.code, 1);
  assert.match(
    dry.stdout,
    /row 4: surgery date "31\/02\/2026" is not a date \(write it YYYY-MM-DD\)/,
  );
  assert.match(dry.stdout, /row 2: Given0 Family0 — will be enrolled/);
  const refused = await runInProcess(['patients', 'import', bad, '--clinic', 'demo'], { env });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /nobody was enrolled/);

  const real = await runInProcess(['patients', 'import', good, '--clinic', 'demo'], { env });
  assert.equal(real.code, 0, real.stderr);
  assert.match(real.stdout, /Enrolled 3 of 3 rows/);
  const rerun = await runInProcess(['patients', 'import', good, '--clinic', 'demo'], { env });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, /Enrolled 0 of 3 rows \(3 already enrolled\)/);
  // The sample in the docs is a valid file for the demo clinic.
  const sample = fileURLToPath(new URL('../../../../docs/import-sample.csv', import.meta.url));
  const docs = await runInProcess(['patients', 'import', sample, '--clinic', 'demo', '--dry-run'], {
    env,
  });
  assert.equal(docs.code, 0, docs.stdout + docs.stderr);
  assert.match(docs.stdout, /4 rows: 4 new, 0 already enrolled, 0 with problems/);
  const noClinic = await runInProcess(['patients', 'import', good, '--clinic', 'nope'], { env });
  assert.equal(noClinic.code, 1);
  assert.match(noClinic.stderr, /no clinic with the code "nope"/);
});
