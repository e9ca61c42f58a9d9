import { createHash } from 'node:crypto';
import type { DenaturalizedDataset } from 'dcmjs';
import { deidentificationMethod, deidentificationProfile } from './deidentification-profile.ts';
import { dcmjsData, parseDicom } from './dicom.ts';

/**
 * A new UID for an original one: `2.25.` + a 128-bit number derived from the study's secret salt,
 * so every file of a study (uploaded together or weeks apart) gets the same replacement, and
 * nobody without the salt can link it back.
 */
export function replacementUid(salt: string, original: string): string {
  const digest = createHash('sha256').update(`${salt}\0${original}`).digest('hex');
  return `2.25.${BigInt(`0x${digest.slice(0, 32)}`).toString()}`;
}

function clean(dataset: DenaturalizedDataset, salt: string): DenaturalizedDataset {
  const result: DenaturalizedDataset = {};
  for (const [tag, element] of Object.entries(dataset)) {
    const group = Number.parseInt(tag.slice(0, 4), 16);
    if (group % 2 === 1) continue; // private tags: their content is unknown, so they go
    const rule = deidentificationProfile[tag.toUpperCase()];
    if (rule?.action === 'X') continue;
    if (rule?.action === 'Z') {
      result[tag] = { vr: element.vr, Value: [] };
      continue;
    }
    if (rule?.action === 'U') {
      result[tag] = {
        vr: element.vr,
        Value: (element.Value ?? []).map((uid) => replacementUid(salt, String(uid))),
      };
      continue;
    }
    if (element.vr === 'SQ') {
      result[tag] = {
        vr: 'SQ',
        Value: (element.Value ?? []).map((item) => clean(item as DenaturalizedDataset, salt)),
      };
      continue;
    }
    result[tag] = element;
  }
  return result;
}

/**
 * A de-identified copy of a DICOM file: identifiers removed or replaced per the profile, the
 * pixel data element passed through untouched. The original bytes are not changed.
 */
export function deidentifyDicom(bytes: Uint8Array, salt: string): Uint8Array {
  const { dicom } = parseDicom(bytes);
  const dataset = clean(dicom.dict, salt);
  dataset['00120062'] = { vr: 'CS', Value: ['YES'] }; // PatientIdentityRemoved
  dataset['00120063'] = { vr: 'LO', Value: [deidentificationMethod] }; // DeidentificationMethod
  const meta = clean(dicom.meta, salt);
  const output = new (dcmjsData().DicomDict)(meta);
  output.dict = Object.fromEntries(Object.entries(dataset).sort(([a], [b]) => a.localeCompare(b)));
  return new Uint8Array(output.write());
}
