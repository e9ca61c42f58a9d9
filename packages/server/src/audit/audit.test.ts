import assert from 'node:assert/strict';
import { Hono } from 'hono';
import type { Actor } from '../auth/access.ts';
import { aClinicWithPatient, auditOf } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { audit } from './audit.ts';

/** A bare app whose one route audits as told: the helper is read through a real request context. */
function appAuditing(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor | null,
  handler: (c: Parameters<typeof audit>[0]) => Promise<void>,
) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps as AppDeps);
    c.set('actor', actor);
    c.set('ip', '203.0.113.7');
    c.set('requestId', 'test');
    await next();
  });
  app.onError((error, c) => c.text(error.message, 500));
  app.post('/', async (c) => {
    await handler(c);
    return c.text('ok');
  });
  return app;
}

forEachEngine((engine) => {
  engine.test('audit() takes actor, ip and clinic from the request', async () => {
    const { db } = await engine.open();
    const { clinicId, clinicianId, patientId } = await aClinicWithPatient(db);
    const actor: Actor = { clinicId, userId: clinicianId, role: 'clinician', patientId: null };
    const app = appAuditing({ db, now: () => new Date() }, actor, (c) =>
      audit(c, {
        action: 'test.read',
        subjectType: 'patient',
        subjectId: patientId,
        patientId,
        details: { count: 1 },
      }),
    );
    assert.equal((await app.request('/', { method: 'POST' })).status, 200);
    const row = await auditOf(db, clinicId, 'test.read')
      .select(['clinic_id', 'actor_id', 'actor_role', 'ip', 'patient_id', 'details'])
      .executeTakeFirstOrThrow();
    assert.equal(row.actor_id, clinicianId);
    assert.equal(row.actor_role, 'clinician');
    assert.equal(row.ip, '203.0.113.7');
    assert.equal(row.patient_id, patientId);
    assert.deepEqual(typeof row.details === 'string' ? JSON.parse(row.details) : row.details, {
      count: 1,
    });
  });

  engine.test('the same action on the same subject twice in one request is refused', async () => {
    const { db } = await engine.open();
    const { clinicId, clinicianId, patientId } = await aClinicWithPatient(db);
    const actor: Actor = { clinicId, userId: clinicianId, role: 'clinician', patientId: null };
    const event = { action: 'test.twice', subjectType: 'patient', subjectId: patientId };
    const app = appAuditing({ db, now: () => new Date() }, actor, async (c) => {
      await audit(c, event);
      await audit(c, event);
    });
    const answer = await app.request('/', { method: 'POST' });
    assert.equal(answer.status, 500);
    assert.match(await answer.text(), /recorded twice/);
    // Each request starts afresh.
    const once = appAuditing({ db, now: () => new Date() }, actor, (c) => audit(c, event));
    assert.equal((await once.request('/', { method: 'POST' })).status, 200);
    assert.equal((await once.request('/', { method: 'POST' })).status, 200);
  });

  engine.test(
    'a visitor route records no actor and names its clinic; none at all is refused',
    async () => {
      const { db } = await engine.open();
      const { clinicId, clinicianId } = await aClinicWithPatient(db);
      const stray: Actor = { clinicId, userId: clinicianId, role: 'clinician', patientId: null };
      const visitor = appAuditing({ db, now: () => new Date() }, stray, (c) =>
        audit(c, { clinicId, actor: null, action: 'test.visitor', subjectType: 'intake_request' }),
      );
      assert.equal((await visitor.request('/', { method: 'POST' })).status, 200);
      const row = await auditOf(db, clinicId, 'test.visitor')
        .select(['actor_id', 'ip'])
        .executeTakeFirstOrThrow();
      assert.equal(row.actor_id, null);
      assert.equal(row.ip, '203.0.113.7');
      const nobody = appAuditing({ db, now: () => new Date() }, null, (c) =>
        audit(c, { action: 'test.nobody', subjectType: 'intake_request' }),
      );
      const answer = await nobody.request('/', { method: 'POST' });
      assert.equal(answer.status, 500);
      assert.match(await answer.text(), /no clinic/);
    },
  );
});
