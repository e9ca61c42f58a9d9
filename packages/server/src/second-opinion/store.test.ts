import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { testFiles } from '../http/test-client.ts';
import { enrolAndSignIn, freshSignedInClinic, signedInClinic } from '../http/test-fixtures.ts';
import { syntheticStudy } from '../imaging/dicom.test-helper.ts';
import { ingestUpload } from '../imaging/service.ts';
import { attachStudies, caseStudyIds } from './store.ts';

/** A real one-image study of the patient (the foreign key from migration 011 needs one). */
async function aStudy(db: Kysely<Database>, clinicId: string, patientId: string) {
  const [image] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
  const stored = await ingestUpload(db, testFiles, {
    clinicId,
    owner: { patientId },
    uploadedBy: null,
    fileName: 'IM1.dcm',
    bytes: image?.bytes ?? new Uint8Array(),
    now: new Date(),
  });
  const id = stored.studies[0]?.id;
  assert.ok(id);
  return id;
}

forEachEngine((engine) => {
  engine.test('imaging studies attach to a case once each, within its clinic', async () => {
    const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
    const rosa = await enrolAndSignIn(admin, clinic);
    const asked = await rosa.client.post('/api/second-opinions', {
      question: 'Please look at my six-month scans.',
    });
    const caseId = (asked.json.case as { id: string }).id;
    const mri = await aStudy(db, clinic.clinicId, rosa.patientId);
    const ct = await aStudy(db, clinic.clinicId, rosa.patientId);
    await attachStudies(db, clinic.clinicId, caseId, [mri]);
    await attachStudies(db, clinic.clinicId, caseId, [mri, ct]);
    assert.deepEqual(new Set(await caseStudyIds(db, clinic.clinicId, caseId)), new Set([mri, ct]));

    await assert.rejects(
      attachStudies(db, clinic.clinicId, caseId, [randomUUID()]),
      /foreign key|violates/i,
      'only a study that exists can be attached',
    );
    const { clinic: elsewhere, client: elsewhereAdmin } = await signedInClinic(db, 'admin');
    const stranger = await enrolAndSignIn(elsewhereAdmin, elsewhere);
    const theirStudy = await aStudy(db, elsewhere.clinicId, stranger.patientId);
    assert.deepEqual(await caseStudyIds(db, elsewhere.clinicId, caseId), []);
    await assert.rejects(
      attachStudies(db, elsewhere.clinicId, caseId, [theirStudy]),
      /foreign key|violates/i,
      "a study cannot hang on another clinic's case",
    );
    await assert.rejects(
      attachStudies(db, clinic.clinicId, caseId, [theirStudy]),
      /foreign key|violates/i,
      "another clinic's study cannot hang on this clinic's case",
    );
  });
});
