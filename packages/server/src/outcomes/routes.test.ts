import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { forEachEngine } from '../db/test-engines.ts';
import { aSignedInPatient, enrolAndSignIn, staffSignedIn } from '../http/test-fixtures.ts';

forEachEngine((engine) => {
  engine.test('staff read their clinic’s outcomes as JSON and CSV; patients cannot', async () => {
    const { clinic, admin, patientId, patient } = await aSignedInPatient(engine);
    await enrolAndSignIn(admin, clinic, {
      surgery: { region: 'cervical', procedure: 'laminotomy', surgeryDate: '2026-10-01' },
    });
    const posted = await patient.post(`/api/patients/${patientId}/checkins`, {
      idempotencyKey: randomUUID(),
      checkin: { chestPain: 'yes' },
    });
    const nurse = await staffSignedIn(admin, clinic, 'care_manager');
    await nurse.post(`/api/alerts/${(posted.json.alert as { id: string }).id}/acknowledge`, {});

    const report = await nurse.get('/api/outcomes');
    assert.equal(report.status, 200, report.text);
    const groups = report.json.groups as {
      region: string;
      patients: number;
      alertsPer100PatientWeeks: { emergency: number };
    }[];
    assert.deepEqual(
      groups.map((g) => [g.region, g.patients]),
      [
        ['cervical', 1],
        ['lumbar', 1],
      ],
    );
    assert.ok((groups[1]?.alertsPer100PatientWeeks.emergency ?? 0) > 0);

    const lumbarOnly = await nurse.get('/api/outcomes?region=lumbar');
    assert.equal((lumbarOnly.json.groups as unknown[]).length, 1);
    assert.equal((await nurse.get('/api/outcomes?region=thoracic')).status, 400);

    const csv = await nurse.get('/api/outcomes.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.text, /^region,procedure,measure/);
    assert.match(csv.text, /lumbar,laminectomy,median_minutes_to_acknowledge,emergency,0,/);

    assert.equal((await patient.get('/api/outcomes')).status, 403);
  });
});
