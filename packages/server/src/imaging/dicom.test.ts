import assert from 'node:assert/strict';
import { test } from 'node:test';
import dcmjs from 'dcmjs';
import { deidentifyDicom, replacementUid } from './deidentify.ts';
import { compressedDicom, jpegBytes, slicePixels, syntheticStudy } from './dicom.test-helper.ts';
import { FileRejection, parseDicom, pixelDataOf, readFrame, sniffKind } from './dicom.ts';

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
const asBuffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

test('a valid DICOM image is read with its study metadata', () => {
  const [file] = syntheticStudy({ studyDate: '20261002', bodyPart: 'LSPINE' });
  assert.ok(file);
  const { summary } = parseDicom(file.bytes);
  assert.equal(summary.modality, 'MR');
  assert.equal(summary.bodyPart, 'LSPINE');
  assert.equal(summary.studyDate, '2026-10-02');
  assert.equal(summary.sopInstanceUid, file.sopInstanceUid);
  assert.equal(summary.seriesInstanceUid, file.seriesInstanceUid);
  assert.equal(summary.seriesDescription, 'SAG T2');
  assert.deepEqual([summary.rows, summary.columns, summary.frames], [16, 16, 1]);
  assert.equal(summary.transferSyntax, '1.2.840.10008.1.2.1');
});

test('a JPEG renamed to .dcm is refused, saying it looks like a JPEG picture', () => {
  assert.equal(sniffKind(jpegBytes()), 'jpeg');
  assert.throws(
    () => parseDicom(jpegBytes()),
    (error: Error) =>
      error instanceof FileRejection &&
      error.message.startsWith('This file is not a DICOM image: it looks like a JPEG picture.'),
  );
});

test('random bytes are refused as not DICOM', () => {
  const random = new Uint8Array(400).map((_, i) => (i * 37 + 11) % 251);
  assert.throws(() => parseDicom(random), /This file is not a DICOM image: it does not start/);
});

test('a DICOM file cut short anywhere after its header is refused as incomplete', () => {
  const [file] = syntheticStudy();
  assert.ok(file);
  // dcmjs alone reads the first of these without an error; each must be refused.
  for (const keep of [file.bytes.length - 1, file.bytes.length - 100, 300, 200, 140]) {
    assert.throws(
      () => parseDicom(file.bytes.slice(0, keep)),
      (error: Error) =>
        error instanceof FileRejection && error.message.startsWith('This DICOM file is incomplete'),
      `cut at ${keep} of ${file.bytes.length}`,
    );
  }
});

test('a DICOM file without a Study Instance UID is refused, naming what is missing', () => {
  const [file] = syntheticStudy();
  assert.ok(file);
  const dicom = DicomMessage.readFile(asBuffer(file.bytes));
  delete dicom.dict['0020000D'];
  const bytes = new Uint8Array(dicom.write());
  assert.throws(() => parseDicom(bytes), /lacks .*Study Instance UID/);
});

test('de-identified copy: no name, ID or birth date, private tags gone, new UIDs, pixels byte-for-byte the same', () => {
  const files = syntheticStudy({ patientName: 'Zebulon^Quartermaine', patientId: 'MRN-31415' });
  const salt = 'study-salt';
  const [first, second] = files;
  assert.ok(first && second);
  const before = new Uint8Array(first.bytes);
  const copy = deidentifyDicom(first.bytes, salt);
  assert.deepEqual(first.bytes, before, 'the original is not changed');

  const raw = Buffer.from(copy).toString('latin1');
  for (const secret of [
    'Zebulon',
    'Quartermaine',
    'MRN-31415',
    '19580314',
    'Valley Imaging',
    'Referrer',
    'Performer',
    'ACC-445566',
    'OLD-5544',
    'Example Lane',
    'ACME',
  ])
    assert.ok(!raw.includes(secret), `${secret} is not in the de-identified bytes`);
  assert.ok(raw.includes(first.sopInstanceUid) === false, 'the original SOP Instance UID is gone');

  const parsed = DicomMessage.readFile(asBuffer(copy));
  const data = DicomMetaDictionary.naturalizeDataset(parsed.dict);
  // Name, ID and birth date are present but empty (action Z), as the profile asks.
  for (const tag of ['00100010', '00100020', '00100030'])
    assert.ok(
      (parsed.dict[tag]?.Value ?? []).every((value) => value === ''),
      tag,
    );
  assert.equal(data.PatientIdentityRemoved, 'YES');
  assert.match(String(data.DeidentificationMethod), /PS3.15 Annex E/);
  assert.equal(
    Object.keys(parsed.dict).filter((tag) => Number.parseInt(tag.slice(0, 4), 16) % 2 === 1).length,
    0,
  );
  assert.equal(data.SOPInstanceUID, replacementUid(salt, first.sopInstanceUid));
  assert.match(String(data.StudyInstanceUID), /^2\.25\.\d+$/);
  assert.equal(
    DicomMetaDictionary.naturalizeDataset(parsed.meta).MediaStorageSOPInstanceUID,
    data.SOPInstanceUID,
  );
  // The same study keeps one new Study Instance UID across its files.
  const other = DicomMetaDictionary.naturalizeDataset(
    DicomMessage.readFile(asBuffer(deidentifyDicom(second.bytes, salt))).dict,
  );
  assert.equal(other.StudyInstanceUID, data.StudyInstanceUID);

  assert.deepEqual(
    pixelDataOf(parsed.dict),
    pixelDataOf(DicomMessage.readFile(asBuffer(first.bytes)).dict),
  );
  assert.equal(parseDicom(copy).summary.modality, 'MR', 'the copy is itself valid DICOM');
  const nested = parsed.dict['00081140']?.Value?.[0] as Record<string, { Value: string[] }>;
  const originalStudyUid = parseDicom(first.bytes).summary.studyInstanceUid;
  assert.equal(nested['00081155']?.Value[0], replacementUid(salt, `${originalStudyUid}.77`));
  assert.match(
    String(nested['00081155']?.Value[0]),
    /^2\.25\.\d+$/,
    'a UID inside a sequence is replaced too',
  );
});

test('a frame is read as little-endian pixel values with its display settings', () => {
  const [file] = syntheticStudy();
  assert.ok(file);
  const frame = readFrame(file.bytes, 0);
  assert.deepEqual(
    [frame.rows, frame.columns, frame.bitsAllocated, frame.pixelRepresentation],
    [16, 16, 16, 0],
  );
  assert.deepEqual(
    [frame.windowCenter, frame.windowWidth, frame.rescaleSlope, frame.rescaleIntercept],
    [900, 1600, 1, 0],
  );
  const values = new Uint16Array(
    frame.pixels.buffer,
    frame.pixels.byteOffset,
    frame.pixels.byteLength / 2,
  );
  assert.deepEqual([...values], [...slicePixels(16, 16, 1)]);
  assert.throws(() => readFrame(file.bytes, 1), /there is no frame 2/);
});

test('a compressed image (encapsulated pixel data) is valid and checked for truncation, but the viewer says it cannot show it', () => {
  const bytes = compressedDicom();
  assert.equal(parseDicom(bytes).summary.transferSyntax, '1.2.840.10008.1.2.4.50');
  assert.throws(() => readFrame(bytes, 0), /compressed .* this simple viewer cannot show/);
  assert.throws(() => parseDicom(bytes.slice(0, bytes.length - 12)), /incomplete/);
});
