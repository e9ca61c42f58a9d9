import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { syntheticStudy } from '../../../../server/src/imaging/dicom.test-helper.ts';
import {
  axe,
  noAxeViolations,
  openBrowser,
  phone,
  screenshot,
  shortCandidacyCheck,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../../testing/browser.test-helper.ts';

// A free MRI/CT review from the candidacy result with a DICOM upload, checked by a care manager
// in the console: a visitor in one browser, the care manager in another, the real demo server.
const {
  server,
  pages: [visitor, nurse],
} = await startBrowserTest({ browsers: [phone, { width: 1280, height: 900 }] });
const folder = mkdtempSync(join(tmpdir(), 'lamina-request-imaging-'));
after(() => rmSync(folder, { recursive: true, force: true }));

test('MRI review request from the candidacy result with a DICOM upload; the care manager sees the study and opens the viewer', async () => {
  await shortCandidacyCheck(server, visitor);
  await visitor.getByRole('link', { name: 'Free MRI/CT review' }).click();
  await visitor.waitForURL(/\/request\/imaging_review\?clinic=demo&assessment=[0-9a-f-]{36}/);
  await visitor.getByRole('heading', { name: 'Free MRI/CT review', level: 1 }).waitFor();
  await visitor.getByText('Your answers from the check will be added').waitFor();
  await visitor.getByLabel('Your name').fill('Milo Scan');
  await visitor.getByLabel('Email').fill('milo@example.org');
  await visitor.getByLabel(/Which scans do you have/).fill('MRI in March');
  await visitor.getByRole('checkbox', { name: /may contact me/ }).check();
  await visitor.getByRole('button', { name: 'Send request' }).click();

  await visitor.waitForURL(/\/request-status\/[0-9a-f-]{36}\?clinic=demo#token=/);
  await visitor.getByRole('heading', { name: 'Add your scans' }).waitFor();
  await visitor.getByText('No files yet.').waitFor();
  await noAxeViolations(visitor, 'status page with the scan upload');

  // A real DICOM study made by the test, written to a file and chosen in the file input.
  const study = syntheticStudy({
    studyDate: '20260314',
    bodyPart: 'LSPINE',
    patientName: 'Scan^Milo',
    series: [{ description: 'SAG T2', images: 3, rows: 64, columns: 64 }],
  });
  const paths = study.map((file, index) => {
    const path = join(folder, `IM${index + 1}.dcm`);
    writeFileSync(path, file.bytes);
    return path;
  });
  await visitor.getByLabel('Choose files').setInputFiles(paths);
  await visitor.getByRole('button', { name: 'Upload' }).click();
  await visitor
    .getByText('IM3.dcm: stored. MR of LSPINE, Mar 14, 2026: 1 series, 3 images.')
    .waitFor();
  const received = visitor.getByTestId('request-scans');
  await received.getByText('Scan: MR, LSPINE, taken Mar 14, 2026 (1 series, 3 images)').waitFor();
  await noAxeViolations(visitor, 'status page after the upload');
  await received.scrollIntoViewIfNeeded();
  await screenshot(visitor, '43-request-scans-uploaded');
  // The same section in Spanish.
  await visitor.getByRole('button', { name: 'Español' }).click();
  await visitor.getByRole('heading', { name: 'Agregue sus estudios' }).waitFor();
  await received.getByText(/^Estudio: MR, LSPINE, hecho el 14 mar 2026/).waitFor();
  await noAxeViolations(visitor, 'status page with the scan upload (es)');
  await visitor.getByRole('button', { name: 'English' }).click();

  // The care manager opens the request and checks the right study arrived.
  await signInDemoStaff(server, nurse, 'nurse@demo.example');
  await nurse.getByRole('link', { name: 'Requests' }).click();
  await nurse.getByTestId('requests-table').waitFor();
  await nurse.getByRole('button', { name: 'Open request from Milo Scan' }).click();
  await nurse.getByRole('heading', { name: 'MRI/CT review from Milo Scan' }).waitFor();
  const attached = nurse.getByTestId('request-imaging');
  await attached.getByText('MR · LSPINE · Mar 14, 2026 · 1 series, 3 images').waitFor();
  await noAxeViolations(nurse, 'console request with attached scans');
  await attached.getByRole('button', { name: 'View images' }).click();
  await nurse.getByText('Image 1 of 3').waitFor();
  const canvas = nurse.locator('canvas.imaging-canvas');
  await canvas.waitFor();
  await nurse.waitForFunction(() => {
    const shown = document.querySelector<HTMLCanvasElement>('canvas.imaging-canvas');
    return shown !== null && shown.width === 64;
  });
  await noAxeViolations(nurse, 'console request viewer');
  await nurse.locator('.imaging-viewer').scrollIntoViewIfNeeded();
  await screenshot(nurse, '44-console-request-viewer');
});

test('a signed-in patient adds a scan to their own MRI review request from Your requests', async () => {
  const patientBrowser = await openBrowser();
  const patient = await patientBrowser.context.newPage();
  try {
    const me = {
      patientId: await signInDemoPatient(server, patient.request, 'rosa@demo.example'),
    };
    const made = await patient.request.post(`${server.url}/api/patients/${me.patientId}/requests`, {
      data: { kind: 'imaging_review', imagingNote: 'CT after my fall', consent: true },
    });
    assert.equal(made.status(), 201, await made.text());
    const { requestId } = (await made.json()) as { requestId: string };

    await patient.goto(`${server.url}/request`);
    const mine = patient.getByTestId('own-request').filter({ hasText: 'Free MRI/CT review' });
    await mine.getByText('Add your scans').click();
    const [image] = syntheticStudy({
      modality: 'CT',
      bodyPart: 'CSPINE',
      studyDate: '20261120',
      series: [{ description: 'AX', images: 1 }],
    });
    assert.ok(image);
    const path = join(folder, 'ct.dcm');
    writeFileSync(path, image.bytes);
    await mine.getByLabel('Choose files').setInputFiles(path);
    await mine.getByRole('button', { name: 'Upload' }).click();
    await mine
      .getByText('ct.dcm: stored. CT of CSPINE, Nov 20, 2026: 1 series, 1 images.')
      .waitFor();
    assert.deepEqual(await axe(patient), [], 'axe-core violations on Your requests');

    // The care manager sees it with the request.
    await nurse.goto(`${server.url}/console/requests?open=${requestId}`);
    await nurse
      .getByTestId('request-imaging')
      .getByText('CT · CSPINE · Nov 20, 2026 · 1 series, 1 images')
      .waitFor();
  } finally {
    await patientBrowser.close();
  }
});
