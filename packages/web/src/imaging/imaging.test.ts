/// <reference path="../../../server/src/imaging/dcmjs.d.ts" />
// (dcmjs has no types of its own; the server declares the part Lamina uses.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { jpegBytes, syntheticStudy } from '../../../server/src/imaging/dicom.test-helper.ts';
import {
  axe,
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Imaging end to end: a care manager checks Rosa's demo MR study in the viewer and uploads files;
// Rosa uploads her own scan on /scans. Real server, real Chromium, files made by dcmjs.
const {
  server,
  browsers: [_staffBrowser, patientBrowser],
  pages: [page],
} = await startBrowserTest({ browsers: [{ width: 1280, height: 900 }, phone] });
let rosaId: string;

/** A hash of what the canvas shows, to tell that the picture changed; '' until a frame is drawn. */
const canvasPixels = (target: Page) =>
  target.locator('canvas.imaging-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    // Before the first frame the canvas has its blank default size (300x150): not a picture yet.
    if (!context || canvas.width === 0 || canvas.dataset.drawn === undefined) return '';
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + (data[i] ?? 0)) | 0;
    return `${canvas.width}x${canvas.height}:${hash}`;
  });

/** Waits for the drawn picture to differ from `before` (a state, not a time: generous for a busy machine). */
async function waitForPixelsChange(target: Page, before: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const now = await canvasPixels(target);
    if (now !== '' && now !== before) return now;
    await target.waitForTimeout(50);
  }
  throw new Error('the canvas did not change');
}

test('a care manager opens Rosa’s demo MR study, scrolls through it and changes window/level', async () => {
  await signInDemoStaff(server, page, 'nurse@demo.example');
  const patients = (await (await page.request.get(`${server.url}/api/patients`)).json()) as {
    patients: { id: string; givenName: string }[];
  };
  rosaId = patients.patients.find((p) => p.givenName === 'Rosa')?.id ?? '';
  assert.ok(rosaId);
  await page.goto(`${server.url}/console/patients/${rosaId}`);
  await page.getByRole('heading', { name: 'Scans and reports' }).waitFor();
  const study = page.locator('.imaging-studies li').first();
  await study.getByText('MR · LSPINE').waitFor();
  assert.match(await study.innerText(), /1 series, 8 images/);

  await study.getByRole('button', { name: 'View' }).click();
  await page.getByText('Image 1 of 8').waitFor();
  const first = await waitForPixelsChange(page, '');
  assert.match(first, /^128x128:/);
  await page.getByRole('img', { name: /Image 1 of series 1/ }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.getByText('Image 3 of 8').waitFor();
  const third = await waitForPixelsChange(page, first);
  await page.getByLabel('Image', { exact: true }).fill('6');
  await page.getByText('Image 7 of 8').waitFor();
  const seventh = await waitForPixelsChange(page, third);

  await page.getByRole('button', { name: 'Bone' }).click();
  const bone = await waitForPixelsChange(page, seventh);
  await page.getByLabel('Contrast (window width)').fill('300');
  await waitForPixelsChange(page, bone);
  assert.deepEqual(await axe(page), [], 'axe-core violations in the viewer');
  await page.locator('.imaging-viewer').scrollIntoViewIfNeeded();
  await screenshot(page, 'console-imaging-viewer');
});

test('the care manager uploads a DICOM made by the test and a renamed JPEG, and sees what happened to each', async () => {
  const [image] = syntheticStudy({
    studyDate: '20261105',
    bodyPart: 'CSPINE',
    series: [{ description: 'AX T2', images: 1 }],
  });
  assert.ok(image);
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'IM0001.dcm', mimeType: 'application/dicom', buffer: Buffer.from(image.bytes) },
    { name: 'photo.dcm', mimeType: 'application/dicom', buffer: Buffer.from(jpegBytes()) },
  ]);
  await page.getByRole('button', { name: 'Upload' }).click();
  await page
    .getByText('IM0001.dcm: stored. MR of CSPINE, Nov 5, 2026: 1 series, 1 images.')
    .waitFor();
  await page
    .getByText(
      'photo.dcm: not stored. This file is not a DICOM image: it looks like a JPEG picture.',
      { exact: false },
    )
    .waitFor();
  await page.locator('.imaging-studies li', { hasText: 'CSPINE' }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe-core violations after uploads');
});

test('Rosa uploads her own scan on My scans', async () => {
  const patient = await patientBrowser.context.newPage();
  await signInDemoPatient(server, patient.request, 'rosa@demo.example');
  await patient.goto(`${server.url}/learn`);
  await patient.getByRole('link', { name: 'My scans' }).click();
  await patient.getByRole('heading', { name: 'My scans', level: 1 }).waitFor();
  const [image] = syntheticStudy({
    studyDate: '20261120',
    series: [{ description: 'SAG T1', images: 1 }],
  });
  assert.ok(image);
  await patient.getByLabel('Choose files').setInputFiles({
    name: 'my-scan.dcm',
    mimeType: 'application/dicom',
    buffer: Buffer.from(image.bytes),
  });
  await patient.getByRole('button', { name: 'Upload' }).click();
  await patient
    .getByText('my-scan.dcm: stored. MR of LSPINE, Nov 20, 2026: 1 series, 1 images.')
    .waitFor();
  // The list reloads after the upload answers: wait for the third study, then count.
  await patient.locator('.imaging-studies li').nth(2).waitFor();
  assert.equal(
    await patient.locator('.imaging-studies li').count(),
    3,
    'the demo study, the one the nurse added, and hers',
  );
  assert.deepEqual(await axe(patient), [], 'axe-core violations on My scans');
  await screenshot(patient, 'patient-my-scans');
  await patient.close();
});
