import assert from 'node:assert/strict';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { freshSignedInClinic, signInStaff } from '../http/test-fixtures.ts';

/** A real 1×1 PNG and the first bytes of a JPEG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const profile = {
  name: 'North Spine Clinic',
  phone: '(415) 555-2671',
  emergencyNumber: '911',
  timeZone: 'America/Los_Angeles',
  defaultLanguage: 'es',
};

forEachEngine((engine) => {
  engine.test(
    'clinic profile: validated, stored in E.164, audited; logo PNG/JPEG ≤ 200 KB only',
    async () => {
      const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');

      const bad = await admin.put('/api/clinic/profile', {
        ...profile,
        phone: '12',
        timeZone: 'PST',
        defaultLanguage: 'fr',
        emergencyNumber: 'call 911',
      });
      assert.equal(bad.status, 400);
      const fields = (bad.json.errors as { field: string }[]).map((e) => e.field).sort();
      assert.deepEqual(fields, ['defaultLanguage', 'emergencyNumber', 'phone', 'timeZone']);
      assert.equal((await admin.put('/api/clinic/profile', { ...profile, extra: 1 })).status, 400);

      const saved = await admin.put('/api/clinic/profile', profile);
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.json, {
        name: 'North Spine Clinic',
        slug: clinic.slug,
        phone: '+14155552671',
        emergencyNumber: '911',
        timeZone: 'America/Los_Angeles',
        defaultLanguage: 'es',
        logoUrl: null,
      });
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'details', 'actor_id'])
        .where('action', '=', 'clinic.profile-update')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor_id, clinic.staff.admin.id);
      assert.deepEqual((audit[0]?.details as { after: unknown } | undefined)?.after, {
        ...profile,
        phone: '+14155552671',
      });

      const care = new TestClient(db);
      await signInStaff(care, clinic, 'care_manager');
      assert.equal((await care.put('/api/clinic/profile', profile)).status, 403);

      // Logo: SVG refused (even when named PNG), magic bytes checked, size limit.
      for (const [bytes, why] of [
        [svg, 'SVG'],
        [Buffer.from('GIF89a-not-allowed'), 'GIF'],
        [Buffer.concat([png.subarray(0, 8), Buffer.alloc(200 * 1024)]), 'over 200 KB'],
      ] as const) {
        const refused = await admin.put('/api/clinic/logo', {
          imageBase64: bytes.toString('base64'),
        });
        assert.equal(refused.status, 400, why);
      }
      assert.equal(
        (await admin.put('/api/clinic/logo', { imageBase64: 'not base64!' })).status,
        400,
      );
      const anonymous = new TestClient(db);
      assert.equal((await anonymous.get(`/api/public/${clinic.slug}/logo`)).status, 404);

      const withJpeg = await admin.put('/api/clinic/logo', {
        imageBase64: jpeg.toString('base64'),
      });
      assert.equal(withJpeg.status, 200, withJpeg.text);
      const withPng = await admin.put('/api/clinic/logo', { imageBase64: png.toString('base64') });
      assert.equal(withPng.json.logoUrl, `/api/public/${clinic.slug}/logo`);
      const served = await anonymous.app.request(`/api/public/${clinic.slug}/logo`);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
      const logoAudit = await db
        .selectFrom('audit_log')
        .select(['details'])
        .where('action', '=', 'clinic.logo-update')
        .execute();
      assert.deepEqual(
        logoAudit.map((r) => (r.details as { type: string }).type),
        ['image/jpeg', 'image/png'],
      );
    },
  );
});
