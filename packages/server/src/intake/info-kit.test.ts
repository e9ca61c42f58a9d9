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

const allText = (kit: ReturnType<typeof buildInfoKit>) =>
  kit.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]).join('\n');

test('the kit prints how long each restriction lasts and when each milestone comes, fusion and job variants included', () => {
  const en = allText(
    buildInfoKit({ region: 'lumbar', procedure: 'laminectomy', language: 'en', ...clinic }),
  );
  // Lifting: 10 lb for at least 6 weeks (ref:6, ref:7); after a fusion until the surgeon clears it.
  assert.match(
    en,
    /10 lb \(4\.5 kg\)\. A full grocery bag[^\n]*For at least the first 6 weeks, then until your surgeon says it is OK\./,
  );
  assert.match(
    en,
    /If you had a fusion: Do not bend forward[^\n]*Until your surgeon says it is OK\./,
  );
  assert.match(
    en,
    /Change position every 30 to 45 minutes[^\n]*From 2 weeks to 6 weeks after surgery\./,
  );
  // Milestones with their windows, desk and heavy work and fusion variants too.
  assert.match(en, /After open surgery: Go home from the hospital\. 1 to 4 days after surgery\./);
  assert.match(
    en,
    /Without a fusion: Back to desk work or light work, if your job allows\. 3 to 6 weeks after surgery\./,
  );
  assert.match(
    en,
    /Back to heavy physical work, once your surgeon agrees\. 2 to 3 months after surgery\./,
  );
  assert.match(en, /If you had a fusion: X-rays[^\n]*About 6 months after surgery\./);
  // Good to know, and numbness with bladder trouble as the emergency it is.
  assert.match(en, /Risks of surgery, and how rare they are/);
  assert.match(en, /Call 911 now if it comes with new bladder or bowel problems/);

  const es = allText(
    buildInfoKit({ region: 'lumbar', procedure: 'laminectomy', language: 'es', ...clinic }),
  );
  assert.match(es, /10 libras \(4\.5 kg\)/);
  assert.doesNotMatch(es, /\d lb\b/);
  assert.match(es, /Por lo menos durante 6 semanas después de la cirugía/);
  assert.match(
    es,
    /Si le hicieron una fusión: No se doble hacia adelante por la cintura ni gire la espalda hasta que su cirujano le diga que la fusión lo permite\./,
  );
  assert.match(es, /De 1 a 4 días después de la cirugía\./);
  assert.match(es, /Llame al 911 ahora si viene con problemas nuevos de vejiga o intestino/);

  const neck = allText(
    buildInfoKit({ region: 'cervical', procedure: 'microlaminectomy', language: 'en', ...clinic }),
  );
  assert.match(neck, /Without a fusion: Go home from the hospital\. 1 to 2 days after surgery\./);
  assert.match(neck, /Without a fusion: Back to normal activities\. 4 to 6 weeks after surgery\./);
});
