import assert from 'node:assert/strict';
import { statementsEs } from '@lamina/pathway';
import { PDFDocument, PDFName } from 'pdf-lib';
import { auditOf, updateClinic } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import { enrolAndSignIn, freshSignedInClinic, staffSignedIn } from '../http/test-fixtures.ts';
import { pdfText } from '../intake/pdf-text.test-helper.ts';

forEachEngine((engine) => {
  engine.test(
    '"Download my plan": a PDF in the patient’s stored language, with source names, not ids',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      await updateClinic(db, clinic.clinicId, { phone: '555-0142' });
      const { patientId, client } = await enrolAndSignIn(admin, clinic);
      const path = `/api/patients/${patientId}/plan.pdf`;

      const download = async (who: TestClient) => {
        const response = await who.app.request(path, {
          headers: { cookie: (who as unknown as { cookie: string }).cookie },
        });
        assert.equal(response.status, 200, await response.clone().text());
        assert.equal(response.headers.get('content-type'), 'application/pdf');
        assert.match(response.headers.get('content-disposition') ?? '', /attachment/);
        return new Uint8Array(await response.arrayBuffer());
      };

      const english = await download(client);
      const en = pdfText(english);
      assert.equal(
        (await PDFDocument.load(english)).catalog.get(PDFName.of('Lang'))?.toString(),
        '(en)',
      );
      assert.match(en, /My recovery plan/);
      assert.match(en, /For Rosa Diaz\. Surgery on November 10, 2026\. Day 10 of your recovery\./);
      assert.match(en, /Your care team: c-[0-9a-f]+ Spine Clinic, phone 555-0142\./);
      assert.match(en, /Get help right away if/);
      assert.match(en, /What to avoid, and until when/);
      assert.match(en, /Your exercises now/);
      assert.match(en, /Sources: clinic guide: recovery after laminectomy/);
      assert.doesNotMatch(en, /seed:0|ref:\d/, 'source names, never ids');
      assert.doesNotMatch(en, /Pida ayuda|Fuentes/);

      // The patient chooses Spanish: the same download is in Spanish.
      const set = await client.put(`/api/patients/${patientId}/language`, { language: 'es' });
      assert.equal(set.status, 200, set.text);
      const spanish = await download(client);
      const es = pdfText(spanish);
      assert.equal(
        (await PDFDocument.load(spanish)).catalog.get(PDFName.of('Lang'))?.toString(),
        '(es)',
      );
      assert.match(es, /Mi plan de recuperación/);
      assert.match(
        es,
        /Para Rosa Diaz\. Cirugía el 10 de noviembre de 2026\. Día 10 de su recuperación\./,
      );
      assert.match(es, /Pida ayuda de inmediato si/);
      assert.match(es, /Qué evitar y hasta cuándo/);
      assert.match(es, /Sus ejercicios ahora/);
      assert.match(es, /Fuentes: guía de la clínica: recuperación tras la laminectomía/);
      assert.doesNotMatch(es, /seed:0|ref:\d/);
      assert.doesNotMatch(es, /Get help right away|Sources:|My recovery plan/);
      // Pathway's Spanish statements, accents intact (a warning sign of every lumbar plan).
      const bladder = (statementsEs['warn.emergency-bladder-legs'] ?? '').split(' ').slice(0, 5);
      assert.ok(bladder.length === 5 && es.includes(bladder.join(' ')), bladder.join(' '));

      // The care team can print it too (in the patient's language); the download is audited.
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      assert.match(pdfText(await download(nurse)), /Mi plan de recuperación/);
      const audited = await auditOf(db, clinic.clinicId, 'plan.pdf')
        .select(['actor_role'])
        .execute();
      assert.deepEqual(audited.map((a) => a.actor_role).sort(), [
        'care_manager',
        'patient',
        'patient',
      ]);
    },
  );
});
