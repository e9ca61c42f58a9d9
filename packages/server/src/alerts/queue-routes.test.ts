import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { statementsEs } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  seedClinic,
  sendCheckin,
  signedInClinic,
  signInStaff,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { onLiveFeed } from './live-feed.test-helper.ts';
import { ageOn, cardResponseSchema, queueResponseSchema } from './queue-routes.ts';

async function auditRows(db: Kysely<Database>, clinicId: string, action: string) {
  const rows = await auditOf(db, clinicId, action).select('details').execute();
  return rows.length;
}

test('age in whole years: the birthday counts from its day', () => {
  const on = new Date('2026-12-06T12:00:00Z');
  assert.equal(ageOn('1960-12-06', on), 66);
  assert.equal(ageOn('1960-12-07', on), 65);
  assert.equal(ageOn('1960-01-01', on), 66);
  assert.equal(ageOn(null, on), null);
});

forEachEngine((engine) => {
  engine.test(
    'a card carries the patient’s phone, language and age, and what they were told in the language their screen showed',
    async () => {
      const database = await engine.open();
      const { clinic, client: admin } = await signedInClinic(database.db, 'admin');
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      await database.db
        .updateTable('patients')
        .set({ phone: '+1 555 010 2030', language: 'es', date_of_birth: '1958-03-14' })
        .where('clinic_id', '=', clinic.clinicId)
        .where('id', '=', patientId)
        .execute();
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const cardOf = async (alertId: string) => {
        const answer = cardResponseSchema.parse(
          (await nurse.get(`/api/alerts/${alertId}/card`)).json,
        );
        assert.ok(answer.card);
        return answer.card;
      };
      const send = async (lang?: string) => {
        const posted = await patient.post(`/api/patients/${patientId}/checkins`, {
          idempotencyKey: randomUUID(),
          ...(lang ? { lang } : {}),
          checkin: { chestPain: 'yes' },
        });
        assert.equal(posted.status, 201, posted.text);
        const card = await cardOf((posted.json.alert as { id: string }).id);
        await nurse.post(`/api/alerts/${card.id}/resolve`, {});
        return card;
      };

      // Told in English on a phone set to English, though the patient prefers Spanish.
      const card = await send('en');
      assert.equal(card.patient.phone, '+1 555 010 2030');
      assert.equal(card.patient.language, 'es');
      assert.equal(card.patient.age, ageOn('1958-03-14', new Date()));
      assert.equal(card.told.lang, 'en');
      assert.equal(card.told.instruction, card.instruction?.text);
      assert.deepEqual(
        card.told.findings.map((f) => f.text),
        card.findings.map((f) => f.instruction.text),
      );

      // Told in Spanish: the card shows the Spanish sentences, by statement id.
      const spanishCard = await send('es');
      assert.equal(spanishCard.told.lang, 'es');
      const said = spanishCard.instruction as { id?: string; text: string };
      assert.ok(said.id && statementsEs[said.id], 'the instruction has a Spanish translation');
      assert.equal(spanishCard.told.instruction, statementsEs[said.id]);
      assert.notEqual(spanishCard.told.instruction, said.text);

      // Not recorded (an older app): the patient's preferred language.
      assert.equal((await send()).told.lang, 'es');
      const stored = await database.db
        .selectFrom('checkins')
        .select('told_lang')
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.deepEqual(stored.map((r) => r.told_lang).sort(), ['en', 'es', null]);

      // A language the app does not speak is a clear 400.
      const bad = await patient.post(`/api/patients/${patientId}/checkins`, {
        idempotencyKey: randomUUID(),
        lang: 'fr',
        checkin: { chestPain: 'yes' },
      });
      assert.equal(bad.status, 400);
    },
  );

  engine.test(
    'the queue answers both lists as cards with the findings once; an idle stream is audited once; cards read through the stream are not audited again',
    async () => {
      await onLiveFeed(engine, async ({ db, clinic, admin, patientId, patient, nurse }) => {
        // Opening the stream writes one alert.queue row; staying open and idle writes no more.
        const before = await auditRows(db, clinic.clinicId, 'alert.queue');
        const stream = await nurse.stream('/api/alerts/stream');
        const ready = await stream.next();
        assert.equal(ready.event, 'ready');
        const streamId = (ready.data as { streamId: string }).streamId;
        assert.match(streamId, /^[0-9a-f-]{36}$/);
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.queue'), before + 1);

        const posted = await sendCheckin(patient, patientId, { chestPain: 'yes' });
        const alertId = (posted.json.alert as { id: string }).id;
        assert.equal((await stream.next()).event, 'alert');

        // The full lists: audited once per call, one DTO per card, no check-in blobs.
        const queue = await nurse.get('/api/alerts/queue');
        assert.equal(queue.status, 200);
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.queue'), before + 2);
        const lists = queueResponseSchema.parse(queue.json);
        assert.ok(!queue.text.includes('"triage"'), 'no triage blob');
        assert.ok(!queue.text.includes('"answers"'), 'no answers blob');
        assert.deepEqual(lists.offTrack, []);
        const card = lists.redFlags.find((c) => c.id === alertId);
        assert.ok(card);
        assert.equal(card.level, 'emergency');
        assert.equal(card.status, 'open');
        assert.equal(card.patient.id, patientId);
        assert.ok(card.patient.surgeryDate, 'the surgery date comes with the card');
        assert.equal(typeof card.patient.daysSinceSurgery, 'number');
        assert.ok(card.instruction?.text, 'what the patient was told');
        assert.ok(card.findings.length > 0);

        // One card through this tab's stream: not audited again.
        const viaStream = await nurse.get(`/api/alerts/${alertId}/card?stream=${streamId}`);
        assert.equal(viaStream.status, 200);
        const one = cardResponseSchema.parse(viaStream.json);
        assert.deepEqual({ ...one.card, overdue: undefined }, { ...card, overdue: undefined });
        assert.ok(!viaStream.text.includes('"triage"') && !viaStream.text.includes('"answers"'));
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.card'), 0);

        // Without a stream, or with someone else's stream id: audited.
        await nurse.get(`/api/alerts/${alertId}/card`);
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.card'), 1);
        await admin.get(`/api/alerts/${alertId}/card?stream=${streamId}`);
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.card'), 2);
        await nurse.get(`/api/alerts/${alertId}/card?stream=${randomUUID()}`);
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.card'), 3);

        // Resolved: the card leaves the queue (null), the alert still exists.
        await nurse.post(`/api/alerts/${alertId}/resolve`, {});
        const gone = await nurse.get(`/api/alerts/${alertId}/card?stream=${streamId}`);
        assert.equal(gone.status, 200);
        assert.equal(cardResponseSchema.parse(gone.json).card, null);

        // Once the stream is closed its id covers nothing.
        await stream.close();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await nurse.get(`/api/alerts/${alertId}/card?stream=${streamId}`);
        assert.equal(await auditRows(db, clinic.clinicId, 'alert.card'), 4);

        // Bad input and unknown alerts: clear problems, not 5xx.
        assert.equal((await nurse.get(`/api/alerts/${randomUUID()}/card`)).status, 404);
        assert.equal((await nurse.get(`/api/alerts/${alertId}/card?stream=nope`)).status, 400);
        assert.equal((await patient.get(`/api/alerts/${alertId}/card`)).status, 403);
        assert.equal((await patient.get('/api/alerts/queue')).status, 403);
      });
    },
  );

  engine.test('another clinic’s alert is not found through the card route', async () => {
    const database = await engine.open();
    const mine = await seedClinic(database.db);
    const { clinic: other, client: otherAdmin } = await signedInClinic(database.db, 'admin');
    const { patientId, client } = await enrolAndSignIn(otherAdmin, other);
    const posted = await sendCheckin(client, patientId, { chestPain: 'yes' });
    const alertId = (posted.json.alert as { id: string }).id;
    const nurse = await staffSignedIn(otherAdmin, mine, 'care_manager');
    assert.equal((await nurse.get(`/api/alerts/${alertId}/card`)).status, 404);
    const queue = queueResponseSchema.parse((await nurse.get('/api/alerts/queue')).json);
    assert.deepEqual(queue.redFlags, []);
  });

  engine.test(
    'an urgent alert with no check-in in the day since is raised on its card; a check-in since clears it',
    async () => {
      const { clinic, admin, patientId, patient } = await aSignedInPatient(engine);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const checkin = (temperature: number) =>
        patient.post(`/api/patients/${patientId}/checkins`, {
          idempotencyKey: randomUUID(),
          checkin: {
            axialPain: 3,
            limbPain: 2,
            painControlled: 'yes',
            temperature: { value: temperature, unit: 'F' },
          },
        });
      const fever = await checkin(101.8);
      assert.equal(fever.status, 201, fever.text);
      const alertId = (fever.json.alert as { id: string }).id;
      const card = async () => {
        const answer = await nurse.get(`/api/alerts/${alertId}/card`);
        assert.equal(answer.status, 200, answer.text);
        const parsed = cardResponseSchema.parse(answer.json).card;
        assert.ok(parsed);
        return parsed;
      };
      const first = await card();
      assert.equal(first.level, 'urgent');
      assert.equal(first.noCheckinSince, false, 'not yet: raised just now');
      // The check-in that raised the alert is the patient's last one.
      assert.equal(first.patient.lastCheckinAt, new Date(admin.clock).toISOString());

      admin.clock = new Date(admin.clock.getTime() + 25 * 3600_000);
      await signInStaff(nurse, clinic, 'care_manager'); // the idle session ended meanwhile
      const quiet = await card();
      assert.equal(quiet.noCheckinSince, true, 'a day and no check-in since');
      const lists = queueResponseSchema.parse((await nurse.get('/api/alerts/queue')).json);
      assert.deepEqual(
        lists.redFlags.map((c) => [c.id, c.noCheckinSince]),
        [[alertId, true]],
      );
      // The older list says the same.
      const old = (await nurse.get('/api/alerts')).json.alerts as unknown as {
        id: string;
        noCheckinSince: boolean;
      }[];
      assert.deepEqual(
        old.map((a) => [a.id, a.noCheckinSince]),
        [[alertId, true]],
      );

      const calm = await checkin(98.6);
      assert.equal(calm.status, 201, calm.text);
      const after = await card();
      assert.equal(after.noCheckinSince, false, 'the patient checked in since');
      assert.equal(after.patient.lastCheckinAt, admin.clock.toISOString());
    },
  );
});
