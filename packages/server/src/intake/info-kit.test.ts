import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource, procedures, regions } from '@lamina/pathway';
import { PDFDocument } from 'pdf-lib';
import { buildInfoKit, renderInfoKitPdf } from './info-kit.ts';

const clinic = { clinicName: 'Demo Spine', clinicPhone: '555-0100', emergencyNumber: '911' };

test('every region and procedure has a kit in both languages, each statement with known sources', () => {
  for (const region of regions)
    for (const procedure of procedures) {
      const en = buildInfoKit({ region, procedure, language: 'en', ...clinic });
      const es = buildInfoKit({ region, procedure, language: 'es', ...clinic });
      assert.equal(en.sections.length, es.sections.length);
      for (const [index, section] of en.sections.entries()) {
        assert.ok(section.items.length > 0, `${region} ${procedure} ${section.heading}`);
        const spanish = es.sections[index]?.items ?? [];
        assert.equal(spanish.length, section.items.length);
        for (const [i, item] of section.items.entries()) {
          assert.ok(item.sources.length > 0, item.text);
          for (const source of item.sources) assert.ok(isKnownSource(source), source);
          // A Spanish kit never falls back to an English sentence.
          assert.notEqual(spanish[i]?.text, item.text, `untranslated: ${item.text}`);
        }
      }
      assert.ok(!JSON.stringify(en).includes('{load}'), 'weights are filled in');
      assert.ok(!JSON.stringify(es).includes('{load}'), 'weights are filled in');
    }
});

test('the kit names the clinic, says Lamina does not diagnose, and puts red flags first', () => {
  const kit = buildInfoKit({
    region: 'lumbar',
    procedure: 'laminectomy',
    language: 'en',
    ...clinic,
  });
  assert.match(kit.intro.join(' '), /From Demo Spine\. Phone: 555-0100\./);
  assert.match(kit.intro.join(' '), /does not diagnose/);
  assert.match(kit.intro.join(' '), /call 911 now/);
  assert.equal(kit.sections[0]?.heading, 'Get help right away if');
});

test('characters Helvetica cannot draw are replaced, not a crash', async () => {
  const kit = {
    title: 'Kit ≥ 2 → ok',
    language: 'en' as const,
    intro: ['Emoji 🙂 and “quotes”, ñ, é, ü, – dash'],
    sections: [{ heading: 'Ω section', items: [{ text: '≤ 5 kg', sources: ['ref:1' as const] }] }],
  };
  const bytes = await renderInfoKitPdf(kit, new Date('2026-11-20T00:00:00Z'));
  const pdf = await PDFDocument.load(bytes);
  assert.equal(pdf.getTitle(), 'Kit ≥ 2 → ok', 'the title metadata keeps Unicode');
  assert.ok(pdf.getPageCount() >= 1);
});
