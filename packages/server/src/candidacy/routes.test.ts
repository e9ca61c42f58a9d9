import assert from 'node:assert/strict';
import { auditOf, countRows, disableUser } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { freshClinic, seedClinic, staffSignedIn } from '../http/test-fixtures.ts';
import { candidacyLimit } from './routes.ts';

const noEmergency = {
  newBladderOrBowelTrouble: false,
  saddleNumbness: false,
  rapidlyWorseningWeakness: false,
};
const strongFit = {
  region: 'lumbar',
  emergency: noEmergency,
  symptoms: {
    painTravelsIntoLimb: true,
    limbPainWorseThanSpinePain: true,
    nervePatternNumbnessOrTingling: true,
    weakness: 'stable',
    pattern: 'consistent',
    durationWeeks: 40,
  },
  walking: {
    worseWithStandingOrWalking: true,
    easedBySittingOrBendingForward: true,
    easierLeaningOnShoppingCart: true,
    calfPainEasedByStandingStill: false,
  },
  dailyTasksLost: ['walking-errands', 'standing-to-cook'],
  conservativeCare: { tried: ['physical-therapy', 'injections'], weeks: 14, result: 'no-help' },
  imaging: { type: 'mri', showed: 'nerve-compression' },
};
const contact = { name: 'Sam Lee', email: 'Sam@Mail.example', consent: true };

/** A fresh database, a clinic, and a visitor on its candidacy check (at `url`). */
async function aVisitor(engine: TestEngine) {
  const { db, clinic, client: visitor } = await freshClinic(engine);
  return { db, clinic, visitor, url: `/api/public/${clinic.slug}/candidacy` };
}

/** A fresh database, two clinics, and a visitor who left a lead (strong fit, with contact) at the first. */
async function aLead(engine: TestEngine) {
  const { db, clinic, visitor, url } = await aVisitor(engine);
  const elsewhere = await seedClinic(db);
  const made = await visitor.post(url, { answers: strongFit, contact });
  return { db, clinic, elsewhere, visitor, leadId: made.json.leadId as string };
}

forEachEngine((engine) => {
  engine.test(
    'anyone can check candidacy; leaving contact details with consent creates a lead',
    async () => {
      const { db, clinic, visitor, url } = await aVisitor(engine);

      const anonymous = await visitor.post(url, { answers: strongFit });
      assert.equal(anonymous.status, 201, anonymous.text);
      assert.equal((anonymous.json.result as { category: string }).category, 'strong-fit');
      assert.equal(anonymous.json.leadId, null);

      const urgent = await visitor.post(url, {
        answers: { region: 'lumbar', emergency: { ...noEmergency, saddleNumbness: true } },
        contact,
      });
      assert.equal(urgent.status, 201);
      assert.equal((urgent.json.result as { category: string }).category, 'urgent');
      assert.ok(urgent.json.leadId);

      assert.equal(await countRows(db, 'candidacy_assessments', clinic.clinicId), 2);

      const nurse = await staffSignedIn(db, clinic, 'care_manager');
      const leads = await nurse.get('/api/leads');
      assert.equal(leads.status, 200, leads.text);
      const [lead] = leads.json.leads as {
        id: string;
        email: string;
        category: string;
        status: string;
      }[];
      assert.deepEqual(
        { email: lead?.email, category: lead?.category, status: lead?.status },
        { email: 'sam@mail.example', category: 'urgent', status: 'new' },
      );
      const moved = await nurse.post(`/api/leads/${lead?.id}/status`, { status: 'contacted' });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual((await nurse.get('/api/leads?status=new')).json.leads, []);
      assert.equal(
        ((await nurse.get('/api/leads?status=contacted')).json.leads as unknown[]).length,
        1,
      );
      assert.equal((await nurse.get('/api/leads?status=lost')).status, 400);
      assert.equal(
        (await nurse.post(`/api/leads/${lead?.id}/status`, { status: 'won' })).status,
        400,
      );
      assert.equal(
        (
          await nurse.post('/api/leads/00000000-0000-4000-8000-000000000000/status', {
            status: 'closed',
          })
        ).status,
        404,
      );

      const actions = await auditOf(db, clinic.clinicId).select(['action', 'actor_id']).execute();
      const of = (action: string) => actions.filter((a) => a.action === action);
      assert.equal(of('candidacy.assess').length, 2);
      assert.equal(of('lead.create').length, 1);
      assert.equal(of('lead.create')[0]?.actor_id, null);
      assert.equal(of('lead.status')[0]?.actor_id, clinic.staff.care_manager.id);
      assert.ok(of('lead.list').length >= 1);
    },
  );

  engine.test(
    'contact without consent or a way to reach the person is refused; nothing is stored',
    async () => {
      const { db, visitor, url } = await aVisitor(engine);
      const cases: [unknown, string][] = [
        [{ answers: strongFit, contact: { ...contact, consent: false } }, 'contact.consent'],
        [{ answers: strongFit, contact: { name: 'Sam', consent: true } }, 'contact.email'],
        [{ answers: { ...strongFit, region: 'thoracic' } }, 'answers.region'],
        [{ answers: { ...strongFit, mood: 'ok' } }, 'answers'],
        [{ ...strongFit }, 'answers'],
      ];
      for (const [body, field] of cases) {
        const response = await visitor.post(url, body);
        assert.equal(response.status, 400, response.text);
        assert.ok(
          (response.json.errors as { field: string }[]).some((e) => e.field === field),
          `${field} in ${response.text}`,
        );
      }
      assert.equal(
        (await visitor.post('/api/public/no-such-clinic/candidacy', { answers: strongFit })).status,
        404,
      );
      assert.equal(await countRows(db, 'candidacy_assessments'), 0);
    },
  );

  engine.test(
    'anonymous checks are rate limited per visitor in the database, per clinic',
    async () => {
      // Two app instances on one database: the limit holds across server processes.
      const { db, visitor: first, url } = await aVisitor(engine);
      const second = new TestClient(db);
      const other = await seedClinic(db);
      for (let i = 0; i < candidacyLimit.submissions; i++) {
        const client = i % 2 === 0 ? first : second;
        assert.equal(
          (await client.post(url, { answers: strongFit })).status,
          201,
          `submission ${i + 1}`,
        );
      }
      const limited = await second.post(url, { answers: strongFit });
      assert.equal(limited.status, 429, limited.text);
      assert.equal(limited.headers.get('retry-after'), String(candidacyLimit.windowMinutes * 60));
      assert.match(String(limited.json.detail), /wait/);
      assert.equal(
        (await first.post(`/api/public/${other.slug}/candidacy`, { answers: strongFit })).status,
        201,
      );

      first.clock = new Date(first.clock.getTime() + (candidacyLimit.windowMinutes + 1) * 60_000);
      assert.equal(
        (await first.post(url, { answers: strongFit })).status,
        201,
        'the window has passed',
      );
    },
  );

  engine.test('leads are for care managers and admins of the same clinic', async () => {
    const { db, clinic, elsewhere, visitor, leadId } = await aLead(engine);
    for (const role of ['clinician', 'reviewer'] as const) {
      const staff = await staffSignedIn(db, clinic, role);
      assert.equal((await staff.get('/api/leads')).status, 403, role);
      assert.equal(
        (await staff.post(`/api/leads/${leadId}/status`, { status: 'closed' })).status,
        403,
        role,
      );
    }
    const admin = await staffSignedIn(db, clinic, 'admin');
    assert.equal(((await admin.get('/api/leads')).json.leads as unknown[]).length, 1);
    const stranger = await staffSignedIn(db, elsewhere, 'admin');
    assert.deepEqual((await stranger.get('/api/leads')).json.leads, []);
    assert.equal(
      (await stranger.post(`/api/leads/${leadId}/status`, { status: 'closed' })).status,
      404,
    );
    assert.equal((await visitor.get('/api/leads')).status, 401);
  });

  engine.test(
    'a care manager assigns a lead to a colleague or to themself; only the active care team of the clinic can take one',
    async () => {
      const { db, clinic, elsewhere, visitor, leadId } = await aLead(engine);
      const nurse = await staffSignedIn(visitor, clinic, 'care_manager');
      const assign = (userId: string | null) =>
        nurse.post(`/api/leads/${leadId}/assign`, { userId });
      const assigneeOf = async () =>
        ((await nurse.get('/api/leads')).json.leads as { assignee: unknown }[])[0]?.assignee;

      assert.equal(await assigneeOf(), null, 'nobody at first');
      const toSurgeon = await assign(clinic.staff.clinician.id);
      assert.equal(toSurgeon.status, 200, toSurgeon.text);
      assert.deepEqual(toSurgeon.json.assignee, {
        id: clinic.staff.clinician.id,
        name: 'clinician',
      });
      assert.equal((await assign(clinic.staff.care_manager.id)).status, 200);
      assert.deepEqual(await assigneeOf(), {
        id: clinic.staff.care_manager.id,
        name: 'care_manager',
      });

      // Not a reviewer, not another clinic's staff, not a disabled account, not junk.
      await disableUser(db, clinic.clinicId, clinic.staff.admin.id);
      for (const userId of [
        clinic.staff.reviewer.id,
        elsewhere.staff.care_manager.id,
        clinic.staff.admin.id,
      ]) {
        const refused = await assign(userId);
        assert.equal(refused.status, 400, userId);
        assert.equal((refused.json.errors as { field: string }[])[0]?.field, 'userId');
      }
      for (const body of [{}, { userId: 'nurse' }, { userId: null, extra: 1 }])
        assert.equal((await nurse.post(`/api/leads/${leadId}/assign`, body)).status, 400);
      assert.equal(
        (
          await nurse.post('/api/leads/00000000-0000-4000-8000-000000000000/assign', {
            userId: null,
          })
        ).status,
        404,
      );
      const stranger = await staffSignedIn(visitor, elsewhere, 'care_manager');
      assert.equal(
        (await stranger.post(`/api/leads/${leadId}/assign`, { userId: null })).status,
        404,
        "another clinic's lead does not exist there, even with a bad body",
      );
      const clinician = await staffSignedIn(visitor, clinic, 'clinician');
      assert.equal(
        (await clinician.post(`/api/leads/${leadId}/assign`, { userId: null })).status,
        403,
      );
      assert.deepEqual(await assigneeOf(), {
        id: clinic.staff.care_manager.id,
        name: 'care_manager',
      });

      const unassigned = await assign(null);
      assert.equal(unassigned.status, 200);
      assert.equal(unassigned.json.assignee, null);
      assert.equal(await assigneeOf(), null);

      const audit = await auditOf(db, clinic.clinicId, 'lead.assign')
        .select(['details', 'actor_id'])
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((row) => row.details),
        [
          { before: null, after: clinic.staff.clinician.id },
          { before: clinic.staff.clinician.id, after: clinic.staff.care_manager.id },
          { before: clinic.staff.care_manager.id, after: null },
        ],
      );
      assert.ok(audit.every((row) => row.actor_id === clinic.staff.care_manager.id));
    },
  );
});
