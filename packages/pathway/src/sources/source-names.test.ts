import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { clinicalReference } from './clinical-reference.test-helper.ts';
import { referenceUrls } from './reference-urls.ts';
import { isKnownSource, referenceNumbers } from './source.ts';
import { sourceLine, sourceName, sourceNames } from './source-names.ts';

const everySource = [
  'seed:000',
  'seed:001',
  'seed:002',
  'seed:003',
  'seed:004',
  'surgeon',
  'team',
  ...[...referenceNumbers].map((n) => `ref:${n}`),
];

test('every known source has a short readable name in English and Spanish, and every reference a link', () => {
  for (const id of everySource) {
    for (const language of ['en', 'es'] as const) {
      const named = sourceName(id, language);
      assert.ok(named, `${id} has no ${language} name`);
      assert.ok(named.name.length > 1 && named.name.length <= 60, `${id}: ${named.name}`);
      assert.doesNotMatch(named.name, /ref:|seed:|https?:|\.(com|org|net|gov)\b/, id);
      if (id.startsWith('ref:')) assert.match(named.url ?? '', /^https?:\/\//, id);
      else assert.equal(named.url, null, id);
    }
  }
  assert.equal(sourceName('ref:11', 'en'), undefined, 'a number the reference does not list');
  assert.equal(sourceName('web', 'en'), undefined);
});

test('names are derived from the publisher: NHS for the NHS page, PubMed for a PubMed study', () => {
  assert.deepEqual(sourceName('ref:4', 'en'), { name: 'NHS', url: referenceUrls['4'] });
  assert.equal(sourceName('ref:9', 'en')?.name, 'research study (PubMed)');
  assert.equal(sourceName('ref:9', 'es')?.name, 'estudio de investigación (PubMed)');
  assert.equal(sourceName('ref:10', 'en')?.name, 'Spine (journal)');
  assert.equal(sourceName('ref:57', 'en')?.name, 'Clinical Orthopaedics and Related Research');
  assert.equal(
    sourceLine(['seed:001', 'ref:4'], 'en'),
    'clinic guide: recovery after laminectomy; NHS',
  );
  assert.equal(
    sourceLine(['seed:001', 'ref:4'], 'es'),
    'guía de la clínica: recuperación tras la laminectomía; NHS',
  );
  // Two sources with the same name and link read once; same name, other link stays.
  assert.equal(sourceNames(['ref:4', 'ref:4'], 'en').length, 1);
  assert.equal(sourceNames(['ref:9', 'ref:20'], 'en').length, 2);
});

test('each reference link is the first link the clinical reference lists for that number', {
  skip: clinicalReference.skip,
}, () => {
  const list = clinicalReference.sourceList();
  const listed = new Map(
    [...list.matchAll(/(?:^|· )(\d+b?) (https?:\/\/\S+)/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  assert.deepEqual(Object.keys(referenceUrls).sort(), [...listed.keys()].sort());
  for (const [n, url] of listed) assert.equal(referenceUrls[n], url, `ref:${n}`);
});

/** Every source id written in the code of the three packages (tests left out: they try bad ids). */
function sourceIdsInCode(): Map<string, string> {
  const root = new URL('../../../', import.meta.url).pathname;
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const code = readFileSync(path, 'utf8');
        for (const m of code.matchAll(/['"`](seed:\d{3}|ref:\d+b?)['"`]/g))
          if (m[1] !== undefined) found.set(m[1], path);
      }
    }
  };
  for (const pkg of ['pathway', 'server', 'web']) walk(join(root, pkg, 'src'));
  return found;
}

test('every source id used anywhere in the code has a readable name', () => {
  const used = sourceIdsInCode();
  assert.ok(used.size > 50, `found only ${used.size} source ids: the scan is broken`);
  for (const [id, where] of used) {
    assert.ok(isKnownSource(id), `${id} in ${where} is not a known source`);
    assert.ok(sourceName(id, 'en') && sourceName(id, 'es'), `${id} in ${where} has no name`);
  }
});
