import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultClinicHours } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type NewRequest, route, urgency } from './create-request.ts';
import { visitorRequestSchema } from './schemas.ts';
import type { ClinicContact } from './store.ts';

const clinic: ClinicContact = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'demo',
  name: 'Demo Spine',
  phone: '555-0100',
  emergencyNumber: '911',
  timeZone: 'America/Chicago',
  hours: defaultClinicHours,
};
const contact = { name: 'Ana', email: 'ana@example.org' };
const request = (body: Record<string, unknown>): NewRequest =>
  visitorRequestSchema.parse({ language: 'en', contact, consent: true, ...body });

test('urgency: red-flag words in the person’s own words make a request urgent, with what to do now', () => {
  const found = urgency(
    request({
      kind: 'callback',
      callback: {
        urgency: 'today',
        description: 'Since last night I cannot pee and my groin is numb',
      },
    }),
    clinic,
    false,
  );
  assert.equal(found.urgent, true);
  assert.ok(found.redFlags.length > 0);
  assert.ok(found.emergencyInstruction);
});

test('urgency: a candidacy check that ended on an emergency answer is urgent even with calm words', () => {
  const calm = request({ kind: 'treatment', symptoms: 'Leg pain when I walk for ten minutes.' });
  assert.equal(urgency(calm, clinic, false).urgent, false);
  assert.equal(urgency(calm, clinic, false).emergencyInstruction, undefined);
  const fromCheck = urgency(calm, clinic, true);
  assert.equal(fromCheck.urgent, true);
  assert.deepEqual(fromCheck.redFlags, []);
  assert.ok(fromCheck.emergencyInstruction);
});

test('route: only a call-back is routed; other kinds never look up who is on call', async () => {
  const noDatabase = {} as Kysely<Database>; // any query on it would throw
  const sundayNight = new Date('2026-12-07T04:00:00Z');
  const routed = await route(
    noDatabase,
    clinic,
    request({ kind: 'treatment', symptoms: 'Leg pain.' }),
    sundayNight,
  );
  assert.deepEqual(routed, { afterHours: false, onCall: undefined });
});
