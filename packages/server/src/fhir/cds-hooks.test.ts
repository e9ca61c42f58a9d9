import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { forEachEngine } from '../db/test-engines.ts';
import { enrolAndSignIn, freshSignedInClinic } from '../http/test-fixtures.ts';
import { systemToken } from './smart.test-helper.ts';

/** A card as the CDS Hooks 2.0 specification defines it (required fields and their values). */
const cardSchema = z.object({
  uuid: z.string().optional(),
  summary: z.string().min(1).max(140),
  detail: z.string().optional(),
  indicator: z.enum(['info', 'warning', 'critical']),
  source: z.object({ label: z.string().min(1), url: z.url().optional() }),
  links: z
    .array(z.object({ label: z.string(), url: z.url(), type: z.enum(['absolute', 'smart']) }))
    .optional(),
});
const answerSchema = z.strictObject({ cards: z.array(cardSchema) });

forEachEngine((engine) => {
  engine.test(
    'CDS Hooks: discovery, and a patient-view request shaped like the spec’s example gets a valid card',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      const me = await enrolAndSignIn(admin, clinic); // surgery 2026-11-10, clock 2026-11-20
      const posted = await me.client.post(`/api/patients/${me.patientId}/checkins`, {
        idempotencyKey: randomUUID(),
        checkin: { chestPain: 'yes' },
      });
      assert.equal(posted.status, 201);
      const { clientId, privateKey } = await systemToken(admin, [
        'system/Patient.rs',
        'system/Flag.rs',
      ]);

      const discovery = await admin.get('/cds-services');
      assert.equal(discovery.status, 200);
      const services = discovery.json.services as { hook: string; id: string }[];
      assert.deepEqual(
        services.map((s) => [s.hook, s.id]),
        [['patient-view', 'lamina-recovery']],
      );

      const jwt = (aud = 'https://lamina.test/cds-services/lamina-recovery') =>
        new SignJWT({ jti: randomUUID() })
          .setProtectedHeader({ alg: 'ES384', kid: 'k1', typ: 'JWT' })
          .setIssuer('https://ehr.example.org')
          .setSubject(clientId)
          .setAudience(aud)
          .setIssuedAt(admin.clock)
          .setExpirationTime(new Date(admin.clock.getTime() + 120_000))
          .sign(privateKey);
      // The spec's patient-view example, with the patient named by Lamina's id.
      const example = {
        hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
        fhirServer: 'http://hooks.smarthealthit.org:9080',
        hook: 'patient-view',
        context: { userId: 'Practitioner/example', patientId: me.patientId, encounterId: '89284' },
        prefetch: {
          patientToGreet: {
            resourceType: 'Patient',
            gender: 'male',
            birthDate: '1925-12-23',
            id: '1288992',
          },
        },
      };
      const call = async (body: unknown, token?: string) =>
        admin.request(
          'POST',
          '/cds-services/lamina-recovery',
          body,
          token ? { authorization: `Bearer ${token}` } : {},
        );
      const answer = await call(example, await jwt());
      assert.equal(answer.status, 200, answer.text);
      const parsed = answerSchema.parse(answer.json);
      const card = parsed.cards[0];
      assert.ok(card);
      assert.match(card.summary, /^Day 10 after lumbar laminectomy: /);
      assert.match(card.summary, /1 open alert/);
      assert.equal(card.indicator, 'critical', 'an open emergency alert');
      assert.equal(card.links?.[0]?.url, `https://lamina.test/console/patients/${me.patientId}`);

      // Refused: no JWT, a JWT for another service, a replayed one.
      assert.equal((await call(example)).status, 401);
      assert.equal(
        (await call(example, await jwt('https://elsewhere.example/cds-services/x'))).status,
        401,
      );
      const once = await jwt();
      assert.equal((await call(example, once)).status, 200);
      assert.equal((await call(example, once)).status, 401);
      // An unknown patient gets no card, and nothing of any other patient.
      const unknown = await call({ ...example, context: { patientId: '1288992' } }, await jwt());
      assert.deepEqual(unknown.json, { cards: [] });
      const audited = await db
        .selectFrom('audit_log')
        .select('patient_id')
        .where('action', '=', 'cds.patient-view')
        .execute();
      assert.deepEqual(
        audited.map((r) => r.patient_id),
        [me.patientId, me.patientId],
      );
    },
  );
});
