import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, seedClinic, signInStaff } from '../http/test-fixtures.ts';
import { attachStudies, caseStudyIds } from './store.ts';

forEachEngine((engine) => {
  engine.test('imaging studies attach to a case once each, within its clinic', async () => {
    const { db } = await engine.open();
    const clinic = await seedClinic(db);
    const admin = new TestClient(db);
    await signInStaff(admin, clinic, 'admin');
    const rosa = await enrolAndSignIn(admin, clinic);
    const asked = await rosa.client.post('/api/second-opinions', {
      question: 'Please look at my six-month scans.',
    });
    const caseId = (asked.json.case as { id: string }).id;
    const [mri, ct] = [randomUUID(), randomUUID()];
    await attachStudies(db, clinic.clinicId, caseId, [mri]);
    await attachStudies(db, clinic.clinicId, caseId, [mri, ct]);
    assert.deepEqual(new Set(await caseStudyIds(db, clinic.clinicId, caseId)), new Set([mri, ct]));

    const elsewhere = await seedClinic(db);
    assert.deepEqual(await caseStudyIds(db, elsewhere.clinicId, caseId), []);
    await assert.rejects(
      attachStudies(db, elsewhere.clinicId, caseId, [randomUUID()]),
      /foreign key|violates/i,
      "a study cannot hang on another clinic's case",
    );
  });
});
