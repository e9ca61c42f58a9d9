import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInfoKit, renderInfoKitPdf } from '../intake/info-kit.ts';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('the info kit PDF carries the clinic logo when it has one', async () => {
  const kit = buildInfoKit({
    region: 'lumbar',
    procedure: 'laminectomy',
    language: 'es',
    clinicName: 'North Spine Clinic',
    clinicPhone: '+14155552671',
    emergencyNumber: '911',
  });
  const at = new Date('2026-11-20T00:00:00Z');
  const plain = Buffer.from(await renderInfoKitPdf(kit, at)).toString('latin1');
  const branded = Buffer.from(
    await renderInfoKitPdf(kit, at, { bytes: png, type: 'image/png' }),
  ).toString('latin1');
  assert.doesNotMatch(plain, /\/Subtype \/Image/);
  assert.match(branded, /\/Subtype \/Image/);
  assert.match(branded, /\/Lang \(es\)/, 'in the patient’s language');
});
