import assert from 'node:assert/strict';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { issueSetupToken } from './setup.ts';

const clinic = {
  name: 'Valley Spine',
  slug: 'valley-spine',
  timeZone: 'America/Denver',
  adminEmail: 'lee@valley.example',
  adminName: 'Lee Admin',
  password: 'a long enough password',
};

forEachEngine((engine) => {
  engine.test(
    'the setup page: one-time token from the log, refused once a clinic exists',
    async () => {
      const { db } = await engine.open();
      const browser = new TestClient(db);
      assert.deepEqual((await browser.get('/api/setup')).json, { setupNeeded: true });
      const earlier = await issueSetupToken(db);
      const token = await issueSetupToken(db);
      assert.ok(earlier && token && earlier !== token);
      const stored = await db
        .selectFrom('server_setup_tokens')
        .select(['token_hash', 'used_at'])
        .execute();
      assert.equal(stored.length, 1, 'a restart replaces the unused token');
      assert.ok(!stored.some((r) => r.token_hash === token), 'stored hashed');

      const withoutToken = await browser.post('/api/setup', { ...clinic, token: 'x'.repeat(43) });
      assert.equal(withoutToken.status, 403);
      const withOld = await browser.post('/api/setup', { ...clinic, token: earlier });
      assert.equal(withOld.status, 403, 'the earlier start’s token no longer works');
      const badZone = await browser.post('/api/setup', { ...clinic, token, timeZone: 'Mountain' });
      assert.equal(badZone.status, 400);
      assert.match(badZone.text, /IANA time zone/);
      const weak = await browser.post('/api/setup', { ...clinic, token, password: 'short' });
      assert.equal(weak.status, 400);

      // Two at once with the same token: exactly one creates the clinic.
      const [a, b] = await Promise.all([
        browser.post('/api/setup', { ...clinic, token }),
        browser.fork().post('/api/setup', { ...clinic, token, slug: 'other-valley' }),
      ]);
      assert.equal([a.status, b.status].filter((s) => s === 201).length, 1);
      assert.ok([a.status, b.status].every((s) => s === 201 || s === 403 || s === 409));
      assert.equal((await db.selectFrom('clinics').select('id').execute()).length, 1);

      const winner = a.status === 201 ? clinic.slug : 'other-valley';
      const signIn = await browser.post('/api/auth/sign-in', {
        clinic: winner,
        email: clinic.adminEmail,
        password: clinic.password,
      });
      assert.equal(signIn.status, 200, signIn.text);
      assert.equal(signIn.json.role, 'admin');

      assert.deepEqual((await browser.get('/api/setup')).json, { setupNeeded: false });
      const again = await browser.fork().post('/api/setup', { ...clinic, slug: 'third', token });
      assert.equal(again.status, 409, 'refused once a clinic exists');
      assert.equal(await issueSetupToken(db), undefined, 'no new token once a clinic exists');
      const audit = await db.selectFrom('audit_log').select(['action', 'details']).execute();
      assert.deepEqual(audit.filter((r) => r.action === 'clinic.create').length, 1);
    },
  );
});
